#include "gradientchecktable.h"
#include "healthview.h"
#include "plotaxis.h"

#include "colors.h"

#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

// The relative-error bars run over these decades.
constexpr int kErrorLowDecade = -12;
constexpr int kErrorHighDecade = 0;

}  // namespace

void GradientCheckTable::draw(QPainter &painter, const QRectF &r, double lh, double pad, const GradientReport *report,
                              const QFont &font, const QPalette &palette)
{
    const QFontMetricsF fm(painter.font(), painter.device());
    const QColor text = palette.color(QPalette::Text);
    const QColor muted(blend(palette.color(QPalette::Base).rgb(), text.rgb(), 0.65));
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    const QColor pass = dark ? QColor(0x2E, 0xC4, 0x94) : QColor(0x00, 0x9E, 0x73);
    const QColor fail = dark ? QColor(0xF0, 0x7E, 0x2E) : QColor(0xD5, 0x5E, 0x00);
    QFont bold = painter.font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(text);
    painter.drawText(QRectF(r.left(), r.top(), r.width(), lh), Qt::AlignLeft | Qt::AlignVCenter, tr("Gradient check"));
    painter.setFont(font);
    if (!report) {
        painter.setPen(muted);
        painter.drawText(QRectF(r.left(), r.top() + lh, r.width(), lh), Qt::AlignLeft, tr("Checking…"));
        return;
    }
    const GradientReport &c = *report;
    double y = r.top() + lh;
    if (!c.error.empty()) {
        painter.setPen(text);
        painter.drawText(QRectF(r.left(), y, r.width(), r.bottom() - y), Qt::TextWordWrap,
                         QString::fromStdString(c.error));
        return;
    }
    painter.setPen(muted);
    painter.drawText(QRectF(r.left(), y, r.width(), 2 * lh), Qt::TextWordWrap,
                     tr("%1 points, ≤ %2 weights per layer, %3 ms").arg(c.points).arg(c.maxPerLayer)
                         .arg(c.milliseconds, 0, 'f', c.milliseconds < 10 ? 1 : 0));
    y += 2.5 * lh;

    // One row per layer: name, a bar of the relative error on a log axis with the threshold
    // marked, and the value.
    const int layers = int(c.result.layers.size());
    double nameWidth = 0;
    for (int i = 0; i < layers; ++i)
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(HealthView::layerName(i, layers)));
    const double valueWidth = fm.horizontalAdvance(QStringLiteral("8.8e+88 ✗ "));
    const double barLeft = r.left() + nameWidth + pad / 2;
    const double barRight = std::max(barLeft + lh, r.right() - valueWidth - pad / 2);
    const auto errorX = [&](double e) {
        const double d = std::clamp(std::log10(std::max(e, 1e-300)), double(kErrorLowDecade), double(kErrorHighDecade));
        return barLeft + (d - kErrorLowDecade) / (kErrorHighDecade - kErrorLowDecade) * (barRight - barLeft);
    };
    const double rowsTop = y;
    for (int i = 0; i < layers && y + lh <= r.bottom() - 2 * lh; ++i) {
        const LayerGradientCheck &layer = c.result.layers[std::size_t(i)];
        const bool ok = GradientReport::passes(layer);
        painter.setPen(text);
        painter.drawText(QRectF(r.left(), y, nameWidth, lh), Qt::AlignLeft | Qt::AlignVCenter, HealthView::layerName(i, layers));
        const double x = errorX(layer.relativeError);
        painter.fillRect(QRectF(barLeft, y + lh * 0.2, std::max(1.0, x - barLeft), lh * 0.6), ok ? pass : fail);
        painter.setPen(ok ? pass : fail);
        painter.drawText(QRectF(barRight + pad / 2, y, valueWidth, lh), Qt::AlignLeft | Qt::AlignVCenter,
                         QString::number(layer.relativeError, 'e', 1) + (ok ? QStringLiteral(" ✓") : QStringLiteral(" ✗")));
        y += lh;
    }
    // The threshold as a line through the bars, labelled below.
    const double tx = errorX(kGradientCheckThreshold);
    painter.setPen(QPen(text, 1, Qt::DashLine));
    painter.drawLine(QPointF(tx, rowsTop), QPointF(tx, y));
    painter.setPen(muted);
    painter.drawText(QRectF(r.left(), y + lh / 4, r.width(), 2 * lh), Qt::TextWordWrap,
                     tr("pass: relative error < %1 (double precision)").arg(decadeLabel(kGradientCheckThreshold)));
}

}  // namespace np
