#include "gradientreport.h"

#include "../network/loss.h"
#include "prediction.h"

#include <algorithm>
#include <chrono>

namespace np {

bool GradientReport::passes(const LayerGradientCheck &layer)
{
    return layer.relativeError < kGradientCheckThreshold || layer.maxAbsError < kGradientCheckNegligible;
}

int GradientReport::failingLayers() const
{
    if (!error.empty())
        return 0;
    return int(std::count_if(result.layers.begin(), result.layers.end(),
                             [](const LayerGradientCheck &l) { return !passes(l); }));
}

std::vector<std::size_t> gradientCheckPoints(const Model &model, const Dataset &dataset, int maxPoints)
{
    std::vector<std::size_t> train;
    for (std::size_t i = 0; i < dataset.points.size(); ++i) {
        const DataPoint &p = dataset.points[i];
        if (!p.validation && (model.task == Task::Regression || p.label < model.classCount))
            train.push_back(i);
    }
    const std::size_t n = std::min(train.size(), std::size_t(std::max(0, maxPoints)));
    std::vector<std::size_t> batch(n);
    for (std::size_t i = 0; i < n; ++i)
        batch[i] = train[i * train.size() / n];
    return batch;
}

GradientReport gradientReport(const Model &model, const Dataset &dataset, const Penalty &penalty,
                              const GradientReportOptions &options)
{
    GradientReport report;
    if (model.parameters.empty()) {
        report.error = "There is no model to check yet.";
        return report;
    }
    if (model.network.head == OutputHead::Step) {
        report.error = "The step output has no gradient to check; the perceptron rule does not use one.";
        return report;
    }
    if (dataset.task != model.task) {
        report.error = "The data changed task; check again once the network has caught up.";
        return report;
    }
    const std::vector<std::size_t> batch = gradientCheckPoints(model, dataset, options.maxPoints);
    if (batch.empty()) {
        report.error = "There are no training points to check on.";
        return report;
    }
    const Index n = Index(batch.size());
    Matrix<double> xy(2, n);  // 2 x n raw points
    Matrix<double> y(model.outputs, n);  // outputs x n targets
    for (Index i = 0; i < n; ++i) {
        const DataPoint &p = dataset.points[batch[std::size_t(i)]];
        xy(0, i) = p.x1;
        xy(1, i) = p.x2;
        encodeTarget<double>(model.network.head, model.task, model.outputs, p.label, p.target, &y(0, i));
    }
    const Matrix<double> x = modelInputs(model, xy).cast<double>();  // inputs x n
    Network<double> net = model.instantiate<double>();
    if (options.budget > 0) {
        // A forward pass costs about one multiply-add per parameter and point; each parameter
        // checked costs two.
        const double passCost = double(net.parameters().size()) * double(n);
        report.maxPerLayer = int(std::clamp(options.budget / (2.0 * net.layerCount() * passCost), 4.0, 100.0));
    }
    report.points = int(n);
    const auto start = std::chrono::steady_clock::now();
    // The dropout masks are drawn once from this generator and reused for every evaluation, so
    // any fixed seed checks the same thing.
    report.result = checkGradients<double>(net, ConstMatrixMap<double>(x.data(), x.rows(), n),
                                           ConstMatrixMap<double>(y.data(), y.rows(), n), penalty, Mode::Train, Rng(1),
                                           1e-6, report.maxPerLayer);
    report.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return report;
}

}  // namespace np
