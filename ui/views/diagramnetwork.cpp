#include "diagramnetwork.h"

#include <algorithm>
#include <cmath>

namespace np {

bool DiagramNetwork::setModel(const Model &model)
{
    const bool sameShape = m_net.layerCount() > 0 && model.network == m_spec && model.inputs == m_inputs
                           && model.outputs == m_outputs && model.features == m_features;
    m_spec = model.network;
    m_standardized = !model.standardizer.isEmpty();
    if (!sameShape) {
        m_inputs = model.inputs;
        m_outputs = model.outputs;
        m_features = model.features;
        m_net = Network<Scalar>(model.network, model.inputs, model.outputs);
        m_units.assign(1, model.inputs);
        for (int l = 0; l < m_net.layerCount(); ++l)
            m_units.push_back(m_net.layer(l).units);
        m_inputNames.clear();
        for (Feature f : model.features.list())
            m_inputNames.push_back(QString::fromUtf8(featureName(f)));
        m_inputNames.resize(std::size_t(model.inputs));
    }
    if (model.parameters.size() == m_net.parameters().size())
        std::copy(model.parameters.begin(), model.parameters.end(), m_net.parameters().begin());

    float largest = 0;
    for (int l = 0; l < m_net.layerCount(); ++l)
        largest = std::max(largest, m_net.W(l).size() ? m_net.W(l).cwiseAbs().maxCoeff() : 0.0f);
    m_weightScale = std::isfinite(largest) && largest > 0 ? largest : 1.0f;
    return !sameShape;
}

int DiagramNetwork::widestColumn() const
{
    return *std::max_element(m_units.begin(), m_units.end());
}

float DiagramNetwork::weight(int column, int i, int j, int *row) const
{
    const LayerShape &shape = m_net.layer(column - 1);
    const auto W = m_net.W(column - 1);
    if (shape.pieces == 1) {
        if (row)
            *row = i;
        return W(i, j);
    }
    // A maxout unit shows its strongest piece.
    int best = i * shape.pieces;
    for (int r = best + 1; r < (i + 1) * shape.pieces; ++r)
        best = std::abs(W(r, j)) > std::abs(W(best, j)) ? r : best;
    if (row)
        *row = best;
    return W(best, j);
}

void DiagramNetwork::incomingWeights(int column, int i, float *w) const
{
    const int in = unitCount(column - 1);
    if (m_net.layer(column - 1).pieces > 1) {
        for (int j = 0; j < in; ++j)
            w[j] = weight(column, i, j);
        return;
    }
    const auto W = m_net.W(column - 1);
    for (int j = 0; j < in; ++j)
        w[j] = W(i, j);
}

float DiagramNetwork::bias(int column, int row) const
{
    return hasBias(column) ? m_net.b(column - 1)(row) : 0.0f;
}

bool DiagramNetwork::hasBias(int column) const
{
    return column >= 1 && column <= m_net.layerCount() && m_net.b(column - 1).size() > 0;
}

float DiagramNetwork::value(const DiagramHit &hit) const
{
    if (hit.kind == DiagramHit::Edge)
        return m_net.W(hit.column - 1)(hit.row, hit.from);
    if (hit.kind == DiagramHit::Bias)
        return bias(hit.column, hit.row);
    return 0.0f;
}

double DiagramNetwork::strength(float w) const
{
    // The square root keeps the weaker layers of a net with a few large weights visible.
    return std::sqrt(std::min(1.0, double(std::abs(w)) / m_weightScale));
}

}  // namespace np
