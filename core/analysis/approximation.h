#pragma once

#include "../network/model.h"

#include <string>
#include <vector>

namespace np {

/// One hidden unit's term of F(x) = g_out(sum_i alpha_i g(w_i . phi(x) + b_i) + b), the universal
/// approximation theorem's sum (phi: the input features of x, standardised as the model does).
struct ApproximationUnit
{
    double alpha = 0.0;      ///< the output weight W2(0, i)
    std::vector<double> w;   ///< the row W1(i, :), one weight per input feature
    double b = 0.0;          ///< the hidden bias b1(i)
    std::vector<double> contribution;  ///< alpha g(w . phi(x) + b) at every x of the grid
};

/// The network as a function of x = x1 along a grid (x2 = 0), in double precision.
struct Approximation
{
    /// The network reads x1 alone and has one output: F(x) is a curve.
    bool isFunction = false;
    /// And it has exactly one hidden layer whose terms can be drawn (no batch norm, no maxout):
    /// units and outputBias are filled.
    bool hasTerms = false;
    std::string reason;          ///< why isFunction or hasTerms is false, as a sentence
    std::vector<double> x;       ///< the grid, increasing
    std::vector<double> output;  ///< F(x) = a_L
    std::vector<double> z;       ///< z_L, the output's pre-activation (= F for a linear output)
    std::vector<ApproximationUnit> units;
    double outputBias = 0.0;     ///< b of the output layer
};

/// The output and, for one hidden layer, each unit's contribution at `samples` points evenly
/// spaced over [xMin, xMax]. The contributions and outputBias sum to z exactly (up to rounding).
Approximation approximate(const Model &model, double xMin, double xMax, int samples);

}  // namespace np
