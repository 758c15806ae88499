#include "projection.h"

#include <Eigen/Eigenvalues>

namespace np {

Matrix<double> Projection2D::apply(const Matrix<double> &points) const
{
    Matrix<double> projected = axes * points;
    if (mean.size() != 0)
        projected.colwise() -= axes * mean;
    return projected;
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
        p.axes.row(k) = solver.eigenvectors().col(n - 1 - k).transpose();
        p.explained[k] = std::max(0.0, solver.eigenvalues()(n - 1 - k)) / total;
    }
    orientAxes(p, previous);
    return p;
}

void orientAxes(Projection2D &projection, const Projection2D *previous)
{
    Matrix<double> &axes = projection.axes;
    const bool follow = previous && previous->axes.cols() == axes.cols() && previous->axes.rows() == axes.rows();
    for (Index k = 0; k < axes.rows(); ++k) {
        bool flip;
        if (follow) {
            flip = axes.row(k).dot(previous->axes.row(k)) < 0;
        } else {
            Index largest = 0;
            axes.row(k).cwiseAbs().maxCoeff(&largest);
            flip = axes(k, largest) < 0;
        }
        if (flip)
            axes.row(k) *= -1;
    }
}

}  // namespace np
