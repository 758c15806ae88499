#pragma once

#include "dataset.h"

#include <optional>
#include <string>
#include <string_view>

namespace np {

/// Result of reading a CSV dataset: either a dataset or an error naming the line.
struct CsvReadResult
{
    std::optional<Dataset> dataset;
    std::string error;  ///< e.g. "line 7: expected 3 fields, found 2"
};

/// Parses a CSV dataset. Columns are named by an optional header row:
/// x1 (or x), x2 (or y), label (or class) for classification, target (or value) for
/// regression, and an optional split column holding "train" or "validation".
/// Without a header the columns are x1, x2, y and the task is classification when every y is
/// an integer class 0..7. Rejects non-finite numbers, labels outside 0..7, more than
/// kMaxCsvPoints rows, binary content and inputs larger than kMaxCsvBytes.
CsvReadResult parseCsv(std::string_view text);

/// Reads and parses a file; errors name the file.
CsvReadResult readCsvFile(const std::string &path);

/// Writes a header and one row per point, numbers in shortest round-trip form.
std::string formatCsv(const Dataset &dataset);

/// Writes atomically (temporary file, then rename). Returns an error message or empty.
std::string writeCsvFile(const std::string &path, const Dataset &dataset);

inline constexpr int kMaxCsvPoints = 1'000'000;
inline constexpr std::size_t kMaxCsvBytes = 64u * 1024u * 1024u;

}  // namespace np
