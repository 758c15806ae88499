#include "trainerstate.h"

#include "../common/enumtable.h"

namespace np {

namespace {

constexpr auto kStops = enumNames<StopReason>({
    {StopReason::None, "none"},
    {StopReason::MaxEpochs, "max_epochs"},
    {StopReason::TargetLoss, "target_loss"},
    {StopReason::EarlyStopping, "early_stopping"},
    {StopReason::Diverged, "diverged"},
    {StopReason::NoData, "no_data"},
});

}  // namespace

const char *stopReasonKey(StopReason reason) { return kStops.key(reason); }
bool parseStopReason(const std::string &key, StopReason &reason) { return kStops.parse(key, reason); }

std::string checkTrainerState(const TrainerState &s, std::size_t parameterCount, std::size_t bufferCount,
                              int layerCount, std::size_t trainCount)
{
    if (s.parameters.size() != parameterCount)
        return "the saved weights (" + std::to_string(s.parameters.size()) + " values) do not fit the network ("
               + std::to_string(parameterCount) + " parameters)";
    if (s.buffers.size() != bufferCount)
        return "the saved batch-norm statistics do not fit the network";
    const std::size_t n = trainCount;
    if (s.order.size() != n)
        return "the saved training order has " + std::to_string(s.order.size()) + " entries for "
               + std::to_string(n) + " training points";
    std::vector<bool> seen(n, false);
    for (int i : s.order) {
        if (i < 0 || static_cast<std::size_t>(i) >= n || seen[static_cast<std::size_t>(i)])
            return "the saved training order is not a permutation of the training points";
        seen[static_cast<std::size_t>(i)] = true;
    }
    if (s.cursor < 0 || static_cast<std::size_t>(s.cursor) > n)
        return "the saved position in the epoch is out of range";
    if (s.epoch < 0 || s.step < 0 || s.samples < 0)
        return "the saved epoch and step counters must not be negative";
    if (s.historyInterval < 1)
        return "the saved history interval must be at least 1";
    if (s.history.size() > kMaxSavedHistoryRows)
        return "the saved history has more than " + std::to_string(kMaxSavedHistoryRows) + " rows";
    if (!s.gradientSquares.empty() && s.gradientSquares.size() != static_cast<std::size_t>(layerCount))
        return "the saved gradient norms do not fit the network's layers";
    if (s.carriedCount < 0 || static_cast<std::size_t>(s.carriedCount) > trainCount || (s.carriedCount > 0 && s.carriedGradients.size() != parameterCount)
        || (s.carriedCount == 0 && !s.carriedGradients.empty()))
        return "the saved carried gradient does not fit the network";
    if (!s.deadWeights.empty() && s.deadWeights.size() != parameterCount)
        return "the saved frozen weights do not fit the network";
    if (s.gradientSteps < 0)
        return "the saved gradient step count must not be negative";
    const EarlyStoppingState &es = s.earlyStopping;
    if (!es.bestParameters.empty() && es.bestParameters.size() != s.parameters.size())
        return "the saved early-stopping weights do not fit the network";
    if (!es.bestBuffers.empty() && es.bestBuffers.size() != s.buffers.size())
        return "the saved early-stopping statistics do not fit the network";
    return {};
}

}  // namespace np
