#pragma once

#include "figure.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPalette>

#include <cmath>

namespace np {

// Header-only helpers every view's paintFigure() shares, so all exported figures have the same
// background and title.

/// The font a view's figure uses on the painter's device: the widget's font, measured on that
/// device (a PDF or SVG device may have another resolution than the screen).
inline QFontMetricsF figureMetrics(const QPainter &painter, const QFont &font)
{
    return painter.device() ? QFontMetricsF(font, painter.device()) : QFontMetricsF(font);
}

/// Fills rect with the view's background and draws the title (options.titleText, or the view's
/// own title) bold and centred at its top when options.title is set. Returns the part of rect
/// left for the plot.
inline QRectF beginFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options,
                          const QString &defaultTitle, const QFont &font, const QPalette &palette)
{
    painter.fillRect(rect, palette.color(QPalette::Base));
    if (!options.title)
        return rect;
    const QString title = options.titleText.isEmpty() ? defaultTitle : options.titleText;
    QFont bold = font;
    bold.setBold(true);
    if (bold.pointSizeF() > 0)
        bold.setPointSizeF(bold.pointSizeF() * 1.25);
    else
        bold.setPixelSize(int(std::lround(bold.pixelSize() * 1.25)));
    const QFontMetricsF fm(bold, painter.device());
    const double em = figureMetrics(painter, font).height();
    const QRectF titleRect(rect.left(), rect.top() + em / 2, rect.width(), fm.height());
    painter.save();
    painter.setFont(bold);
    painter.setPen(palette.color(QPalette::Text));
    painter.drawText(titleRect, Qt::AlignHCenter | Qt::AlignVCenter, fm.elidedText(title, Qt::ElideRight, rect.width()));
    painter.restore();
    return rect.adjusted(0, titleRect.bottom() - rect.top() + em / 4, 0, 0);
}

}  // namespace np
