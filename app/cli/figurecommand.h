#pragma once

#include "options.h"

#include <vector>

namespace np::cli {

/// `figure`: trains (or takes a trained session as it is) and writes view figures as PNG, SVG or
/// PDF without a window. The only command that uses the widget library.
extern const std::vector<Flag> kFigureFlags;
int runFigure(const Options &options);

}  // namespace np::cli
