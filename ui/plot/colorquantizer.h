#pragma once

#include <QImage>
#include <QRect>
#include <QRgb>

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace np {

/// How a palette image hides its few colours: not at all (flat bands), a fixed 8x8 Bayer
/// pattern (stable from frame to frame, compresses well, the default for animations), or
/// Floyd-Steinberg error diffusion (finest, but noisy between frames and larger files).
enum class Dithering { None, Ordered, FloydSteinberg };

/// The colours of one or more images, counted in 32768 bins (5 bits per channel), from which
/// a palette is cut: median cut by the boxes' squared error, then k-means passes over the bins.
class ColorHistogram
{
public:
    ColorHistogram();

    /// Counts the pixels of image inside rect (RGB; alpha is ignored).
    void add(const QImage &image, const QRect &rect);
    void add(const QImage &image) { add(image, image.rect()); }
    /// Counts only the pixels inside rect that differ from the same pixel of `before` (same size).
    void addChanged(const QImage &image, const QImage &before, const QRect &rect);

    /// At most maxColors colours (1..256). Fewer when the images have fewer distinct bins;
    /// an image of at most maxColors colours, each alone in its bin, gets them exactly.
    std::vector<QRgb> palette(int maxColors = 256, int refinementPasses = 3) const;

private:
    struct Bin
    {
        std::uint64_t count = 0;
        std::uint64_t r = 0;
        std::uint64_t g = 0;
        std::uint64_t b = 0;
    };
    std::vector<Bin> m_bins;
};

/// Maps pixels to the nearest colour of a palette (weighted RGB distance), with dithering.
class PaletteMapper
{
public:
    explicit PaletteMapper(std::vector<QRgb> palette);

    const std::vector<QRgb> &palette() const { return m_palette; }
    /// The index of the palette colour nearest to (r, g, b).
    int nearest(int r, int g, int b);
    /// Whether the palette has exactly this colour.
    bool contains(QRgb color) const;

    /// The pixels of image inside rect as palette indices, row by row (rect.width() per row).
    /// Ordered dithering keys its pattern to the image's coordinates, so pixels that do not
    /// change between frames keep their pattern.
    std::vector<std::uint8_t> map(const QImage &image, const QRect &rect, Dithering dithering);

private:
    int search(int r, int g, int b) const;
    std::vector<QRgb> m_palette;
    std::vector<std::pair<QRgb, int>> m_exact;  ///< (opaque colour, index), sorted
    std::vector<std::uint64_t> m_present;       ///< one bit per 24-bit colour: in the palette
    std::vector<std::int16_t> m_cache;  ///< nearest index per 6-bit-per-channel colour; -1 unknown
    double m_amplitude = 0;             ///< ordered dithering's spread: the palette's typical spacing
};

}  // namespace np
