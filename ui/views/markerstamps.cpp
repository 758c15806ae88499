#include "markerstamps.h"

#include "boundarypainter.h"

#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>

#include <cmath>

namespace np {

namespace {

// Regression data give every point its own colour; past this many the cache starts anew rather
// than grow with the data (a stamp of a 4 px point at ratio 2 is about 1 KB).
constexpr qsizetype kMaxStamps = 4096;

}  // namespace

const QImage &MarkerStamps::stampFor(const QColor &fill, bool validation)
{
    const quint64 key = (quint64(fill.rgba()) << 1) | quint64(validation);
    auto found = m_stamps.constFind(key);
    if (found != m_stamps.constEnd())
        return *found;
    if (m_stamps.size() >= kMaxStamps)
        m_stamps.clear();
    // An odd number of device pixels, so the centre is a pixel's centre; room for the outline.
    const int half = int(std::ceil((m_radius + 1.0) * m_ratio));
    QImage stamp(2 * half + 1, 2 * half + 1, QImage::Format_ARGB32_Premultiplied);
    stamp.setDevicePixelRatio(m_ratio);
    stamp.fill(Qt::transparent);
    {
        QPainter p(&stamp);
        p.setRenderHint(QPainter::Antialiasing);
        const double centre = (half + 0.5) / m_ratio;
        drawPointMarker(p, QPointF(centre, centre), m_radius, fill, validation, QColor::fromRgba(m_base),
                        QColor::fromRgba(m_text));
    }
    return *m_stamps.insert(key, std::move(stamp));
}

void MarkerStamps::draw(QPainter &painter, const QPointF &centre, double radius, const QColor &fill, bool validation,
                        const QColor &base, const QColor &text)
{
    const QPaintEngine *engine = painter.paintEngine();
    const bool stampable = engine && engine->type() == QPaintEngine::Raster
                           && painter.worldTransform().type() <= QTransform::TxTranslate;
    if (!stampable) {
        drawPointMarker(painter, centre, radius, fill, validation, base, text);
        return;
    }
    const double ratio = painter.device()->devicePixelRatioF();
    if (radius != m_radius || ratio != m_ratio || base.rgba() != m_base || text.rgba() != m_text) {
        m_stamps.clear();
        m_radius = radius;
        m_ratio = ratio;
        m_base = base.rgba();
        m_text = text.rgba();
    }
    const QImage &stamp = stampFor(fill, validation);
    // The stamp's centre pixel on the device pixel the point falls in. The world transform is a
    // translation here, so device pixels are the painter's logical ones (after it) times the ratio.
    const QTransform &world = painter.worldTransform();
    const QPointF device = world.map(centre) * ratio;
    const double half = (stamp.width() - 1) / 2;
    const QPointF topLeft(std::floor(device.x()) - half, std::floor(device.y()) - half);
    painter.drawImage(topLeft / ratio - QPointF(world.dx(), world.dy()), stamp);
}

}  // namespace np
