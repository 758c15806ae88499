#pragma once

#include "network/model.h"
#include "session/session.h"
#include "training/trainer.h"

#include <QMetaType>
#include <QString>

#include <cstdint>
#include <limits>
#include <vector>

namespace np {

/// What the training worker publishes for the views: a copy of the weights and the numbers
/// around them. A value: it crosses threads by copy and views draw from it, never from the trainer.
struct TrainingSnapshot
{
    std::uint64_t serial = 0;      ///< increases with every publication
    std::uint64_t generation = 0;  ///< increases when the network is re-initialised or restored
    std::uint64_t command = 0;     ///< the id of the last TrainingCommand handled before publishing
    Model model;
    std::int64_t epoch = 0;
    std::int64_t step = 0;
    std::int64_t samples = 0;
    double learningRate = 0.0;
    double lastBatchLoss = std::numeric_limits<double>::quiet_NaN();
    double samplesPerSecond = 0.0;  ///< while running, over the last second or so
    double epochFraction = 0.0;     ///< how much of the current epoch is done (0..1), within a step too
    bool running = false;
    StopReason stopReason = StopReason::None;
    QString stopMessage;
    /// The trainer's history rows from historyFrom on (the controller keeps the whole history;
    /// see TrainingController::historyReset and historyAppended). Empty once the controller
    /// has taken them.
    std::vector<HistoryRecord> newHistory;
    std::size_t historyFrom = 0;
    /// Increases whenever the trainer's history is replaced rather than extended.
    std::uint64_t historyVersion = 0;
};

/// The classes that travel between the GUI thread and the workers through queued signals.
void registerMetaTypes();

}  // namespace np

Q_DECLARE_METATYPE(np::Config)
Q_DECLARE_METATYPE(np::Dataset)
Q_DECLARE_METATYPE(np::TrainerState)
Q_DECLARE_METATYPE(np::Model)
Q_DECLARE_METATYPE(np::Session)
