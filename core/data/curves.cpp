#include "curves.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace np {

namespace {

constexpr std::array<CurveInfo, 5> kCurves{{
    {Curve::Sin, "sin", "sin x"},
    {Curve::Abs, "abs", "|x|"},
    {Curve::Step, "step", "step"},
    {Curve::Cubic, "cubic", "x³ − x"},
    {Curve::Sawtooth, "sawtooth", "sawtooth"},
}};

}  // namespace

std::span<const CurveInfo> curves() { return kCurves; }

const CurveInfo &curveInfo(Curve curve) { return kCurves[static_cast<std::size_t>(curve)]; }

double curveValue(Curve curve, double x)
{
    switch (curve) {
    case Curve::Sin:
        return std::sin(x);
    case Curve::Abs:
        return std::abs(x) / 2.5 - 1.0;
    case Curve::Step:
        return x < 0.0 ? -0.5 : 0.5;
    case Curve::Cubic: {
        const double u = x / 4.0;
        return u * u * u - u;
    }
    case Curve::Sawtooth: {
        const double t = x / 5.0 + 0.5;
        return 2.0 * (t - std::floor(t)) - 1.0;
    }
    }
    return 0.0;
}

DrawnCurve::DrawnCurve(std::vector<std::pair<double, double>> samples)
{
    // Stable: of samples at one x, the last drawn wins (a stroke that doubles back overwrites).
    std::stable_sort(samples.begin(), samples.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[x, y] : samples) {
        if (!std::isfinite(x) || !std::isfinite(y))
            continue;
        if (!m_x.empty() && m_x.back() == x) {
            m_y.back() = y;
            continue;
        }
        m_x.push_back(x);
        m_y.push_back(y);
    }
}

double DrawnCurve::operator()(double x) const
{
    if (m_x.empty())
        return 0.0;
    if (x <= m_x.front())
        return m_y.front();
    if (x >= m_x.back())
        return m_y.back();
    const auto it = std::upper_bound(m_x.begin(), m_x.end(), x);
    const std::size_t j = static_cast<std::size_t>(it - m_x.begin());
    const double t = (x - m_x[j - 1]) / (m_x[j] - m_x[j - 1]);
    return m_y[j - 1] + t * (m_y[j] - m_y[j - 1]);
}

}  // namespace np
