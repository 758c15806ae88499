#include "colors.h"

#include <algorithm>
#include <array>
#include <atomic>

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

// Dark blue and ochre differ in lightness as well as hue, then Okabe-Ito's strongest hues.
constexpr std::array<QRgb, 8> kHighContrastColors = {
    qRgb(0xDD, 0xAA, 0x33),  // ochre
    qRgb(0x00, 0x44, 0x88),  // dark blue
    qRgb(0x00, 0x9E, 0x73),  // bluish green
    qRgb(0xBB, 0x55, 0x66),  // red
    qRgb(0xCC, 0x79, 0xA7),  // reddish purple
    qRgb(0x56, 0xB4, 0xE9),  // sky blue
    qRgb(0xF0, 0xE4, 0x42),  // yellow
    qRgb(0x33, 0x33, 0x33),  // near black
};

std::atomic<ColorScheme> g_scheme{ColorScheme::Standard};

const std::array<QRgb, 8> &colors()
{
    return g_scheme.load(std::memory_order_relaxed) == ColorScheme::HighContrast ? kHighContrastColors
                                                                                 : kClassColors;
}

}  // namespace

void setColorScheme(ColorScheme scheme)
{
    g_scheme.store(scheme, std::memory_order_relaxed);
}

ColorScheme colorScheme()
{
    return g_scheme.load(std::memory_order_relaxed);
}

QColor classColor(int classIndex)
{
    return QColor(classRgb(classIndex));
}

QRgb classRgb(int classIndex)
{
    return colors()[static_cast<std::size_t>(std::clamp(classIndex, 0, 7))];
}

DivergingScale::DivergingScale(QRgb background)
    : m_background(background), m_negative(colors()[0]), m_positive(colors()[1])
{
}

QRgb divergingColor(double t, QRgb background)
{
    return DivergingScale(background)(t);
}

}  // namespace np
