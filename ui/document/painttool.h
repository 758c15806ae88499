#pragma once

#include <QObject>

namespace np {

/// What the mouse does to the data: the class (or regression target) new points get, and the
/// brush. Shared by the data panel (which sets it) and the plane view (which paints with it).
class PaintTool : public QObject
{
    Q_OBJECT

public:
    explicit PaintTool(QObject *parent = nullptr)
        : QObject(parent)
    {
    }

    int currentClass() const { return m_class; }
    double targetValue() const { return m_target; }
    double brushRadius() const { return m_radius; }
    /// Points added per brush dab.
    int density() const { return m_density; }

    void setCurrentClass(int classIndex);
    void setTargetValue(double value);
    void setBrushRadius(double radius);
    void setDensity(int pointsPerDab);

signals:
    void changed();

private:
    int m_class = 0;
    double m_target = 0.5;  // regression: the value painted points get, in [-1, 1]
    double m_radius = 0.4;  // plane units
    int m_density = 3;
};

}  // namespace np
