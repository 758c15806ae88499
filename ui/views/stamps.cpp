#include "stamps.h"

#include <QPaintDevice>
#include <QPaintEngine>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

// Regression data give every point its own colour; past this many the cache starts anew rather
// than grow with the data (a stamp of a 4 px point at ratio 2 is about 1 KB).
constexpr qsizetype kMaxStamps = 4096;

}  // namespace

bool Stamps::stampable(const QPainter &painter)
{
    const QPaintEngine *engine = painter.paintEngine();
    return engine && engine->type() == QPaintEngine::Raster && painter.worldTransform().type() <= QTransform::TxTranslate;
}

void Stamps::setLook(std::initializer_list<double> look, double reach, const QPainter &painter)
{
    const double ratio = painter.device()->devicePixelRatioF();
    if (reach == m_reach && ratio == m_ratio && std::equal(look.begin(), look.end(), m_look.begin(), m_look.end()))
        return;
    m_stamps.clear();
    m_look.assign(look.begin(), look.end());
    m_reach = reach;
    m_ratio = ratio;
    m_half = int(std::ceil(reach * ratio));
}

const QImage *Stamps::find(quint64 key) const
{
    const auto found = m_stamps.constFind(key);
    return found == m_stamps.constEnd() ? nullptr : &*found;
}

QImage Stamps::blankStamp() const
{
    // An odd number of device pixels, so the centre is a pixel's centre.
    QImage stamp(2 * m_half + 1, 2 * m_half + 1, QImage::Format_ARGB32_Premultiplied);
    stamp.setDevicePixelRatio(m_ratio);
    stamp.fill(Qt::transparent);
    return stamp;
}

QPointF Stamps::stampCentre() const
{
    const double centre = (m_half + 0.5) / m_ratio;
    return {centre, centre};
}

const QImage &Stamps::keep(quint64 key, QImage stamp)
{
    if (m_stamps.size() >= kMaxStamps)
        m_stamps.clear();
    return *m_stamps.insert(key, std::move(stamp));
}

void Stamps::put(QPainter &painter, const QPointF &centre, const QImage &stamp) const
{
    // The stamp's centre pixel on the device pixel the centre falls in. The world transform is a
    // translation here, so device pixels are the painter's logical ones (after it) times the ratio.
    const QTransform &world = painter.worldTransform();
    const QPointF device = world.map(centre) * m_ratio;
    const QPointF topLeft(std::floor(device.x()) - m_half, std::floor(device.y()) - m_half);
    painter.drawImage(topLeft / m_ratio - QPointF(world.dx(), world.dy()), stamp);
}

}  // namespace np
