#pragma once

#include <QString>

namespace np {

// Numbers as the views print them: a real minus sign (U+2212; "-" is a hyphen in most fonts and
// looks short next to digits), and never a negative zero.

/// v with `decimals` digits after the point: "−1.50", "0.00" (never "−0.00").
QString formatNumber(double v, int decimals);

/// v with as many decimals as its size needs and no trailing zeros: "0.53", "−1.2", "12.3",
/// "0.0042", "0".
QString formatNumber(double v);

/// The digits of `text` as Unicode subscripts, the rest unchanged: "₍3,1₎" stays, "12" is "₁₂".
QString subscript(const QString &text);
/// n in subscript digits: 12 is "₁₂".
QString subscript(int n);

}  // namespace np
