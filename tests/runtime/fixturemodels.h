#pragma once

// The models every exporter is checked on, shared by tests/test_export.cpp and export_fixtures:
// every activation, every head, batch norm (with dropout), maxout, every input feature with and
// without standardisation, 2, 3 and 5 classes and regression. Each is trained a few hundred
// steps so the weights are nothing like their initial values.

#include "analysis/prediction.h"
#include "data/generators.h"
#include "session/config.h"
#include "training/trainer.h"

#include <cmath>
#include <string>
#include <vector>

namespace np::fixtures {

struct FixtureModel
{
    std::string name;
    Config config;
    std::int64_t steps = 300;
};

inline LayerSpec layer(int units, Activation activation, double alpha = 0.01, int pieces = 2, bool batchNorm = false,
                       double dropout = 0.0)
{
    LayerSpec spec;
    spec.units = units;
    spec.activation = activation;
    spec.alpha = alpha;
    spec.pieces = pieces;
    spec.batchNorm = batchNorm;
    spec.dropout = dropout;
    return spec;
}

inline FixtureModel fixture(std::string name, Generator generator, int classes, FeatureSet features, bool standardize,
                            std::vector<LayerSpec> hidden, OutputHead head)
{
    FixtureModel f;
    f.name = std::move(name);
    Config &c = f.config;
    c.data.generator = generator;
    c.data.classes = classes;
    c.data.count = 200;
    c.data.noise = 0.3;
    c.data.validationFraction = 0.2;
    c.data.seed = 7;
    c.features = features;
    c.standardize = standardize;
    c.network.hidden = std::move(hidden);
    c.network.head = head;
    const Task task = generatorInfo(generator).task;
    c.network.loss = defaultLoss(head, task);
    c.init.seed = 5;
    c.training.optimizer.kind = OptimizerKind::Adam;
    c.training.optimizer.learningRate = 0.02;
    c.training.batchSize = 16;
    c.training.seed = 3;
    return f;
}

inline std::vector<FixtureModel> fixtureModels()
{
    using A = Activation;
    using F = Feature;
    const FeatureSet plain = FeatureSet::plain();
    FeatureSet all;
    for (int f = 0; f < kFeatureCount; ++f)
        all.set(static_cast<Feature>(f), true);

    std::vector<FixtureModel> list;
    list.push_back(fixture("logistic", Generator::Linear, 2, plain, false, {}, OutputHead::Sigmoid));
    list.push_back(fixture("tanh_sigmoid", Generator::Xor, 2, plain, true, {layer(8, A::Tanh)}, OutputHead::Sigmoid));
    list.push_back(fixture("relu_leaky_softmax3", Generator::Spiral, 3, all, true,
                           {layer(10, A::ReLU), layer(8, A::LeakyReLU, 0.1)}, OutputHead::Softmax));
    list.push_back(fixture("elu_softplus_ovr5", Generator::Gaussians, 5,
                           {F::X1, F::X2, F::X1Squared, F::X2Squared, F::X1X2}, true,
                           {layer(8, A::ELU, 0.7), layer(6, A::Softplus)}, OutputHead::OneVsRest));
    list.push_back(fixture("gelu_silu_regression", Generator::MultiGaussian, 2, {F::X1, F::X2, F::SinX1, F::SinX2},
                           true, {layer(8, A::GELU), layer(8, A::SiLU)}, OutputHead::Linear));
    list.push_back(fixture("abs_linear_tanh", Generator::Moons, 2, {F::Radius, F::Angle}, true,
                           {layer(6, A::AbsReLU), layer(4, A::Linear)}, OutputHead::Tanh));
    list.push_back(fixture("maxout_softmax3", Generator::Circle, 3, {F::X1, F::X2, F::Radius, F::Angle}, true,
                           {layer(6, A::Maxout, 0.01, 3), layer(5, A::Maxout, 0.01, 2)}, OutputHead::Softmax));
    list.push_back(fixture("batchnorm_relu_tanh", Generator::Xor, 2, {F::X1, F::X2, F::X1X2}, true,
                           {layer(8, A::ReLU, 0.01, 2, true, 0.2), layer(6, A::Tanh, 0.01, 2, true)},
                           OutputHead::Sigmoid));
    list.push_back(fixture("batchnorm_maxout_elu", Generator::Gaussians, 3, plain, true,
                           {layer(5, A::Maxout, 0.01, 2, true), layer(4, A::ELU, 1.0, 2, true, 0.1)},
                           OutputHead::Softmax));
    list.push_back(fixture("step_hidden", Generator::Circle, 2, {F::X1Squared, F::X2Squared}, false,
                           {layer(8, A::Sigmoid), layer(6, A::Step)}, OutputHead::Sigmoid));
    FixtureModel perceptron = fixture("perceptron", Generator::Linear, 2, plain, true, {}, OutputHead::Step);
    perceptron.config.training.algorithm = Algorithm::Perceptron;
    perceptron.config.training.batchSize = 1;
    list.push_back(perceptron);
    list.push_back(fixture("step_head3", Generator::Linear, 3, plain, true, {layer(6, A::Tanh)}, OutputHead::Step));
    FixtureModel hinge =
        fixture("hinge_linear", Generator::Moons, 2, plain, true, {layer(4, A::ReLU)}, OutputHead::Linear);
    hinge.config.network.loss = Loss::Hinge;
    list.push_back(hinge);
    list.push_back(fixture("linear_head3", Generator::Spiral, 3, {F::X1, F::X2, F::SinX1}, true, {layer(6, A::Tanh)},
                           OutputHead::Linear));
    list.push_back(fixture("tanh_regression", Generator::Plane, 2, plain, true, {layer(5, A::Tanh)}, OutputHead::Tanh));
    list.push_back(fixture("theta_only", Generator::Spiral, 2, {F::Angle}, false, {layer(4, A::ReLU)},
                           OutputHead::Sigmoid));
    return list;
}

/// Trains the fixture; error is set when its config does not fit its data.
inline Model trainFixture(const FixtureModel &f, std::string &error)
{
    const Dataset data = generateDataset(f.config.data);
    error = validateConfig(f.config, data.task, data.classCount);
    if (!error.empty())
        return {};
    Trainer trainer;
    error = trainer.reset(f.config, data);
    if (!error.empty())
        return {};
    trainer.train(f.steps);
    return trainer.model();
}

/// Raw points (2 x n) that are exact in float: a grid over the plane with the origin and points on
/// both axes, signed zeros, negative x1 with both signs of x2, points beyond the data, and a few
/// irregular ones.
inline Matrix<double> fixturePoints()
{
    std::vector<std::pair<double, double>> points;
    for (double x1 = -6; x1 <= 6; x1 += 1.5) {
        for (double x2 = -6; x2 <= 6; x2 += 1.5)
            points.emplace_back(x1, x2);
    }
    for (const auto &p : std::vector<std::pair<double, double>>{
             {-0.0, 0.0}, {0.0, -0.0}, {-0.0, -0.0}, {-3.0, -0.0}, {-0.0, 2.0}, {-0.0, -2.0}, {-2.5, 1e-7},
             {-2.5, -1e-7}, {10.0, -8.0}, {-7.25, 0.125}, {1e-6, 1e6}, {-1e-6, -1e6}}) {
        points.push_back(p);
    }
    Rng rng(20240611);
    for (int i = 0; i < 40; ++i) {
        const auto x1 = static_cast<float>(rng.uniform(-6, 6));
        const auto x2 = static_cast<float>(rng.uniform(-6, 6));
        points.emplace_back(x1, x2);
    }
    Matrix<double> m(2, static_cast<Index>(points.size()));
    for (std::size_t i = 0; i < points.size(); ++i) {
        // Exactly representable in float, so every runtime sees the same raw input.
        m(0, static_cast<Index>(i)) = static_cast<float>(points[i].first);
        m(1, static_cast<Index>(i)) = static_cast<float>(points[i].second);
    }
    return m;
}

}  // namespace np::fixtures
