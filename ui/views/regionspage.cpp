#include "regionspage.h"

#include "colors.h"

#include "analysis/gridevaluation.h"

#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

/// Where the maps go: a grid of squares with their captions below.
struct PanelGrid
{
    int columns = 1;
    double side = 0;
    double gap = 0;
    double captionHeight = 0;
    QSizeF size;  ///< of the whole grid
};

PanelGrid panelGrid(const QFontMetricsF &fm, const QSizeF &size, const std::vector<RegionsPage::Panel> &panels)
{
    PanelGrid g;
    const double lh = fm.height();
    g.gap = lh;
    std::size_t lines = 0;
    for (const RegionsPage::Panel &p : panels)
        lines = std::max(lines, std::size_t(p.lines.size()));
    g.captionHeight = double(lines) * lh + lh / 4;
    // As many columns as make the squares largest.
    const int n = int(panels.size());
    for (int c = 1; c <= n; ++c) {
        const int rows = (n + c - 1) / c;
        const double s = std::min((size.width() - (c - 1) * g.gap) / c,
                                  (size.height() - rows * g.captionHeight - (rows - 1) * g.gap) / rows);
        if (s > g.side) {
            g.side = s;
            g.columns = c;
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

void drawPanels(QPainter &painter, const QPointF &topLeft, const PanelGrid &grid,
                const std::vector<RegionsPage::Panel> &panels, const Dataset &dataset, const QPalette &palette)
{
    if (grid.side <= 0)
        return;
    const QFontMetricsF fm(painter.font(), painter.device());
    const double lh = fm.height();
    const double side = grid.side;
    const double gap = grid.gap;
    const QColor text = palette.color(QPalette::Text);
    const QColor frame(blend(palette.color(QPalette::Base).rgb(), text.rgb(), 0.45));
    for (int i = 0; i < int(panels.size()); ++i) {
        const RegionsPage::Panel &panel = panels[std::size_t(i)];
        const QRectF square(topLeft.x() + (i % grid.columns) * (side + gap),
                            topLeft.y() + (i / grid.columns) * (side + grid.captionHeight + gap), side, side);
        if (!panel.image.isNull()) {
            // Smooth when shrinking, so one-pixel boundaries fade rather than vanish; sharp when enlarging.
            painter.setRenderHint(QPainter::SmoothPixmapTransform, side < panel.image.width());
            painter.drawImage(square, panel.image);
            drawPoints(painter, square, std::max(1.5, lh / 7), dataset);
        }
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(QPen(frame, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(square);
        for (int k = 0; k < panel.lines.size(); ++k) {
            QFont f = painter.font();
            f.setBold(k == 0);
            painter.setFont(f);
            painter.setPen(text);
            const QRectF box(square.left() - gap / 2, square.bottom() + lh / 4 + k * lh, side + gap, lh);
            painter.drawText(box, Qt::AlignHCenter | Qt::AlignVCenter,
                             fm.elidedText(panel.lines[k], Qt::ElideRight, box.width()));
            f.setBold(false);
            painter.setFont(f);
        }
    }
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

void RegionsPage::draw(QPainter &painter, const QRectF &rect, const Dataset &dataset, const QPalette &palette) const
{
    const QFontMetricsF fm(painter.font(), painter.device());
    const double pad = std::max(2.0, std::round(fm.height() / 2));
    const QRectF inner = rect.adjusted(pad, pad, -pad, -pad);
    const RegionsPage &content = *this;
    const QColor text = palette.color(QPalette::Text);
    if (!content.message.isEmpty()) {
        const double width = std::min(inner.width(), fm.averageCharWidth() * 60);
        painter.setPen(text);
        painter.drawText(QRectF(inner.center().x() - width / 2, inner.top(), width, inner.height()),
                         Qt::AlignCenter | Qt::TextWordWrap, content.message);
        return;
    }
    std::vector<double> heights;
    double notesHeight = 0;
    for (const QString &line : content.notes) {
        heights.push_back(fm.boundingRect(QRectF(0, 0, inner.width(), 1e6), Qt::TextWordWrap, line).height());
        notesHeight += heights.back();
    }
    // Maps and notes as one block, centred, so the notes stay next to what they describe.
    const double spacing = fm.height() / 2;
    const PanelGrid grid = panelGrid(fm, QSizeF(inner.width(), inner.height() - notesHeight - spacing), content.panels);
    double y = inner.top() + std::max(0.0, (inner.height() - grid.size.height() - spacing - notesHeight) / 2);
    drawPanels(painter, QPointF(inner.left() + (inner.width() - grid.size.width()) / 2, y), grid, content.panels,
               dataset, palette);
    y += grid.size.height() + spacing;
    // The findings in the text colour, the closing caveat softer.
    for (int i = 0; i < content.notes.size(); ++i) {
        const bool last = i + 1 == content.notes.size();
        painter.setPen(last ? QColor(blend(palette.color(QPalette::Base).rgb(), text.rgb(), 0.65)) : text);
        painter.drawText(QRectF(inner.left(), y, inner.width(), heights[std::size_t(i)]),
                         Qt::TextWordWrap | Qt::AlignHCenter, content.notes[i]);
        y += heights[std::size_t(i)];
    }
}

}  // namespace np
