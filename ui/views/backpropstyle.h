#pragma once

#include <QColor>
#include <QFontMetricsF>
#include <QList>
#include <QStringList>

class QPainter;
#include <QPalette>
#include <QString>

namespace np {

// What the two Backprop pictures share: how numbers read and which colour is a value and which a
// gradient (values above the wires, gradients below, as on the lecture's whiteboard).

/// v to 4 decimals without trailing zeros and with a real minus sign: "−0.1966", "3", "0.5"; a
/// value too small for that in two significant digits: "2.5e-5".
QString backpropNumber(double v);
/// backpropNumber as a factor inside a product: "(−4)" for a negative number, "3" otherwise.
QString backpropFactor(double v);

/// The height of lines word-wrapped to width.
double wrappedHeight(const QStringList &lines, double width, const QFontMetricsF &fm);
/// Draws lines word-wrapped in rect, the first bold, each in its colour; stops at rect's bottom.
void drawWrapped(QPainter &painter, const QRectF &rect, const QStringList &lines, const QList<QColor> &colors,
                 const QFontMetricsF &fm);

struct BackpropColors
{
    QColor text, muted, value, gradient, current, box, grid;

    static BackpropColors from(const QPalette &palette);
};

}  // namespace np
