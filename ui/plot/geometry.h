#pragma once

#include <QLineF>
#include <QPointF>

namespace np {

/// The distance from p to the nearest point of the segment (to its first end when both ends
/// coincide): what hit-testing an edge and erasing along a drag measure.
double distanceToSegment(const QPointF &p, const QLineF &segment);

}  // namespace np
