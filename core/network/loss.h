#pragma once

#include "../common/scalar.h"
#include "networkspec.h"

namespace np {

/// L1 and L2 penalties on the weights W (never the biases):
/// lambda1 sum |W| + lambda2 / 2 sum W^2, so the gradient adds lambda1 sign(W) + lambda2 W.
struct Penalty
{
    double l1 = 0.0;
    double l2 = 0.0;

    bool isZero() const { return l1 == 0.0 && l2 == 0.0; }
    bool operator==(const Penalty &) const = default;
};

/// Writes one example's target column y (outputs entries) in the encoding the head expects:
/// 0/1 (one-hot) for sigmoid and softmax heads, -1/+1 for linear, tanh and step heads, the value
/// itself for regression. With one output, class 1 is the positive class.
template <typename T>
void encodeTarget(OutputHead head, Task task, int outputs, int label, double target, T *y);

/// Mean loss over the n columns of the batch (z, a, y are outputs x n). When delta is given it
/// receives dLoss/dz, the gradient at the output layer's pre-activation, 1/n included.
/// Sigmoid + binary cross-entropy and softmax + categorical cross-entropy use the stable
/// forms (delta = (a - y) / n); perceptron and hinge losses score with a, or with z for a step head.
template <typename T>
T outputLoss(OutputHead head, Loss loss, const ConstMatrixMap<T> &z, const ConstMatrixMap<T> &a,
             const ConstMatrixMap<T> &y, MatrixMap<T> *delta);

/// In place: turns delta = dObjective/da into dObjective/dz through the head's derivative
/// (the Jacobian product a .* (g - a.g) for softmax; 1 for linear and step heads).
template <typename T>
void applyHeadDerivative(OutputHead head, const ConstMatrixMap<T> &z, const ConstMatrixMap<T> &a,
                         MatrixMap<T> delta);

/// The class an output column predicts: threshold for one output (0.5 for sigmoid/step,
/// 0 for linear/tanh), argmax otherwise.
template <typename T>
int predictedClass(OutputHead head, const T *a, int outputs);

}  // namespace np
