#pragma once

#include "diagramhit.h"

#include "network/model.h"

#include <QString>

#include <vector>

namespace np {

/// The network as the diagram reads it: its columns (0 the inputs, l = 1..L the layer with W[l]
/// and b[l]), their units, the inputs' names, the weights and biases of the newest frame, and
/// how strongly each weight is drawn.
class DiagramNetwork
{
public:
    /// Takes a frame's model; returns whether the shape changed (layers, units, inputs, outputs
    /// or features), after which hit-test results and layouts mean nothing any more.
    bool setModel(const Model &model);

    /// The spec of the newest model (layer settings, output head) and whether it standardises.
    const NetworkSpec &spec() const { return m_spec; }
    bool isStandardized() const { return m_standardized; }
    /// The features the inputs are (in feature order); may be empty for a bare model.
    const FeatureSet &features() const { return m_features; }

    int columnCount() const { return int(m_units.size()); }
    int unitCount(int column) const { return m_units[std::size_t(column)]; }
    int widestColumn() const;
    const QString &inputName(int unit) const { return m_inputNames[std::size_t(unit)]; }
    const std::vector<QString> &inputNames() const { return m_inputNames; }
    /// Whether weights for every column have arrived (the layer count matches the columns).
    bool hasWeights() const { return m_net.layerCount() + 1 == columnCount(); }

    /// The weight from unit j of column - 1 to unit i of column; a maxout unit shows its strongest
    /// piece, whose row of W is stored in *row.
    float weight(int column, int i, int j, int *row = nullptr) const;
    /// weight(column, i, j) for every j, into w[j] (unitCount(column - 1) entries).
    void incomingWeights(int column, int i, float *w) const;
    float bias(int column, int row) const;
    /// Layers under batch norm have no bias.
    bool hasBias(int column) const;
    /// Maxout pieces of a layer's units (1 for other activations).
    int pieces(int column) const { return m_net.layer(column - 1).pieces; }
    /// The weight (Edge) or bias (Bias) a hit points at, by its row; 0 for other hits.
    float value(const DiagramHit &hit) const;
    /// The drawn strength of a weight, 0..1, for widths and colours.
    double strength(float w) const;
    const Network<Scalar> &network() const { return m_net; }

private:
    Network<Scalar> m_net;  // the frame's weights, laid out for W(l) and b(l)
    NetworkSpec m_spec;
    int m_inputs = 0;
    int m_outputs = 0;
    FeatureSet m_features;
    bool m_standardized = false;
    std::vector<int> m_units;  // per column
    std::vector<QString> m_inputNames;
    float m_weightScale = 1.0f;  // the |w| drawn at full width: the largest weight of the network
};

}  // namespace np
