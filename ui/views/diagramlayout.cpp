#include "diagramlayout.h"

#include "geometry.h"

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
    return std::max(8.0, 0.75 * em);
}

DiagramLayout DiagramLayout::compute(const QRectF &rect, const QFontMetricsF &fm, const FigureOptions &options,
                                     const DiagramNetwork &net, std::vector<DiagramLegendItem> legendItems)
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
    top += 2 * em + g.pad;
    // The legend flows into as many lines as the width needs, at the bottom.
    double legendHeight = 0;
    if (options.legend) {
        g.legendItems = std::move(legendItems);
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

    for (const QString &name : net.inputNames())
        g.labelWidth = std::max(g.labelWidth, fm.horizontalAdvance(name));
    g.labelWidth += g.pad;

    const int count = net.columnCount();
    const double left = rect.left() + g.pad + g.labelWidth;
    const double slot = (rect.right() - g.pad - left) / count;
    const double height = std::max(1.0, bottom - top);
    const double maxMap = 5 * em;
    const double minPitch = minimumPitch(em);
    g.columns.resize(std::size_t(count));
    for (int c = 0; c < count; ++c) {
        DiagramColumn &column = g.columns[std::size_t(c)];
        column.units = net.unitCount(c);
        column.pitch = std::clamp(height / column.units, minPitch, maxMap / 0.8);
        // Maps leave more than half of each slot to the edges, so their slopes stay readable.
        column.map = std::floor(std::max(4.0, std::min({0.8 * column.pitch, 0.45 * slot, maxMap})));
        column.x = std::round(left + (c + 0.5) * slot - column.map / 2);
        const double extent = (column.units - 1) * column.pitch + column.map;
        column.top = std::round(top + std::max(0.0, (height - extent) / 2));
    }
    g.biasRadius = 0.3 * em;
    for (const DiagramColumn &column : g.columns)
        g.biasRadius = std::min(g.biasRadius, std::clamp(0.12 * column.map, 2.0, 0.3 * em));
    return g;
}

QSizeF DiagramLayout::minimumSize(const QFontMetricsF &fm, const DiagramNetwork &net)
{
    const double em = fm.height();
    double label = 0;
    for (const QString &name : net.inputNames())
        label = std::max(label, fm.horizontalAdvance(name));
    const int widest = net.widestColumn();
    const double width = 2 * em + label + net.columnCount() * 3.5 * em;
    const double height = 6 * em + widest * minimumPitch(em);  // title, legend (maybe two lines), pads
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
        const int u = std::clamp(int(std::floor((pos.y() - column.top) / column.pitch)), 0, column.units - 1);
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
