#include "lossplotlayout.h"
#include "lossseries.h"
#include "numberformat.h"

#include <QFontMetricsF>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace np {

namespace {

/// The finite values of one or more series over all buckets.
struct Extent
{
    double low = kInf;
    double high = -kInf;
    double lowPositive = kInf;

    bool isEmpty() const { return !(low <= high); }
    Extent operator|(const Extent &o) const
    {
        return {std::min(low, o.low), std::max(high, o.high), std::min(lowPositive, o.lowPositive)};
    }
};

/// A value axis from 0 (or the lowest value, if negative) to a tick at or above the highest.
PlotScale valueScale(Extent e, int tickCount)
{
    const double low = e.isEmpty() ? 0.0 : std::min(e.low, 0.0);
    return linearScale(low, e.isEmpty() ? 1.0 : e.high, tickCount);
}

/// A log axis over whole decades. Zeros (a perfectly fitted training set) get one decade of
/// room below the smallest positive value, and nothing goes below kLogFloor, so a single
/// 1e-300 cannot squash the interesting part of the curve.
PlotScale logValueScale(Extent e, int tickCount)
{
    const int floorDecade = static_cast<int>(std::lround(std::log10(LossPlot::kLogFloor)));
    int bottom = -2;  // no data yet: 0.01 to 1
    int top = 0;
    if (!e.isEmpty() && std::isfinite(e.lowPositive)) {
        bottom = static_cast<int>(std::floor(std::log10(std::max(e.lowPositive, LossPlot::kLogFloor)) + 1e-9));
        if (e.low <= 0.0)
            --bottom;
        top = static_cast<int>(std::ceil(std::log10(e.high) - 1e-9));
    } else if (!e.isEmpty()) {
        bottom = floorDecade;  // nothing above zero: all of it lies on the floor
    }
    return decadeScale(std::max(bottom, floorDecade), top, tickCount);
}

/// The cap of one quantity's axis (a training and a validation series) from the buckets' means
/// and highs: the training series' levels where it has them.
ValueCap valueCap(const DecimatedSeries &series, LossPlot::Series train, LossPlot::Series validation, double factor)
{
    std::vector<double> levels;
    std::vector<double> highs;
    levels.reserve(series.bucketCount());
    highs.reserve(series.bucketCount());
    for (std::size_t b = 0; b < series.bucketCount(); ++b) {
        const DecimatedSeries::Summary &t = series.summary(b, train);
        const DecimatedSeries::Summary &v = series.summary(b, validation);
        if (t.count == 0 && v.count == 0)
            continue;
        levels.push_back(t.count > 0 ? t.mean() : v.mean());
        highs.push_back(std::max(t.count > 0 ? t.high : -kInf, v.count > 0 ? v.high : -kInf));
    }
    return capBlowUp(levels, highs, factor);
}

/// The epoch axis spans exactly the recorded epochs, so the curve fills the width as it grows.
PlotScale epochScale(double first, double last, int tickCount)
{
    PlotScale s;
    s.lo = first;
    s.hi = last;
    if (s.hi <= s.lo) {  // one row: centre it
        s.lo -= 0.5;
        s.hi += 0.5;
    }
    s.step = std::max(1.0, niceStep(s.hi - s.lo, tickCount));
    s.ticks = multiplesBetween(s.lo, s.hi, s.step);
    return s;
}

}  // namespace

LossPlotLayout LossPlotLayout::compute(const QRectF &area, const QFontMetricsF &fm, bool legend, const LossPlotState &state)
{
    // Every length derives from the font, so a projector's large font scales the whole plot.
    LossPlotLayout l;
    l.area = area;
    const double lh = fm.height();
    l.lineHeight = lh;
    l.pad = std::max(2.0, std::round(lh / 2));
    l.tick = std::max(2.0, std::round(lh / 4));
    l.curveWidth = std::max(1.5, lh / 9);
    l.shown = state.shown;
    l.metric = state.classification ? LossPlot::TrainAccuracy : LossPlot::TrainRmse;
    l.validationMetric = state.classification ? LossPlot::ValidationAccuracy : LossPlot::ValidationRmse;

    std::array<Extent, LossPlot::SeriesCount> extents;
    for (std::size_t b = 0; b < state.series.bucketCount(); ++b) {
        for (std::size_t s = 0; s < extents.size(); ++s) {
            const DecimatedSeries::Summary &v = state.series.summary(b, s);
            if (v.count == 0)
                continue;
            extents[s].low = std::min(extents[s].low, v.low);
            extents[s].high = std::max(extents[s].high, v.high);
            if (!std::isnan(v.lowPositive))
                extents[s].lowPositive = std::min(extents[s].lowPositive, v.lowPositive);
        }
    }
    const auto isShown = [&l](Series s) { return std::find(l.shown.begin(), l.shown.end(), s) != l.shown.end(); };

    // The legend flows left to right and wraps, so a narrow dock still shows every entry.
    const double sample = 1.6 * lh;
    double x = area.left() + l.pad;
    double y = area.top() + l.pad;
    for (Series s : legend ? l.shown : std::vector<Series>{}) {
        const double w = sample + l.pad / 2 + fm.horizontalAdvance(lossSeriesName(s));
        if (x > area.left() + l.pad && x + w > area.right() - l.pad) {
            x = area.left() + l.pad;
            y += lh;
        }
        l.legend.emplace_back(s, QRectF(x, y, w, lh));
        x += w + lh;
    }
    const double legendBottom = l.legend.empty() ? area.top() + l.pad : y + lh;

    // Vertical: legend, plot (room for half a tick label above), learning-rate band, epoch labels.
    const double top = legendBottom + l.pad / 2 + lh / 2;
    l.labelTop = area.bottom() - l.pad / 2 - lh;
    double bottom = l.labelTop - l.tick;
    const bool rateShown = isShown(LossPlot::LearningRate);
    double bandTop = bottom;
    if (rateShown) {
        const double band = std::max(2.0 * lh, 0.2 * (bottom - top));
        bandTop = bottom - band;
        bottom = bandTop - l.pad;
    }
    bottom = std::max(bottom, top + 1);
    const int yTicks = std::max(2, static_cast<int>((bottom - top) / (2.2 * lh)));

    // A run that blew up (loss 1e26 before the NaN) would squash everything before it onto the
    // bottom edge: the axis stops above the ordinary values and the rest goes off the scale.
    const double blowUp = state.logScale ? kLogBlowUp : kLinearBlowUp;
    Extent loss = extents[LossPlot::TrainLoss] | extents[LossPlot::ValidationLoss];
    l.leftCap = valueCap(state.series, LossPlot::TrainLoss, LossPlot::ValidationLoss, blowUp);
    if (l.leftCap.clipped)
        loss.high = l.leftCap.top;
    if (std::isfinite(state.reference) && !loss.isEmpty())
        loss = loss | Extent{state.reference, state.reference, state.reference > 0 ? state.reference : kInf};
    l.left = state.logScale ? logValueScale(loss, yTicks) : valueScale(loss, yTicks);
    Extent metric = extents[l.metric] | extents[l.validationMetric];
    l.rightShown = !metric.isEmpty();
    if (state.classification) {
        l.right = valueScale(Extent{0.0, 1.0, 1.0}, yTicks);  // accuracy is always 0-100%
        l.right.percent = true;
    } else {
        l.rightCap = valueCap(state.series, LossPlot::TrainRmse, LossPlot::ValidationRmse, blowUp);
        if (l.rightCap.clipped)
            metric.high = l.rightCap.top;
        l.right = state.logScale ? logValueScale(metric, yTicks) : valueScale(metric, yTicks);
    }
    l.offScaleFrom.fill(-1.0);
    l.offScalePeak.fill(0.0);
    for (std::size_t b = 0; b < state.series.bucketCount(); ++b) {
        for (Series s : l.shown) {
            const ValueCap &cap = s == LossPlot::TrainLoss || s == LossPlot::ValidationLoss ? l.leftCap : l.rightCap;
            const DecimatedSeries::Summary &v = state.series.summary(b, s);
            if (!cap.clipped || v.count == 0 || !(v.high > l.scaleOf(s).hi))
                continue;
            if (l.offScaleFrom[s] < 0)
                l.offScaleFrom[s] = static_cast<double>(state.series.bucket(b).firstX);
            l.offScalePeak[s] = std::max(l.offScalePeak[s], v.high);
        }
    }
    // The band runs from 0 with a little headroom, so a constant rate is a line inside it
    // rather than on its edge; its one tick marks the highest rate.
    const double maxRate = extents[LossPlot::LearningRate].isEmpty() || !(extents[LossPlot::LearningRate].high > 0)
                               ? 1.0 : extents[LossPlot::LearningRate].high;
    l.rate.lo = 0.0;
    l.rate.hi = 1.2 * maxRate;
    l.rate.ticks = {maxRate};

    // Horizontal: the margins are as wide as the widest label each side needs.
    double leftWidth = 0.0;
    for (double t : l.left.ticks)
        leftWidth = std::max(leftWidth, fm.horizontalAdvance(l.left.label(t)));
    if (rateShown)
        leftWidth = std::max(leftWidth, fm.horizontalAdvance(formatValue(l.rate.ticks.front(), 3)));
    double rightWidth = 0.0;
    if (l.rightShown) {
        for (double t : l.right.ticks)
            rightWidth = std::max(rightWidth, fm.horizontalAdvance(l.right.label(t)));
    }
    const double plotLeft = area.left() + l.pad + leftWidth + l.tick;
    const double plotRight = std::max(plotLeft + 1, area.right() - l.pad - (l.rightShown ? rightWidth + l.tick : lh));
    l.plot = QRectF(QPointF(plotLeft, top), QPointF(plotRight, bottom));
    if (rateShown)
        l.rateBand = QRectF(QPointF(plotLeft, bandTop), QPointF(plotRight, l.labelTop - l.tick));

    const double firstEpoch = state.series.rowCount() == 0 ? 0.0 : static_cast<double>(state.series.bucket(0).firstX);
    const double lastEpoch = state.series.rowCount() == 0
                                 ? 100.0
                                 : static_cast<double>(state.series.bucket(state.series.bucketCount() - 1).lastX);
    // As many epoch ticks as their labels allow: fewer until the labels fit with a gap.
    for (int xTicks = std::max(1, static_cast<int>(l.plot.width() / (2 * lh))); xTicks >= 1; --xTicks) {
        l.x = epochScale(firstEpoch, lastEpoch, xTicks);
        double needed = 0.0;
        for (double t : l.x.ticks)
            needed += fm.horizontalAdvance(compactNumber(t)) + 1.5 * lh;
        if (needed <= l.plot.width())
            break;
    }
    return l;
}

}  // namespace np
