#pragma once

#include "optimizerpicture.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPalette>

class QPainter;

namespace np {

/// Where the plane's parts go inside an area: the formula line above, the plane itself.
struct PlaneLayout
{
    QRectF formula;
    PlaneMapping plane;
};

PlaneLayout planeLayout(const QRectF &area, const ViewBox &box, const QFontMetricsF &fm);

/// The surface's shading and contour lines, the formula, each optimizer's path up to the
/// picture's step with its current point and update vector Δp as an arrow, the start point
/// (a ring to drag).
void paintOptimizerPlane(QPainter &painter, const PlaneLayout &layout, const OptimizerPicture &picture,
                         const QFont &font, const QPalette &palette);

/// f against the step, each optimizer in its colour up to the picture's step: a log axis of
/// f − f_min (a linear one for the saddle, which has no minimum); with legend, each optimizer's
/// colour and parameters in its top right corner.
void paintOptimizerLoss(QPainter &painter, const QRectF &area, const OptimizerPicture &picture, const QFont &font,
                        const QPalette &palette, bool legend);

}  // namespace np
