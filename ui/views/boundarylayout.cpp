#include "boundarylayout.h"

#include "numberformat.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace np {

QString BoundaryLayout::axisTitle(int axis)
{
    return axis == 0 ? QStringLiteral("x₁") : QStringLiteral("x₂");
}

BoundaryLayout BoundaryLayout::forArea(const QRectF &area, const QFontMetricsF &fm)
{
    BoundaryLayout l;
    const double em = fm.height();
    l.em = em;
    l.tickLength = std::max(4.0, std::round(em / 3));
    l.gap = std::max(2.0, std::round(em / 4));
    const double labelWidth = fm.horizontalAdvance(formatNumber(-kPlaneExtent, 0));
    l.labelWidth = labelWidth;
    const double left = l.tickLength + l.gap + labelWidth + 2 * l.gap + fm.horizontalAdvance(axisTitle(1)) + l.gap;
    const double right = std::ceil(labelWidth / 2) + l.gap;  // the last x label is centred on the edge
    const double top = std::ceil(em / 2) + l.gap;             // so is the top y label
    const double bottom = l.tickLength + l.gap + em + l.gap + em + l.gap;
    const double w = area.width();
    const double h = area.height();
    // Whole pixels, so the frame and the ticks are crisp.
    const double side = std::max(1.0, std::floor(std::min(w - left - right, h - top - bottom)));
    // Centred in the area where the margins allow it, otherwise pushed away from the axes.
    const double x = std::max(left, std::min(std::round((w - side) / 2), w - right - side));
    const double y = std::max(top, std::min(std::round((h - side) / 2), h - bottom - side));
    l.plot = QRectF(std::round(area.left()) + x, std::round(area.top()) + y, side, side);

    // Ticks every 1, 2, 3 or 6 units (all divide the extent, so both edges and 0 get one),
    // the finest step whose labels stay apart.
    const double minSpacing = labelWidth + em;
    l.tickStep = 2 * kPlaneExtent;
    for (double step : {1.0, 2.0, 3.0, 6.0}) {
        if (step * l.pixelsPerUnit() >= minSpacing) {
            l.tickStep = step;
            break;
        }
    }
    // Large enough to read on a projector, small enough that a 400-point spiral keeps its gaps.
    l.pointRadius = std::max(0.25 * em, std::clamp(side / 120.0, 3.5, 9.0));
    return l;
}

}  // namespace np
