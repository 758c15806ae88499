#pragma once

#include "decimatedseries.h"
#include "figure.h"
#include "lossplotmarkers.h"
#include "repaintpacer.h"
#include "training/history.h"

#include "session/config.h"

#include <QWidget>

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

namespace np {

struct LossPlotLayout;

/// Training and validation loss over epochs with accuracy (or RMSE for regression) on a second
/// axis, linear or log scale, a hover read-out, and an optional learning-rate track. Draws a
/// decimated copy of the history, so it stays fast however long training runs.
class LossPlot : public QWidget, public Figure
{
    Q_OBJECT

public:
    /// The curves the plot knows; which are drawn depends on the task and the data present.
    enum Series {
        TrainLoss,
        ValidationLoss,
        TrainAccuracy,
        ValidationAccuracy,
        TrainRmse,
        ValidationRmse,
        LearningRate,
        SeriesCount
    };

    /// One value per series, NaN where it does not apply.
    using Values = std::array<double, SeriesCount>;

    /// A labelled event on the epoch axis: a setting changed while training ("η 0.01 → 0.1").
    struct Marker
    {
        std::int64_t epoch = 0;
        ConfigChange change;

        QString text() const { return change.label(); }
    };

    /// The most min/max buckets the plot keeps per series, however long the history grows.
    static constexpr std::size_t kMaxBuckets = 2048;
    /// New rows repaint the plot at most once per this many milliseconds (30 times a second, the
    /// views' rate): training sends them with every snapshot, 60 a second, and a repaint of four
    /// curves across the plot costs over a millisecond. The last rows always get their repaint.
    static constexpr int kRepaintMs = 33;
    /// The smallest value the log scale shows; zeros and tinier values are drawn there.
    static constexpr double kLogFloor = 1e-8;

    explicit LossPlot(QWidget *parent = nullptr);

    /// The history to show. With reset, it replaces what the plot had (a new run or a compacted
    /// history); otherwise only rows past the ones already seen are new.
    void setHistory(const History &history, bool reset);
    bool isClassification() const { return m_classification; }
    void setClassification(bool classification);

    bool logScale() const { return m_logScale; }
    void setLogScale(bool logScale);
    bool showLearningRate() const { return m_showLearningRate; }
    void setShowLearningRate(bool show);

    /// Marks a change of the settings or the data at `epoch` with one label per change
    /// (configChanges()); nothing before training has started (epoch 0) or when nothing the
    /// curves depend on changed. Markers stay until the history restarts at epoch 0.
    void noteChange(std::int64_t epoch, const Config &before, const Config &after, bool dataChanged);
    /// One change at `epoch`; a second change of the same setting in the same epoch (a slider
    /// dragged while paused) extends the first ("η 0.01 → 0.1"), and a change back removes it.
    void addMarker(std::int64_t epoch, const ConfigChange &change);
    const std::vector<Marker> &markers() const { return m_markers; }
    /// The markers' labels as drawn ("η 0.01 → 0.1"), oldest first.
    QStringList markerLabels() const;

    /// A reference loss drawn as a dotted line across the plot with its label (the closed-form
    /// optimum's training loss, "closed form 0.0123"); NaN removes it. The loss axis includes it.
    void setReferenceLoss(double loss, const QString &label);
    double referenceLoss() const { return m_referenceLoss; }
    QString referenceLabel() const { return m_referenceLabel; }

    /// What the plot says about curves off the top of the scale after a blow-up ("loss up to 3.2e26",
    /// drawn after a ▲), one line per axis; empty when all fit.
    QStringList offScaleNotes() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// Milliseconds on a steady clock, for spacing the repaints for new rows; tests set their own.
    void setClock(std::function<qint64()> milliseconds) { m_pacer.setClock(std::move(milliseconds)); }
    /// New rows wait for a repaint (kRepaintMs after the last paint).
    bool repaintPending() const { return m_pacer.pending(); }

    /// Rows kept for the read-out (the whole history seen since the last reset).
    std::size_t rowCount() const { return m_rows.size(); }
    /// Min/max buckets the curves are drawn from; never more than kMaxBuckets.
    std::size_t bucketCount() const { return m_series.bucketCount(); }

    /// The read-out for the recorded row nearest to `epoch`: "epoch N", then one "name value"
    /// line per curve shown that has a value in that row. Empty without history.
    QString readoutAt(double epoch) const;
    /// The read-out under the mouse pointer; empty when the pointer is not over the plot.
    QString hoverText() const;
    /// The names in the legend, in drawing order.
    QStringList legendLabels() const;
    /// The colour of a curve in the current palette (lighter variants on dark backgrounds).
    QColor seriesColor(Series series) const;

    /// The loss axis as it is laid out now: its range and tick values, in loss units.
    std::pair<double, double> leftRange() const;
    std::vector<double> leftTicks() const;
    /// The right axis (accuracy as a share in [0, 1], or RMSE); empty when nothing is on it.
    std::vector<double> rightTicks() const;
    std::vector<double> bottomTicks() const;
    /// The tick labels as drawn on the left, right or bottom edge ("1.5M", "0.01", "80%").
    QStringList tickLabels(Qt::Edge edge) const;
    /// The rectangle the loss curves are drawn in, and where (epoch, loss) lands in it.
    QRectF plotArea() const;
    QPointF toPixel(double epoch, double loss) const;

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    /// What the plot keeps of one history row; NaN where a value does not apply.
    struct Row
    {
        std::int64_t epoch = 0;
        Values values{};
    };

    void clear();
    void append(const HistoryRecord &record);
    Series metricSeries(bool validation) const;
    std::vector<Series> shownSeries() const;
    const Row *nearestRow(double epoch) const;
    std::vector<std::pair<int, QString>> readoutLines(const Row &row) const;
    /// The layout in the widget, or in any area measured with any device's font metrics.
    LossPlotLayout layout() const;
    LossPlotLayout layout(const QRectF &area, const QFontMetricsF &fm, bool legend) const;

    std::vector<Row> m_rows;
    std::vector<Marker> m_markers;
    DecimatedSeries m_series{kMaxBuckets, kLogFloor};  ///< what the curves are drawn from
    bool m_classification = true;
    bool m_logScale = false;
    bool m_showLearningRate = false;
    double m_referenceLoss = std::numeric_limits<double>::quiet_NaN();
    QString m_referenceLabel;
    bool m_hovering = false;
    QPointF m_hoverPos;
    RepaintPacer m_pacer;  ///< the repaints for new rows
};

}  // namespace np
