#include "regionspage.h"

#include "colors.h"

#include "analysis/gridevaluation.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

constexpr int kWrap = Qt::TextWordWrap | Qt::AlignHCenter;

/// The fonts of a caption: its first line (the title) in bold.
struct CaptionFonts
{
    QFontMetricsF plain;
    QFontMetricsF bold;

    const QFontMetricsF &of(int line) const { return line == 0 ? bold : plain; }
};

QFont boldFont(QFont font)
{
    font.setBold(true);
    return font;
}

double wrappedHeight(const QFontMetricsF &fm, const QString &text, double width)
{
    return std::max(fm.height(), fm.boundingRect(QRectF(0, 0, width, 1e6), kWrap, text).height());
}

/// The height of the tallest caption with its lines wrapped to `width`.
double captionHeight(const CaptionFonts &fonts, const std::vector<RegionsPage::Panel> &panels, double width)
{
    double tallest = 0;
    for (const RegionsPage::Panel &p : panels) {
        double h = 0;
        for (int k = 0; k < p.lines.size(); ++k)
            h += wrappedHeight(fonts.of(k), p.lines[k], width);
        tallest = std::max(tallest, h);
    }
    return tallest + fonts.plain.height() / 4;
}

/// Where the maps go: a grid of squares with their captions below.
struct PanelGrid
{
    int columns = 1;
    double side = 0;
    double gap = 0;
    double captionHeight = 0;
    QSizeF size;  ///< of the whole grid
};

PanelGrid panelGrid(const CaptionFonts &fonts, const QSizeF &size, const std::vector<RegionsPage::Panel> &panels)
{
    PanelGrid g;
    const double lh = fonts.plain.height();
    g.gap = lh;
    // As many columns as make the squares largest. A caption wraps to its square's width (and
    // the gap), so narrower columns have taller captions: a few rounds settle the two.
    const int n = int(panels.size());
    // The rounds settle on a width, which is then measured again: wrapping the same captions to
    // the same width gives the same height, so each width is measured once.
    std::vector<std::pair<double, double>> measured;  // width, caption height
    const auto captionAt = [&](double width) {
        for (const auto &[w, h] : measured) {
            if (w == width)
                return h;
        }
        measured.emplace_back(width, captionHeight(fonts, panels, width));
        return measured.back().second;
    };
    for (int c = 1; c <= n; ++c) {
        const int rows = (n + c - 1) / c;
        const auto sideFor = [&](double caption) {
            return std::min((size.width() - (c - 1) * g.gap) / c, (size.height() - rows * caption - (rows - 1) * g.gap) / rows);
        };
        double caption = captionAt((size.width() - (c - 1) * g.gap) / c + g.gap / 2);
        double s = sideFor(caption);
        for (int round = 0; round < 4 && s >= lh; ++round) {
            caption = captionAt(s + g.gap / 2);
            s = sideFor(caption);
        }
        if (s >= lh)
            caption = captionAt(s + g.gap / 2);
        if (s > g.side) {
            g.side = s;
            g.columns = c;
            g.captionHeight = caption;
        }
    }
    if (g.side < lh)
        return PanelGrid{};  // no room: nothing is drawn
    const int rows = (n + g.columns - 1) / g.columns;
    g.size = QSizeF(g.columns * g.side + (g.columns - 1) * g.gap, rows * (g.side + g.captionHeight) + (rows - 1) * g.gap);
    return g;
}

void drawPoints(QPainter &painter, const QRectF &square, double radius, const Dataset &dataset)
{
    // The training points, small, so the regions stay the subject but one sees where the data lies.
    const GridSpec plane;
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(40, 40, 40), std::max(1.0, radius / 3)));
    for (const DataPoint &p : dataset.points) {
        if (p.validation)
            continue;
        const QPointF at(square.left() + (p.x1 - plane.xMin) / (plane.xMax - plane.xMin) * square.width(),
                         square.top() + (plane.yMax - p.x2) / (plane.yMax - plane.yMin) * square.height());
        if (!square.contains(at))
            continue;
        painter.setBrush(dataset.isClassification() ? classColor(p.label)
                                                      : QColor(divergingColor(p.target, qRgb(255, 255, 255))));
        painter.drawEllipse(at, radius, radius);
    }
}

// The points of a square of this size from the layer, drawn into it first when it has no image
// for this size and position within a pixel.
void drawPointLayer(QPainter &painter, const QRectF &square, double radius, const Dataset &dataset,
                    RegionsPage::PointLayer &layer)
{
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    // Markers at the edge reach out by their radius and pen: a margin keeps them whole.
    const double margin = std::ceil(radius + std::max(1.0, radius / 3)) + 1;
    const QPointF origin(std::floor(square.left() * dpr) / dpr - margin, std::floor(square.top() * dpr) / dpr - margin);
    const QPointF offset = square.topLeft() - origin;
    if (layer.size != square.size() || layer.radius != radius || layer.dpr != dpr) {
        layer.images.clear();
        layer.size = square.size();
        layer.radius = radius;
        layer.dpr = dpr;
    }
    auto it = std::find_if(layer.images.begin(), layer.images.end(),
                           [&](const RegionsPage::PointLayer::Image &i) { return i.offset == offset; });
    if (it == layer.images.end()) {
        if (layer.images.size() >= 64)
            layer.images.clear();  // a bound, never reached by a page's maps of one size
        const QSize pixels(int(std::ceil((square.width() + offset.x() + margin) * dpr)) + 1,
                           int(std::ceil((square.height() + offset.y() + margin) * dpr)) + 1);
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(dpr);
        image.fill(Qt::transparent);
        QPainter p(&image);
        drawPoints(p, QRectF(offset, square.size()), radius, dataset);
        p.end();
        ++layer.draws;
        it = layer.images.insert(layer.images.end(), {std::move(image), offset});
    }
    painter.drawImage(origin, it->image);
}

}  // namespace

QStringList RegionsPage::text() const
{
    if (!message.isEmpty())
        return {message};
    QStringList text;
    for (const Panel &panel : panels)
        text << panel.lines;
    return text << notes;
}

RegionsPage::Layout RegionsPage::layout(const QRectF &rect, const QFont &font, QPaintDevice *device) const
{
    Layout out;
    const CaptionFonts fonts{QFontMetricsF(font, device), QFontMetricsF(boldFont(font), device)};
    const QFontMetricsF &fm = fonts.plain;
    const double pad = std::max(2.0, std::round(fm.height() / 2));
    const QRectF inner = rect.adjusted(pad, pad, -pad, -pad);
    if (!message.isEmpty())
        return out;
    std::vector<double> heights;
    double notesHeight = 0;
    for (const QString &line : notes) {
        heights.push_back(fm.boundingRect(QRectF(0, 0, inner.width(), 1e6), Qt::TextWordWrap, line).height());
        notesHeight += heights.back();
    }
    // Maps and notes as one block, centred, so the notes stay next to what they describe.
    const double spacing = fm.height() / 2;
    const PanelGrid grid = panelGrid(fonts, QSizeF(inner.width(), inner.height() - notesHeight - spacing), panels);
    double y = inner.top() + std::max(0.0, (inner.height() - grid.size.height() - spacing - notesHeight) / 2);
    const QPointF topLeft(inner.left() + (inner.width() - grid.size.width()) / 2, y);
    if (grid.side > 0) {
        for (int i = 0; i < int(panels.size()); ++i) {
            const QRectF square(topLeft.x() + (i % grid.columns) * (grid.side + grid.gap),
                                topLeft.y() + (i / grid.columns) * (grid.side + grid.captionHeight + grid.gap), grid.side,
                                grid.side);
            out.squares.push_back(square);
            std::vector<QRectF> lines;
            double top = square.bottom() + fm.height() / 4;
            // A little wider than the map, with half the gap left between neighbours' words.
            const double width = grid.side + grid.gap / 2;
            for (int k = 0; k < panels[std::size_t(i)].lines.size(); ++k) {
                const double h = wrappedHeight(fonts.of(k), panels[std::size_t(i)].lines[k], width);
                lines.emplace_back(square.left() - grid.gap / 4, top, width, h);
                top += h;
            }
            out.captions.push_back(std::move(lines));
        }
    }
    y += grid.size.height() + spacing;
    for (double h : heights) {
        out.notes.emplace_back(inner.left(), y, inner.width(), h);
        y += h;
    }
    return out;
}

void RegionsPage::drawMessage(QPainter &painter, const QRectF &rect, const QPalette &palette) const
{
    const QFontMetricsF fm(painter.font(), painter.device());
    const double pad = std::max(2.0, std::round(fm.height() / 2));
    const QRectF inner = rect.adjusted(pad, pad, -pad, -pad);
    const double width = std::min(inner.width(), fm.averageCharWidth() * 60);
    painter.setPen(palette.color(QPalette::Text));
    painter.drawText(QRectF(inner.center().x() - width / 2, inner.top(), width, inner.height()),
                     Qt::AlignCenter | Qt::TextWordWrap, message);
}

const RegionsPage::Layout &RegionsPage::layoutFrom(LayoutCache &cache, const QRectF &rect, QPainter &painter) const
{
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    const QStringList shown = text();
    if (cache.rect != rect || cache.font != painter.font() || cache.dpr != dpr || cache.panels != panels.size()
        || cache.text != shown) {
        cache.layout = layout(rect, painter.font(), painter.device());
        cache.rect = rect;
        cache.font = painter.font();
        cache.dpr = dpr;
        cache.panels = panels.size();
        cache.text = shown;
    }
    return cache.layout;
}

void RegionsPage::draw(QPainter &painter, const QRectF &rect, const Dataset &dataset, const QPalette &palette,
                       PointLayer *points, LayoutCache *cache) const
{
    if (!message.isEmpty()) {
        drawMessage(painter, rect, palette);
        return;
    }
    Layout fresh;
    if (!cache)
        fresh = layout(rect, painter.font(), painter.device());
    const Layout &l = cache ? layoutFrom(*cache, rect, painter) : fresh;
    for (int step = 0; step < stepCount(); ++step)
        drawPart(painter, l, dataset, palette, points, step);
}

void RegionsPage::drawStep(QPainter &painter, const QRectF &rect, const Dataset &dataset, const QPalette &palette,
                           PointLayer &points, LayoutCache &cache, int step) const
{
    if (!message.isEmpty()) {
        drawMessage(painter, rect, palette);
        return;
    }
    drawPart(painter, layoutFrom(cache, rect, painter), dataset, palette, &points, step);
}

void RegionsPage::drawPart(QPainter &painter, const Layout &l, const Dataset &dataset, const QPalette &palette,
                           PointLayer *points, int step) const
{
    const QFontMetricsF fm(painter.font(), painter.device());
    const QColor text = palette.color(QPalette::Text);
    if (std::size_t(step) < panels.size()) {
        if (std::size_t(step) >= l.squares.size())
            return;  // no room for the maps
        const QColor frame(blend(palette.color(QPalette::Base).rgb(), text.rgb(), 0.45));
        const QFont font = painter.font();
        const std::size_t i = std::size_t(step);
        const Panel &panel = panels[i];
        const QRectF &square = l.squares[i];
        if (!panel.image.isNull()) {
            // Smooth when shrinking, so one-pixel boundaries fade rather than vanish; sharp when enlarging.
            painter.setRenderHint(QPainter::SmoothPixmapTransform, square.width() < panel.image.width());
            painter.drawImage(square, panel.image);
            const double radius = std::max(1.5, fm.height() / 7);
            if (points)
                drawPointLayer(painter, square, radius, dataset, *points);
            else
                drawPoints(painter, square, radius, dataset);
        }
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(QPen(frame, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(square);
        painter.setPen(text);
        for (int k = 0; k < panel.lines.size(); ++k) {
            painter.setFont(k == 0 ? boldFont(font) : font);
            painter.drawText(l.captions[i][std::size_t(k)], kWrap, panel.lines[k]);
        }
        painter.setFont(font);
        return;
    }
    // The findings in the text colour, the closing caveat softer.
    for (int i = 0; i < notes.size(); ++i) {
        const bool last = i + 1 == notes.size();
        painter.setPen(last ? QColor(blend(palette.color(QPalette::Base).rgb(), text.rgb(), 0.65)) : text);
        painter.drawText(l.notes[std::size_t(i)], Qt::TextWordWrap | Qt::AlignHCenter, notes[i]);
    }
}

}  // namespace np
