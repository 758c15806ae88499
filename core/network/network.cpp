#include "network.h"

#include "../common/padding.h"
#include "../common/smallproduct.h"

#include <cassert>
#include <cmath>

namespace np {

namespace {

constexpr double kBatchNormEpsilon = 1e-5;
constexpr double kBatchNormMomentum = 0.1;

Activation headActivation(OutputHead head)
{
    switch (head) {
    case OutputHead::Sigmoid:
    case OutputHead::OneVsRest:
        return Activation::Sigmoid;
    case OutputHead::Tanh:
        return Activation::Tanh;
    case OutputHead::Step:
        return Activation::Step;
    case OutputHead::Softmax:  // handled column-wise
    case OutputHead::Linear:
        return Activation::Linear;
    }
    return Activation::Linear;
}

// a = exp(z - max z) / sum over each of the n columns of k rows: plain loops over the rows of
// each column, with k known to the compiler (K > 0) for the usual few classes, and the
// exponentials vectorised over the whole block, padded to `length` like the other activations
// so every entry takes the same code path whatever the batch.
template <typename T, int K>
void softmaxColumns(const T *z, T *a, Index k, Index n, Index length)
{
    if constexpr (K > 0)
        k = K;
    for (Index c = 0; c < n; ++c) {
        const T *zc = z + c * k;
        T *ac = a + c * k;
        T zmax = zc[0];
        for (Index r = 1; r < k; ++r)
            zmax = std::max(zmax, zc[r]);
        for (Index r = 0; r < k; ++r)
            ac[r] = zc[r] - zmax;
    }
    MatrixMap<T>(a, length, 1).array() = MatrixMap<T>(a, length, 1).array().exp();
    for (Index c = 0; c < n; ++c) {
        T *ac = a + c * k;
        T sum = 0;
        for (Index r = 0; r < k; ++r)
            sum += ac[r];
        const T inv = T(1) / sum;
        for (Index r = 0; r < k; ++r)
            ac[r] *= inv;
    }
}

template <typename T>
void softmax(const T *z, T *a, Index k, Index n, Index length)
{
    switch (k) {
    case 2:
        return softmaxColumns<T, 2>(z, a, k, n, length);
    case 3:
        return softmaxColumns<T, 3>(z, a, k, n, length);
    case 4:
        return softmaxColumns<T, 4>(z, a, k, n, length);
    default:
        return softmaxColumns<T, 0>(z, a, k, n, length);
    }
}

}  // namespace

template <typename T>
Network<T>::Network(const NetworkSpec &spec, int inputs, int outputs)
    : m_spec(spec)
    , m_inputs(inputs)
    , m_outputs(outputs)
{
    Index parameterCount = 0;
    Index bufferCount = 0;
    auto addBlock = [&](int l, ParameterKind kind, Index rows, Index cols) {
        m_blocks.push_back({l, kind, parameterCount, rows, cols});
        parameterCount += rows * cols;
        return m_blocks.back().offset;
    };

    int in = inputs;
    const int layerCount = static_cast<int>(spec.hidden.size()) + 1;
    for (int l = 0; l < layerCount; ++l) {
        LayerShape shape;
        shape.in = in;
        shape.isOutput = l == layerCount - 1;
        if (shape.isOutput) {
            shape.units = outputs;
            shape.activation = headActivation(spec.head);
        } else {
            const LayerSpec &hidden = spec.hidden[static_cast<std::size_t>(l)];
            shape.units = hidden.units;
            shape.activation = hidden.activation;
            shape.alpha = hidden.alpha;
            shape.pieces = hidden.activation == Activation::Maxout ? hidden.pieces : 1;
            shape.batchNorm = hidden.batchNorm;
            shape.dropout = hidden.dropout;
        }
        shape.rows = shape.units * shape.pieces;
        shape.weight = addBlock(l, ParameterKind::Weight, shape.rows, shape.in);
        if (shape.batchNorm) {
            shape.gamma = addBlock(l, ParameterKind::Gamma, shape.rows, 1);
            shape.beta = addBlock(l, ParameterKind::Beta, shape.rows, 1);
            shape.runningMean = bufferCount;
            shape.runningVar = bufferCount + shape.rows;
            bufferCount += 2 * shape.rows;
        } else {
            shape.bias = addBlock(l, ParameterKind::Bias, shape.rows, 1);
        }
        m_layers.push_back(shape);
        in = shape.units;
    }
    m_parameterCount = static_cast<std::size_t>(parameterCount);
    m_parameters.assign(paddedSize(m_parameterCount), T(0));
    m_gradients.assign(paddedSize(m_parameterCount), T(0));
    m_buffers.assign(static_cast<std::size_t>(bufferCount), T(0));
    for (int l = 0; l < layerCount; ++l) {
        if (m_layers[static_cast<std::size_t>(l)].batchNorm) {
            gamma(l).setOnes();
            runningVar(l).setOnes();
        }
    }
    m_work.resize(static_cast<std::size_t>(layerCount));
    for (std::size_t l = 0; l < m_work.size(); ++l) {
        m_work[l].wT.resize(static_cast<std::size_t>(m_layers[l].rows) * static_cast<std::size_t>(m_layers[l].in));
        m_work[l].mu.setZero(m_layers[l].rows);
        m_work[l].invStd.setOnes(m_layers[l].rows);
    }
}

template <typename T>
void Network<T>::reserve(Index columns)
{
    reserveForward(columns);
    reserveGradients(columns);
}

template <typename T>
void Network<T>::reserveForward(Index columns)
{
    if (columns <= m_capacity)
        return;
    m_capacity = columns;
    const auto cap = static_cast<std::size_t>(columns);
    for (std::size_t l = 0; l < m_layers.size(); ++l) {
        const LayerShape &shape = m_layers[l];
        Work &work = m_work[l];
        const auto rows = paddedSize(static_cast<std::size_t>(shape.rows) * cap);
        const auto units = paddedSize(static_cast<std::size_t>(shape.units) * cap);
        work.z.resize(rows);
        work.a.resize(units);
        if (shape.batchNorm) {
            work.zHat.resize(rows);
            work.u.resize(rows);
        }
        if (shape.pieces > 1)
            work.argmax.resize(units);
        if (shape.dropout > 0.0) {
            work.mask.resize(units);
            work.gs.resize(units);
        }
    }
}

template <typename T>
void Network<T>::growGradients(Index columns)
{
    m_gradientCapacity = columns;
    const auto cap = static_cast<std::size_t>(columns);
    for (std::size_t l = 0; l < m_layers.size(); ++l) {
        const LayerShape &shape = m_layers[l];
        m_work[l].delta.resize(paddedSize(static_cast<std::size_t>(shape.rows) * cap));
        m_work[l].da.resize(paddedSize(static_cast<std::size_t>(shape.units) * cap));
    }
    m_inputGradient.resize(static_cast<std::size_t>(m_inputs) * cap);
}

template <typename T>
ConstMatrixMap<T> Network<T>::z(int l) const
{
    const LayerShape &shape = layer(l);
    const Work &work = m_work[static_cast<std::size_t>(l)];
    return cmatrix(shape.batchNorm ? work.u : work.z, shape.rows, m_n);
}

template <typename T>
void Network<T>::forward(const ConstMatrixMap<T> &x, Mode mode, Rng *rng)
{
    assert(x.rows() == m_inputs);
    reserveForward(x.cols());
    m_n = x.cols();
    m_mode = mode;
    forwardLayer(0, x, mode, rng);
    for (int l = 1; l < layerCount(); ++l)
        forwardLayer(l, a(l - 1), mode, rng);
}

template <typename T>
void Network<T>::forwardLayer(int l, const ConstMatrixMap<T> &aPrev, Mode mode, Rng *rng)
{
    const LayerShape &shape = layer(l);
    Work &work = m_work[static_cast<std::size_t>(l)];
    const Index n = m_n;

    MatrixMap<T> zl = matrix(work.z, 0, shape.rows, n);
    affine(W(l), aPrev, shape.batchNorm ? nullptr : b(l).data(), zl);  // z = W a_prev + b: rows x n

    // s is the activation input: z, or u = gamma * zHat + beta with batch norm.
    const Buffer *s = &work.z;
    if (shape.batchNorm) {
        MatrixMap<T> zHat = matrix(work.zHat, 0, shape.rows, n);
        MatrixMap<T> u = matrix(work.u, 0, shape.rows, n);
        auto &mu = work.mu;
        auto &invStd = work.invStd;
        if (mode == Mode::Train) {
            mu = zl.rowwise().mean();
            zHat = zl.colwise() - mu;
            // Reuse invStd to hold the batch variance first.
            invStd = zHat.array().square().rowwise().mean().matrix();
            const T m = T(kBatchNormMomentum);
            const T unbiased = n > 1 ? T(n) / T(n - 1) : T(1);
            runningMean(l) = (T(1) - m) * runningMean(l) + m * mu;
            runningVar(l) = (T(1) - m) * runningVar(l) + (m * unbiased) * invStd;
            invStd = (invStd.array() + T(kBatchNormEpsilon)).rsqrt().matrix();
            zHat.array().colwise() *= invStd.array();
        } else {
            mu = runningMean(l);
            invStd = (runningVar(l).array() + T(kBatchNormEpsilon)).rsqrt().matrix();
            zHat = zl.colwise() - mu;
            zHat.array().colwise() *= invStd.array();
        }
        u = zHat;
        u.array().colwise() *= gamma(l).array();
        u.colwise() += beta(l);
        s = &work.u;
    }

    const ConstMatrixMap<T> sl = cmatrix(*s, shape.rows, n);
    // a = g(s). With dropout g(s) is kept unmasked for the backward pass, and a is masked below.
    Buffer &gs = shape.dropout > 0.0 && mode == Mode::Train ? work.gs : work.a;
    MatrixMap<T> al = matrix(gs, 0, shape.units, n);

    if (shape.isOutput && m_spec.head == OutputHead::Softmax) {
        const auto length = static_cast<Index>(paddedSize(static_cast<std::size_t>(shape.rows * n)));
        softmax(sl.data(), al.data(), shape.rows, n, length);
    } else if (shape.isOutput && m_spec.head == OutputHead::Step && shape.units > 1) {
        // A multi-class step head fires only its winning unit.
        al.setZero();
        for (Index c = 0; c < n; ++c) {
            Index best = 0;
            sl.col(c).maxCoeff(&best);
            al(best, c) = T(1);
        }
    } else if (shape.pieces > 1) {
        const int k = shape.pieces;
        for (Index c = 0; c < n; ++c) {
            for (int j = 0; j < shape.units; ++j) {
                const T *piece = sl.data() + c * shape.rows + static_cast<Index>(j) * k;
                int best = 0;
                for (int i = 1; i < k; ++i) {
                    if (piece[i] > piece[best])
                        best = i;
                }
                al(j, c) = piece[best];
                work.argmax[static_cast<std::size_t>(c * shape.units + j)] = best;
            }
        }
    } else {
        const auto length = static_cast<Index>(paddedSize(static_cast<std::size_t>(shape.rows * n)));
        activate<T>(shape.activation, T(shape.alpha), ConstMatrixMap<T>(sl.data(), length, 1),
                    MatrixMap<T>(al.data(), length, 1));
    }

    if (shape.dropout > 0.0 && mode == Mode::Train) {
        assert(rng && "dropout needs a random generator while training");
        const double p = shape.dropout;
        const T keep = T(1.0 / (1.0 - p));
        MatrixMap<T> mask = matrix(work.mask, 0, shape.units, n);
        for (Index i = 0; i < mask.size(); ++i)
            mask.data()[i] = rng->uniform() < p ? T(0) : keep;
        matrix(work.a, 0, shape.units, n) = al.cwiseProduct(mask);
    }
}

template <typename T>
T Network<T>::loss(const ConstMatrixMap<T> &y, bool withDelta)
{
    const int L = layerCount() - 1;
    MatrixMap<T> delta = outputDelta();
    return outputLoss<T>(m_spec.head, m_spec.loss, z(L), a(L), y, withDelta ? &delta : nullptr);
}

template <typename T>
void Network<T>::backward(const ConstMatrixMap<T> &x, const Penalty &penalty, bool inputGradient)
{
    assert(x.cols() == m_n);
    reserveGradients(m_n);
    for (int l = layerCount() - 1; l >= 0; --l)
        backwardLayer(l, l == 0 ? x : a(l - 1), penalty, inputGradient);
}

template <typename T>
void Network<T>::backwardFromOutputGradient(const ConstMatrixMap<T> &x, const ConstMatrixMap<T> &da,
                                            const Penalty &penalty, bool inputGradient)
{
    const int L = layerCount() - 1;
    MatrixMap<T> delta = outputDelta();
    delta = da;
    if (m_spec.head == OutputHead::Step)
        delta.setZero();  // the threshold unit has no derivative
    else
        applyHeadDerivative<T>(m_spec.head, z(L), a(L), delta);
    backward(x, penalty, inputGradient);
}

template <typename T>
void Network<T>::backwardLayer(int l, const ConstMatrixMap<T> &aPrev, const Penalty &penalty,
                               bool inputGradient)
{
    const LayerShape &shape = layer(l);
    Work &work = m_work[static_cast<std::size_t>(l)];
    const Index n = m_n;
    const bool train = m_mode == Mode::Train;
    MatrixMap<T> delta = matrix(work.delta, 0, shape.rows, n);  // dObjective / d(activation input)

    if (!shape.isOutput) {
        MatrixMap<T> da = matrix(work.da, 0, shape.units, n);  // dObjective / da, from layer l + 1
        if (shape.dropout > 0.0 && train)
            da.array() *= cmatrix(work.mask, shape.units, n).array();
        if (shape.pieces > 1) {
            // Only the winning piece of each maxout unit receives the gradient.
            delta.setZero();
            const int k = shape.pieces;
            for (Index c = 0; c < n; ++c) {
                for (int j = 0; j < shape.units; ++j) {
                    const int best = work.argmax[static_cast<std::size_t>(c * shape.units + j)];
                    delta(static_cast<Index>(j) * k + best, c) = da(j, c);
                }
            }
        } else {
            delta = da;  // delta = da .* g'(s)
            const Buffer &gs = shape.dropout > 0.0 && train ? work.gs : work.a;
            const auto length = static_cast<Index>(paddedSize(static_cast<std::size_t>(shape.rows * n)));
            multiplyByDerivative<T>(shape.activation, T(shape.alpha), ConstMatrixMap<T>(z(l).data(), length, 1),
                                    cmatrix(gs, length, 1), MatrixMap<T>(delta.data(), length, 1));
        }
    }

    if (shape.batchNorm) {
        MatrixMap<T> dGamma = matrix(m_gradients, shape.gamma, shape.rows, 1);
        MatrixMap<T> dBeta = matrix(m_gradients, shape.beta, shape.rows, 1);
        const ConstMatrixMap<T> zHat = cmatrix(work.zHat, shape.rows, n);
        dGamma = delta.cwiseProduct(zHat).rowwise().sum();
        dBeta = delta.rowwise().sum();
        // mu is free after the forward pass; it serves as a per-row scratch vector here.
        Vector<T> &scratch = work.mu;
        if (train) {
            // dz = gamma / sigma * (du - mean(du) - zHat mean(du zHat)), row by row.
            scratch = dBeta / T(n);
            delta.colwise() -= scratch;
            scratch = dGamma / T(n);
            delta.array() -= zHat.array().colwise() * scratch.array();
        }
        scratch = gamma(l).cwiseProduct(work.invStd);
        delta.array().colwise() *= scratch.array();
    }

    MatrixMap<T> dW = matrix(m_gradients, shape.weight, shape.rows, shape.in);
    outer(delta, aPrev, dW);  // dW = delta a_prev^T: rows x in
    if (!penalty.isZero()) {
        const auto w = W(l).array();
        if (penalty.l1 != 0.0)
            dW.array() += T(penalty.l1) * w.sign();
        if (penalty.l2 != 0.0)
            dW.array() += T(penalty.l2) * w;
    }
    if (!shape.batchNorm) {
        columnSum(delta, matrix(m_gradients, shape.bias, shape.rows, 1));  // db = delta 1: rows
    }

    if (l > 0 || inputGradient) {
        // dObjective/da_prev = W^T delta: in x n
        Buffer &daPrev = l > 0 ? m_work[static_cast<std::size_t>(l - 1)].da : m_inputGradient;
        transposedTimes(W(l), delta, matrix(work.wT, 0, shape.in, shape.rows), matrix(daPrev, 0, shape.in, n));
    }
}

template <typename T>
T Network<T>::penaltyValue(const Penalty &penalty) const
{
    if (penalty.isZero())
        return T(0);
    T l1 = 0, l2 = 0;
    for (int l = 0; l < layerCount(); ++l) {
        l1 += W(l).cwiseAbs().sum();
        l2 += W(l).squaredNorm();
    }
    return T(penalty.l1) * l1 + T(0.5 * penalty.l2) * l2;
}

template class Network<float>;
template class Network<double>;

}  // namespace np
