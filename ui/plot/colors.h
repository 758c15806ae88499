#pragma once

#include <QColor>
#include <QRgb>

#include <algorithm>

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
/// The same as a QRgb, without a QColor (for images drawn pixel by pixel).
QRgb classRgb(int classIndex);

/// A diverging colour map for regression values and signed quantities: t in [-1, 1] runs from
/// orange through the background colour to blue.
QRgb divergingColor(double t, QRgb background);

/// blend() for t already in [0, 1]: the arithmetic of every blend, without the clamp's branches.
inline QRgb blendInRange(QRgb a, QRgb b, double t)
{
    const auto mix = [t](int x, int y) { return static_cast<int>(x + (y - x) * t + 0.5); };
    return qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
}

/// Linear blend of two colours, t in [0, 1] (0 gives a). Inline: the views' images call it for
/// every pixel.
inline QRgb blend(QRgb a, QRgb b, double t)
{
    return blendInRange(a, b, std::clamp(t, 0.0, 1.0));
}

/// divergingColor() with the scheme's colours read once, for images drawn pixel by pixel: the
/// same colours, computed without branches so that a loop over a row is vectorised.
class DivergingScale
{
public:
    explicit DivergingScale(QRgb background);
    QRgb operator()(double t) const
    {
        t = t < -1.0 ? -1.0 : (t > 1.0 ? 1.0 : t);  // std::clamp's result, as selects
        const bool negative = t < 0;
        return blendInRange(m_background, negative ? m_negative : m_positive, negative ? -t : t);
    }

private:
    QRgb m_background, m_negative, m_positive;
};

}  // namespace np
