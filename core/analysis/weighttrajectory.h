#pragma once

#include "../common/scalar.h"

#include <cstdint>
#include <span>
#include <vector>

namespace np {

/// The weight vectors a run passed through, thinned evenly in steps: at most capacity() of them.
/// When full, every other one is dropped and from then on only steps at least twice as far apart
/// are kept, so the record spans the whole run at a roughly even spacing. Its newest entry is
/// always the last one recorded (the current weights). Costs one copy of the parameters per
/// recorded snapshot and nothing in the training loop: the views record from the snapshots.
class WeightTrajectory
{
public:
    static constexpr std::size_t kDefaultCapacity = 256;

    WeightTrajectory()
        : WeightTrajectory(kDefaultCapacity)
    {
    }
    explicit WeightTrajectory(std::size_t capacity);

    /// Records the weights after `step` training steps; a step not after the last recorded one
    /// replaces nothing and is ignored, except that the newest entry follows the weights (a step
    /// closer than the spacing replaces the newest entry rather than adding one).
    void record(std::int64_t step, std::span<const Scalar> parameters);
    void clear();

    std::size_t size() const { return m_steps.size(); }
    std::size_t capacity() const { return m_capacity; }
    bool isEmpty() const { return m_steps.empty(); }
    /// The smallest number of steps between two kept entries (doubles as the record thins).
    std::int64_t spacing() const { return m_spacing; }
    const std::vector<std::int64_t> &steps() const { return m_steps; }
    /// Entry i's parameters (Network::parameters() layout).
    const std::vector<Scalar> &parameters(std::size_t i) const { return m_parameters[i]; }
    const std::vector<std::vector<Scalar>> &all() const { return m_parameters; }

private:
    void thin();

    std::size_t m_capacity;
    std::int64_t m_spacing = 1;
    std::vector<std::int64_t> m_steps;
    std::vector<std::vector<Scalar>> m_parameters;
    bool m_newestIsProvisional = false;  ///< the newest entry is closer than the spacing to the one before
};

}  // namespace np
