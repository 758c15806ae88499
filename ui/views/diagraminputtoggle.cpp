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
    // Qt drops a move without buttons at a widget that does not track the mouse; tracked, the
    // button ignores it and it goes on to the diagram, which shows the input's map.
    setMouseTracking(true);
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
