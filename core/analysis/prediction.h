#pragma once

#include "../network/model.h"

namespace np {

/// The network's inputs for raw points (2 x n, rows x1 and x2): features, then standardisation.
Matrix<Scalar> modelInputs(const Model &model, const Matrix<double> &points);

/// The model's outputs a_L (outputs x n) for raw points (2 x n), evaluated in chunks.
Matrix<Scalar> predict(const Model &model, const Matrix<double> &points);

/// Class probabilities (classes x n) where the head gives them: sigmoid (1 - a, a), softmax a,
/// one-vs-rest sigmoids renormalised to sum to 1. Empty for heads that give scores (linear,
/// tanh, step) and for regression.
Matrix<Scalar> classProbabilities(const Model &model, const Matrix<Scalar> &outputs);

}  // namespace np
