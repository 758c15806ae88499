#include "statusbar.h"

#include <QPainter>
#include <QStyleOption>

#include <algorithm>

namespace np {

StatusBar::StatusBar(QWidget *parent)
    : QStatusBar(parent)
{
    // Whole in the tooltip while it shows, in case it had to be shortened.
    connect(this, &QStatusBar::messageChanged, this, &QWidget::setToolTip);
    // The read-out on the right keeps the message's margin from the edge, which it would
    // otherwise touch where there is no size grip (full screen, presentation mode).
    setContentsMargins(0, 0, 6, 0);
}

QRect StatusBar::messageRect() const
{
    // From the left margin to the first widget that shows (while a message shows, only the
    // permanent ones and the size grip do).
    int right = width() - 6;
    for (const QWidget *child : findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (child->isVisible())
            right = std::min(right, child->x() - 6);
    }
    const int left = 6;
    return QRect(left, 0, std::max(right - left, 0), height());
}

QString StatusBar::shownMessage() const
{
    return fontMetrics().elidedText(currentMessage(), Qt::ElideRight, messageRect().width());
}

void StatusBar::paintEvent(QPaintEvent *event)
{
    if (currentMessage().isEmpty()) {
        QStatusBar::paintEvent(event);
        return;
    }
    // As QStatusBar paints a message, but elided.
    QPainter painter(this);
    QStyleOption option;
    option.initFrom(this);
    style()->drawPrimitive(QStyle::PE_PanelStatusBar, &option, &painter, this);
    painter.setPen(palette().windowText().color());
    painter.drawText(messageRect(), Qt::AlignLeading | Qt::AlignVCenter | Qt::TextSingleLine, shownMessage());
}

}  // namespace np
