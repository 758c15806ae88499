#pragma once

#include "../network/loss.h"
#include "../network/model.h"

#include <algorithm>
#include <string>
#include <vector>

namespace np {

/// One layer of the network walked on one point, in double precision but taken from the engine's
/// own single-precision forward and backward pass. Rows are the rows of W (units × pieces for
/// maxout); units are the outputs a.
struct LayerBackprop
{
    Matrix<double> W;      ///< rows × in, before the step
    Vector<double> b;      ///< rows (empty with batch norm)
    Vector<double> gamma;  ///< rows (batch norm only)
    Vector<double> beta;
    Vector<double> z;      ///< rows: z = W a_prev + b
    Vector<double> s;      ///< rows: the activation input (u = γ ẑ + β with batch norm, else z)
    Vector<double> a;      ///< units
    Vector<double> gPrime; ///< rows: g′(s) (1 for maxout's winning piece, 0 for the others)
    Vector<double> da;     ///< units: ∂L/∂a = (Wˡ⁺¹)ᵀ δˡ⁺¹ (empty for the output layer)
    Vector<double> delta;  ///< rows: δ = ∂L/∂s, the engine's
    Vector<double> deltaZ; ///< rows: ∂L/∂z (= δ without batch norm, δ γ/σ with it)
    Matrix<double> dW;     ///< rows × in: ∂L/∂W = δ a_prevᵀ (+ the penalty's gradient)
    Vector<double> db;     ///< rows
    Vector<double> dGamma, dBeta;
    Matrix<double> WAfter; ///< W − η ∂L/∂W
    Vector<double> bAfter;

    /// The row of W (and of z, δ) that unit j uses: j itself, or maxout's winning piece.
    Index rowOfUnit(int j) const
    {
        const Index pieces = z.size() / std::max<Index>(1, a.size());
        if (pieces <= 1 || gPrime.size() == 0)
            return j;
        for (Index p = 0; p < pieces; ++p) {
            if (gPrime(j * pieces + p) > 0)
                return j * pieces + p;
        }
        return j * pieces;
    }
};

/// Backpropagation of one point through a model, value by value: the notes' forward pass
/// (z, a per layer), the loss, the backward pass (δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ g′(zˡ), ∂L/∂W = δ aᵀ) and
/// one SGD step W ← W − η ∂L/∂W, with the loss on the point before and after.
struct PointBackprop
{
    double x1 = 0.0, x2 = 0.0;     ///< the raw point
    int label = 0;                  ///< its class (classification)
    double target = 0.0;            ///< its target (regression)
    Vector<double> input;           ///< the network's input: features, standardised
    Vector<double> y;               ///< the target as the head encodes it
    std::vector<LayerBackprop> layers;  ///< hidden layers, then the output layer
    double loss = 0.0;              ///< on the point, before the step (penalty excluded)
    double lossAfter = 0.0;         ///< after the step
    double learningRate = 0.0;
    std::vector<Scalar> parametersAfter;  ///< Network::parameters() layout, after the step

    /// Whether a layer normalises with batch statistics in training (here: running statistics).
    bool usesBatchNorm() const;
    bool usesDropout = false;
};

/// Walks one point (x1, x2) with its class `label` (or regression `target`) through the model in
/// evaluation mode (batch norm with running statistics, no dropout): the engine's forward pass,
/// loss and backward pass on that one column, then a plain SGD step with learning rate η. The
/// penalty is included in ∂L/∂W as in training.
PointBackprop backpropPoint(const Model &model, double x1, double x2, int label, double target,
                            double learningRate, const Penalty &penalty = {});

}  // namespace np
