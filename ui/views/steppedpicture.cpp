#include "steppedpicture.h"

#include <QTimer>
#include <QWidget>

#include <cmath>
#include <utility>

namespace np {

struct SteppedPicture::Drawing
{
    QImage image;
    QPainter painter;
    Draw draw;
    QRect rect;
    int step = 0;
    std::uint64_t revision = 0;
};

SteppedPicture::SteppedPicture(QWidget *widget, const QString &timerName, std::function<void()> again)
    : m_widget(widget)
    , m_again(std::move(again))
    , m_timer(new QTimer(widget))
{
    m_timer->setObjectName(timerName);
    m_timer->setInterval(0);
    QObject::connect(m_timer, &QTimer::timeout, m_timer, [this] { step(); });
}

SteppedPicture::~SteppedPicture() = default;

void SteppedPicture::changed()
{
    ++m_revision;
    m_showStale = false;
}

bool SteppedPicture::drawAgainAfter()
{
    if (m_drawing)
        m_drawAgain = true;
    return bool(m_drawing);
}

bool SteppedPicture::mayBegin(const QRect &area)
{
    if (drawAgainAfter())
        return false;
    if (!m_widget->isVisible() || area.isEmpty()) {
        m_widget->update();  // drawn directly when it is shown
        return false;
    }
    return true;
}

QSize SteppedPicture::pixels(const QSize &size) const
{
    const qreal dpr = m_widget->devicePixelRatioF();
    return {int(std::ceil(size.width() * dpr)), int(std::ceil(size.height() * dpr))};
}

QPainter &SteppedPicture::begin(const QRect &area)
{
    m_drawing = std::make_unique<Drawing>();
    Drawing &d = *m_drawing;
    d.rect = area;
    d.revision = m_revision;
    const QSize size = pixels(area.size());
    d.image = std::exchange(m_spare, QImage());
    if (d.image.size() != size || !d.image.isDetached())
        d.image = QImage(size, QImage::Format_RGB32);
    d.image.setDevicePixelRatio(m_widget->devicePixelRatioF());
    // The widget's resolution, so the text is measured and drawn as on screen.
    d.image.setDotsPerMeterX(int(std::lround(m_widget->logicalDpiX() / 0.0254)));
    d.image.setDotsPerMeterY(int(std::lround(m_widget->logicalDpiY() / 0.0254)));
    d.painter.begin(&d.image);
    d.painter.setFont(m_widget->font());
    if (!area.topLeft().isNull())
        d.painter.translate(-area.topLeft());
    d.painter.fillRect(area, m_widget->palette().color(QPalette::Base));
    return d.painter;
}

void SteppedPicture::run(Draw draw)
{
    if (!m_drawing)
        return;
    m_drawing->draw = std::move(draw);
    m_timer->start();
}

void SteppedPicture::step()
{
    if (!m_drawing || !m_drawing->draw) {
        m_timer->stop();
        return;
    }
    Drawing &d = *m_drawing;
    if (d.draw(d.painter, d.step++))
        return;
    d.painter.end();
    m_timer->stop();
    m_spare = std::exchange(m_image, std::move(d.image));
    m_rect = d.rect;
    m_drawnRevision = d.revision;
    m_drawing.reset();
    m_showStale = m_drawnRevision != m_revision;
    m_widget->update();
    if (std::exchange(m_drawAgain, false) && m_again)
        m_again();
}

void SteppedPicture::finish()
{
    while (m_drawing && m_drawing->draw && !m_drawAgain)
        step();
}

bool SteppedPicture::showFor(const QRect &area)
{
    if (!current() || !covers(area))
        finish();
    const bool show = current() && covers(area);
    shown();
    return show;
}

void SteppedPicture::drop()
{
    m_drawing.reset();
    m_timer->stop();
    m_image = QImage();
    m_drawAgain = false;
    m_showStale = false;
    ++m_revision;
}

bool SteppedPicture::fits() const
{
    return !m_image.isNull() && m_image.devicePixelRatio() == m_widget->devicePixelRatioF()
           && m_image.size() == pixels(m_widget->size());
}

bool SteppedPicture::covers(const QRect &area) const
{
    return !m_image.isNull() && m_rect.contains(area) && m_image.devicePixelRatio() == m_widget->devicePixelRatioF();
}

}  // namespace np
