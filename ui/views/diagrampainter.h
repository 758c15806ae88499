#pragma once

#include "diagramedges.h"
#include "diagramlayout.h"
#include "diagramnetwork.h"
#include "stamps.h"
#include "viewevaluator.h"

#include <QCoreApplication>
#include <QPalette>
#include <QRectF>

#include <vector>

class QPainter;

namespace np {

/// The diagram's marks drawn once and stamped on the screen: the bias markers, one per shade,
/// and the dead unit's cross.
struct DiagramStamps
{
    Stamps bias;
    Stamps dead;
};

/// Paints the network diagram in a layout: the column headers, the edges from their pens (weak
/// before strong), the input names, every unit's map with its frame, dead and saturated marks
/// and bias marker, and the legend; over that, on screen, what the pointer is over: a weight's
/// tooltip, or a unit's enlarged map with its formula.
class DiagramPainter
{
    Q_DECLARE_TR_FUNCTIONS(DiagramPainter)

public:
    /// With `stamps`, the bias markers and dead units' crosses are stamped where the painter
    /// takes stamps (the screen's picture; see Stamps), the markers' colours in 128 shades per sign.
    DiagramPainter(const DiagramNetwork &net, const ViewFrame &frame, const QPalette &palette,
                   DiagramStamps *stamps = nullptr);

    /// What the legend lists for this network: the edge and bias keys, dead and saturated marks
    /// when its layers can have them, and how many inputs wide layers show.
    static std::vector<DiagramLegendItem> legendItems(const DiagramNetwork &net);
    /// A unit's map in the frame (a null image until the frame has maps).
    static const QImage &neuronImage(const ViewFrame &frame, int column, int unit);
    static UnitState unitState(const ViewFrame &frame, int column, int unit);

    /// Draws the diagram; only what reaches into `exposed` when it is given (a widget's paint
    /// event in a scroll area: the rest is clipped away, and a tall network's edges and maps cost
    /// milliseconds).
    void drawDiagram(QPainter &painter, const DiagramLayout &layout, const DiagramEdges &edges, bool legend,
                     const QRectF &exposed = QRectF()) const;
    /// drawDiagram in steps, on one painter in order, so a screen cache can spread the work over
    /// several turns of the event loop: the titles, each level of edges, the input names, each
    /// column's maps and markers, the legend.
    int stepCount() const;
    void drawStep(QPainter &painter, const DiagramLayout &layout, const DiagramEdges &edges, bool legend,
                  const QRectF &exposed, int step) const;
    /// A column's title as drawn ("Hidden 2", "H2" or elided, as its slot allows) and its box.
    QString shownTitle(const DiagramLayout &layout, const QFontMetricsF &fm, int column, QRectF *box) const;
    /// The hovered unit's connections and popup, or the hovered weight or bias and a tooltip by
    /// the pointer, kept inside `area` (the visible part of the widget) and below the header's
    /// controls.
    void drawHover(QPainter &painter, const DiagramLayout &layout, const DiagramHit &hover, const QPointF &pointer,
                   const QRectF &area, bool editable) const;

private:
    QString columnTitle(int column) const;
    QString columnSubtitle(int column) const;
    void drawLegend(QPainter &painter, const DiagramLayout &layout) const;
    /// A dead unit's cross over its map.
    void drawDeadMark(QPainter &painter, const QRectF &unit, double map) const;
    void drawUnitPopup(QPainter &painter, const DiagramLayout &layout, const DiagramHit &hover, const QRectF &area) const;

    const DiagramNetwork &m_net;
    const ViewFrame &m_frame;
    const QPalette &m_palette;
    DiagramStamps *m_stamps;
};

}  // namespace np
