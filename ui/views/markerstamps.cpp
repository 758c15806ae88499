#include "markerstamps.h"

#include "boundarypainter.h"

namespace np {

void MarkerStamps::draw(QPainter &painter, const QPointF &centre, double radius, const QColor &fill, bool validation,
                        const QColor &base, const QColor &text)
{
    if (!Stamps::stampable(painter)) {
        drawPointMarker(painter, centre, radius, fill, validation, base, text);
        return;
    }
    // Room for the outline.
    m_stamps.setLook({radius, double(base.rgba()), double(text.rgba())}, radius + 1.0, painter);
    const quint64 key = (quint64(fill.rgba()) << 1) | quint64(validation);
    m_stamps.stamp(painter, centre, key, [&](QPainter &p, const QPointF &c) {
        drawPointMarker(p, c, radius, fill, validation, base, text);
    });
}

}  // namespace np
