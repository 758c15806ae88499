#pragma once

#include "viewevaluator.h"

#include "session/config.h"
#include "training/history.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace np {

/// One network of the depth comparison, trained on the user's data, with its regions counted.
struct RegionComparisonRun
{
    QString label;                               ///< "1×20", "2×10"
    NetworkSpec network;
    std::shared_ptr<const RegionFrame> regions;  ///< null when training failed
    std::int64_t epochs = 0;                     ///< epochs trained
    Metrics train;                               ///< at the end of training
    Metrics validation;
    QString note;                                ///< why training stopped early, or why it could not start
};

/// The config the comparison trains: the user's, with the hidden layers replaced by ReLU layers
/// of these widths (keeping the first layer's other settings), gradient descent (with the
/// problem's default head if the user's is the perceptron's step), and at most `epochs` epochs.
Config comparisonConfig(const Config &config, const Dataset &dataset, const std::vector<int> &widths,
                        std::int64_t epochs);

/// "1×20" for run 0, "2×10" for run 1: the networks runRegionComparison trains, in order.
QString comparedNetLabel(int run);

/// Trains one hidden layer of 20 ReLU units and two of 10 on the data, one after the other, on the
/// calling thread, and counts their regions at `resolution`. progress(run, epoch) is called from
/// the same thread as epochs pass. Stops early, returning the runs finished so far, once cancel is set.
std::vector<RegionComparisonRun> runRegionComparison(const Config &config, const Dataset &dataset,
                                                     std::int64_t epochs, int resolution,
                                                     const std::atomic<bool> &cancel,
                                                     const std::function<void(int, std::int64_t)> &progress);

}  // namespace np
