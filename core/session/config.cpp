#include "config.h"

namespace np {

Config defaultConfig()
{
    Config config;
    config.data.generator = Generator::Spiral;
    config.data.classes = 2;
    config.data.count = 400;
    config.data.noise = 0.1;
    config.data.validationFraction = 0.2;
    config.data.seed = 1;
    config.features = FeatureSet::plain();
    config.network.hidden = {LayerSpec{8, Activation::Tanh}, LayerSpec{8, Activation::Tanh}};
    config.network.head = OutputHead::Sigmoid;
    config.network.loss = Loss::BinaryCrossEntropy;
    config.init.scheme = InitScheme::Glorot;
    config.training.optimizer.kind = OptimizerKind::Adam;
    config.training.optimizer.learningRate = 0.01;
    config.training.batchSize = 10;
    return config;
}

Config fitConfigToData(const Config &config, Task task, int classCount)
{
    Config fitted = config;
    NetworkSpec &n = fitted.network;
    if (!validateHeadAndLoss(n.head, n.loss, task, classCount).empty()) {
        // Keep the head if only the loss is off; otherwise take the problem's defaults.
        const Loss loss = defaultLoss(n.head, task);
        if (validateHeadAndLoss(n.head, loss, task, classCount).empty()) {
            n.loss = loss;
        } else {
            n.head = defaultHead(task, classCount);
            n.loss = defaultLoss(n.head, task);
        }
    }
    if (fitted.training.algorithm == Algorithm::Perceptron
        && !validateHeadAndLoss(OutputHead::Step, Loss::Perceptron, task, classCount).empty())
        fitted.training.algorithm = Algorithm::GradientDescent;
    return fitted;
}

Config fitConfigToGenerator(const Config &config, Generator generator)
{
    Config fitted = config;
    fitted.data.generator = generator;
    if (isOneDimensional(generator)) {
        FeatureSet features;
        for (Feature f : config.features.list())
            if (FeatureSet single{f}; dependsOnlyOnX1(single))
                features.set(f, true);
        fitted.features = features.count() > 0 ? features : FeatureSet{Feature::X1};
    } else if (isOneDimensional(config.data.generator) && dependsOnlyOnX1(config.features)) {
        fitted.features = FeatureSet::plain();
    }
    return fitted;
}

std::string validateConfig(const Config &config, Task task, int classCount)
{
    if (config.features.count() == 0)
        return "Choose at least one input feature.";
    if (std::string error = validateLayers(config.network.hidden); !error.empty())
        return error;
    if (std::string error = validateHeadAndLoss(config.network.head, config.network.loss, task, classCount);
        !error.empty())
        return error;
    if (std::string error = validateInit(config.init); !error.empty())
        return error;
    if (std::string error = validateTraining(config.training); !error.empty())
        return error;
    constexpr std::uint64_t kMaxSeed = std::uint64_t(1) << 53;  // exact in a JSON number
    if (config.data.seed > kMaxSeed || config.init.seed > kMaxSeed || config.training.seed > kMaxSeed)
        return "Seeds must be whole numbers from 0 to 9007199254740992 (2^53).";
    const int outputs = outputUnits(config.network.head, task, classCount);
    long long parameters = 0;
    for (int count : parameterCounts(config.network, config.features.count(), outputs))
        parameters += count;
    if (parameters > kMaxParameters)
        return "The network would have " + std::to_string(parameters) + " parameters; the limit is "
               + std::to_string(kMaxParameters) + ". Use fewer or narrower layers.";
    if (config.training.algorithm == Algorithm::Perceptron) {
        if (!config.network.hidden.empty())
            return "Rosenblatt's perceptron rule trains a single layer: remove the hidden layers.";
        if (config.network.head != OutputHead::Step)
            return "Rosenblatt's perceptron rule needs the step output.";
    }
    return {};
}

}  // namespace np
