#pragma once

#include "session/config.h"

#include <QString>

#include <vector>

namespace np {

/// One setting that changed, as the loss plot labels it: "η 0.01 → 0.1".
struct ConfigChange
{
    QString key;     ///< which setting ("eta", "optimizer", "activation", "layer2", "data")
    QString prefix;  ///< its name as shown ("η", "optimizer", "layer 2:", "data changed")
    QString from;    ///< empty for a change without values (the data)
    QString to;

    QString label() const { return from.isEmpty() && to.isEmpty() ? prefix : prefix + QLatin1Char(' ') + from + QStringLiteral(" → ") + to; }
};

/// What changed between two settings that the loss curves show the effect of: η, the optimizer
/// (or the perceptron rule), the activations ("activation Tanh → ReLU" when every layer switched
/// alike, otherwise "layer 2: Tanh → ReLU"), and the data. Other edits (batch size, penalties,
/// the architecture, which restarts the curves anyway) are not listed.
std::vector<ConfigChange> configChanges(const Config &before, const Config &after, bool dataChanged);

}  // namespace np
