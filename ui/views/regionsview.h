#pragma once

#include "backgroundjob.h"
#include "figure.h"
#include "viewevaluator.h"

#include "session/config.h"
#include "training/history.h"

#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QFontMetricsF;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabBar;

namespace np {

/// One network of the depth comparison, trained on the user's data, with its regions counted.
struct RegionComparisonRun
{
    QString label;                               ///< "1×20", "2×10"
    NetworkSpec network;
    std::shared_ptr<const RegionFrame> regions;  ///< null when training failed
    std::int64_t epochs = 0;                     ///< epochs trained
    Metrics train;                               ///< at the end of training
    Metrics validation;
    QString note;                                ///< why training stopped early, or why it could not start
};

/// The config the comparison trains: the user's, with the hidden layers replaced by ReLU layers
/// of these widths (keeping the first layer's other settings), gradient descent (with the
/// problem's default head if the user's is the perceptron's step), and at most `epochs` epochs.
Config comparisonConfig(const Config &config, const Dataset &dataset, const std::vector<int> &widths,
                        std::int64_t epochs);

/// Trains one hidden layer of 20 ReLU units and two of 10 on the data, one after the other, on the
/// calling thread, and counts their regions at `resolution`. progress(run, epoch) is called from
/// the same thread as epochs pass. Stops early, returning the runs finished so far, once cancel is set.
std::vector<RegionComparisonRun> runRegionComparison(const Config &config, const Dataset &dataset,
                                                     std::int64_t epochs, int resolution,
                                                     const std::atomic<bool> &cancel,
                                                     const std::function<void(int, std::int64_t)> &progress);

/// The linear regions of a piecewise-linear network: the plane coloured by activation pattern
/// after each hidden layer (cumulative), the regions found against the bounds for the
/// architecture, and a ready comparison of a shallow and a deep ReLU network trained in the
/// background on the current data.
class RegionsView : public QWidget, public Figure
{
    Q_OBJECT

public:
    /// What the network page shows.
    enum class State { Empty, Regions, NoHiddenLayers, NotPiecewiseLinear };
    enum class Page { Network, Comparison };

    explicit RegionsView(QWidget *parent = nullptr);
    ~RegionsView() override;

    /// The newest evaluated frame; it needs ViewNeeds::regions.
    void setFrame(const ViewFrame &frame);
    /// The config and data the comparison trains with. New data cancels a running comparison
    /// and drops a finished one, which no longer describes this data.
    void setData(const Config &config, const Dataset &dataset);

    State state() const;
    /// Regions found after each hidden layer (cumulative), and over the whole network.
    std::vector<int> regionCounts() const;
    int totalRegions() const;
    /// The bounds for the whole network: the arrangement upper bound and Montúfar's.
    double upperBound() const;
    double montufarBound() const;
    /// The pixel grid the regions were counted on (its side).
    int resolution() const;
    /// The text the current page shows (captions, totals, explanation), one line per entry.
    QStringList shownText() const;

    Page page() const { return m_page; }
    void setPage(Page page);

    /// Trains the 1×20 and 2×10 networks in the background and shows them side by side.
    void startComparison();
    void cancelComparison();
    bool isComparing() const { return m_comparing; }
    const std::vector<RegionComparisonRun> &comparison() const { return m_comparison; }
    std::int64_t comparisonEpochs() const { return m_comparisonEpochs; }
    void setComparisonEpochs(std::int64_t epochs) { m_comparisonEpochs = epochs; }

    QString figureName() const override { return QStringLiteral("regions"); }
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

    QSize sizeHint() const override;

signals:
    void comparisonFinished();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Panel;
    struct Content;
    /// Where the maps go: a grid of squares with their captions below.
    struct PanelGrid
    {
        int columns = 1;
        double side = 0;
        double gap = 0;
        double captionHeight = 0;
        QSizeF size;  ///< of the whole grid
    };

    void onComparisonProgress(int run, std::int64_t epoch);
    void onComparisonDone(std::vector<RegionComparisonRun> runs);
    void updateControls();

    Content networkContent() const;
    Content comparisonContent() const;
    void drawContent(QPainter &painter, const QRectF &rect) const;
    static PanelGrid panelGrid(const QFontMetricsF &fm, const QSizeF &size, const std::vector<Panel> &panels);
    void drawPanels(QPainter &painter, const QPointF &topLeft, const PanelGrid &grid,
                    const std::vector<Panel> &panels) const;
    void drawPoints(QPainter &painter, const QRectF &square, double radius) const;

    QTabBar *m_tabs = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_compare = nullptr;
    QPushButton *m_cancel = nullptr;
    QWidget *m_bar = nullptr;

    ViewFrame m_frame;
    bool m_haveFrame = false;
    Page m_page = Page::Network;

    Config m_config;
    Dataset m_dataset;
    std::int64_t m_comparisonEpochs = 300;
    std::vector<RegionComparisonRun> m_comparison;
    bool m_comparing = false;
    BackgroundJob m_comparisonJob;  ///< declared last: destroyed first, it stops a running comparison
};

}  // namespace np
