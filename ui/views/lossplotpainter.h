#pragma once

#include "decimatedseries.h"
#include "lossplot.h"
#include "lossplotlayout.h"

#include <QString>

#include <cstdint>
#include <utility>
#include <vector>

class QFontMetricsF;
class QPainter;
class QPalette;

namespace np {

/// Draws the loss plot in a layout: the grid, the axes and their labels, every series shown
/// from its decimated buckets (a min–max bar where a pixel column covers several rows, the mean
/// as the line), the legend, and the hover read-out. What the screen and a figure share.
/// "loss up to 3.2e26": the note (after a ▲) the plot shows when the curves
/// of a series' axis (loss, or RMSE) blew up past it; empty when they fit.
QString offScaleNote(LossPlot::Series series, const LossPlotLayout &layout);

class LossPlotPainter
{
public:
    using Series = LossPlot::Series;

    LossPlotPainter(const LossPlotLayout &layout, const DecimatedSeries &series, const QPalette &palette);

    /// Axes, curves, the marks of curves off the scale, and (when laid out) the legend.
    void drawPlot(QPainter &painter, const QFontMetricsF &fm) const;
    /// A dashed line and a label at the epoch of each change, labels stacked from the bottom
    /// of the plot so neighbours do not overlap.
    void drawMarkers(QPainter &painter, const QFontMetricsF &fm, const std::vector<LossPlot::Marker> &markers) const;
    /// A dotted horizontal line at a loss (the closed-form optimum) with its label at the right end.
    void drawReference(QPainter &painter, const QFontMetricsF &fm, double loss, const QString &label) const;
    /// The guide at a row's epoch, a dot on each curve, and a box with the lines (series, text;
    /// series -1 for a line without a sample) beside it.
    void drawReadout(QPainter &painter, const QFontMetricsF &fm, std::int64_t epoch, const LossPlot::Values &values,
                     const std::vector<std::pair<int, QString>> &lines) const;

private:
    struct Column;

    void drawAxes(QPainter &painter, const QFontMetricsF &fm) const;
    /// A triangle on the top edge where a curve leaves the scale, and a note with its peak.
    void drawOffScale(QPainter &painter, const QFontMetricsF &fm) const;
    /// The series' buckets merged once more per pixel column: what is drawn is bounded by the
    /// width in pixels, not by the history or even the bucket count.
    std::vector<Column> columns(Series series) const;
    void drawEnvelope(QPainter &painter, Series series, const std::vector<Column> &columns) const;
    void drawCurve(QPainter &painter, Series series, const std::vector<Column> &columns) const;

    const LossPlotLayout &m_layout;
    const DecimatedSeries &m_series;
    const QPalette &m_palette;
};

}  // namespace np
