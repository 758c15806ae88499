#include "valuecap.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace np {

ValueCap capBlowUp(std::span<const double> levels, std::span<const double> highs, double factor)
{
    ValueCap cap;
    std::vector<double> finite;
    finite.reserve(levels.size());
    for (double v : levels) {
        if (std::isfinite(v))
            finite.push_back(v);
    }
    for (double h : highs) {
        if (std::isfinite(h))
            cap.peak = std::max(cap.peak, h);
    }
    cap.top = cap.peak;
    if (finite.empty())
        return cap;
    // The first value is where an untrained network starts, usually the highest a healthy run
    // reaches; the median of the values not already blown up stands in when the run started low
    // by chance. (The median of all would be the blow-up's own when it is most of the history,
    // as when η is so large that the weights explode within a few epochs.)
    const double first = finite.front();
    std::vector<double> near;
    for (double v : finite) {
        if (!(first > 0) || v <= factor * first)
            near.push_back(v);
    }
    const auto middle = near.begin() + static_cast<std::ptrdiff_t>(near.size() / 2);
    std::nth_element(near.begin(), middle, near.end());
    const double ordinary = std::max(first, *middle);
    const double limit = factor * ordinary;
    if (!(ordinary > 0) || cap.peak <= limit)
        return cap;
    double top = ordinary;
    for (double h : highs) {
        if (std::isfinite(h) && h <= limit)
            top = std::max(top, h);
    }
    cap.clipped = true;
    cap.top = top;
    return cap;
}

}  // namespace np
