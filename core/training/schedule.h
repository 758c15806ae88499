#pragma once

#include <cstdint>
#include <string>

namespace np {

/// Learning-rate schedules eta_k over the step count k (k = 0 for the first update).
enum class ScheduleKind {
    Constant,     ///< eta_k = eta_0
    Linear,       ///< eta_k = (1 - k/tau) eta_0 + (k/tau) eta_tau until k = tau, then eta_tau (as in the notes)
    Step,         ///< eta_k = eta_0 gamma^floor(k / s)
    Exponential,  ///< eta_k = eta_0 gamma^(k / s)
    Cosine,       ///< eta_k = eta_tau + (eta_0 - eta_tau)(1 + cos(pi k / tau)) / 2 until tau, then eta_tau
};

struct ScheduleSpec
{
    ScheduleKind kind = ScheduleKind::Constant;
    double finalLearningRate = 0.0;  ///< eta_tau (linear, cosine)
    std::int64_t tau = 1000;         ///< steps until eta_tau (linear, cosine)
    double decay = 0.5;              ///< gamma (step, exponential)
    std::int64_t decaySteps = 1000;  ///< s (step, exponential)

    bool operator==(const ScheduleSpec &) const = default;
};

const char *scheduleKey(ScheduleKind kind);
const char *scheduleTitle(ScheduleKind kind);
bool parseSchedule(const std::string &key, ScheduleKind &kind);
std::string validateSchedule(const ScheduleSpec &spec);

/// eta_k for a base rate eta_0.
double learningRateAt(const ScheduleSpec &spec, double eta0, std::int64_t k);

}  // namespace np
