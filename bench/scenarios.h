#pragma once

// The networks and data of the benchmarks' scenarios, shared by np-uibenchmark and
// np-framebenchmark so both measure the same work.

#include "session/config.h"

namespace np::bench {

/// 8 hidden layers of 64 ReLU units on the default lesson's data.
inline Config deepConfig()
{
    Config c = defaultConfig();
    c.network.hidden.assign(8, LayerSpec{64, Activation::ReLU});
    return c;
}

/// 20,000 points in 4 Gaussian classes, 2 x 32 tanh, softmax.
inline Config largeConfig()
{
    Config c = defaultConfig();
    c.data.generator = Generator::Gaussians;
    c.data.classes = 4;
    c.data.count = 20000;
    c.data.noise = 1.0;
    c.network.hidden.assign(2, LayerSpec{32, Activation::Tanh});
    c.network.head = OutputHead::Softmax;
    c.network.loss = Loss::CategoricalCrossEntropy;
    return c;
}

}  // namespace np::bench
