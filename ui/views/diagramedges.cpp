#include "diagramedges.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace np {

namespace {

// The whole network shares about this many lines.
constexpr int kEdgeBudget = 1600;
constexpr int kFullLayerEdges = 256;  // a layer with at most this many edges draws all of them
constexpr int kMinIncoming = 3;

}  // namespace

int DiagramEdges::incomingDrawn(const DiagramNetwork &net, int column)
{
    const int in = net.unitCount(column - 1);
    const int out = net.unitCount(column);
    if (in * out <= kFullLayerEdges)
        return in;
    return std::clamp(kEdgeBudget / (net.columnCount() - 1) / out, kMinIncoming, in);
}

void DiagramEdges::select(const DiagramLayout &g, const DiagramNetwork &net)
{
    DiagramEdges &b = *this;
    for (std::vector<QLineF> &lines : b.lines)
        lines.clear();  // keeps the capacity: a steady shape allocates nothing here
    b.width = g.em / 16;
    const int count = net.columnCount();
    b.drawn.resize(std::size_t(count));
    b.drawnCount.assign(std::size_t(count), 0);
    if (!net.hasWeights())
        return;
    for (int c = 1; c < count; ++c) {
        const int in = net.unitCount(c - 1);
        const int out = net.unitCount(c);
        std::vector<std::uint8_t> &drawn = b.drawn[std::size_t(c)];
        drawn.assign(std::size_t(in) * std::size_t(out), 1);
        const int keep = incomingDrawn(net, c);
        const bool dense = in * out > kFullLayerEdges;
        b.weights.resize(std::size_t(in));
        b.magnitudes.resize(std::size_t(in));
        for (int i = 0; i < out; ++i) {
            net.incomingWeights(c, i, b.weights.data());
            for (int j = 0; j < in; ++j)
                b.magnitudes[std::size_t(j)] = std::abs(b.weights[std::size_t(j)]);
            // The keep-th largest magnitude; equal ones fill the quota in order (a zero-initialised
            // layer has nothing but ties).
            float threshold = 0;
            int ties = in;
            if (keep < in) {
                std::vector<float> &m = b.magnitudes;
                std::nth_element(m.begin(), m.begin() + (keep - 1), m.end(), std::greater<>());
                threshold = m[std::size_t(keep - 1)];
                ties = keep - int(std::count_if(m.begin(), m.end(), [threshold](float v) { return v > threshold; }));
            }
            for (int j = 0; j < in; ++j) {
                const std::size_t e = std::size_t(i) * std::size_t(in) + std::size_t(j);
                const float w = b.weights[std::size_t(j)];
                const bool tie = std::abs(w) == threshold;
                if (std::abs(w) < threshold || (tie && ties <= 0) || !std::isfinite(w)) {
                    drawn[e] = 0;
                    continue;
                }
                ties -= tie;
                ++b.drawnCount[std::size_t(c)];
                const double t = net.strength(w);
                const int level = std::min(kLevels - 1, int(t * kLevels));
                b.lines[index(dense, w >= 0, level)].push_back(g.edge(c, i, j));
            }
        }
    }
}

}  // namespace np
