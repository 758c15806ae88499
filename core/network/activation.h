#pragma once

#include "../common/scalar.h"

#include <span>
#include <string>

namespace np {

/// Hidden-unit nonlinearities g(z), from the lecture notes.
enum class Activation {
    Step,       ///< g(z) = [z > 0]; derivative 0 (the perceptron's unit)
    Linear,     ///< g(z) = z
    Sigmoid,    ///< g(z) = 1 / (1 + e^-z)
    Tanh,       ///< g(z) = tanh z
    ReLU,       ///< g(z) = max(0, z)
    LeakyReLU,  ///< g(z) = z if z > 0 else alpha z
    ELU,        ///< g(z) = z if z > 0 else alpha (e^z - 1)
    Softplus,   ///< g(z) = log(1 + e^z)
    AbsReLU,    ///< g(z) = |z|
    Maxout,     ///< a_j = max over k pieces z_{j,i}; handled by the layer, not elementwise
    GELU,       ///< g(z) = z Phi(z) (exact, with erf)
    SiLU,       ///< g(z) = z sigmoid(z)
};

struct ActivationInfo
{
    Activation activation;
    const char *key;      ///< stable identifier for JSON and the command line
    const char *title;    ///< shown to users
    const char *formula;  ///< g(z) in plain text, for tooltips and the network diagram
    bool usesAlpha;       ///< leaky ReLU slope / ELU scale
    bool piecewiseLinear; ///< the linear-region view applies
};

/// Every activation, in the enum's order (the order the UI lists them).
std::span<const ActivationInfo> activations();
const ActivationInfo &activationInfo(Activation activation);
bool parseActivation(const std::string &key, Activation &activation);

/// a = g(z), elementwise (not for Maxout). z and a have the same shape.
template <typename T>
void activate(Activation g, T alpha, const ConstMatrixMap<T> &z, MatrixMap<T> a);

/// delta = delta .* g'(z), elementwise, using whichever of z and a = g(z) is cheaper.
template <typename T>
void multiplyByDerivative(Activation g, T alpha, const ConstMatrixMap<T> &z,
                          const ConstMatrixMap<T> &a, MatrixMap<T> delta);

}  // namespace np
