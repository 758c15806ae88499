#pragma once

#include <QRectF>
#include <QString>

class QPainter;

namespace np {

/// How a view draws itself for a file rather than the screen.
struct FigureOptions
{
    bool title = true;    ///< draw the title above the plot
    bool legend = true;   ///< draw the legend (classes, curves, colour scale)
    QString titleText;    ///< empty: the view's own figureTitle()
};

/// A view that can be drawn into any QPainter: the screen, a PNG, an SVG or a PDF. Views
/// implement paintFigure() with the same code their paintEvent uses, so exports look like
/// the window; vector devices get vectors wherever the view draws lines and text.
class Figure
{
public:
    virtual ~Figure() = default;

    /// File stem for "export all figures": boundary, loss, network, folding, regions, health.
    virtual QString figureName() const = 0;
    /// The default title, e.g. "Decision boundary".
    virtual QString figureTitle() const = 0;
    /// Draws the whole figure into rect (logical units of the painter's device).
    virtual void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const = 0;
};

}  // namespace np
