#pragma once

#include <QString>

#include <vector>

namespace np {

/// The 1-2-5 multiple of a power of ten nearest above span / count.
double niceStep(double span, int count);

/// The multiples of step in [lo, hi], with slack for rounding so the ends are not lost.
std::vector<double> multiplesBetween(double lo, double hi, double step);

/// Short labels for counts: 950, 1k, 1.5k, 20k, 1.5M, then powers of ten (2.5e9, 1e26); small
/// and non-finite values as formatValue writes them.
QString compactNumber(double v);

/// A label for a tick of a linear axis: as many decimals as the step needs, the same for all;
/// steps of 1e5 and more or below 1e-4 in powers of ten ("1.5e26", "2.5e-8").
QString linearLabel(double v, double step);

/// A label for a power of ten: plain digits from 0.001 to 1000, exponents further out (1e-8, 1e26).
QString decadeLabel(double v);

/// A plot axis: its range, whether it is logarithmic, and its ticks. The plots (loss, gradient
/// health, runs) share it so their axes read alike.
struct PlotScale
{
    double lo = 0.0;
    double hi = 1.0;
    bool log = false;
    bool percent = false;  ///< values are shares, labelled as percentages
    double step = 1.0;     ///< spacing of linear ticks (for the labels' decimals)
    std::vector<double> ticks;

    /// Where v lies between lo (0) and hi (1). A log axis clamps to lo, so zeros and values
    /// below the floor lie on its bottom edge instead of at minus infinity.
    double fraction(double v) const;
    double valueAt(double fraction) const { return lo + fraction * (hi - lo); }
    QString label(double v) const;
};

/// A linear axis from a tick at or below low to a tick at or above high, about tickCount ticks.
PlotScale linearScale(double low, double high, int tickCount);

/// A log axis over the whole decades 10^bottom .. 10^top; when more decades than tickCount,
/// every k-th is labelled, counted from 1 so labels are round (1e-6, 0.001, 1).
PlotScale decadeScale(int bottom, int top, int tickCount);

}  // namespace np
