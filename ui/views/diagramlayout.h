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

/// One column of units, all maps the same size, centred on the column's slot. Unit u sits in
/// place places[u] (u itself when places is empty): the editable input column keeps a place for
/// every feature, those switched off included.
struct DiagramColumn
{
    int units = 0;
    double x = 0;      ///< left edge of the maps
    double top = 0;    ///< top of place 0's map
    double pitch = 0;  ///< from one map's top to the next
    double map = 0;    ///< side of a map
    std::vector<int> places;  ///< per unit, its place; empty: unit u in place u
    int slotTotal = 0;         ///< places in all when places is given

    int slot(int u) const { return places.empty() ? u : places[std::size_t(u)]; }
    int slotCount() const { return places.empty() ? units : slotTotal; }
    QRectF slotRect(int s) const { return {x, top + s * pitch, map, map}; }
    QRectF rect(int u) const { return slotRect(slot(u)); }
    QPointF in(int u) const { return {x, top + slot(u) * pitch + map / 2}; }
    QPointF out(int u) const { return {x + map, top + slot(u) * pitch + map / 2}; }
};

/// What the editable diagram adds to the layout: taller header lines for the layer controls (a
/// third line when a column is too narrow for them side by side) and an input column with a
/// place for every feature, in feature order.
struct DiagramEditing
{
    bool enabled = false;
    std::vector<int> inputSlots;  ///< per network input, its place in the input column
    int inputSlotCount = 0;       ///< places in the input column (every feature)
    std::vector<QString> placeNames;  ///< per place, the feature's name
    double controlsWidth = 0;  ///< a layer's activation and units controls side by side
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
    bool editing = false;    ///< the header holds the layer controls (DiagramControls)
    int headerLines = 2;     ///< title and subtitle (or controls); a third line when controls do not fit beside each other
    double lineHeight = 12;  ///< of a header line
    double labelWidth = 0;  ///< input names left of the first column
    bool legendRight = false;  ///< the legend stands in a column right of the network
    std::vector<QString> inputPlaceNames;  ///< per place of the input column when it has places
    std::vector<DiagramLegendItem> legendItems;
    std::vector<QPointF> legendPositions;  ///< top left of each item (its key, then its text)
    double biasRadius = 3;
    std::vector<DiagramColumn> columns;

    /// The layout of `net` in rect for the font measured by fm; the legend (these items) and
    /// the title only when options ask for them.
    ///
    /// Maps are sized from the height: columns of up to kUniformUnits units share one size, as
    /// large as the fullest of them allows (up to maxMap), wider ones shrink to fit (down to
    /// minimumPitch, below which the widget asks for more room). Columns stand at most a few
    /// maps apart, so a wide rectangle does not leave empty bands; the network is centred and
    /// the legend stands right of it when there is room, below it otherwise.
    static DiagramLayout compute(const QRectF &rect, const QFontMetricsF &fm, const FigureOptions &options,
                                 const DiagramNetwork &net, std::vector<DiagramLegendItem> legendItems,
                                 const DiagramEditing &editing = {});
    /// Columns of at most this many units share one map size.
    static constexpr int kUniformUnits = 9;
    /// The closest units may sit: their maps stay a recognisable picture (about 10 pixels).
    static double minimumPitch(double em);
    /// The largest map: past this a map shows no more and only pushes the edges apart.
    static double maxMap(double em);
    /// The header's line height, and its lines, with and without the editing controls.
    static double headerLineHeight(double em, bool editing);
    /// Where an editable hidden column's title and its remove button (a square of `line`) go:
    /// centred together over the column in a slot `width` wide, the title "Hidden 2", else "H2",
    /// else elided, as the slot allows.
    struct HiddenTitle
    {
        QString text;
        QRectF textBox;
        QRectF removeBox;
    };
    static HiddenTitle hiddenTitle(const QFontMetricsF &fm, int column, double centre, double width, double top,
                                   double line);
    /// The smallest size that keeps the widest column legible.
    static QSizeF minimumSize(const QFontMetricsF &fm, const DiagramNetwork &net, const DiagramEditing &editing = {});

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
