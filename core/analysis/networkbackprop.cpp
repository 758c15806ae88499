#include "networkbackprop.h"

#include "../io/modelexport.h"  // kBatchNormEpsilon, the engine's
#include "prediction.h"

namespace np {

namespace {

template <typename Map>
Vector<double> toDouble(const Map &m)
{
    return m.template cast<double>();
}

// g'(s) for a hidden layer, one entry per row, from the engine's own derivative.
Vector<double> activationDerivative(const LayerShape &shape, const ConstMatrixMap<Scalar> &s,
                                    const ConstMatrixMap<Scalar> &a, const std::vector<int> &winners)
{
    Vector<double> g = Vector<double>::Zero(shape.rows);
    if (shape.pieces > 1) {
        for (int j = 0; j < shape.units; ++j)
            g(j * shape.pieces + winners[static_cast<std::size_t>(j)]) = 1.0;
        return g;
    }
    Matrix<Scalar> ones = Matrix<Scalar>::Ones(shape.rows, 1);
    MatrixMap<Scalar> d(ones.data(), shape.rows, 1);
    multiplyByDerivative<Scalar>(shape.activation, Scalar(shape.alpha), s, a, d);
    return ones.col(0).cast<double>();
}

// The winning piece of every maxout unit, as the engine picks it (the first largest).
std::vector<int> maxoutWinners(const LayerShape &shape, const ConstMatrixMap<Scalar> &s)
{
    std::vector<int> winners(static_cast<std::size_t>(shape.units), 0);
    for (int j = 0; j < shape.units && shape.pieces > 1; ++j) {
        int best = 0;
        for (int i = 1; i < shape.pieces; ++i) {
            if (s(j * shape.pieces + i, 0) > s(j * shape.pieces + best, 0))
                best = i;
        }
        winners[static_cast<std::size_t>(j)] = best;
    }
    return winners;
}

double pointLoss(Network<Scalar> &net, const Matrix<Scalar> &x, const Matrix<Scalar> &y)
{
    net.forward(ConstMatrixMap<Scalar>(x.data(), x.rows(), 1), Mode::Eval);
    return double(net.loss(ConstMatrixMap<Scalar>(y.data(), y.rows(), 1), false));
}

}  // namespace

bool PointBackprop::usesBatchNorm() const
{
    for (const LayerBackprop &layer : layers) {
        if (layer.gamma.size() > 0)
            return true;
    }
    return false;
}

PointBackprop backpropPoint(const Model &model, double x1, double x2, int label, double target,
                            double learningRate, const Penalty &penalty)
{
    PointBackprop out;
    out.x1 = x1;
    out.x2 = x2;
    out.label = label;
    out.target = target;
    out.learningRate = learningRate;

    Matrix<double> raw(2, 1);
    raw << x1, x2;
    const Matrix<Scalar> x = modelInputs(model, raw);  // inputs x 1
    Matrix<Scalar> y(model.outputs, 1);
    encodeTarget<Scalar>(model.network.head, model.task, model.outputs, label, target, y.data());
    out.input = x.col(0).cast<double>();
    out.y = y.col(0).cast<double>();

    // The engine's own passes on this one column.
    Network<Scalar> net = model.instantiate();
    const ConstMatrixMap<Scalar> xm(x.data(), x.rows(), 1);
    net.forward(xm, Mode::Eval);
    out.loss = double(net.loss(ConstMatrixMap<Scalar>(y.data(), y.rows(), 1), true));
    net.backward(xm, penalty);

    const int L = net.layerCount();
    out.layers.resize(static_cast<std::size_t>(L));
    for (int l = 0; l < L; ++l) {
        const LayerShape &shape = net.layer(l);
        LayerBackprop &layer = out.layers[static_cast<std::size_t>(l)];
        out.usesDropout = out.usesDropout || shape.dropout > 0.0;
        const Vector<double> aPrev = l == 0 ? out.input : toDouble(net.a(l - 1).col(0));
        layer.W = net.W(l).cast<double>();
        layer.dW = net.dW(l).cast<double>();
        layer.z = layer.W * aPrev;
        if (shape.batchNorm) {
            layer.gamma = toDouble(net.gamma(l));
            layer.beta = toDouble(net.beta(l));
            layer.dGamma = toDouble(ConstVectorMap<Scalar>(net.gradients().data() + shape.gamma, shape.rows));
            layer.dBeta = toDouble(ConstVectorMap<Scalar>(net.gradients().data() + shape.beta, shape.rows));
        } else {
            layer.b = toDouble(net.b(l));
            layer.db = toDouble(net.db(l));
            layer.z += layer.b;
        }
        layer.s = toDouble(net.z(l).col(0));
        layer.a = toDouble(net.a(l).col(0));
        if (!shape.isOutput) {
            const ConstMatrixMap<Scalar> s(net.z(l).data(), shape.rows, 1);
            const ConstMatrixMap<Scalar> a(net.a(l).data(), shape.rows, 1);
            layer.gPrime = activationDerivative(shape, s, a, maxoutWinners(shape, s));
        }
    }

    // δ = ∂L/∂s: the output's from the loss; a hidden layer's is its bias gradient (one column),
    // or β's with batch norm, which the engine computes from the same δ.
    for (int l = L - 1; l >= 0; --l) {
        const LayerShape &shape = net.layer(l);
        LayerBackprop &layer = out.layers[static_cast<std::size_t>(l)];
        if (shape.isOutput)
            layer.delta = toDouble(net.outputDelta().col(0));
        else
            layer.delta = shape.batchNorm ? layer.dBeta : layer.db;
        layer.deltaZ = layer.delta;
        if (shape.batchNorm) {
            const Vector<double> var = toDouble(net.runningVar(l));
            layer.deltaZ = layer.delta.cwiseProduct(layer.gamma).cwiseQuotient(
                (var.array() + kBatchNormEpsilon).sqrt().matrix());
        }
        if (l + 1 < L) {
            const LayerBackprop &next = out.layers[static_cast<std::size_t>(l + 1)];
            layer.da = next.W.transpose() * next.deltaZ;
        }
    }

    // One SGD step on every trainable parameter, and the loss on the point after it.
    const std::span<const Scalar> p = net.parameters();
    const std::span<const Scalar> g = net.gradients();
    out.parametersAfter.resize(p.size());
    for (std::size_t i = 0; i < p.size(); ++i)
        out.parametersAfter[i] = Scalar(double(p[i]) - learningRate * double(g[i]));
    Model after = model;
    after.parameters = out.parametersAfter;
    Network<Scalar> stepped = after.instantiate();
    for (int l = 0; l < L; ++l) {
        LayerBackprop &layer = out.layers[static_cast<std::size_t>(l)];
        layer.WAfter = stepped.W(l).cast<double>();
        if (!net.layer(l).batchNorm)
            layer.bAfter = toDouble(stepped.b(l));
    }
    out.lossAfter = pointLoss(stepped, x, y);
    return out;
}

}  // namespace np
