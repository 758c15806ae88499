#pragma once

#include "../common/rng.h"
#include "../network/network.h"

#include <vector>

namespace np {

/// Analytic against numeric gradients for one layer's parameters (W, b, gamma, beta together).
struct LayerGradientCheck
{
    int layer = 0;
    int checked = 0;     ///< parameters compared
    int parameters = 0;  ///< parameters of the layer
    double relativeError = 0;  ///< |g_analytic - g_numeric| / (|g_analytic| + |g_numeric|), 0 when both vanish
    double maxAbsError = 0;
    double analyticNorm = 0;
};

struct GradientCheckResult
{
    std::vector<LayerGradientCheck> layers;
    double inputRelativeError = 0;  ///< the same for dObjective/dx
    double inputMaxAbsError = 0;
    double maxRelativeError() const;
};

/// Checks backpropagation against central differences (f(theta + h) - f(theta - h)) / 2h of
/// the objective loss(x, y) + penalty, every parameter in turn. The same dropout masks are drawn
/// for every evaluation (the rng is rewound), so dropout can be checked too. Meant for double.
/// With maxPerLayer > 0, a layer with more parameters is checked on that many, evenly spread.
template <typename T>
GradientCheckResult checkGradients(Network<T> &net, const ConstMatrixMap<T> &x, const ConstMatrixMap<T> &y,
                                   const Penalty &penalty, Mode mode, const Rng &rng, double h = 1e-6,
                                   int maxPerLayer = 0);

}  // namespace np
