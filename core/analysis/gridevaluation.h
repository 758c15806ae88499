#pragma once

#include "../common/threadpool.h"
#include "../network/model.h"

#include <functional>
#include <vector>

namespace np {

/// A rectangle of the input plane sampled at pixel centres, row 0 at the top (y = yMax).
struct GridSpec
{
    double xMin = -6.0, xMax = 6.0;
    double yMin = -6.0, yMax = 6.0;
    int columns = 256;
    int rows = 256;

    Index pixels() const { return Index(columns) * rows; }
    double x(int column) const { return xMin + (column + 0.5) * (xMax - xMin) / columns; }
    double y(int row) const { return yMax - (row + 0.5) * (yMax - yMin) / rows; }
    bool operator==(const GridSpec &) const = default;
};

/// The network over a grid: pixel p = row * columns + column is column p of each matrix.
struct GridEvaluation
{
    GridSpec grid;
    Matrix<Scalar> output;               ///< outputs x pixels: a_L
    std::vector<Matrix<Scalar>> hidden;  ///< per hidden layer, units x pixels: a_l (empty unless asked)
};

/// Evaluates one model over grids, in chunks, reusing its buffers: the features of the grid are
/// cached, so a new frame with new weights costs only the forward pass. One evaluator per thread;
/// given a pool, the chunks are shared among its threads. A chunk is the same run of pixels
/// either way and each column's arithmetic does not depend on its batch, so the result is the
/// same bits with or without a pool.
class GridEvaluator
{
public:
    GridEvaluator() = default;
    explicit GridEvaluator(ThreadPool *pool)
        : m_pool(pool)
    {
    }
    void setPool(ThreadPool *pool) { m_pool = pool; }

    /// Swaps in new weights; the feature cache survives when the features and standardisation agree.
    void setModel(const Model &model);
    const Model &model() const { return m_model; }

    /// Shown each chunk's network right after its forward pass over pixels [first, first + n),
    /// so other per-pixel work can ride on the same pass (on the chunk's thread).
    using ChunkVisitor = std::function<void(const Network<Scalar> &net, Index first, Index n)>;

    /// Fills `out` (reusing its storage) with the output and, when withHidden, every hidden activation.
    /// Between chunks (two rows of a 256-wide grid) cancel is asked; false when it stopped the work
    /// (`out` is then incomplete).
    bool evaluate(const GridSpec &grid, bool withHidden, GridEvaluation &out, const ThreadPool::Cancel &cancel = {},
                  const ChunkVisitor &visit = {});

private:
    void prepareInputs(const GridSpec &grid);

    ThreadPool *m_pool = nullptr;
    Model m_model;
    std::vector<Network<Scalar>> m_nets;  ///< one per pool worker: its activations are its scratch
    GridSpec m_cachedGrid;
    bool m_cacheValid = false;
    Matrix<Scalar> m_inputs;  ///< inputs x pixels, standardised features of every pixel centre
};

}  // namespace np
