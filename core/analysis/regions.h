#pragma once

#include "gridevaluation.h"

#include <cstdint>
#include <vector>

namespace np {

/// The linear regions of a piecewise-linear network over a grid: pixels with the same
/// activation pattern (which units are on, which maxout piece wins) lie in one region, where
/// the network is a single affine map (Montúfar et al., 2014).
struct RegionMap
{
    GridSpec grid;
    /// Per hidden layer l, per pixel: the id (0, 1, ...) of the pattern of layers 0..l.
    std::vector<std::vector<std::uint32_t>> regionByLayer;
    /// Distinct cumulative patterns up to each hidden layer; a lower bound at pixel resolution.
    std::vector<int> countByLayer;

    /// Regions of the whole network (the last hidden layer's count), 1 without hidden layers.
    int count() const { return countByLayer.empty() ? 1 : countByLayer.back(); }
    const std::vector<std::uint32_t> &region() const { return regionByLayer.back(); }
};

/// True when every hidden activation is piecewise linear (ReLU, leaky ReLU, absolute value,
/// maxout, linear, step), so the regions are what the view shows.
bool regionsApply(const NetworkSpec &spec);

/// The activation patterns of a grid, gathered chunk by chunk from forward passes that run
/// anyway (the view's boundary pass, or computeRegions' own), then numbered into a map.
class RegionPatterns
{
public:
    /// Sizes the pattern store for the grid and the model's hidden layers.
    void start(const GridSpec &grid, const NetworkSpec &network);
    /// Takes the patterns of pixels [first, first + n) from net's last forward pass over them.
    /// Chunks may be gathered on different threads at once (each writes only its own pixels).
    void gather(const Network<Scalar> &net, Index first, Index n);
    /// Numbers the patterns of every layer (given a pool, layers are shared among its threads).
    RegionMap number(ThreadPool *pool = nullptr) const;
    const GridSpec &grid() const { return m_grid; }

private:
    GridSpec m_grid;
    std::vector<std::vector<std::uint64_t>> m_hashes;  // per hidden layer, per pixel
};

/// Activation patterns of the model over the grid, in evaluation mode. Given a pool, chunks of
/// pixels and then layers are shared among its threads (the same map as without). Between chunks
/// cancel is asked; when it stopped the work the map has no layers.
RegionMap computeRegions(const Model &model, const GridSpec &grid, ThreadPool *pool = nullptr,
                         const ThreadPool::Cancel &cancel = {});

/// Upper bound on the regions of hidden layers of the given widths on `inputs`-dimensional
/// input: prod_l sum_{j=0..d_l} C(n_l, j) with d_l = min(inputs, n_1, ..., n_l) (Serra et al., 2018).
/// For one layer of n units on 2-D input that is 1 + n + C(n, 2).
double regionUpperBound(const std::vector<int> &widths, int inputs = 2);

/// Montúfar et al.'s lower bound on the maximal number of regions of a deep ReLU network:
/// (prod_{l<L} floor(n_l / n_0)^{n_0}) * sum_{j=0..n_0} C(n_L, j). What depth can reach, not what
/// a trained net has.
double montufarLowerBound(const std::vector<int> &widths, int inputs = 2);

/// The widths the bounds use for a network: units of each hidden layer, or for a maxout layer of
/// n units with k pieces the n * C(k, 2) hyperplanes that can separate its pieces.
std::vector<int> regionWidths(const NetworkSpec &spec);

}  // namespace np
