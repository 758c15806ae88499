#include "functionpainter.h"

#include <QFontMetricsF>
#include <QObject>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

constexpr int kWrap = Qt::TextWordWrap;

double wrappedHeight(const QFontMetricsF &fm, double width, const QString &text)
{
    if (text.isEmpty())
        return 0.0;
    return fm.boundingRect(QRectF(0, 0, std::max(width, 1.0), 1e6), kWrap, text).height();
}

QString chipText(int i) { return QString::number(i + 1); }

/// The key above the plot: which line is which.
QString keyText(const FunctionScene &scene)
{
    QString text = QStringLiteral("— F(x)");
    if (!scene.target.empty())
        text += QStringLiteral("   ┄ target f(x)");
    if (scene.approximation.hasTerms)
        text += QStringLiteral("   thin: αᵢ g(wᵢx + bᵢ)");
    return text;
}

}  // namespace

int FunctionLayout::chipAt(const QPointF &pos) const
{
    for (std::size_t i = 0; i < chips.size(); ++i)
        if (chips[i].contains(pos))
            return int(i);
    return -1;
}

QColor unitColor(int i, int n)
{
    // Hues spread evenly, a little darker than full value so thin lines show on white.
    const double hue = std::fmod(0.58 + double(i) / std::max(n, 1), 1.0);
    return QColor::fromHsvF(float(hue), 0.75f, 0.8f);
}

namespace {

/// The layout with or without the units' chips; labelled: chips carry the unit's number.
FunctionLayout layoutWith(const FunctionScene &scene, const QRectF &rect, const QFontMetricsF &fm, int units,
                          bool labelled)
{
    FunctionLayout l;
    const double em = fm.height();
    const double pad = em / 2;
    const QRectF inner = rect.adjusted(pad, pad / 2, -pad, -pad / 2);

    double yLabels = 0.0;
    for (double v : scene.yScale.ticks)
        yLabels = std::max(yLabels, fm.horizontalAdvance(scene.yScale.label(v)));

    // From the bottom up: read-out, legend, x title, tick labels.
    double bottom = inner.bottom();
    double readoutHeight = std::max(wrappedHeight(fm, inner.width(), scene.readout), em);
    for (const QString &text : scene.readouts)
        readoutHeight = std::max(readoutHeight, wrappedHeight(fm, inner.width(), text));
    l.readout = QRectF(inner.left(), bottom - readoutHeight, inner.width(), readoutHeight);
    bottom = l.readout.top() - pad / 2;

    if (units > 0) {
        const double titleWidth = fm.horizontalAdvance(QObject::tr("Units:")) + pad;
        const double chipWidth = em * 0.9 + pad / 2 + (labelled ? fm.horizontalAdvance(chipText(units - 1)) + pad / 2 : 0.0);
        const double rowHeight = em * 1.25;
        const double available = std::max(inner.width() - titleWidth, chipWidth);
        const int perRow = std::max(1, int(available / chipWidth));
        const int rows = (units + perRow - 1) / perRow;
        const double top = bottom - rows * rowHeight;
        l.legendTitle = QRectF(inner.left(), top, titleWidth, rowHeight);
        for (int i = 0; i < units; ++i)
            l.chips.emplace_back(inner.left() + titleWidth + (i % perRow) * chipWidth, top + (i / perRow) * rowHeight,
                                 chipWidth, rowHeight);
        bottom = top - pad / 2;
    }

    l.xTitle = QRectF(inner.left(), bottom - em, inner.width(), em);
    const double plotBottom = l.xTitle.top() - em * 1.15;  // the tick labels' row
    const double left = inner.left() + yLabels + pad;
    // The top row holds the key; the right margin leaves room for half the last tick label.
    const double top = inner.top() + em * 1.2;
    const double right = inner.right() - fm.horizontalAdvance(scene.xScale.label(scene.xScale.hi)) / 2;
    l.plot = QRectF(QPointF(left, top), QPointF(std::max(right, left + 1), std::max(plotBottom, top + 1)));
    l.xTitle.setLeft(l.plot.left());
    l.xTitle.setRight(l.plot.right());
    return l;
}

}  // namespace

FunctionLayout layoutFunction(const FunctionScene &scene, const QRectF &rect, const QFontMetricsF &fm, bool legend)
{
    // The plot comes first: with many units (or large type) the chips lose their numbers, and
    // where even that leaves the plot under 40% of the height, the legend goes (hovering the
    // curves still works, and the read-out names the unit).
    const int units = scene.approximation.hasTerms && legend ? int(scene.approximation.units.size()) : 0;
    const double wanted = std::max(3 * fm.height(), 0.4 * rect.height());
    if (units > 0) {
        FunctionLayout l = layoutWith(scene, rect, fm, units, true);
        if (l.plot.height() >= wanted && l.chips.back().bottom() - l.chips.front().top() < 2.6 * fm.height() * 1.25)
            return l;
        l = layoutWith(scene, rect, fm, units, false);
        if (l.plot.height() >= wanted)
            return l;
    }
    return layoutWith(scene, rect, fm, 0, false);
}

FunctionPainter::FunctionPainter(const FunctionScene &scene, const FunctionLayout &layout, const QPalette &palette)
    : m_scene(scene)
    , m_layout(layout)
    , m_palette(palette)
{
}

QPointF FunctionPainter::toPixel(double x, double y) const
{
    const QRectF &p = m_layout.plot;
    return {p.left() + m_scene.xScale.fraction(x) * p.width(), p.bottom() - m_scene.yScale.fraction(y) * p.height()};
}

double FunctionPainter::xAt(double pixelX) const
{
    return m_scene.xScale.valueAt((pixelX - m_layout.plot.left()) / m_layout.plot.width());
}

double FunctionPainter::yAt(double pixelY) const
{
    return m_scene.yScale.valueAt((m_layout.plot.bottom() - pixelY) / m_layout.plot.height());
}

void FunctionPainter::draw(QPainter &painter, const QFontMetricsF &fm) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    drawAxes(painter, fm);
    drawCurves(painter);
    drawLegend(painter, fm);

    const QColor text = m_palette.color(QPalette::Text);
    if (!m_scene.message.isEmpty()) {
        const QRectF box = m_layout.plot.adjusted(fm.height(), fm.height(), -fm.height(), -fm.height());
        QRectF used = fm.boundingRect(box, kWrap | Qt::AlignCenter, m_scene.message).adjusted(-6, -4, 6, 4);
        QColor back = m_palette.color(QPalette::Base);
        back.setAlpha(220);
        painter.fillRect(used.intersected(m_layout.plot), back);
        painter.setPen(text);
        painter.drawText(box, kWrap | Qt::AlignCenter, m_scene.message);
    }
    painter.setPen(text);
    painter.drawText(m_layout.readout, kWrap | Qt::AlignLeft | Qt::AlignTop, m_scene.readout);
    painter.restore();
}

void FunctionPainter::drawAxes(QPainter &painter, const QFontMetricsF &fm) const
{
    const QRectF &p = m_layout.plot;
    QColor grid = m_palette.color(QPalette::Text);
    grid.setAlpha(40);
    const QColor text = m_palette.color(QPalette::Text);
    painter.setPen(QPen(grid, 1));
    for (double v : m_scene.xScale.ticks) {
        const double px = toPixel(v, 0).x();
        painter.drawLine(QPointF(px, p.top()), QPointF(px, p.bottom()));
    }
    for (double v : m_scene.yScale.ticks) {
        const double py = toPixel(0, v).y();
        painter.drawLine(QPointF(p.left(), py), QPointF(p.right(), py));
    }
    // y = 0 a little stronger: the terms start from it.
    if (m_scene.yScale.lo < 0 && m_scene.yScale.hi > 0) {
        grid.setAlpha(90);
        painter.setPen(QPen(grid, 1));
        const double py = toPixel(0, 0).y();
        painter.drawLine(QPointF(p.left(), py), QPointF(p.right(), py));
    }
    painter.setPen(QPen(text, 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(p);

    const double em = fm.height();
    for (double v : m_scene.xScale.ticks) {
        const double px = toPixel(v, 0).x();
        const QString label = m_scene.xScale.label(v);
        const double w = fm.horizontalAdvance(label);
        painter.drawText(QRectF(px - w / 2 - 2, p.bottom() + em * 0.1, w + 4, em), Qt::AlignCenter, label);
    }
    for (double v : m_scene.yScale.ticks) {
        const double py = toPixel(0, v).y();
        painter.drawText(QRectF(p.left() - em * 6 - em / 4, py - em / 2, em * 6, em), Qt::AlignRight | Qt::AlignVCenter,
                         m_scene.yScale.label(v));
    }
    painter.drawText(m_layout.xTitle, Qt::AlignHCenter | Qt::AlignVCenter, QStringLiteral("x"));
    const QRectF key(p.left(), p.top() - em * 1.15, p.width(), em);
    painter.drawText(key, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(keyText(m_scene), Qt::ElideRight, key.width()));
}

void FunctionPainter::drawCurve(QPainter &painter, const std::vector<double> &y) const
{
    const std::vector<double> &x = m_scene.approximation.x;
    QPainterPath path;
    for (std::size_t j = 0; j < x.size() && j < y.size(); ++j) {
        // Far-off values are pinned just outside the plot (which clips them) to keep the path sane.
        const double span = m_scene.yScale.hi - m_scene.yScale.lo;
        const double v = std::clamp(y[j], m_scene.yScale.lo - span, m_scene.yScale.hi + span);
        const QPointF q = toPixel(x[j], std::isfinite(v) ? v : 0.0);
        if (j == 0)
            path.moveTo(q);
        else
            path.lineTo(q);
    }
    painter.drawPath(path);
}

void FunctionPainter::drawCurves(QPainter &painter) const
{
    painter.save();
    painter.setClipRect(m_layout.plot.adjusted(-1, -1, 1, 1));
    painter.setBrush(Qt::NoBrush);
    const Approximation &a = m_scene.approximation;
    const QColor text = m_palette.color(QPalette::Text);

    // The data first, under the lines.
    const double r = 2.5;
    QColor dot = text;
    dot.setAlpha(110);
    painter.setPen(Qt::NoPen);
    painter.setBrush(dot);
    for (const QPointF &p : m_scene.points)
        painter.drawEllipse(toPixel(p.x(), p.y()), r, r);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(dot, 1));
    for (const QPointF &p : m_scene.validation)
        painter.drawEllipse(toPixel(p.x(), p.y()), r, r);

    if (!m_scene.target.empty()) {
        QPen pen(QColor(120, 120, 120), 1.75, Qt::DashLine);
        painter.setPen(pen);
        QPainterPath path;
        for (std::size_t j = 0; j < m_scene.target.size(); ++j) {
            const QPointF q = toPixel(m_scene.target[j].x(), m_scene.target[j].y());
            if (j == 0)
                path.moveTo(q);
            else
                path.lineTo(q);
        }
        painter.drawPath(path);
    }

    const int n = int(a.units.size());
    for (int i = 0; i < n; ++i) {
        if (i == m_scene.highlighted)
            continue;
        QColor c = unitColor(i, n);
        c.setAlpha(m_scene.highlighted >= 0 ? 60 : 190);
        painter.setPen(QPen(c, 1.25));
        drawCurve(painter, a.units[std::size_t(i)].contribution);
    }
    painter.setPen(QPen(text, 3.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    drawCurve(painter, a.output);
    if (m_scene.highlighted >= 0 && m_scene.highlighted < n) {
        painter.setPen(QPen(unitColor(m_scene.highlighted, n), 3.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        drawCurve(painter, a.units[std::size_t(m_scene.highlighted)].contribution);
    }
    painter.restore();
}

void FunctionPainter::drawLegend(QPainter &painter, const QFontMetricsF &fm) const
{
    if (m_layout.chips.empty())
        return;
    const QColor text = m_palette.color(QPalette::Text);
    painter.setPen(text);
    painter.drawText(m_layout.legendTitle, Qt::AlignLeft | Qt::AlignVCenter, QObject::tr("Units:"));
    const int n = int(m_layout.chips.size());
    const double em = fm.height();
    for (int i = 0; i < n; ++i) {
        const QRectF &chip = m_layout.chips[std::size_t(i)];
        const QRectF swatch(chip.left(), chip.center().y() - em * 0.35, em * 0.9, em * 0.7);
        if (i == m_scene.highlighted) {
            QColor back = unitColor(i, n);
            back.setAlpha(50);
            painter.fillRect(chip.adjusted(-2, 1, -2, -1), back);
        }
        painter.fillRect(swatch, unitColor(i, n));
        painter.setPen(text);
        QFont font = painter.font();
        font.setBold(i == m_scene.highlighted);
        painter.save();
        painter.setFont(font);
        if (chip.width() > em * 1.2)  // a labelled chip (see layoutWith)
            painter.drawText(QRectF(swatch.right() + em / 4, chip.top(), chip.right() - swatch.right() - em / 4, chip.height()),
                             Qt::AlignLeft | Qt::AlignVCenter, chipText(i));
        painter.restore();
    }
}

}  // namespace np
