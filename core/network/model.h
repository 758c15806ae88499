#pragma once

#include "../data/dataset.h"
#include "../data/features.h"
#include "../data/standardizer.h"
#include "network.h"

#include <vector>

namespace np {

/// A trained model as a value: everything needed to predict from raw (x1, x2), independent
/// of the trainer. Views receive copies of it; exporters write it out.
struct Model
{
    NetworkSpec network;
    int inputs = 2;
    int outputs = 1;
    FeatureSet features = FeatureSet::plain();
    Standardizer standardizer;  ///< applied after the feature transform
    Task task = Task::Classification;
    int classCount = 2;
    std::vector<Scalar> parameters;  ///< Network::parameters() layout
    std::vector<Scalar> buffers;     ///< batch-norm running statistics

    /// A network holding these weights.
    template <typename T = Scalar>
    Network<T> instantiate() const
    {
        Network<Scalar> net(network, inputs, outputs);
        std::copy(parameters.begin(), parameters.end(), net.parameters().begin());
        std::copy(buffers.begin(), buffers.end(), net.buffers().begin());
        if constexpr (std::is_same_v<T, Scalar>)
            return net;
        else
            return convertNetwork<T>(net);
    }

    /// Makes net hold these weights, keeping its buffers when it already has this shape (a view
    /// evaluating frame after frame allocates nothing once its buffers are grown).
    void loadInto(Network<Scalar> &net) const
    {
        if (net.layerCount() == 0 || !(net.spec() == network) || net.inputs() != inputs || net.outputs() != outputs)
            net = Network<Scalar>(network, inputs, outputs);
        std::copy(parameters.begin(), parameters.end(), net.parameters().begin());
        std::copy(buffers.begin(), buffers.end(), net.buffers().begin());
    }
};

}  // namespace np
