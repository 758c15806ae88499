#pragma once

#include "diagramhit.h"
#include "diagramnetwork.h"

#include <QCoreApplication>
#include <QString>

namespace np {

/// The network diagram's text for a unit and a weight, in the lecture's notation with the
/// numbers of the current weights: "a[2]₃ = tanh(0.53·a[1]₁ − 1.2·a[1]₂ + 0.1)".
class NeuronFormula
{
    Q_DECLARE_TR_FUNCTIONS(NeuronFormula)

public:
    /// "a[2]₃" (1-based on screen), or the input's name in column 0.
    static QString unitName(const DiagramNetwork &net, int column, int unit);
    /// The unit's activation with its weighted sum, the largest terms first when there are many;
    /// one line per piece for maxout, two lines for softmax; the input's name in column 0.
    static QString formula(const DiagramNetwork &net, int column, int unit);
    /// "W[2]₍₃,₁₎ = −0.84" for an edge, "b[2]₃ = 0.1" for a bias, empty otherwise.
    static QString valueText(const DiagramNetwork &net, const DiagramHit &hit);
};

}  // namespace np
