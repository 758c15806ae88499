#include "evaluation.h"

#include "../network/loss.h"

#include <algorithm>
#include <cmath>

namespace np {

bool evaluateChunks(Network<Scalar> &net, Task task, const Matrix<Scalar> &X, const Matrix<Scalar> &Y,
                    const std::vector<int> &labels, Index chunk, MetricsSums &sums, GradientHealth *health,
                    const std::function<bool()> &interrupted)
{
    const bool classification = task == Task::Classification;
    const OutputHead head = net.spec().head;
    const int outputs = net.outputs();
    const Index first = sums.next;
    for (Index start = sums.next; start < X.cols(); start += chunk) {
        if (start > first && interrupted && interrupted())
            return false;
        const Index n = std::min(chunk, X.cols() - start);
        const ConstMatrixMap<Scalar> x(X.data() + start * X.rows(), X.rows(), n);
        const ConstMatrixMap<Scalar> y(Y.data() + start * Y.rows(), Y.rows(), n);
        net.forward(x, Mode::Eval);
        sums.lossSum += double(net.loss(y, false)) * double(n);
        const auto a = net.output();
        for (Index c = 0; c < n; ++c) {
            if (classification) {
                sums.correct += predictedClass<Scalar>(head, a.data() + c * outputs, outputs)
                                == labels[static_cast<std::size_t>(start + c)];
            } else {
                const double e = double(a(0, c)) - double(y(0, c));
                sums.squaredError += e * e;
                sums.targetSum += y(0, c);
                sums.targetSquares += double(y(0, c)) * double(y(0, c));
            }
        }
        if (health)
            health->countUnits(net);
        sums.next = start + n;
    }
    return true;
}

Metrics metricsFromSums(const MetricsSums &sums, Task task, Index count)
{
    Metrics m;
    m.count = static_cast<int>(count);
    if (count == 0)
        return m;
    const double n = double(count);
    m.loss = sums.lossSum / n;
    if (task == Task::Classification) {
        m.accuracy = double(sums.correct) / n;
    } else {
        m.rmse = std::sqrt(sums.squaredError / n);
        const double variance = sums.targetSquares - sums.targetSum * sums.targetSum / n;  // sum (y - mean)^2
        m.r2 = variance > 0 ? 1.0 - sums.squaredError / variance : Metrics::nan;
    }
    return m;
}

Metrics evaluateMetrics(Network<Scalar> &net, Task task, const Matrix<Scalar> &X, const Matrix<Scalar> &Y,
                        const std::vector<int> &labels, GradientHealth *health)
{
    if (health)
        health->clearUnitCounts();
    MetricsSums sums;
    evaluateChunks(net, task, X, Y, labels, kEvaluationChunk, sums, health, {});
    return metricsFromSums(sums, task, X.cols());
}

}  // namespace np
