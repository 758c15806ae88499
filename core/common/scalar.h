#pragma once

#include <Eigen/Core>

namespace np {

/// The engine trains in single precision; analysis code instantiates the same templates with
/// double (gradient checks, closed form).
using Scalar = float;

/// Column-major, one sample per column: a matrix of activations is units x samples.
template <typename T>
using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
template <typename T>
using Vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
template <typename T>
using RowVector = Eigen::Matrix<T, 1, Eigen::Dynamic>;

template <typename T>
using MatrixMap = Eigen::Map<Matrix<T>>;
template <typename T>
using ConstMatrixMap = Eigen::Map<const Matrix<T>>;
template <typename T>
using VectorMap = Eigen::Map<Vector<T>>;
template <typename T>
using ConstVectorMap = Eigen::Map<const Vector<T>>;

using Index = Eigen::Index;

}  // namespace np
