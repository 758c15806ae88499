#pragma once

#include "../network/loss.h"
#include "optimizer.h"
#include "schedule.h"

#include <cstdint>
#include <string>

namespace np {

enum class Algorithm {
    GradientDescent,  ///< backpropagation + an optimizer
    Perceptron,       ///< Rosenblatt's rule: on a mistake w += eta (y - y_hat) x (step output, no hidden layer)
};

struct EarlyStoppingSpec
{
    bool enabled = false;
    int patience = 50;          ///< epochs without improvement of the validation loss
    double minDelta = 0.0;      ///< an improvement smaller than this does not count
    bool restoreBest = true;    ///< go back to the best weights when stopping

    bool operator==(const EarlyStoppingSpec &) const = default;
};

/// Everything about how to train that does not change the network's shape; any of it may
/// change while training runs.
struct TrainingSpec
{
    Algorithm algorithm = Algorithm::GradientDescent;
    OptimizerSpec optimizer;
    ScheduleSpec schedule;
    int batchSize = 10;         ///< 1 = stochastic, 0 = the full training set
    bool shuffle = true;        ///< reshuffle the training order every epoch
    Penalty penalty;            ///< L1 / L2 on weights
    /// TensorFlow Playground's L1 rule: after the gradient step, the L1 step that would carry a
    /// weight across zero sets it to 0 instead, and that weight stays 0 from then on ("dead").
    bool l1StopsAtZero = false;
    /// TensorFlow Playground's partial batch: when the training set is not a multiple of the batch
    /// size, the last r points of an epoch make no step of their own; their summed gradient is
    /// carried into the next epoch's first batch, which then averages over batchSize + r points.
    bool carryPartialBatch = false;
    EarlyStoppingSpec earlyStopping;
    std::int64_t maxEpochs = 0; ///< stop after this many epochs (0 = no limit)
    double targetLoss = 0.0;    ///< stop once the training loss is at or below this (0 = off)
    std::uint64_t seed = 1;     ///< shuffling and dropout masks

    bool operator==(const TrainingSpec &) const = default;
};

const char *algorithmKey(Algorithm algorithm);
bool parseAlgorithm(const std::string &key, Algorithm &algorithm);

/// Empty when usable, otherwise a sentence naming the first problem.
std::string validateTraining(const TrainingSpec &spec);

}  // namespace np
