#include "diagraminputtoggle.h"

#include <QPainter>

namespace np {

InputToggle::InputToggle(QWidget *parent)
    : QAbstractButton(parent)
{
    setCheckable(true);
    setFocusPolicy(Qt::TabFocus);
    setAttribute(Qt::WA_Hover);
    setCursor(Qt::PointingHandCursor);
}

void InputToggle::paintEvent(QPaintEvent *)
{
    if (!hasFocus() && !underMouse())
        return;
    QPainter painter(this);
    painter.setPen(QPen(palette().color(QPalette::Highlight), hasFocus() ? 2 : 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(m_tile).adjusted(0.5, 0.5, -0.5, -0.5));
}

}  // namespace np
