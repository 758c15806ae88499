#pragma once

#include "analysis/computationgraph.h"

#include <QFontMetricsF>
#include <QPalette>
#include <QRectF>
#include <QStringList>

#include <vector>

class QPainter;

namespace np {

/// Draws a computational graph at one step of its walk: inputs as value boxes on the left, gates
/// as boxes, every wire's value above it and, once backward reaches it, its gradient below it in
/// another colour; the current gate framed. Under the graph, the step explained in words: the
/// gate's forward sum, or "upstream × local = downstream" for each of its inputs.
class BackpropGraphPainter
{
public:
    BackpropGraphPainter(const ComputationGraph &graph, int step, const QPalette &palette);

    /// Each node's box in area: an input's value box, a gate's box.
    std::vector<QRectF> boxes(const QRectF &area, const QFontMetricsF &fm) const;
    /// The graph's part of a figure rect (the rest is the explanation below it, wrapped).
    QRectF graphArea(const QRectF &rect, const QFontMetricsF &fm) const;

    void paint(QPainter &painter, const QRectF &rect, const QFontMetricsF &fm) const;

    /// The explanation of the step, one line each.
    QStringList explanation() const;

private:
    QString forwardText(int gate, const std::vector<double> &values) const;

    const ComputationGraph &m_graph;
    GraphWalk m_walk;
    QPalette m_palette;
};

}  // namespace np
