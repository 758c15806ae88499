#pragma once

#include "decimatedseries.h"
#include "lossplot.h"
#include "plotaxis.h"
#include "valuecap.h"

#include <QRectF>

#include <array>
#include <limits>
#include <utility>
#include <vector>

class QFontMetricsF;

namespace np {

/// Where the loss plot's extents and positions start before any value narrows them.
inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// What the loss plot's layout depends on besides the area and the font.
struct LossPlotState
{
    const DecimatedSeries &series;           ///< the curves, for the axes' ranges and the epochs
    std::vector<LossPlot::Series> shown;     ///< in legend order
    bool logScale = false;
    bool classification = true;
    double reference = std::numeric_limits<double>::quiet_NaN();  ///< a loss the left axis must show (NaN: none)
};

/// Where everything goes for the current size, font and data; computed for each paint and
/// mouse query (O(buckets), never O(history)).
struct LossPlotLayout
{
    using Series = LossPlot::Series;

    QRectF area;      ///< everything the plot may use: the widget, or a figure's rectangle
    double lineHeight = 0.0;
    double pad = 0.0;
    double tick = 0.0;
    double curveWidth = 1.5;
    QRectF plot;      ///< loss and metric curves
    QRectF rateBand;  ///< the learning-rate track under the plot; empty when not shown
    double labelTop = 0.0;  ///< top of the epoch labels row
    PlotScale x;
    PlotScale left;
    PlotScale right;
    PlotScale rate;
    bool rightShown = false;
    /// Where a blown-up loss (or RMSE) leaves the axes: the left (loss) and right axis' caps,
    /// and the first epoch each series goes off the scale (-1 when it stays on it).
    ValueCap leftCap;
    ValueCap rightCap;
    std::array<double, LossPlot::SeriesCount> offScaleFrom{};
    std::array<double, LossPlot::SeriesCount> offScalePeak{};  ///< each series' highest value
    Series metric = LossPlot::TrainAccuracy;            ///< the training metric, on the right axis
    Series validationMetric = LossPlot::ValidationAccuracy;
    std::vector<Series> shown;
    std::vector<std::pair<Series, QRectF>> legend;

    /// Lays out `area`, measured with `fm`, for the series shown and the values the decimated
    /// series holds; the legend only with `legend`.
    static LossPlotLayout compute(const QRectF &area, const QFontMetricsF &fm, bool legend, const LossPlotState &state);

    double toX(double epoch) const { return plot.left() + x.fraction(epoch) * plot.width(); }
    double epochAt(double px) const { return x.valueAt((px - plot.left()) / plot.width()); }
    const PlotScale &scaleOf(Series s) const
    {
        return s == LossPlot::TrainLoss || s == LossPlot::ValidationLoss ? left : s == LossPlot::LearningRate ? rate : right;
    }
    const QRectF &areaOf(Series s) const { return s == LossPlot::LearningRate ? rateBand : plot; }
    double toY(Series s, double v) const
    {
        const QRectF &area = areaOf(s);
        return area.bottom() - scaleOf(s).fraction(v) * area.height();
    }
    /// Plot and learning-rate band together: where hovering reads out a row.
    QRectF hoverArea() const
    {
        return rateBand.isEmpty() ? plot : QRectF(plot.topLeft(), QPointF(plot.right(), rateBand.bottom()));
    }
};

}  // namespace np
