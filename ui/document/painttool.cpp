#include "painttool.h"

#include "data/dataset.h"

#include <algorithm>

namespace np {

void PaintTool::setCurrentClass(int classIndex)
{
    classIndex = std::clamp(classIndex, 0, kMaxClasses - 1);
    if (classIndex == m_class)
        return;
    m_class = classIndex;
    emit changed();
}

void PaintTool::setTargetValue(double value)
{
    value = std::clamp(value, -1.0, 1.0);
    if (value == m_target)
        return;
    m_target = value;
    emit changed();
}

void PaintTool::setBrushRadius(double radius)
{
    radius = std::clamp(radius, 0.05, 3.0);
    if (radius == m_radius)
        return;
    m_radius = radius;
    emit changed();
}

void PaintTool::setDensity(int pointsPerDab)
{
    pointsPerDab = std::clamp(pointsPerDab, 1, 50);
    if (pointsPerDab == m_density)
        return;
    m_density = pointsPerDab;
    emit changed();
}

}  // namespace np
