#include "gradientcheck.h"

#include <algorithm>
#include <cmath>

namespace np {

namespace {

double relativeError(double diffNorm, double aNorm, double nNorm)
{
    const double denominator = aNorm + nNorm;
    return denominator < 1e-300 ? 0.0 : diffNorm / denominator;
}

}  // namespace

double GradientCheckResult::maxRelativeError() const
{
    double worst = inputRelativeError;
    for (const auto &layer : layers)
        worst = std::max(worst, layer.relativeError);
    return worst;
}

template <typename T>
GradientCheckResult checkGradients(Network<T> &net, const ConstMatrixMap<T> &x, const ConstMatrixMap<T> &y,
                                   const Penalty &penalty, Mode mode, const Rng &rng, double h, int maxPerLayer)
{
    // Batch norm's running statistics move on every Train forward; keep them fixed.
    const std::vector<T> savedBuffers(net.buffers().begin(), net.buffers().end());
    auto objective = [&]() {
        Rng r = rng;
        std::copy(savedBuffers.begin(), savedBuffers.end(), net.buffers().begin());
        net.forward(x, mode, &r);
        return double(net.loss(y, false)) + double(net.penaltyValue(penalty));
    };

    // Analytic gradients.
    Rng r = rng;
    std::copy(savedBuffers.begin(), savedBuffers.end(), net.buffers().begin());
    net.forward(x, mode, &r);
    net.loss(y, true);
    net.backward(x, penalty, true);
    const std::vector<T> analytic(net.gradients().begin(), net.gradients().end());
    const Matrix<T> analyticInput = net.inputGradient();

    GradientCheckResult result;
    auto params = net.parameters();
    for (int l = 0; l < net.layerCount(); ++l) {
        double diff2 = 0, a2 = 0, n2 = 0, maxAbs = 0;
        std::vector<Index> indices;
        for (const ParameterBlock &block : net.blocks()) {
            if (block.layer == l)
                for (Index i = block.offset; i < block.offset + block.size(); ++i)
                    indices.push_back(i);
        }
        const int total = static_cast<int>(indices.size());
        if (maxPerLayer > 0 && total > maxPerLayer) {
            std::vector<Index> spread;
            for (int k = 0; k < maxPerLayer; ++k)
                spread.push_back(indices[std::size_t(std::int64_t(k) * total / maxPerLayer)]);
            indices = std::move(spread);
        }
        for (Index i : indices) {
            const T saved = params[static_cast<std::size_t>(i)];
            params[static_cast<std::size_t>(i)] = saved + T(h);
            const double plus = objective();
            params[static_cast<std::size_t>(i)] = saved - T(h);
            const double minus = objective();
            params[static_cast<std::size_t>(i)] = saved;
            const double numeric = (plus - minus) / (2 * h);
            const double a = analytic[static_cast<std::size_t>(i)];
            diff2 += (a - numeric) * (a - numeric);
            a2 += a * a;
            n2 += numeric * numeric;
            maxAbs = std::max(maxAbs, std::abs(a - numeric));
        }
        result.layers.push_back({l, static_cast<int>(indices.size()), total,
                                 relativeError(std::sqrt(diff2), std::sqrt(a2), std::sqrt(n2)), maxAbs, std::sqrt(a2)});
    }

    Matrix<T> xx = x;
    double diff2 = 0, a2 = 0, n2 = 0, maxAbs = 0;
    for (Index i = 0; i < xx.size(); ++i) {
        const T saved = xx.data()[i];
        auto evalAt = [&](T v) {
            xx.data()[i] = v;
            Rng rr = rng;
            std::copy(savedBuffers.begin(), savedBuffers.end(), net.buffers().begin());
            const ConstMatrixMap<T> xm(xx.data(), xx.rows(), xx.cols());
            net.forward(xm, mode, &rr);
            return double(net.loss(y, false)) + double(net.penaltyValue(penalty));
        };
        const double numeric = (evalAt(saved + T(h)) - evalAt(saved - T(h))) / (2 * h);
        xx.data()[i] = saved;
        const double a = analyticInput.data()[i];
        diff2 += (a - numeric) * (a - numeric);
        a2 += a * a;
        n2 += numeric * numeric;
        maxAbs = std::max(maxAbs, std::abs(a - numeric));
    }
    result.inputMaxAbsError = maxAbs;
    result.inputRelativeError = relativeError(std::sqrt(diff2), std::sqrt(a2), std::sqrt(n2));
    std::copy(savedBuffers.begin(), savedBuffers.end(), net.buffers().begin());
    return result;
}

template GradientCheckResult checkGradients<double>(Network<double> &, const ConstMatrixMap<double> &,
                                                    const ConstMatrixMap<double> &, const Penalty &, Mode,
                                                    const Rng &, double, int);
template GradientCheckResult checkGradients<float>(Network<float> &, const ConstMatrixMap<float> &,
                                                   const ConstMatrixMap<float> &, const Penalty &, Mode,
                                                   const Rng &, double, int);

}  // namespace np
