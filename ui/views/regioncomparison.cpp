#include "regioncomparison.h"

#include "training/trainer.h"

#include <QCoreApplication>

#include <algorithm>

namespace np {

namespace {

// Training runs in chunks this small, so cancelling (new data, a closed view) is prompt.
constexpr std::int64_t kChunkSteps = 256;
// A cap on the updates per network, so stochastic training on a large set still finishes soon.
constexpr std::int64_t kStepBudget = 200'000;

struct ComparedNet
{
    const char *label;
    std::vector<int> widths;
};

const std::vector<ComparedNet> &comparedNets()
{
    static const std::vector<ComparedNet> nets = {{"1×20", {20}}, {"2×10", {10, 10}}};
    return nets;
}

}  // namespace

QString comparedNetLabel(int run)
{
    return QString::fromUtf8(comparedNets()[std::size_t(run)].label);
}

Config comparisonConfig(const Config &config, const Dataset &dataset, const std::vector<int> &widths,
                        std::int64_t epochs)
{
    Config c = config;
    LayerSpec layer = config.network.hidden.empty() ? LayerSpec{} : config.network.hidden.front();
    layer.activation = Activation::ReLU;
    c.network.hidden.clear();
    for (int w : widths) {
        layer.units = w;
        c.network.hidden.push_back(layer);
    }
    c.training.algorithm = Algorithm::GradientDescent;
    if (c.network.head == OutputHead::Step) {
        c.network.head = defaultHead(dataset.task, dataset.classCount);
        c.network.loss = defaultLoss(c.network.head, dataset.task);
    }
    c.training.maxEpochs = std::max<std::int64_t>(1, epochs);
    return c;
}

std::vector<RegionComparisonRun> runRegionComparison(const Config &config, const Dataset &dataset,
                                                     std::int64_t epochs, int resolution,
                                                     const std::atomic<bool> &cancel,
                                                     const std::function<void(int, std::int64_t)> &progress)
{
    std::vector<RegionComparisonRun> runs;
    for (std::size_t i = 0; i < comparedNets().size() && !cancel.load(); ++i) {
        const ComparedNet &net = comparedNets()[i];
        const Config c = comparisonConfig(config, dataset, net.widths, epochs);
        RegionComparisonRun run;
        run.label = QString::fromUtf8(net.label);
        run.network = c.network;
        Trainer trainer;
        if (const std::string error = trainer.reset(c, dataset); !error.empty()) {
            run.note = QString::fromStdString(error);
            runs.push_back(std::move(run));
            continue;
        }
        std::int64_t reported = -1;
        while (!cancel.load(std::memory_order_relaxed) && !trainer.isStopped() && trainer.stepCount() < kStepBudget) {
            if (trainer.train(kChunkSteps) == 0)
                break;
            if (trainer.epoch() != reported) {
                reported = trainer.epoch();
                progress(int(i), reported);
            }
        }
        if (cancel.load())
            break;
        run.epochs = trainer.epoch();
        if (!trainer.isStopped())
            run.note = QCoreApplication::translate("np::RegionsView", "stopped at the budget of %1 updates").arg(kStepBudget);
        else if (trainer.stopReason() != StopReason::MaxEpochs)
            run.note = QString::fromStdString(trainer.stopMessage());
        run.train = trainer.evaluate(false);
        run.validation = trainer.evaluate(true);
        ViewNeeds needs;
        needs.regions = true;
        needs.regionResolution = resolution;
        // The boundary grid is not shown here, so the smallest one will do.
        run.regions = computeViewFrame(trainer.model(), dataset, BoundaryStyle{}, GridSpec{-6, 6, -6, 6, 2, 2}, needs)
                          .regions;
        runs.push_back(std::move(run));
    }
    return runs;
}

}  // namespace np
