#pragma once

#include "diagramlayout.h"
#include "diagramnetwork.h"

#include <QLineF>

#include <array>
#include <cstdint>
#include <vector>

namespace np {

/// The diagram's edges for the current weights, sorted into pens by density, sign and strength.
/// Wide layers draw only each unit's strongest inputs, so 8 x 64 stays readable and paints fast
/// (each antialiased line costs microseconds): the whole network shares about kEdgeBudget lines.
struct DiagramEdges
{
    /// Edge strengths are drawn with this many pens per sign.
    static constexpr int kLevels = 6;

    std::array<std::vector<QLineF>, 2 * 2 * kLevels> lines;  ///< [dense][sign][level]
    std::vector<std::vector<std::uint8_t>> drawn;           ///< per column, per edge
    std::vector<int> drawnCount;                            ///< per column
    std::vector<float> weights, magnitudes;                 ///< scratch for the selection
    double width = 1;                                       ///< pen width unit (em / 16)

    static std::size_t index(bool dense, bool positive, int level)
    {
        return (std::size_t(dense) * 2 + std::size_t(positive)) * kLevels + std::size_t(level);
    }
    /// How many inputs per unit of `column` are drawn: all of a small layer, the strongest few
    /// of a dense one.
    static int incomingDrawn(const DiagramNetwork &net, int column);

    /// Sorts the network's edges for the layout into pens; a steady shape allocates nothing.
    void select(const DiagramLayout &layout, const DiagramNetwork &net);
};

}  // namespace np
