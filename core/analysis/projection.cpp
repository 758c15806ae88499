#include "projection.h"

#include <Eigen/Eigenvalues>

namespace np {

Matrix<double> Projection2D::apply(const Matrix<double> &points) const
{
    if (mean.size() == 0)
        return axes * points;
    return axes * (points.colwise() - mean);
}

Projection2D unitAxes(Index n, Index unitA, Index unitB)
{
    Projection2D p;
    p.axes = Matrix<double>::Zero(2, n);
    if (unitA >= 0 && unitA < n)
        p.axes(0, unitA) = 1;
    if (unitB >= 0 && unitB < n && n > 1)
        p.axes(1, unitB) = 1;
    return p;
}

Projection2D principalAxes(const Matrix<double> &points, const Projection2D *previous)
{
    const Index n = points.rows();
    Projection2D p;
    p.mean = points.rowwise().mean();
    if (n == 0 || points.cols() == 0) {
        p.axes = Matrix<double>::Zero(2, n);
        return p;
    }
    const Matrix<double> centred = points.colwise() - p.mean;
    const Matrix<double> covariance = centred * centred.transpose() / double(points.cols());
    Eigen::SelfAdjointEigenSolver<Matrix<double>> solver(covariance);
    // Eigenvalues come in increasing order: the last two columns are the principal axes.
    p.axes = Matrix<double>::Zero(2, n);
    const double total = std::max(covariance.trace(), 1e-300);
    for (Index k = 0; k < std::min<Index>(2, n); ++k) {
        Vector<double> axis = solver.eigenvectors().col(n - 1 - k);
        bool flip;
        if (previous && previous->axes.cols() == n) {
            flip = axis.dot(previous->axes.row(k).transpose()) < 0;
        } else {
            Index largest = 0;
            axis.cwiseAbs().maxCoeff(&largest);
            flip = axis(largest) < 0;
        }
        if (flip)
            axis = -axis;
        p.axes.row(k) = axis.transpose();
        p.explained[k] = std::max(0.0, solver.eigenvalues()(n - 1 - k)) / total;
    }
    return p;
}

}  // namespace np
