#pragma once

#include "../common/scalar.h"
#include "../data/dataset.h"
#include "../network/network.h"
#include "gradienthealth.h"
#include "history.h"

#include <vector>

namespace np {

/// Evaluation runs in chunks of this many points, so the work buffers stay small however large
/// the data is.
inline constexpr Index kEvaluationChunk = 4096;

/// The metrics of net on points X (inputs x points) with encoded targets Y (outputs x points)
/// and class labels, in evaluation mode, chunk by chunk. When health is given, it counts the
/// hidden units' states over these points.
Metrics evaluateMetrics(Network<Scalar> &net, Task task, const Matrix<Scalar> &X, const Matrix<Scalar> &Y,
                        const std::vector<int> &labels, GradientHealth *health = nullptr);

}  // namespace np
