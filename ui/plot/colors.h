#pragma once

#include <QColor>
#include <QRgb>

namespace np {

/// Which class colours are in use. Both are safe for the common colour-vision deficiencies;
/// the high-contrast one (Paul Tol's high-contrast scheme first, for projectors) also keeps
/// its first classes apart in greyscale.
enum class ColorScheme { Standard, HighContrast };

/// Sets the scheme for every view (GUI thread; the view evaluator reads it atomically).
void setColorScheme(ColorScheme scheme);
ColorScheme colorScheme();

/// The class colours: the Okabe-Ito palette, safe for the common colour-vision deficiencies,
/// ordered so two classes are orange and blue as in TensorFlow Playground.
QColor classColor(int classIndex);

/// A diverging colour map for regression values and signed quantities: t in [-1, 1] runs from
/// orange through the background colour to blue.
QRgb divergingColor(double t, QRgb background);

/// Linear blend of two colours, t in [0, 1] (0 gives a).
QRgb blend(QRgb a, QRgb b, double t);

}  // namespace np
