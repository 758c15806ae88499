#pragma once

#include "../common/rng.h"
#include "../data/standardizer.h"
#include "../network/model.h"
#include "../network/network.h"
#include "../session/config.h"
#include "history.h"
#include "optimizer.h"

#include <limits>
#include <memory>
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

/// Everything that changes while training, for sessions that resume bit-exactly.
struct TrainerState
{
    std::vector<Scalar> parameters;
    std::vector<Scalar> buffers;
    OptimizerState optimizer;
    Rng::State rng{};
    std::vector<int> order;  ///< this epoch's order of the training points
    std::int64_t cursor = 0; ///< position in order
    std::int64_t epoch = 0;
    std::int64_t step = 0;
    std::int64_t samples = 0;
    History history;
    std::int64_t historyInterval = 1;  ///< epochs between history rows (doubles as the history fills)
    std::vector<double> gradientSquares;  ///< this epoch's per-layer sums of |dW|^2 so far
    std::int64_t gradientSteps = 0;       ///< steps summed in gradientSquares
    EarlyStoppingState earlyStopping;
    StopReason stopReason = StopReason::None;
    std::string stopMessage;
};

/// The history keeps at most this many rows: one per epoch at first; when it fills up, every
/// other row is dropped and rows are recorded half as often (see Trainer::compactHistory).
inline constexpr std::size_t kMaxHistoryRows = 20'000;

/// What Trainer::apply did with a changed config.
struct ApplyResult
{
    std::string error;          ///< non-empty: nothing was changed
    bool reinitialized = false; ///< the shape changed, so the weights were drawn anew
};

/// Trains a network on a dataset: batches in a reshuffled order every epoch, the optimizer
/// and schedule, metrics and history at each epoch's end, early stopping, stop conditions,
/// and a guard that restores the last good weights when the loss stops being finite.
/// After reset() a steady run allocates no memory per step.
class Trainer
{
public:
    Trainer();
    ~Trainer();
    Trainer(const Trainer &) = delete;
    Trainer &operator=(const Trainer &) = delete;

    /// Starts afresh: features, network, weights drawn from config.init.seed, optimizer,
    /// shuffling from config.training.seed, and an epoch-0 history row. On error nothing changes.
    std::string reset(const Config &config, const Dataset &dataset);

    /// Applies a changed config: training settings and shape-preserving network edits keep the
    /// weights (and optimizer state, unless its kind changes); shape, feature or
    /// initialisation changes re-initialise.
    ApplyResult apply(const Config &config);

    /// Replaces the data (regenerated or edited) and keeps the weights when the input and
    /// output widths are unchanged; otherwise re-initialises. The epoch restarts.
    ApplyResult setDataset(const Dataset &dataset);

    /// One update: a batch (gradient descent) or batchSize samples (perceptron rule).
    /// False when training has stopped (see stopReason()).
    bool step();
    /// Up to `steps` updates; returns how many ran.
    std::int64_t train(std::int64_t steps);
    /// Updates until the current epoch ends (or training stops); false when stopped.
    bool trainEpoch();

    bool isStopped() const { return m_state.stopReason != StopReason::None; }
    StopReason stopReason() const { return m_state.stopReason; }
    const std::string &stopMessage() const { return m_state.stopMessage; }
    /// Lets training continue after a stop (e.g. after the user lowered the learning rate).
    void clearStop();

    std::int64_t epoch() const { return m_state.epoch; }
    std::int64_t stepCount() const { return m_state.step; }
    std::int64_t samplesSeen() const { return m_state.samples; }
    /// eta for the next step, after the schedule.
    double learningRate() const;
    double lastBatchLoss() const { return m_lastBatchLoss; }
    const History &history() const { return m_state.history; }
    /// Epochs between history rows; doubles whenever the history fills up.
    std::int64_t historyInterval() const { return m_state.historyInterval; }

    /// Metrics on the training or validation points, in evaluation mode.
    Metrics evaluate(bool validation);

    const Config &config() const { return m_config; }
    const Dataset &dataset() const { return m_dataset; }
    const Standardizer &standardizer() const { return m_standardizer; }
    const Network<Scalar> &network() const { return m_net; }
    /// For direct weight edits; call parametersEdited() afterwards.
    Network<Scalar> &network() { return m_net; }
    void parametersEdited();
    Model model() const;

    /// Training inputs (features x points, standardised) and encoded targets, as the network sees them.
    const Matrix<Scalar> &trainInputs() const { return m_xTrain; }
    const Matrix<Scalar> &trainTargets() const { return m_yTrain; }
    const Matrix<Scalar> &validationInputs() const { return m_xVal; }
    const Matrix<Scalar> &validationTargets() const { return m_yVal; }

    TrainerState state() const;
    /// Restores a saved state on top of reset() with the same config and data.
    std::string restore(const TrainerState &state);

private:
    void buildData();
    void prepareBuffers();
    bool gradientStep(Index n);
    void perceptronStep(Index n);
    void finishEpoch();
    void compactHistory();
    void diverge(const char *where);
    void rememberGoodState();
    HistoryRecord record();
    void countUnitStates();
    void accumulateGradientNorms();
    Metrics evaluateSet(const Matrix<Scalar> &X, const Matrix<Scalar> &Y, const std::vector<int> &labels,
                        bool countUnits);

    Config m_config;
    Dataset m_dataset;
    Standardizer m_standardizer;
    Network<Scalar> m_net;
    std::unique_ptr<Optimizer> m_optimizer;
    Rng m_rng;
    TrainerState m_state;  // the live counters, order, history and stop status (parameters live in m_net)

    Matrix<Scalar> m_xTrain, m_yTrain, m_xVal, m_yVal;  // features x points, outputs x points
    std::vector<int> m_labelTrain, m_labelVal;
    Matrix<Scalar> m_xBatch, m_yBatch;

    std::vector<Scalar> m_goodParameters, m_goodBuffers;
    OptimizerState m_goodOptimizer;
    Vector<Scalar> m_perceptronZ;
    // Gradient health: squared gradient norms per layer summed over this epoch's steps, and per
    // hidden unit the points it was active (ReLU) or saturated (sigmoid/tanh) on.
    std::vector<double> m_gradientSquares;
    std::int64_t m_gradientSteps = 0;
    std::vector<int> m_unitCounts;
    std::vector<std::size_t> m_unitOffsets;
    double m_lastBatchLoss = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace np
