#pragma once

#include "../common/padding.h"
#include "../common/scalar.h"
#include "../network/network.h"

#include <cassert>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace np {

enum class OptimizerKind { SGD, Momentum, Nesterov, Adagrad, RMSProp, Adam, AdamW };

/// Optimizer settings; each kind reads the fields it needs.
struct OptimizerSpec
{
    OptimizerKind kind = OptimizerKind::Adam;
    double learningRate = 0.01;  ///< eta_0; a schedule scales it per step
    double momentum = 0.9;       ///< mu, for momentum and Nesterov
    double beta1 = 0.9;          ///< Adam's first-moment decay
    double beta2 = 0.999;        ///< Adam's second-moment decay
    double rho = 0.9;            ///< RMSProp's decay of the squared-gradient average
    double epsilon = 1e-8;       ///< added to denominators
    double weightDecay = 0.01;   ///< AdamW's decoupled decay of the weights (not biases)

    bool operator==(const OptimizerSpec &) const = default;
};

const char *optimizerKey(OptimizerKind kind);
const char *optimizerTitle(OptimizerKind kind);
bool parseOptimizer(const std::string &key, OptimizerKind &kind);
std::string validateOptimizer(const OptimizerSpec &spec);

/// What an optimizer remembers between steps: the step count t and its per-parameter
/// accumulators (momentum's v, Adagrad's G, RMSProp's E[g^2], Adam's m and v).
struct OptimizerState
{
    OptimizerKind kind = OptimizerKind::SGD;
    std::int64_t t = 0;
    std::vector<std::vector<Scalar>> accumulators;

    bool operator==(const OptimizerState &) const = default;
};

/// Updates theta in place from the gradient g, one flat parameter vector at a time.
/// Its settings may change between steps without losing the state (except the kind).
class Optimizer
{
public:
    virtual ~Optimizer() = default;

    OptimizerKind kind() const { return m_state.kind; }
    const OptimizerSpec &spec() const { return m_spec; }
    void setSpec(const OptimizerSpec &spec) { m_spec = spec; }

    /// One update with learning rate eta (the schedule's value for this step). theta and g hold
    /// parameterCount() parameters, or those followed by zero padding up to
    /// paddedSize(parameterCount()) entries (Network::paddedParameters).
    virtual void step(std::span<Scalar> theta, std::span<const Scalar> g, double eta) = 0;

    std::size_t parameterCount() const { return m_parameterCount; }
    /// The step count and accumulators (parameterCount() entries each).
    OptimizerState state() const;
    /// Restores saved state; false when it belongs to another kind or size.
    bool setState(const OptimizerState &state);
    /// Copies the state into out, reusing its storage (no allocation when the sizes agree).
    void copyStateTo(OptimizerState &out) const;

protected:
    Optimizer(const OptimizerSpec &spec, std::size_t parameterCount, int slotCount);

    OptimizerSpec m_spec;
    std::size_t m_parameterCount = 0;
    /// The first n entries of accumulator `slot`: n is parameterCount() or its padded size.
    Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>> accumulator(int slot, std::size_t n)
    {
        std::vector<Scalar> &values = m_state.accumulators[static_cast<std::size_t>(slot)];
        // A step over the padded parameters must find padded accumulators: a longer theta would
        // write past them, a length in between would leave a parameter in Eigen's scalar tail.
        assert((n == m_parameterCount || n == paddedSize(m_parameterCount)) && n <= values.size());
        return {values.data(), static_cast<Index>(n)};
    }

    OptimizerState m_state;  ///< accumulators padded to paddedSize(parameterCount())
};

/// The optimizer a spec names, for parameterCount parameters. Weight decay (AdamW) applies
/// to the Weight blocks only.
std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec &spec, std::size_t parameterCount,
                                         const std::vector<ParameterBlock> &blocks);

}  // namespace np
