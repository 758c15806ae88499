#pragma once

#include "data/dataset.h"

#include <QString>

namespace np {

/// What the data on screen is, in words: "Your data: 4,012 points, 3 classes (802 for
/// validation)", "Your data: 200 points, targets −0.93 … 1" (regression), or "Your data: no
/// points yet". Counts the classes the points actually use. Without withValidation (the status
/// bar, where room is short) the validation share and the targets' range are left out.
QString dataSummary(const Dataset &dataset, bool withValidation = true);

/// A count with the locale's group separator ("4,012"; English digits when the locale is C).
QString formatCount(qint64 n);

}  // namespace np
