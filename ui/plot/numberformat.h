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

/// Any double in a few characters, for axes and read-outs: up to `significant` significant
/// digits, plain from 0.001 to below a million ("0.0042", "12.3", "950", "250000"), powers of ten
/// beyond ("1e26", "2.5e-8", "−3.1e12", never SI prefixes), and "0", "∞", "−∞", "NaN".
QString formatValue(double v, int significant = 3);
/// v in scientific notation with `significant` digits and no trailing zeros: "2.5e-8", "1e26".
QString formatScientific(double v, int significant);

/// The digits of `text` as Unicode subscripts, the rest unchanged: "₍3,1₎" stays, "12" is "₁₂".
QString subscript(const QString &text);
/// n in subscript digits: 12 is "₁₂".
QString subscript(int n);

}  // namespace np
