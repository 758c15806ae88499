#pragma once

#include "plotaxis.h"

#include "analysis/approximation.h"

#include <QColor>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

class QFontMetricsF;
class QPainter;
class QPalette;

namespace np {

/// What the function view shows, ready to draw: the network's curve and its terms, the data, the
/// target curve, the axes' ranges, the hovered unit and the texts.
struct FunctionScene
{
    Approximation approximation;
    std::vector<QPointF> points;      ///< training data (x, target)
    std::vector<QPointF> validation;  ///< validation data (x, target)
    std::vector<QPointF> target;      ///< the curve the data come from, when known (x increasing)
    PlotScale xScale;
    PlotScale yScale;
    int highlighted = -1;  ///< the hovered unit, or -1
    QString message;       ///< shown over the plot when there is no curve to draw (or why no terms)
    QString readout;       ///< the line under the plot: the hovered unit's numbers, or a hint
    /// Every text the read-out may show while the weights stay (each unit's, the hint): the layout
    /// reserves the tallest, so hovering never moves the plot under the pointer.
    QStringList readouts;
};

/// Where everything goes in a rectangle, measured with the figure's font so that larger type
/// (presentation mode) moves the parts instead of clipping them: the plot, the x-axis title on
/// its own row under the tick labels, a legend of unit chips that wraps, and the read-out that
/// wraps too.
struct FunctionLayout
{
    QRectF plot;
    QRectF xTitle;
    QRectF legendTitle;
    std::vector<QRectF> chips;  ///< per unit
    QRectF readout;

    /// The chip under pos, or -1.
    int chipAt(const QPointF &pos) const;
};

FunctionLayout layoutFunction(const FunctionScene &scene, const QRectF &rect, const QFontMetricsF &fm,
                              bool legend);

/// The colour of unit i's term among n.
QColor unitColor(int i, int n);

/// Draws a scene in a layout; what the screen and a figure share.
class FunctionPainter
{
public:
    FunctionPainter(const FunctionScene &scene, const FunctionLayout &layout, const QPalette &palette);

    void draw(QPainter &painter, const QFontMetricsF &fm) const;

    QPointF toPixel(double x, double y) const;
    double xAt(double pixelX) const;
    double yAt(double pixelY) const;

private:
    void drawAxes(QPainter &painter, const QFontMetricsF &fm) const;
    void drawCurves(QPainter &painter) const;
    void drawLegend(QPainter &painter, const QFontMetricsF &fm) const;
    void drawCurve(QPainter &painter, const std::vector<double> &y) const;

    const FunctionScene &m_scene;
    const FunctionLayout &m_layout;
    const QPalette &m_palette;
};

}  // namespace np
