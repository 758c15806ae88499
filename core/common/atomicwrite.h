#pragma once

#include <string>
#include <string_view>

namespace np {

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written,
/// flushed to disk and renamed over the target, so a crash leaves the old file or the new
/// one, never half of either. Returns an error message naming the file, or empty on success.
std::string writeFileAtomically(const std::string &path, std::string_view bytes);

/// Reads a whole file of at most maxBytes. Returns an error message naming the file, or empty.
std::string readFile(const std::string &path, std::string &bytes, std::size_t maxBytes);

}  // namespace np
