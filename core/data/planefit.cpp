#include "planefit.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace np {

namespace {

/// A linear map of [lo, hi] onto [-half, half], computed on values first divided by `unit` so
/// that hi - lo cannot overflow when both lie near ±DBL_MAX.
struct AxisMap
{
    double unit = 1.0, lo = 0.0, hi = 0.0, half = 0.0;

    double operator()(double v) const
    {
        if (hi <= lo)
            return 0.0;
        const double t = (v / unit - lo) / (hi - lo);  // 0..1
        return (2.0 * t - 1.0) * half;
    }
};

template <typename Get>
AxisMap axisMap(const Dataset &dataset, Get get, double half)
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const DataPoint &p : dataset.points) {
        lo = std::min(lo, get(p));
        hi = std::max(hi, get(p));
    }
    AxisMap map;
    map.half = half;
    map.unit = std::max({std::abs(lo), std::abs(hi), std::numeric_limits<double>::min()});
    map.lo = lo / map.unit;
    map.hi = hi / map.unit;
    return map;
}

}  // namespace

double maxAbsCoordinate(const Dataset &dataset)
{
    double m = 0.0;
    for (const DataPoint &p : dataset.points)
        m = std::max({m, std::abs(p.x1), std::abs(p.x2)});
    return m;
}

bool reachesFarOutside(const Dataset &dataset, double extent, double factor)
{
    return maxAbsCoordinate(dataset) > factor * extent;
}

Dataset rescaledIntoPlane(const Dataset &dataset, double extent)
{
    Dataset out = dataset;
    if (dataset.points.empty())
        return out;
    const double half = 0.9 * extent;
    const AxisMap m1 = axisMap(dataset, [](const DataPoint &p) { return p.x1; }, half);
    const AxisMap m2 = axisMap(dataset, [](const DataPoint &p) { return p.x2; }, half);
    for (DataPoint &p : out.points) {
        p.x1 = m1(p.x1);
        p.x2 = m2(p.x2);
    }
    return out;
}

Dataset clippedToPlane(const Dataset &dataset, double extent)
{
    Dataset out = dataset;
    for (DataPoint &p : out.points) {
        p.x1 = std::clamp(p.x1, -extent, extent);
        p.x2 = std::clamp(p.x2, -extent, extent);
    }
    return out;
}

}  // namespace np
