#pragma once

#include "../common/scalar.h"
#include "../data/dataset.h"
#include "../network/network.h"
#include "gradienthealth.h"
#include "history.h"

#include <functional>
#include <vector>

namespace np {

/// Evaluation runs in chunks of this many points, so the work buffers stay small however large
/// the data is.
inline constexpr Index kEvaluationChunk = 4096;

/// An evaluation under way: the sums over the points done so far, so that it can stop between
/// chunks and go on later to the same bits as one that never stopped.
struct MetricsSums
{
    Index next = 0;  ///< the first point not yet evaluated
    double lossSum = 0, squaredError = 0, targetSum = 0, targetSquares = 0;
    Index correct = 0;
};

/// Evaluates points sums.next.. in chunks of `chunk` points, adding to sums. Between chunks (after
/// at least one) it asks `interrupted` and returns false when told to stop; true once every point
/// is done. A health given counts unit states chunk by chunk (clear it before the first call).
bool evaluateChunks(Network<Scalar> &net, Task task, const Matrix<Scalar> &X, const Matrix<Scalar> &Y,
                    const std::vector<int> &labels, Index chunk, MetricsSums &sums, GradientHealth *health,
                    const std::function<bool()> &interrupted);

/// The metrics of count points from their finished sums.
Metrics metricsFromSums(const MetricsSums &sums, Task task, Index count);

/// The metrics of net on points X (inputs x points) with encoded targets Y (outputs x points)
/// and class labels, in evaluation mode, chunk by chunk. When health is given, it counts the
/// hidden units' states over these points.
Metrics evaluateMetrics(Network<Scalar> &net, Task task, const Matrix<Scalar> &X, const Matrix<Scalar> &Y,
                        const std::vector<int> &labels, GradientHealth *health = nullptr);

}  // namespace np
