#pragma once

#include "foldingscene.h"

#include <QCoreApplication>
#include <QPalette>

class QFontMetricsF;
class QPainter;

namespace np {

class Document;
class MarkerStamps;

/// Paints a FoldingScene into a rectangle: the cells tinted by class (or value) and the mesh
/// lines, the data points where the layer carried them, axes at equal scale on both sides so a
/// fold looks like a fold, their labels, and the class legend. The screen and figures share it.
class FoldingPainter
{
    Q_DECLARE_TR_FUNCTIONS(FoldingPainter)

public:
    /// The document gives the data points and their classes; without one neither is drawn.
    /// The screen passes its stamps, so the points are stamped rather than drawn one by one.
    FoldingPainter(const FoldingScene &scene, const Document *document, const QPalette &palette,
                   MarkerStamps *stamps = nullptr);

    /// Draws the picture in `area`, measured with `fm`; the legend row at the bottom with `legend`.
    void paint(QPainter &painter, const QRectF &area, const QFontMetricsF &fm, bool legend) const;

private:
    struct Layout;

    Layout layoutFor(const QFontMetricsF &fm, const QRectF &rect, bool legend) const;
    QColor cellColor(int key) const;
    void drawAxes(QPainter &painter, const QFontMetricsF &fm, const Layout &layout) const;
    void drawMesh(QPainter &painter, const Layout &layout) const;
    void drawPoints(QPainter &painter, const Layout &layout) const;
    void drawLegend(QPainter &painter, const QFontMetricsF &fm, const Layout &layout) const;

    const FoldingScene &m_scene;
    const Document *m_document;
    const QPalette &m_palette;
    MarkerStamps *m_stamps;
};

}  // namespace np
