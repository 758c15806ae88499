#include "landscapepainter.h"

#include "numberformat.h"
#include "plotaxis.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace np {

std::vector<double> landscapeLevels(const Landscape &landscape, int count)
{
    std::vector<double> values;
    for (double v : landscape.loss) {
        if (std::isfinite(v))
            values.push_back(v);
    }
    std::vector<double> levels;
    if (values.empty() || count < 1)
        return levels;
    std::sort(values.begin(), values.end());
    // Levels between the values, never on the extremes: a level at the minimum would draw a
    // dot, one at the maximum nothing.
    for (int i = 1; i <= count; ++i) {
        const double at = double(i) / double(count + 1) * double(values.size() - 1);
        const std::size_t k = std::size_t(at);
        const double f = at - double(k);
        const double v = k + 1 < values.size() ? values[k] * (1 - f) + values[k + 1] * f : values[k];
        if (levels.empty() || v > levels.back())
            levels.push_back(v);
    }
    return levels;
}

std::vector<QLineF> contourSegments(const Landscape &landscape, double level)
{
    std::vector<QLineF> segments;
    const int n = landscape.grid.resolution;
    // Where the level crosses the edge from corner a (value va) to corner b.
    auto cross = [level](QPointF a, double va, QPointF b, double vb) {
        const double t = (level - va) / (vb - va);
        return a + t * (b - a);
    };
    for (int r = 0; r + 1 < n; ++r) {
        for (int c = 0; c + 1 < n; ++c) {
            // Corners counter-clockwise from (c, r).
            const std::array<QPointF, 4> p{QPointF(c, r), QPointF(c + 1, r), QPointF(c + 1, r + 1), QPointF(c, r + 1)};
            const std::array<double, 4> v{landscape.at(r, c), landscape.at(r, c + 1), landscape.at(r + 1, c + 1),
                                          landscape.at(r + 1, c)};
            if (!std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); }))
                continue;
            std::vector<QPointF> hits;  // crossings on the four edges, in order around the cell
            for (int e = 0; e < 4; ++e) {
                const double va = v[std::size_t(e)], vb = v[std::size_t((e + 1) % 4)];
                if ((va < level) != (vb < level))
                    hits.push_back(cross(p[std::size_t(e)], va, p[std::size_t((e + 1) % 4)], vb));
            }
            if (hits.size() == 2) {
                segments.emplace_back(hits[0], hits[1]);
            } else if (hits.size() == 4) {
                // A saddle cell: the centre's value decides which corners are joined.
                const double centre = (v[0] + v[1] + v[2] + v[3]) / 4;
                const bool firstBelow = v[0] < level;
                if ((centre < level) == firstBelow) {
                    segments.emplace_back(hits[0], hits[1]);
                    segments.emplace_back(hits[2], hits[3]);
                } else {
                    segments.emplace_back(hits[1], hits[2]);
                    segments.emplace_back(hits[3], hits[0]);
                }
            }
        }
    }
    return segments;
}

QColor landscapeBandColor(int band, int bands)
{
    // Viridis at a few stops: dark valleys, light ridges, readable in greyscale too.
    static constexpr std::array<std::array<int, 3>, 6> stops{{{68, 1, 84}, {65, 68, 135}, {42, 120, 142},
                                                              {34, 168, 132}, {122, 209, 81}, {253, 231, 37}}};
    const double t = bands <= 1 ? 0.0 : std::clamp(double(band) / double(bands - 1), 0.0, 1.0);
    const double x = t * double(stops.size() - 1);
    const std::size_t i = std::min(std::size_t(x), stops.size() - 2);
    const double f = x - double(i);
    auto mix = [&](int k) { return int(std::lround(stops[i][std::size_t(k)] * (1 - f) + stops[i + 1][std::size_t(k)] * f)); };
    return QColor(mix(0), mix(1), mix(2));
}

QPointF LandscapeLayout::toPixel(const LandscapeGrid &grid, double alpha, double beta) const
{
    const double x = grid.alphaSpan > 0 ? (alpha + grid.alphaSpan) / (2 * grid.alphaSpan) : 0.5;
    const double y = grid.betaSpan > 0 ? (beta + grid.betaSpan) / (2 * grid.betaSpan) : 0.5;
    return {plot.left() + x * plot.width(), plot.bottom() - y * plot.height()};
}

LandscapeLayout LandscapeLayout::compute(const QRectF &rect, const QFontMetricsF &fm, bool legend, const QString &caption)
{
    LandscapeLayout l;
    l.em = fm.height();
    const double left = fm.horizontalAdvance(QStringLiteral("-0.00")) + 1.6 * l.em;  // beta ticks and its name
    const double bottom = 2.4 * l.em;                                                 // alpha ticks and its name
    const double barWidth = legend ? fm.horizontalAdvance(QStringLiteral("0.000e-00")) + 2.0 * l.em : 0.5 * l.em;
    const double captionHeight =
        caption.isEmpty() ? 0.0
                          : fm.boundingRect(QRectF(0, 0, rect.width(), 1e6), Qt::AlignHCenter | Qt::TextWordWrap, caption).height()
                                + 0.4 * l.em;
    const QRectF room = rect.adjusted(left, 0.5 * l.em, -barWidth, -bottom - captionHeight);
    const double side = std::max(0.0, std::min(room.width(), room.height()));
    l.plot = QRectF(room.left() + (room.width() - side) / 2, room.top(), side, side);
    if (legend)
        l.colorBar = QRectF(l.plot.right() + 0.8 * l.em, l.plot.top(), 0.9 * l.em, l.plot.height());
    l.caption = QRectF(rect.left(), l.plot.bottom() + bottom, rect.width(), captionHeight);
    return l;
}

LandscapePainter::LandscapePainter(const LandscapeLayout &layout, const QPalette &palette, const QFont &font)
    : m_layout(layout)
    , m_palette(palette)
    , m_font(font)
{
}

QImage LandscapePainter::bands(const Landscape &landscape, const std::vector<double> &levels, QSize size) const
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    const int n = landscape.grid.resolution;
    const int count = int(levels.size()) + 1;
    std::vector<QRgb> colors;
    for (int b = 0; b < count; ++b)
        colors.push_back(landscapeBandColor(b, count).rgba());
    for (int y = 0; y < size.height(); ++y) {
        // Pixel centres to grid coordinates; image row 0 is the top (the largest beta).
        const double gy = (1.0 - (y + 0.5) / size.height()) * (n - 1);
        const int r = std::clamp(int(gy), 0, n - 2);
        const double fy = gy - r;
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < size.width(); ++x) {
            const double gx = (x + 0.5) / size.width() * (n - 1);
            const int c = std::clamp(int(gx), 0, n - 2);
            const double fx = gx - c;
            const double v = (1 - fy) * ((1 - fx) * landscape.at(r, c) + fx * landscape.at(r, c + 1))
                             + fy * ((1 - fx) * landscape.at(r + 1, c) + fx * landscape.at(r + 1, c + 1));
            if (!std::isfinite(v))
                continue;
            const int band = int(std::upper_bound(levels.begin(), levels.end(), v) - levels.begin());
            line[x] = colors[std::size_t(band)];
        }
    }
    return image;
}

void LandscapePainter::draw(QPainter &painter, const LandscapeResult &result, const std::optional<QPointF> &current,
                            const QString &caption) const
{
    const Landscape &land = result.landscape;
    const LandscapeLayout &l = m_layout;
    if (l.plot.isEmpty() || land.grid.resolution < 2)
        return;
    const std::vector<double> levels = landscapeLevels(land, kLevels);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // Bands at up to 2 device pixels per grid step's worth of detail; smooth enough scaled.
    const QSize imageSize(std::clamp(int(l.plot.width()), 16, 512), std::clamp(int(l.plot.height()), 16, 512));
    painter.drawImage(l.plot, bands(land, levels, imageSize));

    // Contour lines over the bands.
    const int n = land.grid.resolution;
    auto gridToPixel = [&](QPointF g) {
        return QPointF(l.plot.left() + g.x() / (n - 1) * l.plot.width(), l.plot.bottom() - g.y() / (n - 1) * l.plot.height());
    };
    QPen contour(QColor(255, 255, 255, 110), std::max(1.0, l.em / 14));
    painter.setPen(contour);
    for (double level : levels) {
        for (const QLineF &s : contourSegments(land, level))
            painter.drawLine(gridToPixel(s.p1()), gridToPixel(s.p2()));
    }
    drawAxes(painter, land.grid);

    // The run projected on the plane: a white path with a dark edge, dots at the recorded weights.
    painter.setClipRect(l.plot);
    if (result.trajectory.size() >= 2) {
        QPainterPath path;
        for (std::size_t i = 0; i < result.trajectory.size(); ++i) {
            const QPointF p = l.toPixel(land.grid, result.trajectory[i][0], result.trajectory[i][1]);
            i == 0 ? path.moveTo(p) : path.lineTo(p);
        }
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(QColor(20, 20, 20), l.em / 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPath(path);
        painter.setPen(QPen(Qt::white, l.em / 8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPath(path);
        // The start: a hollow square.
        const QPointF start = l.toPixel(land.grid, result.trajectory.front()[0], result.trajectory.front()[1]);
        painter.setPen(QPen(Qt::white, l.em / 8));
        painter.drawRect(QRectF(start - QPointF(l.em / 3, l.em / 3), QSizeF(2 * l.em / 3, 2 * l.em / 3)));
    }
    // The current weights: an orange disc.
    if (current) {
        const QPointF p = l.toPixel(land.grid, current->x(), current->y());
        painter.setPen(QPen(QColor(20, 20, 20), l.em / 10));
        painter.setBrush(QColor(230, 97, 0));
        painter.drawEllipse(p, l.em / 2.6, l.em / 2.6);
    }
    painter.setClipping(false);
    if (!l.colorBar.isEmpty())
        drawColorBar(painter, levels);
    painter.setPen(m_palette.color(QPalette::Text));
    painter.setFont(m_font);
    painter.drawText(l.caption, Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextWordWrap, caption);
    painter.restore();
}

void LandscapePainter::drawMessage(QPainter &painter, const QString &message) const
{
    const LandscapeLayout &l = m_layout;
    painter.save();
    painter.setPen(QPen(m_palette.color(QPalette::Mid), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(l.plot);
    painter.setPen(m_palette.color(QPalette::Text));
    painter.setFont(m_font);
    painter.drawText(l.plot.adjusted(l.em, l.em, -l.em, -l.em), Qt::AlignCenter | Qt::TextWordWrap, message);
    painter.restore();
}

void LandscapePainter::drawAxes(QPainter &painter, const LandscapeGrid &grid) const
{
    const LandscapeLayout &l = m_layout;
    const QColor fg = m_palette.color(QPalette::Text);
    painter.setFont(m_font);
    const QFontMetricsF fm(m_font, painter.device());
    painter.setPen(QPen(fg, 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(l.plot);
    const PlotScale a = linearScale(-grid.alphaSpan, grid.alphaSpan, 5);
    for (double v : a.ticks) {
        if (v < -grid.alphaSpan - 1e-12 || v > grid.alphaSpan + 1e-12)
            continue;
        const double x = l.toPixel(grid, v, 0).x();
        painter.drawLine(QPointF(x, l.plot.bottom()), QPointF(x, l.plot.bottom() + l.em / 4));
        painter.drawText(QRectF(x - 3 * l.em, l.plot.bottom() + l.em / 4, 6 * l.em, l.em), Qt::AlignHCenter | Qt::AlignTop,
                         a.label(v));
    }
    const PlotScale b = linearScale(-grid.betaSpan, grid.betaSpan, 5);
    for (double v : b.ticks) {
        if (v < -grid.betaSpan - 1e-12 || v > grid.betaSpan + 1e-12)
            continue;
        const double y = l.toPixel(grid, 0, v).y();
        painter.drawLine(QPointF(l.plot.left() - l.em / 4, y), QPointF(l.plot.left(), y));
        painter.drawText(QRectF(l.plot.left() - 6.3 * l.em, y - l.em / 2, 6 * l.em, l.em), Qt::AlignRight | Qt::AlignVCenter,
                         b.label(v));
    }
    painter.drawText(QRectF(l.plot.left(), l.plot.bottom() + 1.2 * l.em, l.plot.width(), l.em), Qt::AlignHCenter,
                     QStringLiteral("α (direction 1)"));
    painter.save();
    const double labelX = l.plot.left() - fm.horizontalAdvance(QStringLiteral("-0.00")) - 1.5 * l.em;
    painter.translate(labelX, l.plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-l.plot.height() / 2, 0, l.plot.height(), l.em), Qt::AlignHCenter | Qt::AlignTop,
                     QStringLiteral("β (direction 2)"));
    painter.restore();
}

void LandscapePainter::drawColorBar(QPainter &painter, const std::vector<double> &levels) const
{
    const LandscapeLayout &l = m_layout;
    const int count = int(levels.size()) + 1;
    const QRectF bar = l.colorBar;
    for (int b = 0; b < count; ++b) {
        const double top = bar.bottom() - (b + 1) * bar.height() / count;
        painter.fillRect(QRectF(bar.left(), top, bar.width(), bar.height() / count), landscapeBandColor(b, count));
    }
    painter.setPen(QPen(m_palette.color(QPalette::Text), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar);
    // Every other level labelled, so the labels never touch.
    const double step = bar.height() / count;
    const int every = step >= 1.1 * l.em ? 1 : step * 2 >= 1.1 * l.em ? 2 : 3;
    for (int i = 0; i < int(levels.size()); i += every) {
        const double y = bar.bottom() - (i + 1) * step;
        painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + l.em / 4, y));
        painter.drawText(QRectF(bar.right() + l.em / 3, y - l.em / 2, 8 * l.em, l.em), Qt::AlignLeft | Qt::AlignVCenter,
                         formatValue(levels[std::size_t(i)], 3));
    }
}

}  // namespace np
