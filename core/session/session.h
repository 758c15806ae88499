#pragma once

#include "../data/dataset.h"
#include "../training/trainer.h"
#include "config.h"

#include <optional>
#include <string>

namespace np {

/// What a session file holds: the settings, the user's data and, once trained, the trainer's
/// state (weights, optimizer, random generator, order, history), so that training resumes
/// exactly where it was saved.
struct Session
{
    Config config;
    Dataset dataset;
    std::optional<TrainerState> state;
    /// The TensorFlow Playground link it was imported from (empty when it was not).
    std::string sourceLink{};
};

}  // namespace np
