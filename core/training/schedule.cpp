#include "schedule.h"

#include "../common/enumtable.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace np {

namespace {

constexpr auto kSchedules = enumNames<ScheduleKind>({
    {ScheduleKind::Constant, "constant", "Constant"},
    {ScheduleKind::Linear, "linear", "Linear decay to η_τ"},
    {ScheduleKind::Step, "step", "Step decay"},
    {ScheduleKind::Exponential, "exponential", "Exponential decay"},
    {ScheduleKind::Cosine, "cosine", "Cosine to η_τ"},
});

}  // namespace

const char *scheduleKey(ScheduleKind kind) { return kSchedules.key(kind); }
const char *scheduleTitle(ScheduleKind kind) { return kSchedules.title(kind); }
bool parseSchedule(const std::string &key, ScheduleKind &kind) { return kSchedules.parse(key, kind); }

std::string validateSchedule(const ScheduleSpec &spec)
{
    if (!std::isfinite(spec.finalLearningRate) || spec.finalLearningRate < 0 || spec.finalLearningRate > 1000)
        return "The final learning rate η_τ must be from 0 to 1000.";
    if (spec.tau < 1)
        return "τ must be at least 1 step.";
    if (!std::isfinite(spec.decay) || spec.decay <= 0 || spec.decay > 1)
        return "The decay factor γ must be in (0, 1].";
    if (spec.decaySteps < 1)
        return "The decay interval must be at least 1 step.";
    return {};
}

double learningRateAt(const ScheduleSpec &spec, double eta0, std::int64_t k)
{
    const double kk = static_cast<double>(std::max<std::int64_t>(k, 0));
    switch (spec.kind) {
    case ScheduleKind::Constant:
        return eta0;
    case ScheduleKind::Linear: {
        const double alpha = std::min(1.0, kk / static_cast<double>(spec.tau));
        return (1.0 - alpha) * eta0 + alpha * spec.finalLearningRate;
    }
    case ScheduleKind::Step:
        return eta0 * std::pow(spec.decay, std::floor(kk / static_cast<double>(spec.decaySteps)));
    case ScheduleKind::Exponential:
        return eta0 * std::pow(spec.decay, kk / static_cast<double>(spec.decaySteps));
    case ScheduleKind::Cosine: {
        const double progress = std::min(1.0, kk / static_cast<double>(spec.tau));
        return spec.finalLearningRate
               + 0.5 * (eta0 - spec.finalLearningRate) * (1.0 + std::cos(std::numbers::pi * progress));
    }
    }
    return eta0;
}

}  // namespace np
