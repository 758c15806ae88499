#pragma once

#include "backgroundjob.h"
#include "figure.h"
#include "regioncomparison.h"
#include "regionspage.h"
#include "steppedpicture.h"
#include "viewevaluator.h"

#include "session/config.h"
#include "training/history.h"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QTabBar;
class QTimer;

namespace np {

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
    /// Counted on the coarser grid used while training (the view says so); refined when paused.
    bool isCoarse() const;
    /// The text the current page shows (captions, totals, explanation), one line per entry.
    QStringList shownText() const;
    /// Point images drawn so far (each new size, data or position within a pixel draws one).
    int pointLayerDraws() const { return m_pointLayer.draws; }

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
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onComparisonProgress(int run, std::int64_t epoch);
    void onComparisonDone(std::vector<RegionComparisonRun> runs);
    void updateControls();

    QRectF pageRect() const;
    /// Something other than a new frame changed what is shown: drawn anew at once.
    void changed();
    // The screen cache: a new frame's page drawn into an image in steps (RegionsPage::drawStep),
    // one map per turn of the event loop, shown once complete (m_picture).
    void startRender();
    void dropCache();

    RegionsPage networkContent() const;
    RegionsPage comparisonContent() const;
    RegionsPage currentPage() const;

    QTabBar *m_tabs = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_compare = nullptr;
    QPushButton *m_cancel = nullptr;
    QWidget *m_bar = nullptr;

    ViewFrame m_frame;
    bool m_haveFrame = false;
    mutable RegionsPage::PointLayer m_pointLayer;  ///< the training points, drawn once per size and data
    mutable RegionsPage::LayoutCache m_layout;     ///< where the maps and captions go, per size and text
    Page m_page = Page::Network;

    Config m_config;
    Dataset m_dataset;
    std::int64_t m_comparisonEpochs = 300;
    std::vector<RegionComparisonRun> m_comparison;
    bool m_comparing = false;
    /// Its revision: of what is shown, one more per frame or other change.
    SteppedPicture m_picture{this, QStringLiteral("regionsRenderStep"), [this] { startRender(); }};
    BackgroundJob m_comparisonJob;  ///< declared last: destroyed first, it stops a running comparison
};

}  // namespace np
