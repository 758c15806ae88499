#pragma once

// A model trained for a few epochs on a config's generated data, as the tests of the gradient
// check and the health view need one.

#include "data/generators.h"
#include "session/config.h"
#include "training/trainer.h"

namespace np::test {

struct Trained
{
    Model model;
    History history;
    Dataset dataset;
};

/// Trains `epochs` epochs (fewer if training stops); an empty model when the config is refused.
inline Trained train(const Config &config, int epochs)
{
    Trained t;
    t.dataset = generateDataset(config.data);
    Trainer trainer;
    if (!trainer.reset(config, t.dataset).empty())
        return t;
    for (int e = 0; e < epochs && trainer.trainEpoch(); ++e) {
    }
    t.model = trainer.model();
    t.history = trainer.history();
    return t;
}

}  // namespace np::test
