#pragma once

// Networks with known pictures for the folding tests, a few data points, and how far apart two
// pictures are.

#include "data/dataset.h"
#include "network/init.h"
#include "network/model.h"

#include <limits>
#include <vector>

namespace np::test {

/// A 2-unit linear hidden layer with W = I, b = 0 (times `scale`), and a sigmoid output that
/// predicts class 1 where x1 - x2 > 0.
inline Model identityModel(double scale = 1.0)
{
    Model m;
    m.network.hidden = {LayerSpec{2, Activation::Linear}};
    m.network.head = OutputHead::Sigmoid;
    m.outputs = 1;
    Network<Scalar> net(m.network, 2, 1);
    net.W(0).setIdentity();
    net.W(0) *= Scalar(scale);
    net.b(0).setZero();
    net.W(1) << 1, -1;
    m.parameters.assign(net.parameters().begin(), net.parameters().end());
    return m;
}

/// Random weights for hidden layers of the given widths and activation.
inline Model randomModel(const std::vector<int> &widths, Activation g, std::uint64_t seed = 5)
{
    Model m;
    for (int w : widths)
        m.network.hidden.push_back(LayerSpec{w, g});
    m.network.head = OutputHead::Sigmoid;
    m.outputs = 1;
    Network<Scalar> net(m.network, 2, 1);
    Rng rng(seed);
    initialize(net, InitSpec{}, rng);
    for (int l = 0; l < net.layerCount(); ++l)
        for (Index i = 0; i < net.b(l).size(); ++i)
            net.b(l)(i) = Scalar(rng.normal(0, 0.5));
    m.parameters.assign(net.parameters().begin(), net.parameters().end());
    return m;
}

/// Three points: a training point of each class and a validation point.
inline Dataset somePoints()
{
    Dataset d;
    d.points = {{1.5, -2.5, 1, 0, false}, {-3, 4, 0, 0, true}, {0.5, 0.5, 0, 0, false}};
    return d;
}

/// The largest difference between two 2 x n matrices (infinite when the shapes differ).
inline double maxDifference(const Matrix<double> &a, const Matrix<double> &b)
{
    if (a.rows() != b.rows() || a.cols() != b.cols())
        return std::numeric_limits<double>::infinity();
    return a.cols() == 0 ? 0.0 : (a - b).cwiseAbs().maxCoeff();
}

}  // namespace np::test
