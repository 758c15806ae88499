#include "diagramlayout.h"

#include "geometry.h"

#include <QCoreApplication>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace np {

double DiagramLegendItem::keyWidth(const DiagramLegendItem &item, double em)
{
    switch (item.key) {
    case DiagramLegendItem::Positive:
    case DiagramLegendItem::Negative:
        return 1.5 * em + em / 3;
    case DiagramLegendItem::Text:
        return 0;
    default:
        return em;
    }
}

double DiagramLayout::minimumPitch(double em)
{
    return std::max(8.0, 0.6 * em);
}

double DiagramLayout::maxMap(double em)
{
    return std::max(48.0, 3.5 * em);
}

DiagramLayout::HiddenTitle DiagramLayout::hiddenTitle(const QFontMetricsF &fm, int column, double centre,
                                                      double width, double top, double line)
{
    const double gap = std::round(line / 6);
    const double room = std::max(0.0, width - line - gap);
    HiddenTitle t;
    t.text = QCoreApplication::translate("DiagramPainter", "Hidden %1").arg(column);
    if (fm.horizontalAdvance(t.text) > room)
        t.text = QCoreApplication::translate("DiagramPainter", "H%1").arg(column);
    t.text = fm.elidedText(t.text, Qt::ElideRight, room);
    const double textWidth = std::ceil(fm.horizontalAdvance(t.text));
    const double left = std::round(centre - (textWidth + gap + line) / 2);
    t.textBox = QRectF(left, top, textWidth, line);
    t.removeBox = QRectF(left + textWidth + gap, top, line, line);
    return t;
}

double DiagramLayout::headerLineHeight(double em, bool editing)
{
    return editing ? std::round(1.3 * em) : em;
}

namespace {

// The gap between maps of a column of n units in height h.
double mapGap(double h, int n, double em)
{
    return std::clamp(std::round(0.12 * h / std::max(1, n)), 3.0, std::round(em / 2));
}

// The largest map n units fit in height h (at most maxMap).
double fittedMap(double h, int n, double em)
{
    const double gap = mapGap(h, n, em);
    return std::floor(std::min(DiagramLayout::maxMap(em), (h + gap) / std::max(1, n) - gap));
}

}  // namespace

DiagramLayout DiagramLayout::compute(const QRectF &rect, const QFontMetricsF &fm, const FigureOptions &options,
                                     const DiagramNetwork &net, std::vector<DiagramLegendItem> legendItems,
                                     const DiagramEditing &editing)
{
    DiagramLayout g;
    g.bounds = rect;
    const double em = g.em = fm.height();
    g.pad = std::round(em / 2);
    double top = rect.top() + g.pad;
    if (options.title) {
        g.title = QRectF(rect.left() + g.pad, top, rect.width() - 2 * g.pad, 1.5 * em);
        top += 1.5 * em;
    }
    g.headerTop = top;
    g.editing = editing.enabled;
    g.lineHeight = headerLineHeight(em, editing.enabled);

    const bool slotted = !editing.inputSlots.empty() && int(editing.inputSlots.size()) == net.unitCount(0);
    for (const QString &name : net.inputNames())
        g.labelWidth = std::max(g.labelWidth, fm.horizontalAdvance(name));
    if (slotted)
        for (const QString &name : editing.placeNames)
            g.labelWidth = std::max(g.labelWidth, fm.horizontalAdvance(name));
    g.labelWidth += g.pad;

    const int count = net.columnCount();
    const double left = rect.left() + g.pad + g.labelWidth;
    const double available = rect.right() - g.pad - left;
    const double minStep = 3.5 * em;
    // A layer's controls share the second header line when its columns stand far enough apart.
    const double controlsStep = editing.enabled ? editing.controlsWidth + em : 0;
    g.headerLines = editing.enabled && controlsStep > available / count ? 3 : 2;
    top += g.headerLines * g.lineHeight + g.pad;

    // The legend: a column right of the network when the width allows, else lines at the bottom.
    double legendWidth = 0;
    if (options.legend) {
        g.legendItems = std::move(legendItems);
        for (const DiagramLegendItem &item : g.legendItems)
            legendWidth = std::max(legendWidth, DiagramLegendItem::keyWidth(item, em) + fm.horizontalAdvance(item.text));
        const double legendHeight = double(g.legendItems.size()) * em;
        g.legendRight = (available - legendWidth - 2 * em) / count >= 2 * minStep
                        && legendHeight <= rect.bottom() - g.pad - g.headerTop;
    }
    double legendHeight = 0;
    if (options.legend && !g.legendRight) {
        double x = rect.left() + g.pad;
        int line = 0;
        for (const DiagramLegendItem &item : g.legendItems) {
            const double width = DiagramLegendItem::keyWidth(item, em) + fm.horizontalAdvance(item.text);
            if (x > rect.left() + g.pad && x + width > rect.right() - g.pad) {
                x = rect.left() + g.pad;
                ++line;
            }
            g.legendPositions.emplace_back(x, line);
            x += width + em;
        }
        legendHeight = (line + 1) * em + g.pad;
        for (QPointF &p : g.legendPositions)
            p.setY(rect.bottom() - g.pad - legendHeight + g.pad + p.y() * em);
    }
    const double bottom = rect.bottom() - g.pad - legendHeight;
    const double height = std::max(1.0, bottom - top);

    // Map sizes from the height: columns of a few units share the size of the fullest of them.
    std::vector<int> placeCounts(std::size_t(count), 0);
    for (int c = 0; c < count; ++c)
        placeCounts[std::size_t(c)] = c == 0 && slotted ? editing.inputSlotCount : net.unitCount(c);
    double uniform = maxMap(em);
    for (int c = 1; c < count; ++c)
        if (placeCounts[std::size_t(c)] <= kUniformUnits)
            uniform = std::min(uniform, fittedMap(height, placeCounts[std::size_t(c)], em));

    // Columns stand apart by a few maps at most, the network centred in the width. The step
    // does not follow the units, so a layer's + and − stay under the pointer as it grows.
    const double room = available - (g.legendRight ? legendWidth + 2 * em : 0);
    const double step = std::max(minStep, std::min(room / count, std::max(10 * em, controlsStep)));
    const double spare = std::max(0.0, room - step * count);
    const double origin = left + spare / 2;

    const double minPitch = minimumPitch(em);
    g.columns.resize(std::size_t(count));
    for (int c = 0; c < count; ++c) {
        DiagramColumn &column = g.columns[std::size_t(c)];
        column.units = net.unitCount(c);
        if (c == 0 && slotted) {
            column.places = editing.inputSlots;
            column.slotTotal = editing.inputSlotCount;
            g.inputPlaceNames = editing.placeNames;
        }
        const int n = placeCounts[std::size_t(c)];
        double map = std::min(uniform, fittedMap(height, n, em));
        // Maps leave more than half of each step to the edges, so their slopes stay readable.
        map = std::floor(std::min(map, 0.45 * step));
        double pitch = map + mapGap(height, n, em);
        if (pitch < minPitch) {
            pitch = minPitch;
            map = std::floor(std::min(0.8 * minPitch, 0.45 * step));
        }
        column.map = std::max(4.0, map);
        column.pitch = pitch;
        column.x = std::round(origin + (c + 0.5) * step - column.map / 2);
        const double extent = (n - 1) * column.pitch + column.map;
        column.top = std::round(top + std::max(0.0, (height - extent) / 2));
    }
    if (g.legendRight) {
        const double x = origin + count * step + em;
        const double y0 = std::max(top, top + (height - double(g.legendItems.size()) * em) / 2);
        for (std::size_t k = 0; k < g.legendItems.size(); ++k)
            g.legendPositions.emplace_back(x, y0 + double(k) * em);
    }
    g.biasRadius = 0.3 * em;
    for (const DiagramColumn &column : g.columns)
        g.biasRadius = std::min(g.biasRadius, std::clamp(0.12 * column.map, 2.0, 0.3 * em));
    return g;
}

QSizeF DiagramLayout::minimumSize(const QFontMetricsF &fm, const DiagramNetwork &net, const DiagramEditing &editing)
{
    const double em = fm.height();
    double label = 0;
    for (const QString &name : net.inputNames())
        label = std::max(label, fm.horizontalAdvance(name));
    for (const QString &name : editing.placeNames)
        label = std::max(label, fm.horizontalAdvance(name));
    const int widest = std::max(net.widestColumn(), editing.inputSlotCount);
    const double width = 2 * em + label + net.columnCount() * 3.5 * em;
    // pads, header, a line of legend
    const double header = 2 * headerLineHeight(em, editing.enabled);  // a third line only when narrow
    const double height = 3 * em + header + widest * minimumPitch(em);
    return {width, height};
}

DiagramHit DiagramLayout::hitTest(const QPointF &pos, const DiagramNetwork &net,
                                  const std::vector<std::vector<std::uint8_t>> &drawnEdges) const
{
    const DiagramLayout &g = *this;
    const int count = net.columnCount();
    if (!net.hasWeights())
        return {};
    const double slack = std::max(2.0, g.em / 6);
    for (int c = 0; c < count; ++c) {
        const DiagramColumn &column = g.columns[std::size_t(c)];
        if (pos.x() < column.x - g.biasRadius - slack || pos.x() > column.x + column.map + slack)
            continue;
        const int place = std::clamp(int(std::floor((pos.y() - column.top) / column.pitch)), 0, column.slotCount() - 1);
        int u = place;
        if (!column.places.empty()) {
            // A place of a feature switched off holds no unit.
            const auto found = std::find(column.places.begin(), column.places.end(), place);
            if (found == column.places.end())
                continue;
            u = int(found - column.places.begin());
        }
        // The bias marker sits on the map's corner, so it wins over the map (and the unit below).
        for (int v : {u, u - 1}) {
            if (v < 0 || !net.hasBias(c))
                continue;
            // Over the map only the marker itself counts, so small maps stay hoverable.
            const QPointF d = pos - column.rect(v).bottomLeft();
            const double reach = column.rect(v).contains(pos) ? g.biasRadius : g.biasRadius + slack;
            if (std::hypot(d.x(), d.y()) <= reach) {
                DiagramHit hit{DiagramHit::Bias, c, v, -1, v};
                if (net.pieces(c) > 1)
                    hit.kind = DiagramHit::Neuron;  // a maxout unit has a bias per piece: edit from the edges
                return hit;
            }
        }
        if (column.rect(u).adjusted(-slack, -slack, slack, slack).contains(pos))
            return {DiagramHit::Neuron, c, u, -1, u};
    }
    // Edges in the gap the pointer is in: the nearest drawn one.
    for (int c = 1; c < count; ++c) {
        if (pos.x() < g.columns[std::size_t(c - 1)].x + g.columns[std::size_t(c - 1)].map || pos.x() > g.columns[std::size_t(c)].x)
            continue;
        const std::vector<std::uint8_t> &drawn = drawnEdges[std::size_t(c)];
        const int in = net.unitCount(c - 1);
        const double tolerance = std::max(3.0, g.em / 4);
        double best = tolerance;
        std::size_t found = drawn.size();
        for (std::size_t e = 0; e < drawn.size(); ++e) {
            if (!drawn[e])
                continue;
            const double d = distanceToSegment(pos, g.edge(c, int(e) / in, int(e) % in));
            if (d <= best) {
                best = d;
                found = e;
            }
        }
        if (found == drawn.size())
            return {};
        DiagramHit hit{DiagramHit::Edge, c, int(found) / in, int(found) % in, 0};
        net.weight(c, hit.unit, hit.from, &hit.row);
        return hit;
    }
    return {};
}

}  // namespace np
