#pragma once

#include "network/model.h"
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
    Model model;
    std::int64_t epoch = 0;
    std::int64_t step = 0;
    std::int64_t samples = 0;
    double learningRate = 0.0;
    double lastBatchLoss = std::numeric_limits<double>::quiet_NaN();
    double samplesPerSecond = 0.0;  ///< while running, over the last second or so
    bool running = false;
    StopReason stopReason = StopReason::None;
    QString stopMessage;
    /// History rows since the previous publication; the full history when historyReset is set.
    std::vector<HistoryRecord> newHistory;
    bool historyReset = false;
};

/// The classes that travel between the GUI thread and the workers through queued signals.
void registerMetaTypes();

}  // namespace np

Q_DECLARE_METATYPE(np::Config)
Q_DECLARE_METATYPE(np::Dataset)
Q_DECLARE_METATYPE(np::TrainerState)
Q_DECLARE_METATYPE(np::Model)
