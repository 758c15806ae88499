#include "trainingspec.h"

#include "../common/enumtable.h"

#include <cmath>

namespace np {

namespace {

constexpr auto kAlgorithms = enumNames<Algorithm>({
    {Algorithm::GradientDescent, "gradient_descent"},
    {Algorithm::Perceptron, "perceptron"},
});

}  // namespace

const char *algorithmKey(Algorithm algorithm) { return kAlgorithms.key(algorithm); }
bool parseAlgorithm(const std::string &key, Algorithm &algorithm) { return kAlgorithms.parse(key, algorithm); }

std::string validateTraining(const TrainingSpec &spec)
{
    if (std::string error = validateOptimizer(spec.optimizer); !error.empty())
        return error;
    if (std::string error = validateSchedule(spec.schedule); !error.empty())
        return error;
    if (spec.batchSize < 0 || spec.batchSize > 1'000'000)
        return "The batch size must be from 1 to 1000000 (0 means the full training set).";
    auto lambdaOk = [](double v) { return std::isfinite(v) && v >= 0 && v <= 100; };
    if (!lambdaOk(spec.penalty.l1) || !lambdaOk(spec.penalty.l2))
        return "The L1 and L2 penalties λ must be from 0 to 100.";
    if (spec.earlyStopping.patience < 1 || spec.earlyStopping.patience > 1'000'000)
        return "Early-stopping patience must be from 1 to 1000000 epochs.";
    if (!std::isfinite(spec.earlyStopping.minDelta) || spec.earlyStopping.minDelta < 0)
        return "Early stopping's minimum improvement must be 0 or more.";
    if (spec.maxEpochs < 0)
        return "The epoch limit must be 0 (none) or more.";
    if (!std::isfinite(spec.targetLoss) || spec.targetLoss < 0)
        return "The target loss must be 0 (off) or more.";
    return {};
}

}  // namespace np
