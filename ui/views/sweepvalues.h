#pragma once

#include "training/sweep.h"

#include <QString>

#include <vector>

namespace np {

/// Parses a comma-separated list of values for a setting: numbers, or activation and optimizer
/// names ("tanh, ReLU", "sgd, Adam"), "full" for the full batch. Empty with *error set on failure.
std::vector<double> parseSweepValues(SweepSetting setting, const QString &text, QString *error);
/// The values as the list a user edits: "0.001, 0.003, 0.01".
QString sweepValuesText(SweepSetting setting, const std::vector<double> &values);

}  // namespace np
