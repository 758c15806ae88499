#include "optimizer.h"

#include "../common/enumtable.h"

#include <cmath>

namespace np {

namespace {

constexpr auto kOptimizers = enumNames<OptimizerKind>({
    {OptimizerKind::SGD, "sgd", "SGD"},
    {OptimizerKind::Momentum, "momentum", "Momentum"},
    {OptimizerKind::Nesterov, "nesterov", "Nesterov momentum"},
    {OptimizerKind::Adagrad, "adagrad", "Adagrad"},
    {OptimizerKind::RMSProp, "rmsprop", "RMSProp"},
    {OptimizerKind::Adam, "adam", "Adam"},
    {OptimizerKind::AdamW, "adamw", "AdamW"},
});

using ArrayMap = Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>>;
using ConstArrayMap = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>>;

ArrayMap array(std::span<Scalar> v)
{
    return ArrayMap(v.data(), static_cast<Index>(v.size()));
}

ConstArrayMap array(std::span<const Scalar> v)
{
    return ConstArrayMap(v.data(), static_cast<Index>(v.size()));
}

/// theta <- theta - eta g
class Sgd final : public Optimizer
{
public:
    Sgd(const OptimizerSpec &spec, std::size_t n) : Optimizer(spec, n, 0) {}

    void step(std::span<Scalar> theta, std::span<const Scalar> g, double eta) override
    {
        ++m_state.t;
        array(theta) -= Scalar(eta) * array(g);
    }
};

/// v <- mu v - eta g;  theta <- theta + v
class Momentum final : public Optimizer
{
public:
    Momentum(const OptimizerSpec &spec, std::size_t n) : Optimizer(spec, n, 1) {}

    void step(std::span<Scalar> theta, std::span<const Scalar> g, double eta) override
    {
        ++m_state.t;
        auto v = accumulator(0, theta.size());
        v = Scalar(m_spec.momentum) * v - Scalar(eta) * array(g);
        array(theta) += v;
    }
};

/// Nesterov's look-ahead in the form that needs no extra gradient evaluation:
/// v_prev <- v;  v <- mu v - eta g;  theta <- theta - mu v_prev + (1 + mu) v
class Nesterov final : public Optimizer
{
public:
    Nesterov(const OptimizerSpec &spec, std::size_t n) : Optimizer(spec, n, 1) {}

    void step(std::span<Scalar> theta, std::span<const Scalar> g, double eta) override
    {
        ++m_state.t;
        const Scalar mu = Scalar(m_spec.momentum);
        auto v = accumulator(0, theta.size());
        auto th = array(theta);
        const auto gg = array(g);
        // theta += -mu v_prev + (1 + mu)(mu v_prev - eta g) = mu^2 v_prev - (1 + mu) eta g
        th += mu * mu * v - (Scalar(1) + mu) * Scalar(eta) * gg;
        v = mu * v - Scalar(eta) * gg;
    }
};

/// G <- G + g^2;  theta <- theta - eta g / (sqrt(G) + eps)
class Adagrad final : public Optimizer
{
public:
    Adagrad(const OptimizerSpec &spec, std::size_t n) : Optimizer(spec, n, 1) {}

    void step(std::span<Scalar> theta, std::span<const Scalar> g, double eta) override
    {
        ++m_state.t;
        auto G = accumulator(0, theta.size());
        const auto gg = array(g);
        G += gg.square();
        array(theta) -= Scalar(eta) * gg / (G.sqrt() + Scalar(m_spec.epsilon));
    }
};

/// E <- rho E + (1 - rho) g^2;  theta <- theta - eta g / (sqrt(E) + eps)
class RmsProp final : public Optimizer
{
public:
    RmsProp(const OptimizerSpec &spec, std::size_t n) : Optimizer(spec, n, 1) {}

    void step(std::span<Scalar> theta, std::span<const Scalar> g, double eta) override
    {
        ++m_state.t;
        const Scalar rho = Scalar(m_spec.rho);
        auto E = accumulator(0, theta.size());
        const auto gg = array(g);
        E = rho * E + (Scalar(1) - rho) * gg.square();
        array(theta) -= Scalar(eta) * gg / (E.sqrt() + Scalar(m_spec.epsilon));
    }
};

/// m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;
/// theta <- theta - eta m_hat / (sqrt(v_hat) + eps), with m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t).
/// AdamW first decays the weights: W <- W - eta lambda W (decoupled, as Loshchilov & Hutter).
class Adam final : public Optimizer
{
public:
    Adam(const OptimizerSpec &spec, std::size_t n, const std::vector<ParameterBlock> &blocks)
        : Optimizer(spec, n, 2)
    {
        if (spec.kind == OptimizerKind::AdamW) {
            m_state.kind = OptimizerKind::AdamW;
            for (const ParameterBlock &block : blocks) {
                if (block.kind == ParameterKind::Weight)
                    m_weightBlocks.push_back(block);
            }
        }
    }

    void step(std::span<Scalar> theta, std::span<const Scalar> g, double eta) override
    {
        ++m_state.t;
        if (m_state.kind == OptimizerKind::AdamW && m_spec.weightDecay != 0.0) {
            const Scalar keep = Scalar(1.0 - eta * m_spec.weightDecay);
            for (const ParameterBlock &block : m_weightBlocks)
                array(theta.subspan(static_cast<std::size_t>(block.offset), static_cast<std::size_t>(block.size()))) *= keep;
        }
        const double t = static_cast<double>(m_state.t);
        const Scalar b1 = Scalar(m_spec.beta1);
        const Scalar b2 = Scalar(m_spec.beta2);
        const Scalar stepSize = Scalar(eta / (1.0 - std::pow(m_spec.beta1, t)));
        const Scalar invSqrtBias2 = Scalar(1.0 / std::sqrt(1.0 - std::pow(m_spec.beta2, t)));
        auto m = accumulator(0, theta.size());
        auto v = accumulator(1, theta.size());
        const auto gg = array(g);
        m = b1 * m + (Scalar(1) - b1) * gg;
        v = b2 * v + (Scalar(1) - b2) * gg.square();
        array(theta) -= stepSize * m / (v.sqrt() * invSqrtBias2 + Scalar(m_spec.epsilon));
    }

private:
    std::vector<ParameterBlock> m_weightBlocks;
};

}  // namespace

const char *optimizerKey(OptimizerKind kind) { return kOptimizers.key(kind); }
const char *optimizerTitle(OptimizerKind kind) { return kOptimizers.title(kind); }
bool parseOptimizer(const std::string &key, OptimizerKind &kind) { return kOptimizers.parse(key, kind); }

std::string validateOptimizer(const OptimizerSpec &spec)
{
    auto inRange = [](double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; };
    if (!inRange(spec.learningRate, 0.0, 1000.0))
        return "The learning rate must be a number from 0 to 1000.";
    if (!inRange(spec.momentum, 0.0, 0.9999))
        return "Momentum must be from 0 to 0.9999.";
    if (!inRange(spec.beta1, 0.0, 0.9999) || !inRange(spec.beta2, 0.0, 0.999999))
        return "Adam's β1 and β2 must be from 0 to just below 1.";
    if (!inRange(spec.rho, 0.0, 0.9999))
        return "RMSProp's ρ must be from 0 to 0.9999.";
    if (!inRange(spec.epsilon, 1e-12, 1.0))
        return "ε must be from 1e-12 to 1.";
    if (!inRange(spec.weightDecay, 0.0, 10.0))
        return "Weight decay must be from 0 to 10.";
    return {};
}

Optimizer::Optimizer(const OptimizerSpec &spec, std::size_t parameterCount, int slotCount)
    : m_spec(spec)
    , m_parameterCount(parameterCount)
{
    // Padded like the network's parameters, so an update over Network::paddedParameters runs
    // every element through Eigen's vector code (see kPadding): equal gradients give equal updates.
    m_state.kind = spec.kind;
    m_state.accumulators.assign(static_cast<std::size_t>(slotCount),
                                std::vector<Scalar>(paddedSize(parameterCount), Scalar(0)));
}

OptimizerState Optimizer::state() const
{
    OptimizerState out;
    copyStateTo(out);
    return out;
}

bool Optimizer::setState(const OptimizerState &state)
{
    if (state.kind != m_state.kind || state.accumulators.size() != m_state.accumulators.size())
        return false;
    for (const auto &slot : state.accumulators) {
        if (slot.size() != m_parameterCount)
            return false;
    }
    m_state.t = state.t;
    for (std::size_t i = 0; i < state.accumulators.size(); ++i)
        std::copy(state.accumulators[i].begin(), state.accumulators[i].end(), m_state.accumulators[i].begin());
    return true;
}

void Optimizer::copyStateTo(OptimizerState &out) const
{
    out.kind = m_state.kind;
    out.t = m_state.t;
    out.accumulators.resize(m_state.accumulators.size());
    for (std::size_t i = 0; i < m_state.accumulators.size(); ++i) {
        const auto &slot = m_state.accumulators[i];
        out.accumulators[i].assign(slot.begin(), slot.begin() + static_cast<std::ptrdiff_t>(m_parameterCount));
    }
}

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec &spec, std::size_t parameterCount,
                                         const std::vector<ParameterBlock> &blocks)
{
    switch (spec.kind) {
    case OptimizerKind::SGD:
        return std::make_unique<Sgd>(spec, parameterCount);
    case OptimizerKind::Momentum:
        return std::make_unique<Momentum>(spec, parameterCount);
    case OptimizerKind::Nesterov:
        return std::make_unique<Nesterov>(spec, parameterCount);
    case OptimizerKind::Adagrad:
        return std::make_unique<Adagrad>(spec, parameterCount);
    case OptimizerKind::RMSProp:
        return std::make_unique<RmsProp>(spec, parameterCount);
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW:
        return std::make_unique<Adam>(spec, parameterCount, blocks);
    }
    return nullptr;
}

}  // namespace np
