#pragma once

#include "../common/scalar.h"
#include "../data/dataset.h"
#include "../network/model.h"
#include "../network/networkspec.h"

#include <string>

namespace np {

/// The exact optimum of a linear model with squared loss, for comparison with gradient descent.
struct ClosedFormSolution
{
    Matrix<double> W;  ///< outputs x inputs
    Vector<double> b;  ///< outputs
    double loss = 0;   ///< the objective at the optimum: mean 1/2 |Wx + b - y|^2 + lambda/2 |W|^2
    double dataLoss = 0;  ///< its data part, mean 1/2 |Wx + b - y|^2: where the training loss curve levels off
    std::string error; ///< non-empty when no solution could be computed
};

/// True for the networks the normal equations solve: no hidden layer, linear output, squared loss.
bool closedFormApplies(const NetworkSpec &spec);

/// Solves the normal equations theta = (X^T X + N lambda D)^-1 X^T y for theta = [W b], where the
/// rows of X are the inputs with a 1 appended and D = diag(1, ..., 1, 0) leaves the bias
/// unpenalised, exactly like the trainer's objective (mean squared loss + lambda/2 |W|^2).
/// With lambda = 0 and D = I this is the notes' theta = (X^T X + lambda I)^-1 X^T y.
/// x: inputs x N, y: outputs x N. A singular system gets the minimum-norm solution.
ClosedFormSolution solveNormalEquations(const Matrix<double> &x, const Matrix<double> &y, double lambda);

/// The ridge solution for a model's own training points as the network sees them (features,
/// standardisation), lambda = the L2 strength. An error when closedFormApplies() does not hold.
ClosedFormSolution solveClosedForm(const Model &model, const Dataset &dataset, double lambda);

/// |theta - theta*| over every weight and bias (Euclidean), the gap gradient descent closes;
/// NaN when the model's shape does not match the solution.
double distanceToSolution(const Model &model, const ClosedFormSolution &solution);

}  // namespace np
