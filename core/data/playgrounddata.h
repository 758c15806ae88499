#pragma once

#include "../common/seedrandom.h"
#include "dataset.h"

#include <vector>

namespace np {

/// TensorFlow Playground's six datasets (its src/dataset.ts).
enum class PlaygroundDataset { Circle, Xor, Gauss, Spiral, RegPlane, RegGauss };

/// One of its examples: label +-1 for classification, the value in [-1, 1] for regression.
struct PlaygroundExample
{
    double x = 0.0;
    double y = 0.0;
    double label = 0.0;
};

bool isPlaygroundRegression(PlaygroundDataset dataset);
/// The points it generates: 500 for classification, 1200 for regression.
int playgroundSampleCount(PlaygroundDataset dataset);

/// Its generator for the dataset, drawing from `random` in its order; noise is its noise
/// setting / 100 (0 .. 0.5).
std::vector<PlaygroundExample> generatePlaygroundExamples(PlaygroundDataset dataset, int count, double noise,
                                                          SeedRandom &random);

/// Its in-place Fisher-Yates shuffle (index = floor(random * counter), swap with the last).
void shufflePlaygroundExamples(std::vector<PlaygroundExample> &examples, SeedRandom &random);

/// What it builds on start-up for a seed: generate, shuffle, and the first
/// floor(n * percTrainData / 100) examples train, the rest test. `random` continues to the
/// network's weights afterwards.
std::vector<PlaygroundExample> playgroundData(PlaygroundDataset dataset, double noisePercent, SeedRandom &random);
int playgroundTrainCount(int count, double percTrainData);

/// Our dataset from its examples: the first trainCount are training points, the rest
/// validation; label +1 is class 1, -1 class 0; a regression label is the target.
Dataset playgroundDataset(const std::vector<PlaygroundExample> &examples, bool regression, int trainCount);

}  // namespace np
