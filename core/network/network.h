#pragma once

#include "../common/padding.h"
#include "../common/rng.h"
#include "../common/scalar.h"
#include "loss.h"
#include "networkspec.h"

#include <span>
#include <vector>

namespace np {

/// Train: batch statistics for batch norm, dropout masks drawn. Eval: running statistics, no dropout.
enum class Mode { Train, Eval };

enum class ParameterKind { Weight, Bias, Gamma, Beta };

/// Where one parameter tensor lives in the flat parameter vector (rows x cols, column-major).
struct ParameterBlock
{
    int layer = 0;
    ParameterKind kind = ParameterKind::Weight;
    Index offset = 0;
    Index rows = 0;
    Index cols = 1;

    Index size() const { return rows * cols; }
};

/// The resolved shape of one layer (hidden layers first, the output layer last).
struct LayerShape
{
    int in = 0;        ///< width of a_prev
    int units = 0;     ///< width of a
    int pieces = 1;    ///< maxout k; z has units * pieces rows
    int rows = 0;      ///< rows of W and z
    Activation activation = Activation::Linear;
    double alpha = 0.0;
    bool batchNorm = false;
    double dropout = 0.0;
    bool isOutput = false;
    Index weight = -1, bias = -1, gamma = -1, beta = -1;  ///< offsets into parameters (-1: none)
    Index runningMean = -1, runningVar = -1;              ///< offsets into buffers (-1: none)
};

/// A multilayer perceptron stored MiniDNN-style: all parameters in one flat vector (so an
/// optimizer update is one vectorised loop) and per-layer work buffers that are reused, so
/// a steady batch size allocates nothing. One sample per column throughout.
///
/// Layer l computes z = W a_prev + b (rows x n); with batch norm u = gamma (z - mu) / sigma + beta;
/// a = g(s) with s = u or z; with dropout a = g(s) .* mask / (1 - p) while training.
template <typename T>
class Network
{
public:
    Network() = default;
    Network(const NetworkSpec &spec, int inputs, int outputs);

    const NetworkSpec &spec() const { return m_spec; }
    int inputs() const { return m_inputs; }
    int outputs() const { return m_outputs; }
    int layerCount() const { return static_cast<int>(m_layers.size()); }
    const LayerShape &layer(int l) const { return m_layers[static_cast<std::size_t>(l)]; }
    const std::vector<ParameterBlock> &blocks() const { return m_blocks; }

    /// All trainable parameters, [W1 b1 (gamma1 beta1) W2 b2 ...].
    std::span<T> parameters() { return {m_parameters.data(), m_parameterCount}; }
    std::span<const T> parameters() const { return {m_parameters.data(), m_parameterCount}; }
    /// dObjective/dparameters from the last backward(), same layout.
    std::span<T> gradients() { return {m_gradients.data(), m_parameterCount}; }
    std::span<const T> gradients() const { return {m_gradients.data(), m_parameterCount}; }
    /// parameters() and gradients() followed by zeros up to paddedSize() entries (see kPadding),
    /// for the optimizer (see Optimizer::step); the padding stays zero.
    std::span<T> paddedParameters() { return m_parameters; }
    std::span<const T> paddedGradients() const { return m_gradients; }
    /// Non-trainable state: batch norm running means and variances.
    std::span<T> buffers() { return m_buffers; }
    std::span<const T> buffers() const { return m_buffers; }

    MatrixMap<T> W(int l) { return matrix(m_parameters, layer(l).weight, layer(l).rows, layer(l).in); }
    ConstMatrixMap<T> W(int l) const { return matrix(m_parameters, layer(l).weight, layer(l).rows, layer(l).in); }
    VectorMap<T> b(int l) { return vector(m_parameters, layer(l).bias, layer(l).rows); }
    ConstVectorMap<T> b(int l) const { return vector(m_parameters, layer(l).bias, layer(l).rows); }
    VectorMap<T> gamma(int l) { return vector(m_parameters, layer(l).gamma, layer(l).rows); }
    ConstVectorMap<T> gamma(int l) const { return vector(m_parameters, layer(l).gamma, layer(l).rows); }
    VectorMap<T> beta(int l) { return vector(m_parameters, layer(l).beta, layer(l).rows); }
    ConstVectorMap<T> beta(int l) const { return vector(m_parameters, layer(l).beta, layer(l).rows); }
    VectorMap<T> runningMean(int l) { return vector(m_buffers, layer(l).runningMean, layer(l).rows); }
    VectorMap<T> runningVar(int l) { return vector(m_buffers, layer(l).runningVar, layer(l).rows); }
    ConstMatrixMap<T> dW(int l) const { return matrix(m_gradients, layer(l).weight, layer(l).rows, layer(l).in); }
    ConstVectorMap<T> db(int l) const { return vector(m_gradients, layer(l).bias, layer(l).rows); }

    /// Grows the work buffers to hold n columns. forward() calls it; calling it up front keeps
    /// the training loop free of allocations.
    /// forward() alone grows only what a forward pass writes (an evaluation allocates half as
    /// much); the gradient buffers grow at the first outputDelta() or backward().
    void reserve(Index columns);
    Index capacity() const { return m_capacity; }

    /// Runs x (inputs x n) through the network. rng is needed in Train mode when a layer has dropout.
    void forward(const ConstMatrixMap<T> &x, Mode mode, Rng *rng = nullptr);
    Index batchColumns() const { return m_n; }

    /// Activation input of layer l (z, or u with batch norm), rows x n, from the last forward().
    ConstMatrixMap<T> z(int l) const;
    /// Activation a of layer l (the output a_L for the last layer), units x n.
    ConstMatrixMap<T> a(int l) const { return cmatrix(m_work[static_cast<std::size_t>(l)].a, layer(l).units, m_n); }
    ConstMatrixMap<T> output() const { return a(layerCount() - 1); }

    /// Where the loss writes dObjective/dz_L (outputs x n) before backward().
    MatrixMap<T> outputDelta()
    {
        reserveGradients(m_n);
        return matrix(m_work.back().delta, 0, m_outputs, m_n);
    }
    /// The loss of the last forward() against targets y (outputs x n), and its delta when wanted.
    T loss(const ConstMatrixMap<T> &y, bool withDelta);

    /// Backpropagates outputDelta() to every parameter (and, if asked, to the inputs),
    /// adding the penalty's gradient to the weights.
    void backward(const ConstMatrixMap<T> &x, const Penalty &penalty = {}, bool inputGradient = false);
    /// Backpropagates da = dObjective/da_L (outputs x n) through the head first.
    void backwardFromOutputGradient(const ConstMatrixMap<T> &x, const ConstMatrixMap<T> &da,
                                    const Penalty &penalty = {}, bool inputGradient = false);
    /// dObjective/dx from the last backward() with inputGradient, inputs x n.
    ConstMatrixMap<T> inputGradient() const { return cmatrix(m_inputGradient, m_inputs, m_n); }

    /// lambda1 sum |W| + lambda2 / 2 sum W^2 over every weight matrix.
    T penaltyValue(const Penalty &penalty) const;

private:
    // Aligned to the SIMD width, so Eigen's vectorised loops start without a scalar prologue.
    using Buffer = std::vector<T, Eigen::aligned_allocator<T>>;

    struct Work
    {
        Buffer z, zHat, u;        // rows x n: z = W a_prev + b; batch norm's zHat and u = gamma zHat + beta
        Buffer gs, a, mask;       // units x n: g(s) of the activation input s (kept apart only for dropout), a
        Buffer delta;             // rows x n: dObjective/ds (dObjective/dz once batch norm is undone)
        Buffer da;                // units x n: dObjective/da, written by layer l + 1
        Buffer wT;                // in x rows: W^T, for transposedTimes
        std::vector<int> argmax;  // units x n: the winning maxout piece
        Vector<T> mu, invStd;     // rows: batch norm's mean and 1 / sigma
    };

    static MatrixMap<T> matrix(Buffer &v, Index offset, Index rows, Index cols)
    {
        return MatrixMap<T>(v.data() + offset, rows, cols);
    }
    static ConstMatrixMap<T> matrix(const Buffer &v, Index offset, Index rows, Index cols)
    {
        return ConstMatrixMap<T>(v.data() + offset, rows, cols);
    }
    static ConstMatrixMap<T> cmatrix(const Buffer &v, Index rows, Index cols)
    {
        return ConstMatrixMap<T>(v.data(), rows, cols);
    }
    static VectorMap<T> vector(Buffer &v, Index offset, Index rows)
    {
        return VectorMap<T>(offset < 0 ? nullptr : v.data() + offset, offset < 0 ? 0 : rows);
    }
    static ConstVectorMap<T> vector(const Buffer &v, Index offset, Index rows)
    {
        return ConstVectorMap<T>(offset < 0 ? nullptr : v.data() + offset, offset < 0 ? 0 : rows);
    }

    void reserveForward(Index columns);
    void reserveGradients(Index columns)
    {
        if (columns > m_gradientCapacity)
            growGradients(columns);
    }
    void growGradients(Index columns);
    void forwardLayer(int l, const ConstMatrixMap<T> &aPrev, Mode mode, Rng *rng);
    void backwardLayer(int l, const ConstMatrixMap<T> &aPrev, const Penalty &penalty, bool inputGradient);

    NetworkSpec m_spec;
    int m_inputs = 0;
    int m_outputs = 0;
    std::vector<LayerShape> m_layers;
    std::vector<ParameterBlock> m_blocks;
    std::size_t m_parameterCount = 0;
    Buffer m_parameters;  // padded with zeros to paddedSize(m_parameterCount)
    Buffer m_gradients;
    Buffer m_buffers;
    std::vector<Work> m_work;
    Buffer m_inputGradient;
    Index m_capacity = 0;          // columns the forward buffers hold
    Index m_gradientCapacity = 0;  // columns delta, da and the input gradient hold
    Index m_n = 0;
    Mode m_mode = Mode::Eval;
};

extern template class Network<float>;
extern template class Network<double>;

/// Converts a network to another scalar type (e.g. float -> double for gradient checks).
template <typename To, typename From>
Network<To> convertNetwork(const Network<From> &net)
{
    Network<To> out(net.spec(), net.inputs(), net.outputs());
    for (std::size_t i = 0; i < net.parameters().size(); ++i)
        out.parameters()[i] = static_cast<To>(net.parameters()[i]);
    for (std::size_t i = 0; i < net.buffers().size(); ++i)
        out.buffers()[i] = static_cast<To>(net.buffers()[i]);
    return out;
}

}  // namespace np
