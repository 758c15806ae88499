#pragma once

#include "../common/scalar.h"

namespace np {

/// Per-feature standardisation x' = (x - mu) / sigma, fitted on the training features.
/// A constant feature keeps sigma = 1 so it maps to 0 instead of dividing by zero.
struct Standardizer
{
    Vector<double> mean;   ///< mu, one per feature
    Vector<double> scale;  ///< sigma, one per feature

    bool isEmpty() const { return mean.size() == 0; }

    /// Identity transform for n features.
    static Standardizer identity(Index n);
    /// Fits mu and sigma (population sd) on features x points.
    template <typename T>
    static Standardizer fit(const Matrix<T> &features);

    /// Standardises features x points in place.
    template <typename T>
    void apply(Eigen::Ref<Matrix<T>> features) const;

    /// Same features, same mu and sigma. Transforms for different feature counts are unequal
    /// (Eigen's own == requires equal sizes).
    bool operator==(const Standardizer &other) const
    {
        return mean.size() == other.mean.size() && scale.size() == other.scale.size()
               && mean == other.mean && scale == other.scale;
    }
};

}  // namespace np
