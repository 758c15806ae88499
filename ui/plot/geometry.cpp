#include "geometry.h"

#include <algorithm>
#include <cmath>

namespace np {

double distanceToSegment(const QPointF &p, const QLineF &segment)
{
    const QPointF ab = segment.p2() - segment.p1();
    const double length2 = QPointF::dotProduct(ab, ab);
    const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(p - segment.p1(), ab) / length2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (segment.p1() + t * ab);
    return std::hypot(d.x(), d.y());
}

}  // namespace np
