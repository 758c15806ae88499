#pragma once

#include <QColor>
#include <QHash>
#include <QImage>
#include <QPointF>

class QPainter;

namespace np {

/// Data-point markers drawn once into small images and then stamped, for a view that draws every
/// point again on every frame (the folding view, where the mesh carries the points). A stamp is
/// the marker drawPointMarker draws, with its centre on the nearest device pixel; on a painter
/// that is not a raster one at whole-pixel offsets (SVG and PDF figures, a scaled export) the
/// marker is drawn as a vector shape instead. Antialiased discs cost several microseconds each
/// through the path filler; a stamp is a small image blend.
class MarkerStamps
{
public:
    /// Draws the marker of drawPointMarker at `centre`.
    void draw(QPainter &painter, const QPointF &centre, double radius, const QColor &fill, bool validation,
              const QColor &base, const QColor &text);

    /// Stamps kept now (for tests): one per fill colour and kind, for the current look.
    qsizetype size() const { return m_stamps.size(); }

private:
    const QImage &stampFor(const QColor &fill, bool validation);

    // The look every kept stamp was drawn with; a change starts the cache anew.
    double m_radius = -1;
    double m_ratio = 0;
    QRgb m_base = 0, m_text = 0;
    QHash<quint64, QImage> m_stamps;  ///< by fill (ARGB) and kind
};

}  // namespace np
