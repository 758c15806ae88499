#include "evaluation.h"

#include "../network/loss.h"

#include <algorithm>
#include <cmath>

namespace np {

Metrics evaluateMetrics(Network<Scalar> &net, Task task, const Matrix<Scalar> &X, const Matrix<Scalar> &Y,
                        const std::vector<int> &labels, GradientHealth *health)
{
    Metrics m;
    m.count = static_cast<int>(X.cols());
    if (health)
        health->clearUnitCounts();
    if (m.count == 0)
        return m;

    const bool classification = task == Task::Classification;
    const OutputHead head = net.spec().head;
    const int outputs = net.outputs();
    double lossSum = 0, squaredError = 0, targetSum = 0, targetSquares = 0;
    Index correct = 0;
    for (Index start = 0; start < X.cols(); start += kEvaluationChunk) {
        const Index n = std::min(kEvaluationChunk, X.cols() - start);
        const ConstMatrixMap<Scalar> x(X.data() + start * X.rows(), X.rows(), n);
        const ConstMatrixMap<Scalar> y(Y.data() + start * Y.rows(), Y.rows(), n);
        net.forward(x, Mode::Eval);
        lossSum += double(net.loss(y, false)) * double(n);
        const auto a = net.output();
        for (Index c = 0; c < n; ++c) {
            if (classification) {
                correct += predictedClass<Scalar>(head, a.data() + c * outputs, outputs)
                           == labels[static_cast<std::size_t>(start + c)];
            } else {
                const double e = double(a(0, c)) - double(y(0, c));
                squaredError += e * e;
                targetSum += y(0, c);
                targetSquares += double(y(0, c)) * double(y(0, c));
            }
        }
        if (health)
            health->countUnits(net);
    }
    const double count = m.count;
    m.loss = lossSum / count;
    if (classification) {
        m.accuracy = double(correct) / count;
    } else {
        m.rmse = std::sqrt(squaredError / count);
        const double variance = targetSquares - targetSum * targetSum / count;  // sum (y - mean)^2
        m.r2 = variance > 0 ? 1.0 - squaredError / variance : Metrics::nan;
    }
    return m;
}

}  // namespace np
