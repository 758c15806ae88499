#pragma once

#include "../data/dataset.h"
#include "../network/model.h"
#include "gridevaluation.h"
#include "projection.h"

#include <vector>

namespace np {

/// The input plane carried through the network: a mesh of grid vertices and the data points,
/// as they look in every layer's space (layer 0 is the input plane itself, then each hidden
/// layer, then the output), and the class each mesh cell predicts.
struct FoldingMesh
{
    int side = 0;                              ///< vertices per side of the mesh
    std::vector<Matrix<double>> vertices;      ///< per space: units x side*side (row-major vertices)
    std::vector<Matrix<double>> points;        ///< per space: units x data points
    std::vector<int> cellClass;                ///< (side-1)^2 cells: predicted class at the centre (-1 for regression)
    std::vector<float> cellValue;              ///< regression: the output at the centre
    /// Per space: the first two principal components of its vertices (principalAxes, largest
    /// entries positive) where the caller asked for them, else empty (no axes).
    std::vector<Projection2D> principal;

    int spaces() const { return static_cast<int>(vertices.size()); }
};

/// Maps a side x side mesh over the grid's rectangle and the data points through every layer.
/// The input space is the raw plane (x1, x2), before features and standardisation.
/// Given a scratch network (a view computing frame after frame), its buffers are reused.
FoldingMesh computeFolding(const Model &model, const std::vector<DataPoint> &points, const GridSpec &area, int side,
                           Network<Scalar> *scratch = nullptr);

}  // namespace np
