#pragma once

#include "analysis/contours.h"
#include "analysis/optimizerscene.h"

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <vector>

namespace np {

/// The surface as drawn: its box, log-spaced contour lines and a shaded background. Computed
/// once per surface (a 121² grid, well under a millisecond per level), not per frame.
struct SurfaceContours
{
    SurfaceSpec surface;
    ViewBox box;
    std::vector<double> levels;
    std::vector<std::vector<ContourSegment>> lines;  ///< one list per level
    QImage shading;                                  ///< row 0 at the box's top (y max)
};

SurfaceContours computeContours(const SurfaceSpec &surface);

/// Everything the optimizer view draws, on screen and in figures: the scene, every optimizer's
/// whole path (computed once), the contours and how far the animation has got.
struct OptimizerPicture
{
    OptimizerScene scene;
    std::vector<Trajectory> paths;
    SurfaceContours contours;
    int step = 0;  ///< positions 0..step of each path are shown

    /// Recomputes the paths (and the contours when the surface changed) after a scene edit.
    void update(const OptimizerScene &next);
};

/// The box mapped into a pixel rectangle with equal scales on both axes (so a rotation looks
/// like one), centred in `area`.
struct PlaneMapping
{
    QRectF rect;  ///< where the box lies in pixels
    ViewBox box;

    QPointF toPixel(Point2 p) const;
    Point2 toPlane(QPointF pixel) const;
};

PlaneMapping fitPlane(const QRectF &area, const ViewBox &box);

/// The colour of the scene's index-th optimizer (the class palette: safe for colour blindness).
QColor optimizerColor(int index);
/// "Momentum  η 0.01  μ 0.9": the kind and the parameters it uses.
QString optimizerLabel(const OptimizerSpec &spec);

}  // namespace np
