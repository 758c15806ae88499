#pragma once

#include "../network/model.h"
#include "modelexport.h"

namespace np {

/// The model as a safetensors file: an 8-byte little-endian header length, a JSON header
/// {"__metadata__": {...strings...}, "<name>": {"dtype", "shape", "data_offsets"}, ...} padded
/// with spaces to a multiple of 8 bytes, then the tensors' little-endian bytes back to back.
/// Names and metadata are sequentialModel()'s: a PyTorch nn.Sequential state dict, with batch
/// norm kept as BatchNorm1d (nothing folded).
ExportResult encodeSafetensors(const Model &model);

/// The same for tensors and metadata already assembled.
std::string safetensorsBytes(const SequentialModel &model);

}  // namespace np
