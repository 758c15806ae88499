#pragma once

#include "../data/dataset.h"
#include "../network/model.h"
#include "../session/config.h"
#include "history.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace np {

/// The one setting a sweep varies; everything else stays as the user set it.
enum class SweepSetting {
    LearningRate,  ///< eta_0 of the optimizer
    HiddenWidth,   ///< units of every hidden layer (a 0-layer net gets one layer)
    Activation,    ///< g of every hidden layer; values are Activation enumerators
    Optimizer,     ///< values are OptimizerKind enumerators
    BatchSize,     ///< 0 = the full training set
    LayerCount,    ///< hidden layers; new ones copy the last (or the default) layer
};

struct SweepSettingInfo
{
    SweepSetting setting;
    const char *key;    ///< stable identifier for files and the command line
    const char *title;  ///< shown to users
};

/// Every setting, in the order the UI lists them.
std::span<const SweepSettingInfo> sweepSettings();
const SweepSettingInfo &sweepSettingInfo(SweepSetting setting);

/// The values a setting is usually swept over (learning rates 0.001 ... 3, widths 1 ... 32, ...).
std::vector<double> sweepPreset(SweepSetting setting);

/// A value as a user reads it: "0.01", "8", "tanh", "Adam", "full batch".
std::string sweepValueLabel(SweepSetting setting, double value);

/// The config with one setting set to value (an enumerator's integer for Activation and Optimizer).
Config withSweepValue(const Config &config, SweepSetting setting, double value);

/// What to sweep: one setting over a list of values, each trained for the same number of epochs
/// on the same data from the same seeds.
struct SweepSpec
{
    SweepSetting setting = SweepSetting::LearningRate;
    std::vector<double> values;
    std::int64_t epochs = 200;
    int threads = 0;  ///< worker threads; 0 = std::thread::hardware_concurrency()
};

enum class SweepStatus {
    Pending,    ///< not trained (the sweep was cancelled before it started)
    Finished,   ///< trained for the epochs asked, or stopped by the config's own stop rules
    Diverged,   ///< the loss became NaN or infinite; the metrics are of the last good weights
    Cancelled,  ///< stopped part-way by cancel
    Failed,     ///< the config does not fit the data (message says why)
};

/// One value's outcome.
struct SweepResult
{
    double value = 0.0;
    Config config;          ///< the config the value was trained with (maxEpochs = the sweep's epochs)
    SweepStatus status = SweepStatus::Pending;
    std::string message;    ///< why it diverged or failed
    std::int64_t epochs = 0;  ///< epochs completed
    Metrics train;
    Metrics validation;
    Model model;            ///< the final weights, for a small decision boundary
};

/// Progress shared by the workers: epochs done over all values, out of values x epochs.
struct SweepProgress
{
    std::int64_t epochsDone = 0;
    std::int64_t epochsTotal = 0;
    int valuesDone = 0;
};

/// How a running sweep reports and is stopped. The callbacks are called from worker threads
/// (never two at once), so they must only hand data on, e.g. by posting it to the GUI thread.
struct SweepControl
{
    const std::atomic<bool> *cancel = nullptr;  ///< set to stop: every worker returns within a step
    std::function<void(const SweepProgress &)> progress;      ///< after every epoch of any value
    std::function<void(int index, const SweepResult &)> result;  ///< as each value finishes
};

/// Trains every value of the spec, each in its own Trainer, on a pool of threads. Blocks until
/// all are done or cancelled. Results are in the order of spec.values and do not depend on the
/// number of threads: each run draws only from its own seeded generators.
std::vector<SweepResult> runSweep(const SweepSpec &spec, const Config &config, const Dataset &dataset,
                                  const SweepControl &control = {});

/// The finished result with the lowest validation loss (training loss when there are no
/// validation points); -1 when none finished. Diverged, cancelled and failed runs never win.
int bestSweepResult(const std::vector<SweepResult> &results);

}  // namespace np
