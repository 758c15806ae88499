#include "sweep.h"

#include "trainer.h"

#include "../common/enumtable.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <sstream>
#include <thread>

namespace np {

namespace {

constexpr auto kSettings = enumTable<SweepSettingInfo, &SweepSettingInfo::setting, &SweepSettingInfo::key>({
    {SweepSetting::LearningRate, "learning_rate", "Learning rate"},
    {SweepSetting::HiddenWidth, "hidden_width", "Hidden width"},
    {SweepSetting::Activation, "activation", "Activation"},
    {SweepSetting::Optimizer, "optimizer", "Optimizer"},
    {SweepSetting::BatchSize, "batch_size", "Batch size"},
    {SweepSetting::LayerCount, "layer_count", "Hidden layers"},
});

/// Shared by the workers: the next value to train, the progress so far, and a lock that keeps
/// the callbacks from running at the same time.
class SweepPool
{
public:
    SweepPool(const SweepSpec &spec, const SweepControl &control)
        : m_spec(spec), m_control(control)
    {
        m_progress.epochsTotal = std::int64_t(spec.values.size()) * std::max<std::int64_t>(spec.epochs, 0);
    }

    /// The index of the next value to train; -1 when all are taken or the sweep was cancelled.
    int take()
    {
        if (cancelled())
            return -1;
        const int i = m_next.fetch_add(1);
        return i < int(m_spec.values.size()) ? i : -1;
    }

    bool cancelled() const { return m_control.cancel && m_control.cancel->load(std::memory_order_relaxed); }

    void epochDone()
    {
        const std::lock_guard lock(m_mutex);
        ++m_progress.epochsDone;
        report();
    }

    void valueDone(int index, const SweepResult &result, std::int64_t epochsSkipped)
    {
        const std::lock_guard lock(m_mutex);
        // A value that stopped early (diverged, cancelled) counts as done in full.
        m_progress.epochsDone += epochsSkipped;
        ++m_progress.valuesDone;
        if (m_control.result)
            m_control.result(index, result);
        m_reported = -1;
        report();
    }

private:
    // Reports at most once per thousandth of the total, so a fast sweep does not flood the GUI.
    void report()
    {
        if (!m_control.progress)
            return;
        const std::int64_t total = std::max<std::int64_t>(m_progress.epochsTotal, 1);
        const std::int64_t perMille = m_progress.epochsDone * 1000 / total;
        if (perMille == m_reported)
            return;
        m_reported = perMille;
        m_control.progress(m_progress);
    }

    const SweepSpec &m_spec;
    const SweepControl &m_control;
    std::atomic<int> m_next{0};
    std::mutex m_mutex;
    SweepProgress m_progress;  // guarded by m_mutex
    std::int64_t m_reported = -1;
};

// The sweep decides how long each value trains; a target loss or early stopping in the
// user's config still stops a run sooner, as it would in the window.
Config sweepConfig(const SweepSpec &spec, const Config &base, double value)
{
    Config c = withSweepValue(base, spec.setting, value);
    c.training.maxEpochs = spec.epochs;
    return c;
}

SweepResult trainValue(const SweepSpec &spec, const Config &base, const Dataset &dataset, double value,
                       SweepPool &pool)
{
    SweepResult r;
    r.value = value;
    r.config = sweepConfig(spec, base, value);

    Trainer trainer;
    if (std::string error = trainer.reset(r.config, dataset); !error.empty()) {
        r.status = SweepStatus::Failed;
        r.message = error;
        return r;
    }
    std::int64_t epoch = 0;
    while (trainer.epoch() < spec.epochs && !trainer.isStopped()) {
        if (pool.cancelled()) {
            r.status = SweepStatus::Cancelled;
            break;
        }
        trainer.step();
        if (trainer.epoch() != epoch) {
            epoch = trainer.epoch();
            pool.epochDone();
        }
    }
    if (r.status != SweepStatus::Cancelled) {
        switch (trainer.stopReason()) {
        case StopReason::Diverged:
            r.status = SweepStatus::Diverged;
            break;
        case StopReason::NoData:
            r.status = SweepStatus::Failed;
            break;
        default:
            r.status = SweepStatus::Finished;
            break;
        }
        if (r.status != SweepStatus::Finished)
            r.message = trainer.stopMessage();
    }
    r.epochs = trainer.epoch();
    r.train = trainer.evaluate(false);
    r.validation = trainer.evaluate(true);
    r.model = trainer.model();
    return r;
}

}  // namespace

std::span<const SweepSettingInfo> sweepSettings() { return kSettings.rows(); }
const SweepSettingInfo &sweepSettingInfo(SweepSetting setting) { return kSettings[setting]; }

std::vector<double> sweepPreset(SweepSetting setting)
{
    switch (setting) {
    case SweepSetting::LearningRate:
        return {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3};
    case SweepSetting::HiddenWidth:
        return {1, 2, 3, 4, 6, 8, 16, 32};
    case SweepSetting::Activation:
        return {double(Activation::Linear), double(Activation::Sigmoid), double(Activation::Tanh),
                double(Activation::ReLU), double(Activation::LeakyReLU), double(Activation::ELU),
                double(Activation::GELU), double(Activation::SiLU)};
    case SweepSetting::Optimizer:
        return {double(OptimizerKind::SGD), double(OptimizerKind::Momentum), double(OptimizerKind::Nesterov),
                double(OptimizerKind::Adagrad), double(OptimizerKind::RMSProp), double(OptimizerKind::Adam)};
    case SweepSetting::BatchSize:
        return {1, 4, 10, 32, 100, 0};
    case SweepSetting::LayerCount:
        return {0, 1, 2, 3, 4, 6};
    }
    return {};
}

std::string sweepValueLabel(SweepSetting setting, double value)
{
    switch (setting) {
    case SweepSetting::Activation:
        return activationInfo(static_cast<Activation>(int(value))).title;
    case SweepSetting::Optimizer:
        return optimizerTitle(static_cast<OptimizerKind>(int(value)));
    case SweepSetting::BatchSize:
        if (value == 0)
            return "full batch";
        break;
    default:
        break;
    }
    std::ostringstream out;
    out << value;
    return out.str();
}

Config withSweepValue(const Config &config, SweepSetting setting, double value)
{
    Config c = config;
    std::vector<LayerSpec> &hidden = c.network.hidden;
    switch (setting) {
    case SweepSetting::LearningRate:
        c.training.optimizer.learningRate = value;
        break;
    case SweepSetting::HiddenWidth:
        if (hidden.empty())
            hidden.emplace_back();
        for (LayerSpec &layer : hidden)
            layer.units = int(value);
        break;
    case SweepSetting::Activation:
        if (hidden.empty())
            hidden.emplace_back();
        for (LayerSpec &layer : hidden)
            layer.activation = static_cast<Activation>(int(value));
        break;
    case SweepSetting::Optimizer:
        c.training.optimizer.kind = static_cast<OptimizerKind>(int(value));
        break;
    case SweepSetting::BatchSize:
        c.training.batchSize = int(value);
        break;
    case SweepSetting::LayerCount:
        hidden.resize(std::size_t(std::max(0, int(value))), hidden.empty() ? LayerSpec{} : hidden.back());
        break;
    }
    return c;
}

std::vector<SweepResult> runSweep(const SweepSpec &spec, const Config &config, const Dataset &dataset,
                                  const SweepControl &control)
{
    std::vector<SweepResult> results(spec.values.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        results[i].value = spec.values[i];
        results[i].config = sweepConfig(spec, config, spec.values[i]);
    }
    SweepPool pool(spec, control);
    auto work = [&] {
        for (int i = pool.take(); i >= 0; i = pool.take()) {
            SweepResult &r = results[std::size_t(i)];
            r = trainValue(spec, config, dataset, spec.values[std::size_t(i)], pool);
            pool.valueDone(i, r, std::max<std::int64_t>(spec.epochs - r.epochs, 0));
        }
    };

    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t threads = std::min<std::size_t>(spec.threads > 0 ? std::size_t(spec.threads) : hardware,
                                                      spec.values.size());
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < threads; ++t)
        workers.emplace_back(work);
    work();  // the calling thread is one of the workers
    workers.clear();  // joins: every result is written before it is handed out
    return results;
}

int bestSweepResult(const std::vector<SweepResult> &results)
{
    int best = -1;
    double bestLoss = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < results.size(); ++i) {
        const SweepResult &r = results[i];
        if (r.status != SweepStatus::Finished)
            continue;
        const double loss = r.validation.count > 0 ? r.validation.loss : r.train.loss;
        if (std::isfinite(loss) && loss < bestLoss) {
            bestLoss = loss;
            best = int(i);
        }
    }
    return best;
}

}  // namespace np
