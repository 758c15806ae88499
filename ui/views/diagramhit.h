#pragma once

namespace np {

/// What the pointer is over in the network diagram. Columns are numbered in the lecture's
/// notation: 0 is the input, l >= 1 the layer with W[l] and b[l]; units are 0-based.
struct DiagramHit
{
    enum Kind { None, Neuron, Bias, Edge };
    Kind kind = None;
    int column = 0;  ///< 0: inputs; l >= 1: layer l (W[l], b[l])
    int unit = 0;    ///< the unit of that column (for an edge: i, the receiving unit)
    int from = -1;   ///< an edge's sending unit j of column - 1
    int row = 0;     ///< the row of W[l] and b[l] (differs from unit for maxout pieces)
    bool operator==(const DiagramHit &) const = default;
};

}  // namespace np
