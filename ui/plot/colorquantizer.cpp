#include "colorquantizer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace np {

namespace {

// Green matters most to the eye, blue least; blue is kept well above zero all the same, since
// the boundary's class colours include a blue gradient that must not band.
constexpr double kWeightR = 3;
constexpr double kWeightG = 4;
constexpr double kWeightB = 2;

int binOf(QRgb c)
{
    return (qRed(c) >> 3) << 10 | (qGreen(c) >> 3) << 5 | (qBlue(c) >> 3);
}

/// A histogram bin's mean colour and weight, as median cut and k-means see it.
struct Item
{
    double c[3];
    double count;
};

double distance2(const double *a, const double *b)
{
    const double dr = a[0] - b[0];
    const double dg = a[1] - b[1];
    const double db = a[2] - b[2];
    return kWeightR * dr * dr + kWeightG * dg * dg + kWeightB * db * db;
}

/// A box of median cut: items [begin, end), their weight, mean, squared error and the channel
/// along which they spread most.
struct Box
{
    std::size_t begin;
    std::size_t end;
    double count = 0;
    double mean[3] = {0, 0, 0};
    double error = 0;
    int axis = 0;
};

Box makeBox(const std::vector<Item> &items, std::size_t begin, std::size_t end)
{
    Box box{begin, end};
    double sum[3] = {0, 0, 0};
    double sum2[3] = {0, 0, 0};
    for (std::size_t i = begin; i < end; ++i) {
        box.count += items[i].count;
        for (int k = 0; k < 3; ++k) {
            sum[k] += items[i].c[k] * items[i].count;
            sum2[k] += items[i].c[k] * items[i].c[k] * items[i].count;
        }
    }
    const double weight[3] = {kWeightR, kWeightG, kWeightB};
    double best = -1;
    for (int k = 0; k < 3; ++k) {
        box.mean[k] = sum[k] / box.count;
        const double spread = weight[k] * std::max(0.0, sum2[k] - sum[k] * box.mean[k]);
        box.error += spread;
        if (spread > best) {
            best = spread;
            box.axis = k;
        }
    }
    if (end - begin < 2)
        box.error = 0;  // one bin cannot be split
    return box;
}

QRgb toRgb(const double *c)
{
    auto channel = [](double v) { return std::clamp(static_cast<int>(std::lround(v)), 0, 255); };
    return qRgb(channel(c[0]), channel(c[1]), channel(c[2]));
}

// The 8x8 Bayer matrix: thresholds 0..63 spread so that every 2x2, 4x4 and 8x8 block is even.
constexpr int kBayer[8][8] = {
    {0, 32, 8, 40, 2, 34, 10, 42},  {48, 16, 56, 24, 50, 18, 58, 26},
    {12, 44, 4, 36, 14, 46, 6, 38}, {60, 28, 52, 20, 62, 30, 54, 22},
    {3, 35, 11, 43, 1, 33, 9, 41},  {51, 19, 59, 27, 49, 17, 57, 25},
    {15, 47, 7, 39, 13, 45, 5, 37}, {63, 31, 55, 23, 61, 29, 53, 21},
};

}  // namespace

ColorHistogram::ColorHistogram()
    : m_bins(1 << 15)
{
}

void ColorHistogram::add(const QImage &image, const QRect &rect)
{
    const QImage rgb = image.format() == QImage::Format_RGB32 || image.format() == QImage::Format_ARGB32
                           ? image
                           : image.convertToFormat(QImage::Format_RGB32);
    const QRect r = rect.intersected(rgb.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = r.left(); x <= r.right(); ++x) {
            const QRgb c = line[x];
            Bin &bin = m_bins[binOf(c)];
            ++bin.count;
            bin.r += qRed(c);
            bin.g += qGreen(c);
            bin.b += qBlue(c);
        }
    }
}

void ColorHistogram::addChanged(const QImage &image, const QImage &before, const QRect &rect)
{
    const QRect r = rect.intersected(image.rect()).intersected(before.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        const auto *old = reinterpret_cast<const QRgb *>(before.constScanLine(y));
        for (int x = r.left(); x <= r.right(); ++x) {
            const QRgb c = line[x];
            if (c == old[x])
                continue;
            Bin &bin = m_bins[binOf(c)];
            ++bin.count;
            bin.r += qRed(c);
            bin.g += qGreen(c);
            bin.b += qBlue(c);
        }
    }
}

std::vector<QRgb> ColorHistogram::palette(int maxColors, int refinementPasses) const
{
    maxColors = std::clamp(maxColors, 1, 256);
    std::vector<Item> items;
    for (const Bin &bin : m_bins) {
        if (bin.count == 0)
            continue;
        const double n = static_cast<double>(bin.count);
        items.push_back({{bin.r / n, bin.g / n, bin.b / n}, n});
    }
    if (items.empty())
        return {qRgb(0, 0, 0)};

    // Median cut: split the box with the largest squared error at the weighted median of its
    // widest channel, until there are maxColors boxes or no box can be split.
    std::vector<Box> boxes{makeBox(items, 0, items.size())};
    while (static_cast<int>(boxes.size()) < maxColors) {
        const auto worst = std::max_element(boxes.begin(), boxes.end(),
                                            [](const Box &a, const Box &b) { return a.error < b.error; });
        if (worst->error <= 0)
            break;
        const Box box = *worst;
        const int axis = box.axis;
        std::sort(items.begin() + box.begin, items.begin() + box.end,
                  [axis](const Item &a, const Item &b) { return a.c[axis] < b.c[axis]; });
        double seen = 0;
        std::size_t split = box.begin + 1;
        for (std::size_t i = box.begin; i + 1 < box.end; ++i) {
            seen += items[i].count;
            split = i + 1;
            if (seen >= box.count / 2)
                break;
        }
        *worst = makeBox(items, box.begin, split);
        boxes.push_back(makeBox(items, split, box.end));
    }
    std::vector<std::array<double, 3>> centres;
    for (const Box &box : boxes)
        centres.push_back({box.mean[0], box.mean[1], box.mean[2]});

    // Refinement: k-means over the bins, weighted by their counts. Median cut's boxes are
    // axis-aligned; this lets each colour move to the middle of the pixels nearest to it.
    for (int pass = 0; pass < refinementPasses; ++pass) {
        std::vector<std::array<double, 4>> sums(centres.size(), {0, 0, 0, 0});
        for (const Item &item : items) {
            std::size_t best = 0;
            double bestDistance = std::numeric_limits<double>::max();
            for (std::size_t k = 0; k < centres.size(); ++k) {
                const double d = distance2(item.c, centres[k].data());
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            for (int k = 0; k < 3; ++k)
                sums[best][k] += item.c[k] * item.count;
            sums[best][3] += item.count;
        }
        for (std::size_t k = 0; k < centres.size(); ++k) {
            if (sums[k][3] > 0)
                centres[k] = {sums[k][0] / sums[k][3], sums[k][1] / sums[k][3], sums[k][2] / sums[k][3]};
        }
    }
    std::vector<QRgb> colors;
    for (const auto &c : centres)
        colors.push_back(toRgb(c.data()));
    std::sort(colors.begin(), colors.end());
    colors.erase(std::unique(colors.begin(), colors.end()), colors.end());
    return colors;
}

PaletteMapper::PaletteMapper(std::vector<QRgb> palette)
    : m_palette(std::move(palette))
    , m_cache(1 << 18, -1)
{
    if (m_palette.empty())
        m_palette.push_back(qRgb(0, 0, 0));
    m_present.assign((1u << 24) / 64, 0);
    for (std::size_t i = 0; i < m_palette.size(); ++i) {
        m_exact.emplace_back(m_palette[i] | 0xff000000u, static_cast<int>(i));
        const QRgb c = m_palette[i] & 0xffffffu;
        m_present[c >> 6] |= std::uint64_t(1) << (c & 63);
    }
    std::sort(m_exact.begin(), m_exact.end());
    // Ordered dithering spreads each pixel by a little over half the distance between
    // neighbouring palette colours (the median of each colour's distance to its nearest other):
    // enough to hide the bands of a gradient, with less pattern (and smaller GIFs) than the
    // full distance.
    std::vector<double> spacing;
    for (std::size_t i = 0; i < m_palette.size(); ++i) {
        double nearest = std::numeric_limits<double>::max();
        for (std::size_t j = 0; j < m_palette.size(); ++j) {
            if (i == j)
                continue;
            const double dr = qRed(m_palette[i]) - qRed(m_palette[j]);
            const double dg = qGreen(m_palette[i]) - qGreen(m_palette[j]);
            const double db = qBlue(m_palette[i]) - qBlue(m_palette[j]);
            nearest = std::min(nearest, std::sqrt(dr * dr + dg * dg + db * db));
        }
        if (nearest < std::numeric_limits<double>::max())
            spacing.push_back(nearest);
    }
    if (!spacing.empty()) {
        std::nth_element(spacing.begin(), spacing.begin() + spacing.size() / 2, spacing.end());
        m_amplitude = std::clamp(0.6 * spacing[spacing.size() / 2], 4.0, 48.0);
    }
}

int PaletteMapper::search(int r, int g, int b) const
{
    int best = 0;
    double bestDistance = std::numeric_limits<double>::max();
    const double c[3] = {double(r), double(g), double(b)};
    for (std::size_t k = 0; k < m_palette.size(); ++k) {
        const double p[3] = {double(qRed(m_palette[k])), double(qGreen(m_palette[k])), double(qBlue(m_palette[k]))};
        const double d = distance2(c, p);
        if (d < bestDistance) {
            bestDistance = d;
            best = static_cast<int>(k);
        }
    }
    return best;
}

int PaletteMapper::nearest(int r, int g, int b)
{
    r = std::clamp(r, 0, 255);
    g = std::clamp(g, 0, 255);
    b = std::clamp(b, 0, 255);
    // The palette's own colours map to themselves exactly, so flat areas and text keep them.
    const QRgb c = qRgb(r, g, b);
    if (contains(c)) {
        const auto exact = std::lower_bound(m_exact.begin(), m_exact.end(), std::pair<QRgb, int>(c, -1));
        return exact->second;
    }
    // Others get the answer for the middle of their 4x4x4 cell.
    std::int16_t &cached = m_cache[(r >> 2) << 12 | (g >> 2) << 6 | (b >> 2)];
    if (cached < 0)
        cached = static_cast<std::int16_t>(search((r & ~3) + 2, (g & ~3) + 2, (b & ~3) + 2));
    return cached;
}

bool PaletteMapper::contains(QRgb color) const
{
    const QRgb c = color & 0xffffffu;
    return (m_present[c >> 6] >> (c & 63)) & 1;
}

std::vector<std::uint8_t> PaletteMapper::map(const QImage &image, const QRect &rect, Dithering dithering)
{
    const QImage rgb = image.format() == QImage::Format_RGB32 || image.format() == QImage::Format_ARGB32
                           ? image
                           : image.convertToFormat(QImage::Format_RGB32);
    const QRect r = rect.intersected(rgb.rect());
    std::vector<std::uint8_t> out(static_cast<std::size_t>(std::max(0, r.width() * r.height())));
    std::size_t o = 0;
    if (dithering == Dithering::FloydSteinberg) {
        // Errors of this row and the next, one slot of padding on either side.
        const int w = r.width();
        std::vector<std::array<float, 3>> current(w + 2, {0, 0, 0});
        std::vector<std::array<float, 3>> next(w + 2, {0, 0, 0});
        for (int y = r.top(); y <= r.bottom(); ++y) {
            const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
            std::fill(next.begin(), next.end(), std::array<float, 3>{0, 0, 0});
            for (int i = 0; i < w; ++i) {
                const QRgb c = line[r.left() + i];
                const float want[3] = {qRed(c) + current[i + 1][0], qGreen(c) + current[i + 1][1],
                                       qBlue(c) + current[i + 1][2]};
                const int index = nearest(int(std::lround(want[0])), int(std::lround(want[1])),
                                          int(std::lround(want[2])));
                out[o++] = static_cast<std::uint8_t>(index);
                const QRgb p = m_palette[index];
                const float got[3] = {float(qRed(p)), float(qGreen(p)), float(qBlue(p))};
                for (int k = 0; k < 3; ++k) {
                    // Clamped so that a colour outside the palette's hull does not pile up error.
                    const float e = std::clamp(want[k] - got[k], -64.0f, 64.0f);
                    current[i + 2][k] += e * 7 / 16;
                    next[i][k] += e * 3 / 16;
                    next[i + 1][k] += e * 5 / 16;
                    next[i + 2][k] += e * 1 / 16;
                }
            }
            std::swap(current, next);
        }
        return out;
    }
    for (int y = r.top(); y <= r.bottom(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = r.left(); x <= r.right(); ++x) {
            const QRgb c = line[x];
            int index = nearest(qRed(c), qGreen(c), qBlue(c));
            if (dithering == Dithering::Ordered && !contains(c)) {
                // Only colours the palette lacks are dithered: flat areas stay flat.
                const double t = (kBayer[y & 7][x & 7] + 0.5) / 64.0 - 0.5;
                const int offset = static_cast<int>(std::lround(t * m_amplitude));
                index = nearest(qRed(c) + offset, qGreen(c) + offset, qBlue(c) + offset);
            }
            out[o++] = static_cast<std::uint8_t>(index);
        }
    }
    return out;
}

}  // namespace np
