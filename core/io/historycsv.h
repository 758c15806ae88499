#pragma once

#include "../training/history.h"

#include <string>

namespace np {

/// The training history as CSV: one header row, then one row per record. Columns: epoch, step,
/// learning_rate, penalty, then train_ and validation_ loss, accuracy, rmse and r2, then per
/// layer (hidden1.., output) its gradient_norm, dead and saturated share. Numbers are written in
/// the shortest form that reads back exactly; values that do not apply (NaN) are empty cells.
std::string formatHistoryCsv(const History &history);

/// Writes the history CSV atomically; returns an error naming the file, or empty.
std::string writeHistoryCsv(const std::string &path, const History &history);

}  // namespace np
