#include "boundarylegend.h"
#include "boundarypainter.h"

#include "colors.h"
#include "numberformat.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <array>
#include <cmath>

namespace np {

namespace {

constexpr int kClassesPerRow = 4;

/// Row height, inner padding and marker radius, all from the font.
struct LegendMetrics
{
    double em;
    double row;
    double pad;
    double radius;

    explicit LegendMetrics(const QFontMetricsF &fm)
        : em(fm.height())
        , row(1.25 * fm.height())
        , pad(std::round(fm.height() / 3))
        , radius(0.33 * fm.height())
    {
    }
};

}  // namespace

PlaneLegend::PlaneLegend(const Dataset &data, const QPalette &palette, bool showTraining, bool showValidation, bool marks)
    : m_data(data)
    , m_palette(palette)
    , m_showTraining(showTraining)
    , m_showValidation(showValidation)
    , m_marks(marks)
{
}

bool PlaneLegend::hasValidation() const
{
    return m_showValidation
           && std::any_of(m_data.points.begin(), m_data.points.end(), [](const DataPoint &p) { return p.validation; });
}

QStringList PlaneLegend::lines() const
{
    QStringList lines;
    if (m_data.isClassification()) {
        for (int first = 0; first < m_data.classCount; first += kClassesPerRow) {
            QStringList numbers;
            for (int k = first; k < std::min(first + kClassesPerRow, m_data.classCount); ++k)
                numbers << QString::number(k + 1);
            lines << (first == 0 ? tr("class") + QLatin1Char(' ') : QString()) + numbers.join(QLatin1Char(' '));
        }
    } else {
        lines << tr("value %1 … %2").arg(formatNumber(-1.0, 0), formatNumber(1.0, 0));
    }
    if (hasValidation())
        lines << tr("validation");
    if (m_marks && m_data.isClassification())
        lines << tr("misclassified");
    return lines;
}

QSizeF PlaneLegend::size(const QFontMetricsF &fm) const
{
    const LegendMetrics m(fm);
    const double marker = 2 * m.radius + m.pad;  // a marker and the gap after it
    double width = 0.0;
    if (m_data.isClassification()) {
        const int perRow = std::min(m_data.classCount, kClassesPerRow);
        width = fm.horizontalAdvance(tr("class")) + m.pad + perRow * (marker + fm.horizontalAdvance(QStringLiteral("8")) + m.pad);
    } else {
        width = fm.horizontalAdvance(tr("value")) + m.pad + 6 * m.em;
    }
    const qsizetype rows = lines().size();
    for (const QString &label : {tr("validation"), tr("misclassified")})
        width = std::max(width, marker + 2 * m.pad + fm.horizontalAdvance(label));
    return {std::ceil(width + 2 * m.pad), std::ceil(double(rows) * m.row + 2 * m.pad)};
}

QRectF PlaneLegend::place(const BoundaryLayout &l, const QFontMetricsF &fm) const
{
    const QSizeF s = size(fm);
    const double inset = std::round(l.em / 3);
    // Never more than about a third of the plot's width or height: a tiny plane is all data.
    if (s.width() > 0.45 * l.plot.width() || s.height() > 0.45 * l.plot.height())
        return {};
    const double left = l.plot.left() + inset;
    const double right = l.plot.right() - inset - s.width();
    const double top = l.plot.top() + inset;
    const double bottom = l.plot.bottom() - inset - s.height();
    const std::array<QRectF, 4> corners = {QRectF(QPointF(right, top), s), QRectF(QPointF(left, top), s),
                                           QRectF(QPointF(right, bottom), s), QRectF(QPointF(left, bottom), s)};
    std::array<int, 4> covered{};
    for (const DataPoint &p : m_data.points) {
        if (!(p.validation ? m_showValidation : m_showTraining))
            continue;
        const QPointF at = l.toPixel({p.x1, p.x2});
        for (std::size_t c = 0; c < corners.size(); ++c)
            covered[c] += corners[c].adjusted(-l.pointRadius, -l.pointRadius, l.pointRadius, l.pointRadius).contains(at);
    }
    const auto best = std::min_element(covered.begin(), covered.end());
    return corners[static_cast<std::size_t>(best - covered.begin())];
}

void PlaneLegend::draw(QPainter &p, const QRectF &box, const QFontMetricsF &fm) const
{
    if (box.isEmpty())
        return;
    const LegendMetrics m(fm);
    const QColor base = m_palette.color(QPalette::Base);
    const QColor text = m_palette.color(QPalette::Text);
    const QColor neutral = QColor(blend(base.rgb(), text.rgb(), 0.5));
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QColor fill = base;
    fill.setAlpha(215);
    p.setPen(QPen(QColor(blend(base.rgb(), text.rgb(), 0.35)), 1));
    p.setBrush(fill);
    p.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), m.pad, m.pad);

    const double x0 = box.left() + m.pad;
    double y = box.top() + m.pad;
    const auto label = [&](double x, const QString &s) {
        p.setPen(text);
        p.drawText(QRectF(x, y, box.right() - x, m.row), Qt::AlignLeft | Qt::AlignVCenter, s);
        return x + fm.horizontalAdvance(s);
    };
    if (m_data.isClassification()) {
        const double numbersLeft = x0 + fm.horizontalAdvance(tr("class")) + m.pad;
        for (int first = 0; first < m_data.classCount; first += kClassesPerRow) {
            if (first == 0)
                label(x0, tr("class"));
            double x = numbersLeft;
            for (int k = first; k < std::min(first + kClassesPerRow, m_data.classCount); ++k) {
                drawPointMarker(p, QPointF(x + m.radius, y + m.row / 2), m.radius, classColor(k), false, base, text);
                x = label(x + 2 * m.radius + m.pad / 2, QString::number(k + 1)) + m.pad;
            }
            y += m.row;
        }
    } else {
        const double x = label(x0, tr("value")) + m.pad;
        const double w = box.right() - m.pad - x;
        const QRectF bar(x, y + 0.3 * m.row, w, 0.4 * m.row);
        QLinearGradient gradient(bar.topLeft(), bar.topRight());
        for (int i = 0; i <= 8; ++i)
            gradient.setColorAt(i / 8.0, QColor(divergingColor(-1.0 + i / 4.0, base.rgb())));
        p.setPen(QPen(neutral, 1));
        p.setBrush(gradient);
        p.drawRect(bar);
        p.setBrush(Qt::NoBrush);
        y += m.row;
    }
    const double marker = 2 * m.radius + m.pad;
    if (hasValidation()) {
        drawPointMarker(p, QPointF(x0 + m.radius + m.pad / 2, y + m.row / 2), m.radius, neutral, true, base, text);
        label(x0 + marker + m.pad, tr("validation"));
        y += m.row;
    }
    if (m_marks && m_data.isClassification()) {
        const QPointF c(x0 + m.radius + m.pad / 2, y + m.row / 2);
        const double r = 0.75 * m.radius;  // so the ring fits the row as the rings on the plane do
        drawPointMarker(p, c, r, neutral, false, base, text);
        p.setPen(misclassifiedPen(r, text));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, misclassifiedRadius(r), misclassifiedRadius(r));
        label(x0 + marker + m.pad, tr("misclassified"));
    }
    p.restore();
}

}  // namespace np
