#pragma once

#include <QPointF>
#include <QRectF>
#include <QString>

class QFontMetricsF;

namespace np {

/// The input plane the boundary view shows: [-kPlaneExtent, kPlaneExtent]^2.
inline constexpr double kPlaneExtent = 6.0;

/// Where the boundary view draws for one area and font: a square plot in whole pixels with
/// margins for the axes, the tick step and the size of a data point, and the mapping between
/// plane and pixels. Computed on demand (a handful of font-metric look-ups), so the mapping can
/// never go stale after a resize or a font change.
struct BoundaryLayout
{
    QRectF plot;
    double em = 12.0;          ///< the font's line height
    double labelWidth = 12.0;  ///< the widest tick label
    double tickLength = 4.0;
    double gap = 2.0;
    double tickStep = 1.0;
    double pointRadius = 4.0;

    /// The layout in `area`, measured with the metrics of the device drawn on.
    static BoundaryLayout forArea(const QRectF &area, const QFontMetricsF &fm);
    /// The axis titles: "x₁" (axis 0) and "x₂".
    static QString axisTitle(int axis);

    double pixelsPerUnit() const { return plot.width() / (2 * kPlaneExtent); }
    QPointF toPixel(const QPointF &plane) const
    {
        const double s = pixelsPerUnit();
        return {plot.left() + (plane.x() + kPlaneExtent) * s, plot.top() + (kPlaneExtent - plane.y()) * s};
    }
    QPointF toPlane(const QPointF &pixel) const
    {
        const double s = pixelsPerUnit();
        return {(pixel.x() - plot.left()) / s - kPlaneExtent, kPlaneExtent - (pixel.y() - plot.top()) / s};
    }
};

}  // namespace np
