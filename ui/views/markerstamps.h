#pragma once

#include "stamps.h"

#include <QColor>
#include <QPointF>

class QPainter;

namespace np {

/// The data-point markers of drawPointMarker as stamps (see Stamps), for a view that draws every
/// point again on every frame (the folding view, where the mesh carries the points); on a painter
/// that takes no stamps the marker is drawn as a vector shape.
class MarkerStamps
{
public:
    /// Draws the marker of drawPointMarker at `centre`.
    void draw(QPainter &painter, const QPointF &centre, double radius, const QColor &fill, bool validation,
              const QColor &base, const QColor &text);

    /// Stamps kept now (for tests): one per fill colour and kind, for the current look.
    qsizetype size() const { return m_stamps.size(); }

private:
    Stamps m_stamps;
};

}  // namespace np
