#include "gridevaluation.h"

namespace np {

namespace {

// Chunks keep each layer's activations in cache while the next layer reads them.
constexpr Index kChunk = 512;

}  // namespace

void GridEvaluator::setModel(const Model &model)
{
    const bool sameInputs = model.features == m_model.features && model.standardizer == m_model.standardizer;
    const bool sameShape = model.network == m_model.network && model.inputs == m_model.inputs
                           && model.outputs == m_model.outputs;
    if (!sameInputs)
        m_cacheValid = false;
    if (!sameShape || m_net.layerCount() == 0)
        m_net = Network<Scalar>(model.network, model.inputs, model.outputs);
    std::copy(model.parameters.begin(), model.parameters.end(), m_net.parameters().begin());
    std::copy(model.buffers.begin(), model.buffers.end(), m_net.buffers().begin());
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

void GridEvaluator::evaluate(const GridSpec &grid, bool withHidden, GridEvaluation &out)
{
    prepareInputs(grid);
    const Index pixels = grid.pixels();
    const int hiddenLayers = m_net.layerCount() - 1;
    out.grid = grid;
    out.output.resize(m_net.outputs(), pixels);
    out.hidden.resize(withHidden ? static_cast<std::size_t>(hiddenLayers) : 0);
    for (std::size_t l = 0; l < out.hidden.size(); ++l)
        out.hidden[l].resize(m_net.layer(static_cast<int>(l)).units, pixels);

    m_net.reserve(std::min(kChunk, pixels));
    for (Index start = 0; start < pixels; start += kChunk) {
        const Index n = std::min(kChunk, pixels - start);
        const ConstMatrixMap<Scalar> x(m_inputs.data() + start * m_inputs.rows(), m_inputs.rows(), n);
        m_net.forward(x, Mode::Eval);
        out.output.middleCols(start, n) = m_net.output();
        for (std::size_t l = 0; l < out.hidden.size(); ++l)
            out.hidden[l].middleCols(start, n) = m_net.a(static_cast<int>(l));
    }
}

}  // namespace np
