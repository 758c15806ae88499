#pragma once

#include <QHash>
#include <QImage>
#include <QPainter>
#include <QPointF>

#include <initializer_list>
#include <vector>

namespace np {

/// Small shapes drawn once into images and then stamped, for views that draw the same few shapes
/// again on every frame (the folding view's data points, the network diagram's bias markers): an
/// antialiased disc costs a microsecond or more through the path filler, a stamp is a small image
/// blend. A stamp is the shape drawn with its centre on a device pixel's centre, and is put with
/// that centre on the device pixel the shape's centre falls in. Only a raster painter whose world
/// transform merely moves takes stamps (stampable()); on others (SVG and PDF figures, a scaled
/// export) the caller draws the shape itself.
class Stamps
{
public:
    static bool stampable(const QPainter &painter);

    /// The look every stamp is drawn in: whatever besides its key the shapes depend on, and how
    /// far (logical pixels) they reach from their centre. A new look, or a painter of another
    /// device pixel ratio, starts the stamps anew.
    void setLook(std::initializer_list<double> look, double reach, const QPainter &painter);

    /// Puts the shape `key` centred at `centre`, drawing it with draw(painter, centre) the first
    /// time (on a transparent image, antialiasing on).
    template <typename Draw>
    void stamp(QPainter &painter, const QPointF &centre, quint64 key, Draw &&draw)
    {
        const QImage *image = find(key);
        if (!image) {
            QImage blank = blankStamp();
            {
                QPainter p(&blank);
                p.setRenderHint(QPainter::Antialiasing);
                draw(p, stampCentre());
            }
            image = &keep(key, std::move(blank));
        }
        put(painter, centre, *image);
    }

    /// Stamps kept now (for tests).
    qsizetype size() const { return m_stamps.size(); }

private:
    const QImage *find(quint64 key) const;
    QImage blankStamp() const;
    QPointF stampCentre() const;
    const QImage &keep(quint64 key, QImage stamp);
    void put(QPainter &painter, const QPointF &centre, const QImage &stamp) const;

    std::vector<double> m_look;
    double m_reach = -1;
    double m_ratio = 0;
    int m_half = 0;                   ///< device pixels from a stamp's centre pixel to its edge
    QHash<quint64, QImage> m_stamps;  ///< by the caller's key
};

}  // namespace np
