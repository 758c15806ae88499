#pragma once

#include "options.h"

#include <vector>

namespace np::cli {

/// `predict`: a trained session's or an exported model JSON's outputs for points from a CSV.
extern const std::vector<Flag> kPredictFlags;
int runPredict(const Options &options);

}  // namespace np::cli
