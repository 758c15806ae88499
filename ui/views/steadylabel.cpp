#include "steadylabel.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>

namespace np {

SteadyLabel::SteadyLabel(QWidget *parent)
    : QWidget(parent)
{
}

void SteadyLabel::setReading(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    setAccessibleName(text);
    const int needed = neededWidth();
    if (needed > m_width || 3 * needed < 2 * m_width) {
        m_width = needed;
        updateGeometry();
    }
    update();
}

QSize SteadyLabel::sizeHint() const
{
    return {m_width, fontMetrics().height()};
}

QSize SteadyLabel::minimumSizeHint() const
{
    // Room for a few characters and the ellipsis: a narrow window elides the reading rather
    // than growing to fit it.
    return {std::min(m_width, fontMetrics().horizontalAdvance(QStringLiteral("000…"))), fontMetrics().height()};
}

void SteadyLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setPen(palette().color(foregroundRole()));
    painter.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(m_text, Qt::ElideRight, width()));
}

void SteadyLabel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        m_width = neededWidth();  // larger type in presentation mode: the room it needs now
        updateGeometry();
    }
}

int SteadyLabel::neededWidth() const
{
    // A pixel either side for the antialiased ends of the glyphs.
    return m_text.isEmpty() ? 0 : fontMetrics().horizontalAdvance(m_text) + 2;
}

}  // namespace np
