#include "approximation.h"

#include <algorithm>

namespace np {

namespace {

/// Why the terms alpha_i g(w_i x + b_i) cannot be drawn for this network, or empty.
std::string termsProblem(const Network<double> &net)
{
    if (net.layerCount() != 2)
        return net.layerCount() < 2 ? "Without a hidden layer there are no units to sum: F(x) is one term."
                                    : "The sum of units is drawn for one hidden layer; a deeper "
                                      "network composes its layers, so only its output is shown.";
    const LayerShape &hidden = net.layer(0);
    if (hidden.activation == Activation::Maxout)
        return "Maxout units take a maximum of pieces; only the output is shown.";
    if (hidden.batchNorm || net.layer(1).batchNorm)
        return "With batch normalisation the units are rescaled before the sum; only the output is shown.";
    return {};
}

}  // namespace

Approximation approximate(const Model &model, double xMin, double xMax, int samples)
{
    Approximation result;
    samples = std::max(samples, 2);
    if (!dependsOnlyOnX1(model.features)) {
        result.reason = "The network reads x2 too, so its output is a surface, not a curve of x.";
        return result;
    }
    if (model.outputs != 1) {
        result.reason = "The network has several outputs; the function view draws one.";
        return result;
    }
    result.isFunction = true;

    // phi(x): features x samples, standardised as in training.
    result.x.resize(static_cast<std::size_t>(samples));
    Matrix<double> phi(model.features.count(), samples);
    for (int j = 0; j < samples; ++j) {
        const double x = xMin + (xMax - xMin) * j / (samples - 1);
        result.x[static_cast<std::size_t>(j)] = x;
        computeFeatures<double>(model.features, x, 0.0, phi.col(j).data());
    }
    if (!model.standardizer.isEmpty())
        model.standardizer.apply<double>(phi);

    Network<double> net = model.instantiate<double>();
    net.forward(ConstMatrixMap<double>(phi.data(), phi.rows(), phi.cols()), Mode::Eval);
    const int last = net.layerCount() - 1;
    result.output.assign(net.output().data(), net.output().data() + samples);
    result.z.assign(net.z(last).data(), net.z(last).data() + samples);

    result.reason = termsProblem(net);
    if (!result.reason.empty())
        return result;
    result.hasTerms = true;

    // Each term computed on its own (not read back from the network's buffers), so that their
    // sum meeting z_L checks the decomposition rather than restating it.
    const LayerShape &hidden = net.layer(0);
    const auto W1 = net.W(0);  // units x features
    const auto b1 = net.b(0);  // units
    const auto W2 = net.W(1);  // 1 x units
    result.outputBias = net.b(1)(0);
    Matrix<double> zi(1, samples), ai(1, samples);
    for (int i = 0; i < hidden.units; ++i) {
        ApproximationUnit unit;
        unit.alpha = W2(0, i);
        unit.w.assign(W1.cols(), 0.0);
        for (Index k = 0; k < W1.cols(); ++k)
            unit.w[static_cast<std::size_t>(k)] = W1(i, k);
        unit.b = b1(i);
        zi.noalias() = W1.row(i) * phi;  // 1 x samples
        zi.array() += unit.b;
        activate<double>(hidden.activation, hidden.alpha, ConstMatrixMap<double>(zi.data(), 1, samples),
                         MatrixMap<double>(ai.data(), 1, samples));
        unit.contribution.resize(static_cast<std::size_t>(samples));
        for (int j = 0; j < samples; ++j)
            unit.contribution[static_cast<std::size_t>(j)] = unit.alpha * ai(0, j);
        result.units.push_back(std::move(unit));
    }
    return result;
}

}  // namespace np
