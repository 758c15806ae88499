#include "backpropstyle.h"

#include "numberformat.h"

#include <QPainter>

#include <cmath>

namespace np {

QString backpropNumber(double v)
{
    // A gradient too small for 4 decimals still shows its size: "2.5e-5", not "0".
    if (v != 0 && std::abs(v) < 5e-5)
        return formatValue(v, 2);
    QString text = formatNumber(v, 4);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    return text == QStringLiteral("\u22120") ? QStringLiteral("0") : text;
}

QString backpropFactor(double v)
{
    const QString text = backpropNumber(v);
    return v < 0 ? QLatin1Char('(') + text + QLatin1Char(')') : text;
}

double wrappedHeight(const QStringList &lines, double width, const QFontMetricsF &fm)
{
    // The first line is drawn bold: measured a little narrower, so it wraps no later than drawn.
    double h = 0;
    for (int i = 0; i < lines.size(); ++i)
        h += fm.boundingRect(QRectF(0, 0, std::max(1.0, width * (i == 0 ? 0.9 : 1.0)), 1e6), Qt::TextWordWrap, lines[i]).height();
    return h;
}

void drawWrapped(QPainter &painter, const QRectF &rect, const QStringList &lines, const QList<QColor> &colors,
                 const QFontMetricsF &fm)
{
    painter.save();
    double y = rect.top();
    for (int i = 0; i < lines.size(); ++i) {
        const double h = fm.boundingRect(QRectF(0, 0, std::max(1.0, rect.width() * (i == 0 ? 0.9 : 1.0)), 1e6),
                                         Qt::TextWordWrap, lines[i]).height();
        if (y + std::min(h, fm.height()) > rect.bottom() + 1)
            break;
        QFont font = painter.font();
        font.setBold(i == 0);
        painter.setFont(font);
        painter.setPen(colors.value(i, colors.isEmpty() ? QColor() : colors.back()));
        painter.drawText(QRectF(rect.left(), y, rect.width(), h), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, lines[i]);
        y += h;
    }
    painter.restore();
}

BackpropColors BackpropColors::from(const QPalette &palette)
{
    BackpropColors c;
    c.text = palette.color(QPalette::Text);
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    c.muted = palette.color(QPalette::PlaceholderText);
    c.value = dark ? QColor(110, 190, 255) : QColor(20, 90, 170);
    c.gradient = dark ? QColor(255, 150, 80) : QColor(200, 70, 0);
    c.current = palette.color(QPalette::Highlight);
    c.box = palette.color(QPalette::AlternateBase);
    c.grid = palette.color(QPalette::Mid);
    return c;
}

}  // namespace np
