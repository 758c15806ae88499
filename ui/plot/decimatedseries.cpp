#include "decimatedseries.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace np {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

DecimatedSeries::DecimatedSeries(std::size_t maxBuckets, double logFloor)
    : m_maxBuckets(std::max<std::size_t>(2, maxBuckets))
    , m_logFloor(logFloor)
{
}

void DecimatedSeries::clear(std::size_t seriesCount)
{
    m_seriesCount = seriesCount;
    m_buckets.clear();
    m_summaries.clear();
    m_rowsPerBucket = 1;
    m_rowCount = 0;
}

void DecimatedSeries::append(std::int64_t x, std::span<const double> values)
{
    if (m_buckets.empty() || m_buckets.back().rows == m_rowsPerBucket) {
        if (m_buckets.size() >= m_maxBuckets)
            mergePairs();
        if (m_buckets.empty() || m_buckets.back().rows == m_rowsPerBucket) {
            m_buckets.push_back({x, x, 0});
            m_summaries.resize(m_summaries.size() + m_seriesCount, Summary{kNaN, kNaN, kNaN, 0.0, 0.0, 0});
        }
    }
    Bucket &b = m_buckets.back();
    b.lastX = x;
    ++b.rows;
    ++m_rowCount;
    Summary *s = m_summaries.data() + (m_buckets.size() - 1) * m_seriesCount;
    const std::size_t n = std::min(values.size(), m_seriesCount);
    for (std::size_t k = 0; k < n; ++k) {
        const double v = values[k];
        if (!std::isfinite(v))
            continue;
        // fmin/fmax ignore a NaN operand: the bucket's first value simply replaces it.
        s[k].low = std::fmin(s[k].low, v);
        s[k].high = std::fmax(s[k].high, v);
        if (v > 0)
            s[k].lowPositive = std::fmin(s[k].lowPositive, v);
        s[k].sum += v;
        s[k].logSum += std::log10(std::max(v, m_logFloor));
        ++s[k].count;
    }
}

bool DecimatedSeries::hasValues(std::size_t series) const
{
    for (std::size_t b = 0; b < m_buckets.size(); ++b) {
        if (summary(b, series).count > 0)
            return true;
    }
    return false;
}

void DecimatedSeries::mergePairs()
{
    // Bucket i takes buckets 2i and 2i + 1; it is written after both are read, so in place.
    const std::size_t half = m_buckets.size() / 2;
    const std::size_t n = m_seriesCount;
    for (std::size_t i = 0; i < half; ++i) {
        const Bucket &next = m_buckets[2 * i + 1];
        m_buckets[i] = {m_buckets[2 * i].firstX, next.lastX, m_buckets[2 * i].rows + next.rows};
        for (std::size_t k = 0; k < n; ++k) {
            Summary merged = m_summaries[2 * i * n + k];
            const Summary &other = m_summaries[(2 * i + 1) * n + k];
            merged.low = std::fmin(merged.low, other.low);
            merged.high = std::fmax(merged.high, other.high);
            merged.lowPositive = std::fmin(merged.lowPositive, other.lowPositive);
            merged.sum += other.sum;
            merged.logSum += other.logSum;
            merged.count += other.count;
            m_summaries[i * n + k] = merged;
        }
    }
    // An odd bucket out (the newest) moves down unmerged.
    if (m_buckets.size() % 2 == 1) {
        m_buckets[half] = m_buckets.back();
        std::copy_n(m_summaries.end() - std::ptrdiff_t(n), n, m_summaries.begin() + std::ptrdiff_t(half * n));
    }
    const std::size_t kept = half + m_buckets.size() % 2;
    m_buckets.resize(kept);
    m_summaries.resize(kept * n);
    m_rowsPerBucket *= 2;
}

}  // namespace np
