#pragma once

#include <span>
#include <string>
#include <vector>

namespace np {

/// The curves y = f(x) of the 1-D mode (universal approximation). x spans the plane's
/// [-6, 6]; f stays within [-1, 1], the range of the regression targets.
enum class Curve {
    Sin,       ///< f(x) = sin x
    Abs,       ///< f(x) = |x| / 2.5 - 1
    Step,      ///< f(x) = -0.5 for x < 0, 0.5 from 0 on
    Cubic,     ///< f(x) = u^3 - u with u = x / 4 (x^3 - x on the scaled axis)
    Sawtooth,  ///< f(x) = 2 frac(x / 5 + 1/2) - 1: ramps from -1 to 1, period 5, jumps at x = ±2.5
};

struct CurveInfo
{
    Curve curve;
    const char *key;      ///< stable identifier: "sin", "abs", "step", "cubic", "sawtooth"
    const char *formula;  ///< shown to users: "sin x", "|x|", ...
};

std::span<const CurveInfo> curves();
const CurveInfo &curveInfo(Curve curve);

/// f(x) of a built-in curve.
double curveValue(Curve curve, double x);

/// A curve drawn by hand: samples (x, y) joined by straight lines, constant beyond its ends.
class DrawnCurve
{
public:
    DrawnCurve() = default;
    /// Sorts the samples by x; samples at the same x keep the last one drawn.
    explicit DrawnCurve(std::vector<std::pair<double, double>> samples);

    bool isEmpty() const { return m_x.empty(); }
    double xMin() const { return m_x.empty() ? 0.0 : m_x.front(); }
    double xMax() const { return m_x.empty() ? 0.0 : m_x.back(); }
    double operator()(double x) const;

private:
    std::vector<double> m_x, m_y;
};

/// The classification boundary of the "above f" data sets: class 1 when x2 > kCurveBoundaryScale f(x1),
/// so the curve spans most of the plane's height.
inline constexpr double kCurveBoundaryScale = 4.0;

}  // namespace np
