#pragma once

#include "dataset.h"

namespace np {

/// The largest |x1| or |x2| of any point (0 for no points).
double maxAbsCoordinate(const Dataset &dataset);

/// True when some point lies more than `factor` times the plane's half-width `extent` from the
/// centre: the plane cannot show it, and untransformed inputs that large make a network's
/// weighted sums overflow.
bool reachesFarOutside(const Dataset &dataset, double extent, double factor = 2.0);

/// Each coordinate mapped linearly (per axis, keeping order) onto [-0.9·extent, 0.9·extent];
/// an axis on which every point has the same value goes to 0. Exact for any finite input,
/// 1e308 included (no intermediate overflows).
Dataset rescaledIntoPlane(const Dataset &dataset, double extent);

/// Each coordinate clamped to [-extent, extent].
Dataset clippedToPlane(const Dataset &dataset, double extent);

}  // namespace np
