#pragma once

#include "options.h"

#include <vector>

namespace np::cli {

/// `backprop`: the forward and backward value of every wire of a built-in computational graph
/// (--example), or one point walked through a session's network (--config, --point, --label).
extern const std::vector<Flag> kBackpropFlags;
int runBackprop(const Options &options);

}  // namespace np::cli
