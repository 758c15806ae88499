#pragma once

#include "options.h"

#include <vector>

namespace np::cli {

/// `trajectory`: one optimizer's path over a 2-D surface, written as CSV (step, x, y, f).
extern const std::vector<Flag> kTrajectoryFlags;
int runTrajectory(const Options &options);

}  // namespace np::cli
