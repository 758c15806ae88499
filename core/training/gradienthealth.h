#pragma once

#include "../common/scalar.h"
#include "../network/network.h"
#include "history.h"

#include <cstdint>
#include <vector>

namespace np {

/// How healthy each layer's learning is, measured as the trainer goes: the squared gradient
/// norms |dW|^2 summed over this epoch's steps, and per hidden unit the points of the last
/// evaluation on which it was active (ReLU) or saturated (sigmoid, tanh). Sized once per
/// network, so measuring allocates nothing.
class GradientHealth
{
public:
    /// Sizes the sums and counts for net's layers and units, all zero.
    void resize(const Network<Scalar> &net);

    /// Starts this epoch's gradient sums afresh.
    void startEpoch();
    /// Adds the squared norms of the dW of the last backward pass.
    void addStep(const Network<Scalar> &net);

    void clearUnitCounts();
    /// After a forward pass over some points: counts, per hidden unit, on how many it was
    /// active (ReLU) or saturated (sigmoid within 0.03 of 0 or 1, tanh within 0.03 of -1 or 1).
    void countUnits(const Network<Scalar> &net);

    /// Fills r.healthLayers and r.health: root mean square gradient norms per layer, and the share
    /// of dead (ReLU) or saturated (sigmoid, tanh) hidden units over `points` training points.
    void describe(const Network<Scalar> &net, int points, HistoryRecord &r) const;

    /// This epoch's per-layer sums of |dW|^2, and the steps summed; saved with a session.
    const std::vector<double> &gradientSquares() const { return m_gradientSquares; }
    std::int64_t gradientSteps() const { return m_gradientSteps; }
    /// Restores saved sums (empty squares: the sums stay zero).
    void restoreSums(const std::vector<double> &squares, std::int64_t steps);

private:
    std::vector<double> m_gradientSquares;  // per layer
    std::int64_t m_gradientSteps = 0;
    std::vector<int> m_unitCounts;          // per unit, layer after layer
    std::vector<std::size_t> m_unitOffsets; // per layer, its first unit in m_unitCounts
};

}  // namespace np
