#include "regions.h"

#include "prediction.h"

#include <algorithm>
#include <cmath>

#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif

namespace np {

namespace {

bool isPiecewiseLinear(Activation g)
{
    return activationInfo(g).piecewiseLinear;
}

// A 64-bit mix (splitmix64's finaliser) to fold a layer's pattern into a running hash.
std::uint64_t mix(std::uint64_t h, std::uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

// Bit u set where z[u] > 0, for u < count (at most 64): a unit's on/off state, sixteen (AVX-512)
// or eight (AVX2) compares at a time. NaN is off, as in the scalar compare.
std::uint64_t positiveBits(const Scalar *z, int count)
{
    std::uint64_t bits = 0;
    int u = 0;
#if defined(__AVX512F__)
    for (; u < count; u += 16) {
        const int n = std::min(16, count - u);
        const auto lanes = static_cast<__mmask16>(n == 16 ? 0xffffu : (1u << n) - 1);
        const __mmask16 on = _mm512_mask_cmp_ps_mask(lanes, _mm512_maskz_loadu_ps(lanes, z + u),
                                                     _mm512_setzero_ps(), _CMP_GT_OQ);
        bits |= std::uint64_t(on) << u;
    }
#elif defined(__AVX2__)
    for (; u + 8 <= count; u += 8) {
        const __m256 on = _mm256_cmp_ps(_mm256_loadu_ps(z + u), _mm256_setzero_ps(), _CMP_GT_OQ);
        bits |= std::uint64_t(unsigned(_mm256_movemask_ps(on))) << u;
    }
#endif
    for (; u < count; ++u)
        bits |= std::uint64_t(z[u] > Scalar(0)) << u;
    return bits;
}

// The word of `count` units (1..64) as the hash has always taken it: the first unit in the
// highest of its bits, the last in bit 0 (positiveBits has them the other way round).
std::uint64_t firstUnitHighest(std::uint64_t bits, int count)
{
    bits = (bits >> 1 & 0x5555555555555555ULL) | (bits & 0x5555555555555555ULL) << 1;
    bits = (bits >> 2 & 0x3333333333333333ULL) | (bits & 0x3333333333333333ULL) << 2;
    bits = (bits >> 4 & 0x0f0f0f0f0f0f0f0fULL) | (bits & 0x0f0f0f0f0f0f0f0fULL) << 4;
    return __builtin_bswap64(bits) >> (64 - count);
}

// Numbers the distinct patterns in order of first appearance: ids[p] for every pixel; returns how
// many there are. An open-addressing table keyed by the (already mixed) pattern hash itself.
std::uint32_t numberPatterns(const std::vector<std::uint64_t> &hashes, std::vector<std::uint32_t> &ids)
{
    constexpr std::uint32_t kEmpty = ~std::uint32_t(0);
    std::size_t capacity = 16;
    while (capacity < 2 * hashes.size())
        capacity *= 2;
    const std::size_t mask = capacity - 1;
    std::vector<std::uint64_t> keys(capacity);
    std::vector<std::uint32_t> values(capacity, kEmpty);
    std::uint32_t count = 0;
    for (std::size_t p = 0; p < hashes.size(); ++p) {
        const std::uint64_t h = hashes[p];
        std::size_t slot = static_cast<std::size_t>(h) & mask;
        while (values[slot] != kEmpty && keys[slot] != h)
            slot = (slot + 1) & mask;
        if (values[slot] == kEmpty) {
            keys[slot] = h;
            values[slot] = count++;
        }
        ids[p] = values[slot];
    }
    return count;
}

double binomial(int n, int k)
{
    if (k < 0 || k > n)
        return 0;
    double r = 1;
    for (int i = 1; i <= k; ++i)
        r = r * (n - k + i) / i;
    return r;
}

double arrangementRegions(int hyperplanes, int dimension)
{
    double sum = 0;
    for (int j = 0; j <= dimension; ++j)
        sum += binomial(hyperplanes, j);
    return sum;
}

}  // namespace

bool regionsApply(const NetworkSpec &spec)
{
    return std::all_of(spec.hidden.begin(), spec.hidden.end(),
                       [](const LayerSpec &l) { return isPiecewiseLinear(l.activation); });
}

void RegionPatterns::start(const GridSpec &grid, const NetworkSpec &network)
{
    m_grid = grid;
    m_hashes.resize(network.hidden.size());
    for (auto &h : m_hashes)
        h.resize(static_cast<std::size_t>(grid.pixels()));
}

void RegionPatterns::gather(const Network<Scalar> &net, Index first, Index n)
{
    const int hidden = static_cast<int>(m_hashes.size());
    for (Index c = 0; c < n; ++c) {
        std::uint64_t h = 0x243f6a8885a308d3ULL;
        for (int l = 0; l < hidden; ++l) {
            const LayerShape &shape = net.layer(l);
            const auto z = net.z(l);
            if (shape.activation == Activation::Maxout) {
                // The winning piece of each unit.
                for (int u = 0; u < shape.units; ++u) {
                    int best = 0;
                    for (int k = 1; k < shape.pieces; ++k)
                        best = z(u * shape.pieces + k, c) > z(u * shape.pieces + best, c) ? k : best;
                    h = mix(h, std::uint64_t(best));
                }
            } else if (shape.activation != Activation::Linear) {
                // On or off, 64 units to a word, then the rest (an empty word when none is left).
                const Scalar *column = z.data() + c * z.outerStride();
                int u = 0;
                for (; u + 64 <= shape.units; u += 64)
                    h = mix(h, firstUnitHighest(positiveBits(column + u, 64), 64));
                const int rest = shape.units - u;
                h = mix(h, rest > 0 ? firstUnitHighest(positiveBits(column + u, rest), rest) : 0);
            }
            m_hashes[static_cast<std::size_t>(l)][static_cast<std::size_t>(first + c)] = h;
        }
    }
}

RegionMap RegionPatterns::number(ThreadPool *pool) const
{
    // Ids in order of first appearance, from each layer's patterns: layers are independent.
    RegionMap map;
    map.grid = m_grid;
    const int hidden = static_cast<int>(m_hashes.size());
    map.regionByLayer.resize(static_cast<std::size_t>(hidden));
    map.countByLayer.resize(static_cast<std::size_t>(hidden));
    const auto layer = [&](int, int l) {
        const std::vector<std::uint64_t> &h = m_hashes[static_cast<std::size_t>(l)];
        auto &region = map.regionByLayer[static_cast<std::size_t>(l)];
        region.resize(h.size());
        map.countByLayer[static_cast<std::size_t>(l)] = static_cast<int>(numberPatterns(h, region));
    };
    if (pool) {
        pool->run(hidden, layer);
    } else {
        for (int l = 0; l < hidden; ++l)
            layer(0, l);
    }
    return map;
}

RegionMap computeRegions(const Model &model, const GridSpec &grid, ThreadPool *pool, const ThreadPool::Cancel &cancel)
{
    constexpr Index kChunk = 1024;
    const Index pixels = grid.pixels();
    if (model.network.hidden.empty()) {
        RegionMap map;
        map.grid = grid;
        return map;
    }

    Matrix<double> xy(2, pixels);
    for (int row = 0; row < grid.rows; ++row) {
        for (int column = 0; column < grid.columns; ++column) {
            xy(0, Index(row) * grid.columns + column) = grid.x(column);
            xy(1, Index(row) * grid.columns + column) = grid.y(row);
        }
    }
    const Matrix<Scalar> x = modelInputs(model, xy);
    std::vector<Network<Scalar>> nets(pool ? static_cast<std::size_t>(pool->workers()) : 1, model.instantiate());

    RegionPatterns patterns;
    patterns.start(grid, model.network);
    const auto chunk = [&](int worker, int index) {
        Network<Scalar> &net = nets[static_cast<std::size_t>(worker)];
        const Index start = Index(index) * kChunk;
        const Index n = std::min(kChunk, pixels - start);
        net.forward(ConstMatrixMap<Scalar>(x.data() + start * x.rows(), x.rows(), n), Mode::Eval);
        patterns.gather(net, start, n);
    };
    const int chunks = static_cast<int>((pixels + kChunk - 1) / kChunk);
    bool complete = true;
    if (pool) {
        complete = pool->run(chunks, chunk, cancel);
    } else {
        for (int index = 0; index < chunks && complete; ++index) {
            complete = !(cancel && cancel());
            if (complete)
                chunk(0, index);
        }
    }
    if (!complete) {
        RegionMap map;
        map.grid = grid;
        return map;
    }
    return patterns.number(pool);
}

double regionUpperBound(const std::vector<int> &widths, int inputs)
{
    double bound = 1;
    int dimension = inputs;
    for (int n : widths) {
        dimension = std::min(dimension, n);
        bound *= arrangementRegions(n, dimension);
    }
    return bound;
}

double montufarLowerBound(const std::vector<int> &widths, int inputs)
{
    if (widths.empty())
        return 1;
    double bound = 1;
    for (std::size_t l = 0; l + 1 < widths.size(); ++l)
        bound *= std::pow(std::floor(double(widths[l]) / inputs), inputs);
    return bound * arrangementRegions(widths.back(), inputs);
}

std::vector<int> regionWidths(const NetworkSpec &spec)
{
    std::vector<int> widths;
    for (const LayerSpec &l : spec.hidden) {
        if (l.activation == Activation::Linear)
            continue;  // an affine layer adds no boundaries
        widths.push_back(l.activation == Activation::Maxout ? l.units * l.pieces * (l.pieces - 1) / 2 : l.units);
    }
    return widths;
}

}  // namespace np
