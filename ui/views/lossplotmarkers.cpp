#include "lossplotmarkers.h"

#include "numberformat.h"

#include <QCoreApplication>

#include <algorithm>

namespace np {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LossPlot", text);
}

QString activationTitle(Activation a)
{
    return QString::fromUtf8(activationInfo(a).title);
}

QString optimizerName(const Config &c)
{
    return c.training.algorithm == Algorithm::GradientDescent
               ? QString::fromUtf8(optimizerTitle(c.training.optimizer.kind))
               : tr("perceptron rule");
}

}  // namespace

std::vector<ConfigChange> configChanges(const Config &before, const Config &after, bool dataChanged)
{
    std::vector<ConfigChange> changes;
    const double eta0 = before.training.optimizer.learningRate;
    const double eta1 = after.training.optimizer.learningRate;
    if (eta0 != eta1)
        changes.push_back({QStringLiteral("eta"), QStringLiteral("η"), formatValue(eta0, 4), formatValue(eta1, 4)});
    if (optimizerName(before) != optimizerName(after))
        changes.push_back({QStringLiteral("optimizer"), tr("optimizer"), optimizerName(before), optimizerName(after)});

    // Activations only while the layers stay (a new architecture re-initialises the network and
    // restarts the curves anyway).
    const std::vector<LayerSpec> &h0 = before.network.hidden;
    const std::vector<LayerSpec> &h1 = after.network.hidden;
    if (h0.size() == h1.size()) {
        std::vector<std::size_t> changed;
        for (std::size_t i = 0; i < h0.size(); ++i) {
            if (h0[i].activation != h1[i].activation)
                changed.push_back(i);
        }
        const auto alike = [&](std::size_t i) {
            return h0[i].activation == h0[changed[0]].activation && h1[i].activation == h1[changed[0]].activation;
        };
        if (!changed.empty() && changed.size() == h0.size() && std::all_of(changed.begin(), changed.end(), alike)) {
            changes.push_back({QStringLiteral("activation"), tr("activation"), activationTitle(h0[changed[0]].activation),
                               activationTitle(h1[changed[0]].activation)});
        } else {
            for (std::size_t i : changed)
                changes.push_back({QStringLiteral("layer%1").arg(i + 1), tr("layer %1:").arg(i + 1),
                                   activationTitle(h0[i].activation), activationTitle(h1[i].activation)});
        }
    }
    if (dataChanged)
        changes.push_back({QStringLiteral("data"), tr("data changed"), {}, {}});
    return changes;
}

}  // namespace np
