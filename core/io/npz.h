#pragma once

#include "../network/model.h"
#include "modelexport.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace np {

/// CRC-32 as ZIP uses it (reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF).
std::uint32_t crc32(std::string_view bytes);

/// An .npy file (format version 1.0): magic, header length, the header dict
/// {'descr': ..., 'fortran_order': False, 'shape': (...), } padded with spaces and a newline so
/// the data starts at a multiple of 64 bytes, then the data in C order.
std::string npyBytes(std::string_view descr, const std::vector<std::int64_t> &shape, std::string_view data);

/// A ZIP archive of the files (name, bytes), stored without compression: local headers with
/// CRC-32 and sizes, the central directory, and the end record. Fixed timestamps, so the same
/// files give the same bytes. At most 65535 files of under 4 GiB in all (no ZIP64).
std::string zipStored(const std::vector<std::pair<std::string, std::string>> &files);

/// The model as a NumPy .npz: one float32 ('<f4') array per sequentialModel() tensor, named like
/// the safetensors tensors ("0.weight", ...; num_batches_tracked as '<i8'), plus "architecture",
/// a 0-d unicode array holding the same metadata as the safetensors header, as a JSON object.
/// Readable with numpy.load(path, allow_pickle=False).
ExportResult encodeNpz(const Model &model);

}  // namespace np
