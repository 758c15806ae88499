#pragma once

#include "data/dataset.h"
#include "session/config.h"
#include "training/trainer.h"

#include <QMetaType>

#include <cstdint>

namespace np {

/// One command from the GUI to the training worker. The controller numbers them; every
/// snapshot says which one the worker had handled last (TrainingSnapshot::command), and a
/// session reply names the request it answers.
struct TrainingCommand
{
    enum class Kind {
        Reset,           ///< new weights from config.init.seed on config and dataset
        ApplyConfig,     ///< changed settings: weights kept when the shape allows
        SetData,         ///< changed data with its settings: the network kept when it still fits
        Restore,         ///< continue a saved state on config and dataset
        Play,
        Pause,
        StepBatch,
        StepEpoch,
        SetSpeed,        ///< speed: epochs per second, 0 = as fast as possible
        SetWeight,       ///< layer, row, column (-1: the bias), value
        RequestSession,  ///< answered by the worker's own config, data and state
    };

    std::uint64_t id = 0;
    Kind kind = Kind::Pause;
    Config config{};
    Dataset dataset{};
    TrainerState state{};
    double speed = 0.0;
    int layer = 0;
    int row = 0;
    int column = 0;
    float value = 0.0f;
};

}  // namespace np

Q_DECLARE_METATYPE(np::TrainingCommand)
