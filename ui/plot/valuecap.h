#pragma once

#include <span>

namespace np {

/// How far above its ordinary level a curve may go before the rest is drawn off the scale: a
/// hundredfold on a linear axis (oscillations that high are still shown), a millionfold on a
/// log axis (six decades above).
inline constexpr double kLinearBlowUp = 100.0;
inline constexpr double kLogBlowUp = 1e6;

/// Where a value axis ends when a run blew up (a diverging loss reaching 1e26): the axis keeps
/// what came before readable and the values above `top` are off the scale, which the plot marks.
struct ValueCap
{
    bool clipped = false;
    double top = 0.0;   ///< the highest value the axis shows (all values when not clipped)
    double peak = 0.0;  ///< the highest value of all
};

/// The cap for a curve's `levels` (its values, or its buckets' means, in order) and `highs`
/// (each level's highest value, same size). The ordinary level is the larger of the first level
/// and the median of the levels within `factor` times the first; values more than `factor`
/// times the ordinary level are off the scale.
ValueCap capBlowUp(std::span<const double> levels, std::span<const double> highs, double factor);

}  // namespace np
