#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace np {

/// Timings recorded over a run of any length in a fixed amount of memory: the count, sum and
/// largest value exactly, and a uniform sample of at most `capacity` values (reservoir
/// sampling, seeded, so the same run keeps the same sample) for medians and percentiles.
///
/// The memory is allocated and touched when the reservoir is made. A soak's resident-memory
/// figure then does not grow with the benchmark's own records: kept whole, the 1 ms timer gaps
/// and the views' drawing steps alone grew by about 1.3 MB a minute.
class SampleReservoir
{
public:
    explicit SampleReservoir(std::size_t capacity = std::size_t(1) << 16)
        : m_values(capacity, 0.0)
    {
    }

    void add(double value)
    {
        ++m_count;
        m_sum += value;
        m_max = m_count == 1 ? value : std::max(m_max, value);
        if (m_count <= m_values.size()) {
            m_values[m_count - 1] = value;
            return;
        }
        const std::uint64_t slot = std::uniform_int_distribution<std::uint64_t>(0, m_count - 1)(m_random);
        if (slot < m_values.size())
            m_values[slot] = value;
    }

    void clear()
    {
        m_count = 0;
        m_sum = 0;
        m_max = 0;
    }

    std::uint64_t count() const { return m_count; }
    double sum() const { return m_sum; }
    double max() const { return m_max; }

    /// The value below which `fraction` of the sample lies (0.5: the median); 0 when empty.
    double quantile(double fraction) const
    {
        const std::size_t n = std::min<std::size_t>(m_count, m_values.size());
        if (n == 0)
            return 0;
        std::vector<double> sorted(m_values.begin(), m_values.begin() + std::ptrdiff_t(n));
        const auto k = std::min(n - 1, std::size_t(fraction * double(n)));
        std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(k), sorted.end());
        return sorted[k];
    }

private:
    std::vector<double> m_values;
    std::uint64_t m_count = 0;
    double m_sum = 0;
    double m_max = 0;
    std::mt19937_64 m_random{20261207};
};

}  // namespace np
