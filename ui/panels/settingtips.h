#pragma once

#include "data/features.h"
#include "session/config.h"

#include <QString>

namespace np {

// What each setting means, in the notation of the lecture notes: the tooltips of the network
// and training panels, for the control and for each item of its list.

QString featureTip(Feature feature);
QString headTip(OutputHead head);
QString lossTip(Loss loss);
QString initTip(InitScheme scheme);
/// "g(z) = …: the nonlinearity every unit of this layer applies to its z = w·a + b."
QString activationTip(Activation activation);
/// The α of leaky ReLU (a slope) or of ELU (a scale).
QString alphaTip(Activation activation);
QString optimizerTip(OptimizerKind kind);
QString scheduleTip(ScheduleKind kind);

}  // namespace np
