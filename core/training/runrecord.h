#pragma once

#include "../data/dataset.h"
#include "../network/model.h"
#include "../session/config.h"
#include "history.h"
#include "trainer.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace np {

/// A run keeps at most this many history rows: enough for a curve, small enough for dozens of runs.
inline constexpr std::size_t kMaxRunHistoryRows = 1000;

/// One finished (or saved) training run as a value: what it was trained with and on, how far it
/// got, how good it became, and its final weights, so it can be compared with others and restored.
struct RunRecord
{
    int id = 0;              ///< 1, 2, 3 ... in the order runs were recorded; never reused
    std::string name;        ///< "#3 Adam lr 0.01, 2×8 tanh"
    Config config;           ///< the settings in effect at the run's end
    Dataset dataset;
    std::string dataDescription;  ///< "Spiral, 2 classes, 400 points (80 validation)"
    std::int64_t epochs = 0;
    std::int64_t steps = 0;
    Metrics train;           ///< at the last history row
    Metrics validation;
    StopReason stopReason = StopReason::None;
    History history;         ///< at most kMaxRunHistoryRows rows spread over the whole run
    Model model;             ///< the final weights
    std::chrono::system_clock::time_point time;  ///< when it was recorded
};

}  // namespace np
