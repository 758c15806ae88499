#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace np {

/// Several series sampled at the same increasing x (epochs), kept as buckets of consecutive
/// rows. Per bucket and series it keeps the lowest and highest value, the lowest positive one,
/// the sum of the values and of their logarithms, and how many there are: a curve drawn from
/// the buckets shows every one-row spike as a bucket's extreme, and its mean (arithmetic, or
/// geometric on a log axis) as the line. Whenever the buckets reach the cap, neighbours merge
/// pairwise and each bucket from then on takes twice the rows, so appending is O(1) amortised
/// and the memory stays bounded however long the series grows. The loss plot and the gradient
/// health view draw their curves from it.
class DecimatedSeries
{
public:
    /// The x range and row count of one bucket.
    struct Bucket
    {
        std::int64_t firstX = 0;
        std::int64_t lastX = 0;
        std::int64_t rows = 0;
    };

    /// One series over one bucket. low, high and lowPositive are NaN while it has no value.
    struct Summary
    {
        double low = 0.0;
        double high = 0.0;
        double lowPositive = 0.0;  ///< the smallest value above zero, for log axes
        double sum = 0.0;
        double logSum = 0.0;       ///< of log10(value), values below the floor counted as the floor
        std::int64_t count = 0;    ///< finite values

        double mean() const { return sum / double(count); }
        double logMean() const { return logSum / double(count); }
    };

    /// At most maxBuckets buckets (at least 2); logFloor bounds the logarithms from below.
    DecimatedSeries(std::size_t maxBuckets, double logFloor);

    /// Forgets every row and starts over with `seriesCount` series.
    void clear(std::size_t seriesCount);
    /// One row: its x (not below the last one) and a value per series; values that are not
    /// finite are gaps, counted in the bucket's rows but in no series.
    void append(std::int64_t x, std::span<const double> values);

    std::size_t seriesCount() const { return m_seriesCount; }
    std::size_t maxBuckets() const { return m_maxBuckets; }
    std::size_t bucketCount() const { return m_buckets.size(); }
    /// Rows a full bucket holds now: 1, doubling whenever the buckets merge.
    std::int64_t rowsPerBucket() const { return m_rowsPerBucket; }
    /// Rows appended since the last clear.
    std::int64_t rowCount() const { return m_rowCount; }

    const Bucket &bucket(std::size_t b) const { return m_buckets[b]; }
    const Summary &summary(std::size_t b, std::size_t series) const { return m_summaries[b * m_seriesCount + series]; }
    /// Whether any row has a value in this series.
    bool hasValues(std::size_t series) const;

private:
    void mergePairs();

    std::size_t m_maxBuckets;
    double m_logFloor;
    std::size_t m_seriesCount = 0;
    std::vector<Bucket> m_buckets;
    std::vector<Summary> m_summaries;  ///< bucket-major: all series of bucket 0, then of bucket 1, ...
    std::int64_t m_rowsPerBucket = 1;
    std::int64_t m_rowCount = 0;
};

}  // namespace np
