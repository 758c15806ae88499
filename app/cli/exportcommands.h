#pragma once

#include "options.h"

#include <vector>

namespace np::cli {

/// `export`: a trained session's model to JSON, ONNX, safetensors or NPZ, chosen by the suffix.
extern const std::vector<Flag> kExportFlags;
int runExport(const Options &options);

/// `history`: a session's loss and metrics history as CSV.
extern const std::vector<Flag> kHistoryFlags;
int runHistory(const Options &options);

}  // namespace np::cli
