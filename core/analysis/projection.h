#pragma once

#include "../common/scalar.h"

namespace np {

/// A projection of n-dimensional points to the plane: x' = axes (x - mean), axes 2 x n.
struct Projection2D
{
    Vector<double> mean;
    Matrix<double> axes;                 ///< 2 x n, unit rows
    double explained[2] = {0.0, 0.0};    ///< share of the variance along each axis (PCA only)

    /// points (n x N) to 2 x N, without an n x N temporary.
    Matrix<double> apply(const Matrix<double> &points) const;
};

/// Two chosen coordinates as the axes (no centring); unitB < 0 or n = 1 leaves the y axis empty.
Projection2D unitAxes(Index n, Index unitA, Index unitB);

/// The first two principal components of points (n x N, one per column). Each axis's sign is
/// chosen to agree with `previous` when given (so the picture does not flip between frames),
/// otherwise so that its largest entry is positive.
Projection2D principalAxes(const Matrix<double> &points, const Projection2D *previous = nullptr);

/// Turns each axis over to agree with `previous` (a non-negative dot product) when given and of
/// the same width, otherwise so that its largest entry is positive: principalAxes' rule, for axes
/// computed elsewhere (the view evaluator computes them, the folding view keeps them steady).
void orientAxes(Projection2D &projection, const Projection2D *previous);

}  // namespace np
