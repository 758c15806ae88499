#include "plotaxis.h"
#include "numberformat.h"

#include <algorithm>
#include <cmath>

namespace np {

double niceStep(double span, int count)
{
    const double raw = span / std::max(count, 1);
    if (!(raw > 0) || !std::isfinite(raw))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double r = raw / magnitude;
    return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude;
}

std::vector<double> multiplesBetween(double lo, double hi, double step)
{
    std::vector<double> ticks;
    const double first = std::ceil(lo / step - 1e-9);
    const double last = std::floor(hi / step + 1e-9);
    for (double i = first; i <= last && ticks.size() < 1000; ++i)
        ticks.push_back(i * step + 0.0);  // + 0.0 turns -0 into 0, which would print as "-0"
    return ticks;
}

QString compactNumber(double v)
{
    // k and M for counts people say that way (epochs, steps); past a billion, as for tiny
    // values, a power of ten: never "1e+17G".
    const double a = std::abs(v);
    if (!std::isfinite(v) || a >= 1e9 || a < 1e3)
        return formatValue(v, 4);
    if (a >= 1e6)
        return formatValue(v / 1e6, 4) + QLatin1Char('M');
    return formatValue(v / 1e3, 4) + QLatin1Char('k');
}

QString linearLabel(double v, double step)
{
    if (!std::isfinite(v))
        return formatValue(v);
    if (!(step > 0) || !std::isfinite(step))
        return formatValue(v, 4);
    // Steps of a hundred thousand and more, or below 1e-4: a power of ten with as many digits
    // as tell the ticks apart ("2.5e-8", "1e26"); in between, decimals from the step.
    const int stepExponent = static_cast<int>(std::floor(std::log10(step) + 1e-9));
    if (stepExponent >= 5 || stepExponent < -4) {
        if (std::abs(v) < 1e-9 * step)
            return QStringLiteral("0");
        const int exponent = static_cast<int>(std::floor(std::log10(std::abs(v)) + 1e-9));
        return formatScientific(v, std::clamp(exponent - stepExponent + 1, 1, 15));
    }
    if (std::abs(v) >= 1000)
        return compactNumber(v);
    return formatNumber(v, std::clamp(-stepExponent, 0, 9));
}

QString decadeLabel(double v)
{
    if (!(v > 0) || !std::isfinite(v))
        return formatValue(v);
    const int exponent = static_cast<int>(std::lround(std::log10(v)));
    if (exponent >= -3 && exponent <= 3)
        return formatNumber(v, std::max(0, -exponent));
    return QStringLiteral("1e%1").arg(exponent);
}

double PlotScale::fraction(double v) const
{
    if (log)
        return (std::log10(std::max(v, lo)) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
    return (v - lo) / (hi - lo);
}

QString PlotScale::label(double v) const
{
    if (percent)
        return linearLabel(100.0 * v, 100.0 * step) + QLatin1Char('%');
    return log ? decadeLabel(v) : linearLabel(v, step);
}

PlotScale linearScale(double low, double high, int tickCount)
{
    PlotScale s;
    if (!(high > low))
        high = low + 1.0;
    s.step = niceStep(high - low, tickCount);
    s.lo = std::floor(low / s.step + 1e-9) * s.step;
    s.hi = std::ceil(high / s.step - 1e-9) * s.step;
    s.ticks = multiplesBetween(s.lo, s.hi, s.step);
    return s;
}

PlotScale decadeScale(int bottom, int top, int tickCount)
{
    PlotScale s;
    s.log = true;
    top = std::max(top, bottom + 1);
    const int every = std::max(1, (top - bottom + tickCount - 1) / std::max(tickCount, 1));
    s.lo = std::pow(10.0, bottom);
    s.hi = std::pow(10.0, top);
    for (int d = bottom; d <= top; ++d) {
        if (((d % every) + every) % every == 0)
            s.ticks.push_back(std::pow(10.0, d));
    }
    return s;
}

}  // namespace np
