#include "repaintpacer.h"

#include <QTimer>

#include <algorithm>

namespace np {

RepaintPacer::RepaintPacer(QObject *owner, int intervalMs, std::function<void()> redraw)
    : m_intervalMs(intervalMs)
    , m_redraw(std::move(redraw))
    , m_timer(new QTimer(owner))
{
    m_steady.start();
    m_timer->setSingleShot(true);
    QObject::connect(m_timer, &QTimer::timeout, m_timer, [this] { m_redraw(); });
}

void RepaintPacer::request()
{
    if (m_timer->isActive())
        return;  // the data waits for the redraw already due
    const qint64 since = m_painted ? nowMs() - m_paintedMs : m_intervalMs;
    if (since >= m_intervalMs)
        m_redraw();
    else
        m_timer->start(int(m_intervalMs - std::max<qint64>(since, 0)));  // a clock gone back waits one interval
}

void RepaintPacer::painted()
{
    m_paintedMs = nowMs();
    m_painted = true;
}

bool RepaintPacer::pending() const
{
    return m_timer->isActive();
}

}  // namespace np
