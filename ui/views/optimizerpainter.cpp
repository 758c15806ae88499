#include "optimizerpainter.h"

#include "figurepainting.h"
#include "numberformat.h"
#include "plotaxis.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

// An arrow from a to b with a head that stays visible however short the shaft is.
void drawArrow(QPainter &painter, QPointF a, QPointF b, double head)
{
    const QPointF d = b - a;
    const double length = std::hypot(d.x(), d.y());
    if (length < 1e-9)
        return;
    painter.drawLine(a, b);
    const QPointF u = d / length, n(-u.y(), u.x());
    QPolygonF tip;
    tip << b << b - u * head + n * head * 0.45 << b - u * head - n * head * 0.45;
    painter.save();
    painter.setBrush(painter.pen().color());
    painter.drawPolygon(tip);
    painter.restore();
}

// The shown part of a path: positions 0..step (fewer when it stopped early).
int shownSteps(const Trajectory &path, int step)
{
    return std::min(step, path.steps());
}

void paintAxes(QPainter &painter, const PlaneMapping &m, const QFontMetricsF &fm, const QPalette &palette)
{
    painter.setPen(QPen(palette.color(QPalette::Mid), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(m.rect);
    painter.setPen(palette.color(QPalette::Text));
    const PlotScale xs = linearScale(m.box.xMin, m.box.xMax, std::max(2, int(m.rect.width() / (fm.height() * 2.5))));
    for (double x : xs.ticks) {
        if (x < m.box.xMin - 1e-9 || x > m.box.xMax + 1e-9)
            continue;
        const QPointF p = m.toPixel({x, m.box.yMin});
        painter.drawLine(p, p + QPointF(0, fm.height() * 0.25));
        const QString text = xs.label(x);
        painter.drawText(QRectF(p.x() - fm.height() * 2, p.y() + fm.height() * 0.25, fm.height() * 4, fm.height()),
                         Qt::AlignHCenter | Qt::AlignTop, text);
    }
    const PlotScale ys = linearScale(m.box.yMin, m.box.yMax, std::max(2, int(m.rect.height() / (fm.height() * 2.5))));
    for (double y : ys.ticks) {
        if (y < m.box.yMin - 1e-9 || y > m.box.yMax + 1e-9)
            continue;
        const QPointF p = m.toPixel({m.box.xMin, y});
        painter.drawLine(p, p - QPointF(fm.height() * 0.25, 0));
        painter.drawText(QRectF(p.x() - fm.height() * 4.35, p.y() - fm.height() / 2, fm.height() * 4, fm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, ys.label(y));
    }
}

// Each optimizer's label: its kind and parameters, and whether its path has diverged by now.
std::vector<QString> legendLabels(const OptimizerPicture &picture)
{
    std::vector<QString> labels;
    for (std::size_t i = 0; i < picture.scene.optimizers.size(); ++i) {
        QString label = optimizerLabel(picture.scene.optimizers[i]);
        if (i < picture.paths.size() && picture.paths[i].diverged && picture.step >= picture.paths[i].steps())
            label += QStringLiteral("  ✗ diverged");
        labels.push_back(label);
    }
    return labels;
}

QSizeF legendSize(const std::vector<QString> &labels, const QFontMetricsF &fm)
{
    double width = 0;
    for (const QString &label : labels)
        width = std::max(width, fm.horizontalAdvance(label));
    return {width + fm.height() * 1.8, fm.height() * double(labels.size())};
}

// One row per optimizer: a stroke of its colour, then its label (elided to the box).
void paintLegend(QPainter &painter, const QRectF &box, const std::vector<QString> &labels, const QFontMetricsF &fm,
                 const QPalette &palette)
{
    const double em = fm.height();
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const double y = box.top() + em * double(i);
        if (y + em > box.bottom() + 1)
            break;
        painter.setPen(QPen(optimizerColor(int(i)), em * 0.22, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(QPointF(box.left() + em * 0.2, y + em / 2), QPointF(box.left() + em * 1.1, y + em / 2));
        painter.setPen(palette.color(QPalette::Text));
        painter.drawText(QRectF(box.left() + em * 1.4, y, box.width() - em * 1.4, em), Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(labels[i], Qt::ElideRight, box.width() - em * 1.4));
    }
}

}  // namespace

PlaneLayout planeLayout(const QRectF &area, const ViewBox &box, const QFontMetricsF &fm)
{
    const double em = fm.height();
    PlaneLayout l;
    l.formula = QRectF(area.left(), area.top(), area.width(), em * 1.3);
    // Room on the left for the widest y label ("−4.5"), below for the x labels.
    const double label = fm.horizontalAdvance(QStringLiteral("−4.5")) + em * 0.6;
    const QRectF plane = area.adjusted(label, em * 1.4, -em * 0.4, -em * 1.3);
    l.plane = fitPlane(plane, box);
    return l;
}

void paintOptimizerPlane(QPainter &painter, const PlaneLayout &layout, const OptimizerPicture &picture,
                         const QFont &font, const QPalette &palette)
{
    const QFontMetricsF fm = figureMetrics(painter, font);
    const double em = fm.height();
    const PlaneMapping &m = layout.plane;
    const SurfaceContours &c = picture.contours;
    painter.save();
    painter.setFont(font);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);

    painter.setPen(palette.color(QPalette::Text));
    painter.drawText(layout.formula, Qt::AlignHCenter | Qt::AlignVCenter,
                     fm.elidedText(QString::fromStdString(surfaceFormula(picture.scene.surface)), Qt::ElideRight,
                                   layout.formula.width()));

    painter.drawImage(m.rect, c.shading);
    painter.save();
    painter.setClipRect(m.rect);
    // Contour lines: darker for the lower levels, where the paths end.
    for (std::size_t k = 0; k < c.lines.size(); ++k) {
        QColor line = palette.color(QPalette::Text);
        line.setAlphaF(0.45 - 0.25 * double(k) / std::max<std::size_t>(1, c.lines.size() - 1));
        painter.setPen(QPen(line, std::max(1.0, em * 0.06)));
        QPainterPath segments;
        for (const ContourSegment &s : c.lines[k]) {
            segments.moveTo(m.toPixel(s.a));
            segments.lineTo(m.toPixel(s.b));
        }
        painter.drawPath(segments);
    }

    // Each path up to the current step, then its point and the update it takes next.
    const double width = std::max(1.5, em * 0.14);
    for (std::size_t i = 0; i < picture.paths.size(); ++i) {
        const Trajectory &path = picture.paths[i];
        const QColor color = optimizerColor(int(i));
        const int shown = shownSteps(path, picture.step);
        QPolygonF line;
        line.reserve(shown + 1);
        for (int t = 0; t <= shown; ++t)
            line << m.toPixel(path.positions[std::size_t(t)]);
        painter.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(line);
        const QPointF here = line.back();
        if (shown < path.steps()) {
            const Point2 p = path.positions[std::size_t(shown)], d = path.updates[std::size_t(shown)];
            painter.setPen(QPen(color.darker(130), width * 1.3, Qt::SolidLine, Qt::RoundCap));
            drawArrow(painter, here, m.toPixel({p.x + d.x, p.y + d.y}), em * 0.6);
        }
        painter.setPen(QPen(palette.color(QPalette::Base), width * 0.6));
        painter.setBrush(color);
        painter.drawEllipse(here, em * 0.3, em * 0.3);
    }
    painter.restore();

    // The start: a ring the user can drag.
    const QPointF start = m.toPixel(picture.scene.start);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(palette.color(QPalette::Base), width * 2.2));
    painter.drawEllipse(start, em * 0.5, em * 0.5);
    painter.setPen(QPen(palette.color(QPalette::Text), width));
    painter.drawEllipse(start, em * 0.5, em * 0.5);

    paintAxes(painter, m, fm, palette);
    painter.restore();
}

void paintOptimizerLoss(QPainter &painter, const QRectF &area, const OptimizerPicture &picture, const QFont &font,
                        const QPalette &palette, bool legend)
{
    const QFontMetricsF fm = figureMetrics(painter, font);
    const double em = fm.height();
    painter.save();
    painter.setFont(font);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const bool logScale = std::isfinite(surfaceMinimum(picture.scene.surface));
    const double fMin = logScale ? surfaceMinimum(picture.scene.surface) : 0.0;

    // The axis spans every whole path, so it stays put while the animation runs.
    double lo = INFINITY, hi = -INFINITY, first = -INFINITY;
    for (const Trajectory &path : picture.paths) {
        if (!path.values.empty())
            first = std::max(first, path.values.front() - fMin);
        for (double f : path.values) {
            const double v = f - fMin;
            if (!std::isfinite(v) || (logScale && v <= 0))
                continue;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (!(lo <= hi)) {
        lo = logScale ? 1e-6 : -1;
        hi = 1;
    }
    PlotScale ys;
    if (logScale) {
        // Diverging paths would stretch the axis to 1e300: it shows up to 1000 times the start.
        const double top = std::isfinite(first) && first > 0 ? std::min(hi, first * 1e3) : hi;
        const int topDecade = int(std::ceil(std::log10(std::max(top, 1e-300))));
        const int bottomDecade = std::max(int(std::floor(std::log10(lo))), topDecade - 16);
        ys = decadeScale(std::min(bottomDecade, topDecade - 1), topDecade, std::max(2, int(area.height() / (em * 1.8))));
    } else {
        const double span = std::max(1e-12, hi - lo);
        ys = linearScale(std::max(lo, -1e3 * std::max(1.0, std::abs(first))), hi + 0.02 * span, 5);
    }

    const QRectF title(area.left(), area.top(), area.width(), em * 1.3);
    painter.setPen(palette.color(QPalette::Text));
    painter.drawText(title, Qt::AlignHCenter | Qt::AlignVCenter,
                     fm.elidedText(logScale ? QStringLiteral("f − f_min against step (log)") : QStringLiteral("f against step"),
                                   Qt::ElideRight, title.width()));
    // The legend goes beside the plot when the area is wide enough for both, else above it.
    const std::vector<QString> labels = legend ? legendLabels(picture) : std::vector<QString>{};
    const QSizeF key = labels.empty() ? QSizeF() : legendSize(labels, fm);
    QRectF plotArea = area.adjusted(0, em * 1.4, 0, 0);
    QRectF keyBox;
    if (!labels.empty() && area.width() >= key.width() + em * 8) {
        keyBox = QRectF(plotArea.right() - key.width(), plotArea.top() + em * 0.2, key.width(), key.height());
        plotArea.setRight(keyBox.left() - em * 0.5);
    } else if (!labels.empty()) {
        keyBox = QRectF(plotArea.left() + em * 0.5, plotArea.top(), plotArea.width() - em, key.height());
        plotArea.setTop(keyBox.bottom() + em * 0.4);
    }
    const QRectF plot = plotArea.adjusted(em * 3.2, em * 0.2, -em * 0.6, -em * 1.6);
    if (plot.width() < em || plot.height() < em) {
        if (!labels.empty())
            paintLegend(painter, keyBox, labels, fm, palette);
        painter.restore();
        return;
    }
    const double widest = fm.horizontalAdvance(QString::number(picture.scene.steps)) + em;
    const PlotScale xs = linearScale(0, std::max(1, picture.scene.steps), std::max(1, int(plot.width() / widest)));
    auto toPixel = [&](double step, double f) {
        return QPointF(plot.left() + xs.fraction(step) * plot.width(),
                       plot.bottom() - ys.fraction(logScale ? f - fMin : f) * plot.height());
    };
    painter.setPen(QPen(palette.color(QPalette::Mid), 1));
    painter.drawRect(plot);
    painter.setPen(palette.color(QPalette::Text));
    for (double y : ys.ticks) {
        const double py = plot.bottom() - ys.fraction(y) * plot.height();
        QColor grid = palette.color(QPalette::Mid);
        grid.setAlpha(90);
        painter.setPen(QPen(grid, 1));
        painter.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
        painter.setPen(palette.color(QPalette::Text));
        painter.drawText(QRectF(plotArea.left(), py - em / 2, em * 3.0, em), Qt::AlignRight | Qt::AlignVCenter,
                         ys.label(y));
    }
    for (double x : xs.ticks) {
        const double px = plot.left() + xs.fraction(x) * plot.width();
        painter.drawText(QRectF(px - em * 2, plot.bottom() + em * 0.2, em * 4, em), Qt::AlignHCenter | Qt::AlignTop,
                         xs.label(x));
    }
    painter.setClipRect(plot.adjusted(-1, -1, 1, 1));
    const double width = std::max(1.5, em * 0.12);
    for (std::size_t i = 0; i < picture.paths.size(); ++i) {
        const Trajectory &path = picture.paths[i];
        const int shown = shownSteps(path, picture.step);
        QPolygonF line;
        line.reserve(shown + 1);
        for (int t = 0; t <= shown; ++t) {
            double f = path.values[std::size_t(t)];
            if (!std::isfinite(f))
                break;
            line << toPixel(t, f);
        }
        painter.setPen(QPen(optimizerColor(int(i)), width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPolyline(line);
    }
    // The current step.
    QColor cursor = palette.color(QPalette::Text);
    cursor.setAlpha(110);
    painter.setPen(QPen(cursor, 1, Qt::DashLine));
    const double px = plot.left() + xs.fraction(picture.step) * plot.width();
    painter.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
    painter.setClipping(false);
    if (!labels.empty())
        paintLegend(painter, keyBox, labels, fm, palette);
    painter.restore();
}

}  // namespace np
