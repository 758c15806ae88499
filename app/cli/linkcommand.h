#pragma once

#include "options.h"

#include <vector>

namespace np::cli {

/// `import-link`: a TensorFlow Playground link as a session file (its data, weights and rules).
extern const std::vector<Flag> kImportLinkFlags;
int runImportLink(const Options &options);

}  // namespace np::cli
