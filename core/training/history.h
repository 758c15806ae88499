#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace np {

/// Loss and quality of the network on one set of points, in evaluation mode.
/// Fields that do not apply (accuracy for regression, anything on an empty set) are NaN.
struct Metrics
{
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    int count = 0;           ///< points evaluated
    double loss = nan;       ///< mean data loss (no penalty)
    double accuracy = nan;   ///< share of points classified correctly
    double rmse = nan;       ///< root mean squared error (regression)
    double r2 = nan;         ///< coefficient of determination (regression)
};

/// How healthy one layer's learning is (NaN where a measure does not apply).
struct LayerHealth
{
    static constexpr float nan = std::numeric_limits<float>::quiet_NaN();

    float gradientNorm = nan;    ///< root mean square over the epoch's steps of |dL/dW| (Frobenius)
    float deadShare = nan;       ///< ReLU layers: share of units that are 0 on every training point
    float saturatedShare = nan;  ///< sigmoid/tanh layers: share of units saturated on >= 95% of points
};

/// Hidden layers plus the output layer (at most 32 + 1).
inline constexpr int kMaxHealthLayers = 33;

/// One row of the training history, recorded at the end of every epoch (and at epoch 0).
struct HistoryRecord
{
    std::int64_t epoch = 0;
    std::int64_t step = 0;
    double learningRate = 0.0;
    double penalty = 0.0;     ///< the L1/L2 term at this point
    Metrics train;
    Metrics validation;
    int healthLayers = 0;  ///< layers described in health (hidden layers, then the output layer)
    std::array<LayerHealth, kMaxHealthLayers> health{};
};

using History = std::vector<HistoryRecord>;

}  // namespace np
