#include "gridevaluation.h"

namespace np {

namespace {

// Chunks keep each layer's activations in cache while the next layer reads them.
constexpr Index kChunk = 512;

}  // namespace

void GridEvaluator::setModel(const Model &model)
{
    // The first model meets an empty standardizer: Standardizer's == compares the sizes first.
    const bool sameInputs = model.features == m_model.features && model.standardizer == m_model.standardizer;
    const bool sameShape = model.network == m_model.network && model.inputs == m_model.inputs
                           && model.outputs == m_model.outputs;
    if (!sameInputs)
        m_cacheValid = false;
    const std::size_t workers = m_pool ? static_cast<std::size_t>(m_pool->workers()) : 1;
    if (!sameShape || m_nets.empty() || m_nets.front().layerCount() == 0)
        m_nets.clear();
    while (m_nets.size() < workers)
        m_nets.emplace_back(model.network, model.inputs, model.outputs);
    for (Network<Scalar> &net : m_nets) {
        std::copy(model.parameters.begin(), model.parameters.end(), net.parameters().begin());
        std::copy(model.buffers.begin(), model.buffers.end(), net.buffers().begin());
    }
    m_model = model;
}

void GridEvaluator::prepareInputs(const GridSpec &grid)
{
    if (m_cacheValid && grid == m_cachedGrid)
        return;
    const int inputs = m_model.features.count();
    m_inputs.resize(inputs, grid.pixels());
    Vector<double> f(inputs);
    for (int row = 0; row < grid.rows; ++row) {
        const double y = grid.y(row);
        for (int column = 0; column < grid.columns; ++column) {
            computeFeatures<double>(m_model.features, grid.x(column), y, f.data());
            if (!m_model.standardizer.isEmpty())
                f = (f - m_model.standardizer.mean).cwiseQuotient(m_model.standardizer.scale);
            m_inputs.col(Index(row) * grid.columns + column) = f.cast<Scalar>();
        }
    }
    m_cachedGrid = grid;
    m_cacheValid = true;
}

bool GridEvaluator::evaluate(const GridSpec &grid, bool withHidden, GridEvaluation &out,
                             const ThreadPool::Cancel &cancel, const ChunkVisitor &visit)
{
    prepareInputs(grid);
    const std::size_t workers = m_pool ? static_cast<std::size_t>(m_pool->workers()) : 1;
    while (m_nets.size() < workers)
        m_nets.push_back(m_nets.front());  // a pool given after the model
    const Index pixels = grid.pixels();
    const Network<Scalar> &shape = m_nets.front();
    const int hiddenLayers = shape.layerCount() - 1;
    out.grid = grid;
    out.output.resize(shape.outputs(), pixels);
    out.hidden.resize(withHidden ? static_cast<std::size_t>(hiddenLayers) : 0);
    for (std::size_t l = 0; l < out.hidden.size(); ++l)
        out.hidden[l].resize(shape.layer(static_cast<int>(l)).units, pixels);

    const auto chunk = [&](int worker, int index) {
        Network<Scalar> &net = m_nets[static_cast<std::size_t>(worker)];
        const Index start = Index(index) * kChunk;
        const Index n = std::min(kChunk, pixels - start);
        const ConstMatrixMap<Scalar> x(m_inputs.data() + start * m_inputs.rows(), m_inputs.rows(), n);
        net.forward(x, Mode::Eval);
        out.output.middleCols(start, n) = net.output();
        for (std::size_t l = 0; l < out.hidden.size(); ++l)
            out.hidden[l].middleCols(start, n) = net.a(static_cast<int>(l));
        if (visit)
            visit(net, start, n);
    };
    const int chunks = static_cast<int>((pixels + kChunk - 1) / kChunk);
    if (m_pool)
        return m_pool->run(chunks, chunk, cancel);
    for (int index = 0; index < chunks; ++index) {
        if (cancel && cancel())
            return false;
        chunk(0, index);
    }
    return true;
}

}  // namespace np
