#include "colors.h"

#include <algorithm>
#include <array>

namespace np {

namespace {

constexpr std::array<QRgb, 8> kClassColors = {
    qRgb(0xE6, 0x9F, 0x00),  // orange
    qRgb(0x00, 0x72, 0xB2),  // blue
    qRgb(0x00, 0x9E, 0x73),  // bluish green
    qRgb(0xD5, 0x5E, 0x00),  // vermillion
    qRgb(0xCC, 0x79, 0xA7),  // reddish purple
    qRgb(0x56, 0xB4, 0xE9),  // sky blue
    qRgb(0xF0, 0xE4, 0x42),  // yellow
    qRgb(0x66, 0x66, 0x66),  // grey
};

}  // namespace

QColor classColor(int classIndex)
{
    return QColor(kClassColors[static_cast<std::size_t>(std::clamp(classIndex, 0, 7))]);
}

QRgb blend(QRgb a, QRgb b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    const auto mix = [t](int x, int y) { return static_cast<int>(x + (y - x) * t + 0.5); };
    return qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
}

QRgb divergingColor(double t, QRgb background)
{
    t = std::clamp(t, -1.0, 1.0);
    return t < 0 ? blend(background, kClassColors[0], -t) : blend(background, kClassColors[1], t);
}

}  // namespace np
