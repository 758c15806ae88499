#pragma once

#include "../common/rng.h"
#include "../data/standardizer.h"
#include "../network/model.h"
#include "../network/network.h"
#include "../session/config.h"
#include "evaluation.h"
#include "gradienthealth.h"
#include "history.h"
#include "optimizer.h"
#include "trainerstate.h"

#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace np {

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

    /// One update: a batch (gradient descent) or batchSize samples (perceptron rule); or, after
    /// an epoch end cut short, the rest of that epoch end only. False when training has stopped
    /// (see stopReason()) or this call was cut short (wasInterrupted()).
    bool step();
    /// Up to `steps` updates; returns how many ran.
    std::int64_t train(std::int64_t steps);
    /// Updates until the current epoch ends (or training stops); false when stopped.
    bool trainEpoch();

    /// Asked between row blocks of a long step (one whose batch times the parameter count
    /// exceeds kBlockWork), with the fraction of the step done; true cuts the step short. Asked
    /// too, with fraction 1, between the chunks of points a large network's epoch end evaluates:
    /// true leaves the epoch end for the next step(), which finishes it to the same bits. The
    /// step then resumes at the block it stopped before, at the next step(), unless something
    /// changes the trainer first (then it starts over). Either way the result is the same bits
    /// as an uncut step: the blocks and their order depend on the batch and the network only.
    using Interruption = std::function<bool(double fraction)>;
    void setInterruption(Interruption interruption) { m_interruption = std::move(interruption); }
    /// The last step() was cut short by the interruption (it returned false, yet nothing stopped).
    bool wasInterrupted() const { return m_interrupted; }
    /// How much of a step cut short is done (0 when none is).
    double stepFraction() const;
    /// How much of the current epoch is done, counting a step cut short by its blocks (0..1).
    double epochFraction() const;
    /// Columns per row block of a step of `count` points: all of them unless the work is large.
    Index blockColumns(Index count) const;

    bool isStopped() const { return m_progress.stopReason != StopReason::None; }
    StopReason stopReason() const { return m_progress.stopReason; }
    const std::string &stopMessage() const { return m_progress.stopMessage; }
    /// Lets training continue after a stop (e.g. after the user lowered the learning rate).
    void clearStop();

    std::int64_t epoch() const { return m_progress.epoch; }
    std::int64_t stepCount() const { return m_progress.step; }
    std::int64_t samplesSeen() const { return m_progress.samples; }
    /// eta for the next step, after the schedule.
    double learningRate() const;
    double lastBatchLoss() const { return m_lastBatchLoss; }
    const History &history() const { return m_progress.history; }
    /// Epochs between history rows; doubles whenever the history fills up.
    std::int64_t historyInterval() const { return m_progress.historyInterval; }

    /// Metrics on the training or validation points, in evaluation mode.
    Metrics evaluate(bool validation);

    const Config &config() const { return m_config; }
    const Dataset &dataset() const { return m_dataset; }
    const Standardizer &standardizer() const { return m_standardizer; }
    const Network<Scalar> &network() const { return m_net; }
    /// For direct weight edits; call parametersEdited() afterwards.
    Network<Scalar> &network() { return m_net; }
    void parametersEdited();
    /// After weights set by hand before any training (an imported start): the epoch-0 history
    /// row describes them instead of the weights reset() drew. Does nothing once training began.
    void recordStartAgain();
    Model model() const;

    /// Training inputs (features x points, standardised) and encoded targets, as the network sees them.
    const Matrix<Scalar> &trainInputs() const { return m_xTrain; }
    const Matrix<Scalar> &trainTargets() const { return m_yTrain; }
    const Matrix<Scalar> &validationInputs() const { return m_xVal; }
    const Matrix<Scalar> &validationTargets() const { return m_yVal; }

    /// What a session saves: the progress with the weights, optimizer, generator and gradient sums.
    TrainerState state() const;
    /// Restores a saved state on top of reset() with the same config and data.
    std::string restore(const TrainerState &state);

private:
    void buildData();
    void prepareBuffers();
    /// Carried: the points' gradient was put aside for the next batch (carryPartialBatch), no update.
    enum class StepResult { Done, Diverged, Interrupted, Carried };
    StepResult gradientStep(Index n);
    StepResult blockedGradientStep(Index count, Index block);
    void dropPartialStep();
    void perceptronStep(Index n);
    /// The penalty the gradient carries: without L1 when its zero-crossing rule applies after the step.
    Penalty gradientPenalty() const;
    bool l1StopsAtZero() const;
    /// Around the optimizer's step: the weights before it, then the L1 step with its zero rule.
    void rememberWeightsBeforeStep();
    void applyL1StopsAtZero(double eta);
    /// TF Playground's partial batch: true when a batch of `count` points is an epoch's short
    /// last batch whose gradient is carried into the next batch instead of making a step.
    bool carriesBatch(Index count) const;
    /// Puts the net's gradient (the mean over `count` points, no penalty) aside as a sum.
    void carryGradient(Index count);
    /// Folds a carried sum into the net's gradient (the mean over `count` points, no penalty):
    /// the mean over count + carried points. Clears the carry.
    void mergeCarriedGradient(Index count);
    void dropCarriedGradient();
    /// Adds the penalty's gradient (as gradientPenalty()) to the net's gradients.
    void addPenaltyGradient();
    /// Ends the epoch: false when its evaluation was cut short (it goes on at the next call).
    bool finishEpoch();
    Index evaluationColumns() const;
    bool evaluateRecord(bool interruptible);
    HistoryRecord stampedRecord();
    void compactHistory();
    void diverge(const char *where);
    void rememberGoodState();
    HistoryRecord record();

    // The trainer as a session resumes it: the config and data (saved beside the state) and
    // what state() saves of the rest.
    Config m_config;
    Dataset m_dataset;
    Network<Scalar> m_net;
    std::unique_ptr<Optimizer> m_optimizer;
    Rng m_rng;
    TrainingProgress m_progress;
    GradientHealth m_health;  // its gradient sums are saved; its unit counts are per evaluation

    // Live only, never saved: the data as the network sees it (rebuilt from m_dataset), the batch
    // buffers, the last good state a divergence goes back to, and the last batch's loss.
    Standardizer m_standardizer;
    Matrix<Scalar> m_xTrain, m_yTrain, m_xVal, m_yVal;  // features x points, outputs x points
    std::vector<int> m_labelTrain, m_labelVal;
    Matrix<Scalar> m_xBatch, m_yBatch;
    std::vector<Scalar> m_goodParameters, m_goodBuffers;
    OptimizerState m_goodOptimizer;
    Vector<Scalar> m_perceptronZ;
    double m_lastBatchLoss = std::numeric_limits<double>::quiet_NaN();
    // TF Playground's L1 rule: the weights before the step, and the weights it set to 0 for good
    // (the latter saved in the state while the rule is on).
    std::vector<Scalar> m_weightsBeforeStep;
    std::vector<std::uint8_t> m_deadWeights;
    // TF Playground's partial batch: the gradient summed over the points carried into the next
    // batch, and how many they are (saved in the state).
    std::vector<double> m_carriedGradients;
    Index m_carriedCount = 0;

    // A step cut short between row blocks: the gradient summed over the blocks done so far.
    struct PartialStep
    {
        bool active = false;
        Index blocksDone = 0;
        Index blocks = 0;
        std::vector<double> gradients;  // sum of share_k * dObjective_k/dparameters
        double loss = 0.0;
        Rng::State rngAtStart{};        // dropout masks drawn by the blocks are drawn again
    };
    PartialStep m_partial;

    // An epoch end's evaluation under way (validation points, then training points).
    struct EpochEnd
    {
        enum Stage { Start, Validation, Train, Done } stage = Start;
        MetricsSums sums;
        HistoryRecord record;
    };
    EpochEnd m_epochEnd;
    Interruption m_interruption;
    bool m_interrupted = false;
};

/// Work (batch columns times parameters) above which a step is split into row blocks, so
/// that it can be cut short: about 3 x 8 M multiply-adds, 5-20 ms on one core of this machine.
inline constexpr long long kBlockWork = 1LL << 23;

}  // namespace np
