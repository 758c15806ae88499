#pragma once

#include "../data/dataset.h"

#include <string>

namespace np {

/// Raw inputs beyond this (the plane spans −6…6) make an unstandardised network's sums
/// overflow at any sensible learning rate: a divergence is then blamed on the data's scale.
inline constexpr double kLargeInput = 100.0;
/// Inputs beyond this overflow when squared or multiplied (the x1², x1·x2 features), even
/// before standardisation could help.
inline constexpr double kOverflowingInput = 1e150;

/// Why the loss blew up, as a sentence for the user: inputs too large for their (missing)
/// standardisation, or else the learning rate η.
std::string divergenceCause(const Dataset &dataset, bool standardized, double eta);

}  // namespace np
