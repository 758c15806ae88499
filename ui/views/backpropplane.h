#pragma once

#include "analysis/gridevaluation.h"
#include "data/dataset.h"
#include "network/model.h"

#include <QLineF>
#include <QPalette>
#include <QRectF>

#include <vector>

class QPainter;

namespace np {

/// The small plane beside the network walk: the data, the walked point ringed, and the decision
/// boundary before the step and, at the update, after it, so the boundary is seen to move.
class BackpropPlane
{
public:
    /// The class boundaries of a model over the domain, as segments in data coordinates
    /// (between grid cells of different predicted class). Empty for regression.
    static std::vector<QLineF> boundary(const Model &model, const GridSpec &domain, int cells = 72);

    /// The square the plane takes in rect.
    static QRectF square(const QRectF &rect);
    static QPointF toPixel(const QRectF &square, const GridSpec &domain, double x1, double x2);
    static QPointF toData(const QRectF &square, const GridSpec &domain, QPointF pixel);

    /// before and after: boundary() of the model before and after the step (after may be empty).
    static void paint(QPainter &painter, const QRectF &square, const GridSpec &domain, const Dataset &dataset,
                      const std::vector<QLineF> &before, const std::vector<QLineF> &after, QPointF point,
                      const QPalette &palette);
};

}  // namespace np
