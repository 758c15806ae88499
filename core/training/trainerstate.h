#pragma once

#include "../common/rng.h"
#include "../common/scalar.h"
#include "history.h"
#include "optimizer.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace np {

enum class StopReason {
    None,           ///< can keep training
    MaxEpochs,      ///< reached TrainingSpec::maxEpochs
    TargetLoss,     ///< training loss reached TrainingSpec::targetLoss
    EarlyStopping,  ///< validation loss stopped improving
    Diverged,       ///< the loss became NaN or infinite; the last good weights were restored
    NoData,         ///< there are no training points
};

const char *stopReasonKey(StopReason reason);
bool parseStopReason(const std::string &key, StopReason &reason);

struct EarlyStoppingState
{
    double bestLoss = std::numeric_limits<double>::infinity();
    std::int64_t bestEpoch = 0;
    int badEpochs = 0;
    std::vector<Scalar> bestParameters;
    std::vector<Scalar> bestBuffers;

    bool operator==(const EarlyStoppingState &) const = default;
};

/// The history keeps at most this many rows: one per epoch at first; when it fills up, every
/// other row is dropped and rows are recorded half as often (see Trainer::compactHistory).
/// 4,000 rows draw a loss curve finer than any plot's pixels, and the copies the window keeps
/// (controller, loss plot, health view, runs) stay a few megabytes however long training runs.
inline constexpr std::size_t kMaxHistoryRows = 4'000;
/// Sessions saved with the earlier, larger limit still load; their history is thinned on loading.
inline constexpr std::size_t kMaxSavedHistoryRows = 20'000;

/// Where training stands: the position in this epoch's order, the counters, the history and
/// the stop status. The trainer keeps it live; a TrainerState saves it.
struct TrainingProgress
{
    std::vector<int> order;  ///< this epoch's order of the training points
    std::int64_t cursor = 0; ///< position in order
    std::int64_t epoch = 0;
    std::int64_t step = 0;
    std::int64_t samples = 0;
    History history;
    std::int64_t historyInterval = 1;  ///< epochs between history rows (doubles as the history fills)
    EarlyStoppingState earlyStopping;
    StopReason stopReason = StopReason::None;
    std::string stopMessage;
};

/// What a session saves of a trainer so that training resumes bit-exactly: the progress, plus
/// the weights, the optimizer's state, the random generator and this epoch's gradient sums.
/// A plain value: Trainer::state() fills it, Trainer::restore() reads it.
struct TrainerState : TrainingProgress
{
    std::vector<Scalar> parameters;
    std::vector<Scalar> buffers;
    OptimizerState optimizer;
    Rng::State rng{};
    std::vector<double> gradientSquares;  ///< this epoch's per-layer sums of |dW|^2 so far
    std::int64_t gradientSteps = 0;       ///< steps summed in gradientSquares
    /// TrainingSpec::carryPartialBatch: the summed gradient of the points carried into the next
    /// batch (one value per parameter; empty when none is carried) and how many points it sums.
    std::vector<double> carriedGradients;
    std::int64_t carriedCount = 0;
    /// TrainingSpec::l1StopsAtZero: 1 for each parameter the rule froze at 0 (empty when the rule is off).
    std::vector<std::uint8_t> deadWeights;
};

/// Empty when a saved state fits a network with these parameter, buffer and layer counts and
/// a training set of this many points; otherwise what does not fit, for an error message.
std::string checkTrainerState(const TrainerState &state, std::size_t parameterCount, std::size_t bufferCount,
                              int layerCount, std::size_t trainCount);

}  // namespace np
