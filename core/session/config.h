#pragma once

#include "../data/features.h"
#include "../data/generators.h"
#include "../network/init.h"
#include "../network/networkspec.h"
#include "../training/trainingspec.h"

#include <string>

namespace np {

/// Every setting of a run in one table that serialises (seeds included), so a run can be
/// shared and reproduced: how the data was generated, the features, the network, its
/// initialisation and its training.
struct Config
{
    DataSpec data;
    FeatureSet features = FeatureSet::plain();
    bool standardize = false;  ///< x' = (x - mu) / sigma per feature, fitted on the training points
    NetworkSpec network;
    InitSpec init;
    TrainingSpec training;

    bool operator==(const Config &) const = default;
};

/// Networks beyond this many parameters are refused: the playground is for small networks, and
/// a hostile file must not make it allocate gigabytes.
inline constexpr long long kMaxParameters = 2'000'000;

/// The built-in default: a 2-class spiral and a small tanh network, ready to train.
Config defaultConfig();

/// The config adapted to data of another task or class count: an output head and loss that no
/// longer fit are replaced by the defaults for the problem (sigmoid or softmax with cross-entropy,
/// linear with squared error); everything else stays.
Config fitConfigToData(const Config &config, Task task, int classCount);

/// The config for data from `generator` (config.data.generator is the one before): the 1-D curves
/// give the network x1 alone (features reading x2 are dropped); leaving them for 2-D data gives
/// back x1 and x2 when only x1-features were left.
Config fitConfigToGenerator(const Config &config, Generator generator);

/// Empty when the config can train on data of this task and class count, otherwise the
/// first problem as a sentence.
std::string validateConfig(const Config &config, Task task, int classCount);

}  // namespace np
