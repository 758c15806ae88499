#pragma once

#include "decimatedseries.h"
#include "healthlayout.h"

#include <QString>

class QFontMetricsF;
class QPainter;
class QPalette;

namespace np {

/// Draws the health view's two plots in a layout: the norm plot on a log scale and the
/// dead/saturated plot, their titles, grids and labels, every layer's curves from the decimated
/// series (min–max bars where a bucket covers several rows, the mean as the line), and the
/// legend. What the screen and a figure share.
class HealthPainter
{
public:
    HealthPainter(const HealthLayout &layout, const DecimatedSeries &series, int layers, const QPalette &palette);

    /// Everything but the gradient check; `waiting` shows a note in the empty norm plot.
    void drawPlots(QPainter &painter, const QFontMetricsF &fm, const QString &shareTitle, bool waiting) const;

    /// drawPlots in steps, on one painter in order, so a screen cache can spread the work over
    /// several turns of the event loop: step 0 the titles, frames and min–max bars, then one
    /// curve per step (each layer's norm, dead and saturated shares), the last the legend and
    /// the waiting note.
    int stepCount() const { return 3 * m_layers + 2; }
    void drawStep(QPainter &painter, const QFontMetricsF &fm, const QString &shareTitle, bool waiting, int step) const;

private:
    void drawPlotFrame(QPainter &painter, const QRectF &plot, bool log) const;
    void drawBars(QPainter &painter) const;
    void drawLine(QPainter &painter, int layer, int kind) const;
    bool dense() const;

    const HealthLayout &m_layout;
    const DecimatedSeries &m_series;
    int m_layers;
    const QPalette &m_palette;
};

}  // namespace np
