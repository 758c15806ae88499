#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace np {

/// A small, fast, portable random generator (xoshiro256**, seeded through splitmix64).
/// Every random choice in the engine draws from an Rng passed in explicitly, so a seed
/// reproduces a run bit for bit on every platform (std:: distributions are not portable).
class Rng
{
public:
    using State = std::array<std::uint64_t, 4>;

    explicit Rng(std::uint64_t seed = 1) { reseed(seed); }

    void reseed(std::uint64_t seed);

    /// The full state, for sessions that resume exactly where they stopped.
    State state() const { return m_s; }
    void setState(const State &state) { m_s = state; }

    std::uint64_t nextU64();

    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(nextU64() >> 11) * 0x1.0p-53; }
    /// Uniform in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Standard normal (Box-Muller; no cached spare, so the state is just the four words).
    double normal();
    double normal(double mean, double sd) { return mean + sd * normal(); }
    /// Uniform integer in [0, n), unbiased.
    std::uint32_t below(std::uint32_t n);

    /// Fisher-Yates shuffle of an index permutation.
    template <typename Int>
    void shuffle(std::span<Int> values)
    {
        for (std::size_t i = values.size(); i > 1; --i) {
            const auto j = below(static_cast<std::uint32_t>(i));
            std::swap(values[i - 1], values[j]);
        }
    }

private:
    State m_s{};
};

}  // namespace np
