#pragma once

#include "diagramhit.h"
#include "diagramnetwork.h"
#include "figure.h"

#include <QLineF>
#include <QRectF>
#include <QString>

#include <vector>

class QFontMetricsF;

namespace np {

/// One entry of the diagram's legend: a key (a line, a marker) and its text.
struct DiagramLegendItem
{
    enum Key { Positive, Negative, Bias, Dead, Saturated, Text };
    Key key;
    QString text;

    /// The width of the key before the text.
    static double keyWidth(const DiagramLegendItem &item, double em);
};

/// One column of units, all maps the same size, centred on the column's slot.
struct DiagramColumn
{
    int units = 0;
    double x = 0;      ///< left edge of the maps
    double top = 0;    ///< top of unit 0's map
    double pitch = 0;  ///< from one map's top to the next
    double map = 0;    ///< side of a map

    QRectF rect(int u) const { return {x, top + u * pitch, map, map}; }
    QPointF in(int u) const { return {x, top + u * pitch + map / 2}; }
    QPointF out(int u) const { return {x + map, top + u * pitch + map / 2}; }
};

/// Where everything of the network diagram goes for one rectangle and font: the title, the
/// column headers, the input names, every column of maps and the legend flowing into as many
/// lines as the width needs. Rebuilt only when the shape, size or font changes, so a new frame
/// merely re-sorts the edges into pens.
struct DiagramLayout
{
    QRectF bounds;
    double em = 12;
    double pad = 6;
    QRectF title;
    double headerTop = 0;
    double labelWidth = 0;  ///< input names left of the first column
    std::vector<DiagramLegendItem> legendItems;
    std::vector<QPointF> legendPositions;  ///< top left of each item (its key, then its text)
    double biasRadius = 3;
    std::vector<DiagramColumn> columns;

    /// The layout of `net` in rect for the font measured by fm; the legend (these items) and
    /// the title only when options ask for them.
    static DiagramLayout compute(const QRectF &rect, const QFontMetricsF &fm, const FigureOptions &options,
                                 const DiagramNetwork &net, std::vector<DiagramLegendItem> legendItems);
    /// The closest units may sit: their maps stay a recognisable picture (about 10 pixels).
    static double minimumPitch(double em);
    /// The smallest size that keeps the widest column legible.
    static QSizeF minimumSize(const QFontMetricsF &fm, const DiagramNetwork &net);

    /// The edge to unit i of column c from unit j of c - 1. Computed, not stored: a few
    /// multiplications, where a table would take 32 MB for two 1024-unit layers.
    QLineF edge(int c, int i, int j) const
    {
        return {columns[std::size_t(c - 1)].out(j), columns[std::size_t(c)].in(i)};
    }
    /// What lies under pos: a bias marker (over its map's corner), a map, or the nearest drawn
    /// edge in the gap the pointer is in; `drawn` flags every edge drawn, per column.
    DiagramHit hitTest(const QPointF &pos, const DiagramNetwork &net,
                       const std::vector<std::vector<std::uint8_t>> &drawn) const;
};

}  // namespace np
