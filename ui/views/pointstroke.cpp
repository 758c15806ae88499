#include "pointstroke.h"

#include "boundarylayout.h"
#include "document.h"
#include "geometry.h"
#include "painttool.h"

#include <QLineF>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace np {

namespace {

// Painted points jitter the same way in every session; the seed only has to be fixed.
constexpr std::uint64_t kPaintSeed = 0x5eed'b0a7;

bool insidePlane(const QPointF &plane)
{
    return std::abs(plane.x()) <= kPlaneExtent && std::abs(plane.y()) <= kPlaneExtent;
}

}  // namespace

PointStroke::PointStroke(Document *document, PaintTool *tool, ShownFilter isShown)
    : m_document(document)
    , m_tool(tool)
    , m_isShown(std::move(isShown))
    , m_rng(kPaintSeed)
{
}

void PointStroke::begin(Kind kind, Qt::MouseButton button, const QPointF &plane)
{
    m_kind = kind;
    m_button = button;
    m_lastPlane = plane;
    if (kind == Kind::Erase) {
        m_document->beginStroke(tr("Erase Points"));
        eraseAlong(plane, plane);
    } else if (kind == Kind::Paint) {
        m_document->beginStroke(tr("Paint Points"));
        std::vector<DataPoint> points;
        appendDab(plane, points);
        m_document->addPoints(points);
    }
}

void PointStroke::moveTo(const QPointF &plane)
{
    if (m_kind == Kind::Paint) {
        paintTo(plane);
    } else if (m_kind == Kind::Erase) {
        eraseAlong(m_lastPlane, plane);
        m_lastPlane = plane;
    }
}

void PointStroke::finish()
{
    m_document->endStroke();
    m_kind = Kind::None;
    m_button = Qt::NoButton;
}

void PointStroke::appendDab(const QPointF &centre, std::vector<DataPoint> &points)
{
    if (!insidePlane(centre))
        return;  // a drag along the outside of the plot must not pile points onto its edge
    const Dataset &data = m_document->dataset();
    const double fraction = m_document->config().data.validationFraction;
    const double radius = m_tool->brushRadius();
    for (int i = 0; i < m_tool->density(); ++i) {
        // The square root makes the points uniform over the disc's area, not crowded at its centre.
        const double r = radius * std::sqrt(m_rng.uniform());
        const double angle = 2 * std::numbers::pi * m_rng.uniform();
        DataPoint p;
        p.x1 = std::clamp(centre.x() + r * std::cos(angle), -kPlaneExtent, kPlaneExtent);
        p.x2 = std::clamp(centre.y() + r * std::sin(angle), -kPlaneExtent, kPlaneExtent);
        if (data.isClassification())
            p.label = std::min(m_tool->currentClass(), data.classCount - 1);
        else
            p.target = m_tool->targetValue();
        p.validation = m_rng.uniform() < fraction;
        points.push_back(p);
    }
}

void PointStroke::paintTo(const QPointF &plane)
{
    // Dabs every half brush radius along the path, wherever the mouse events happen to fall:
    // the density then depends on the distance dragged, not on the event rate or the speed.
    const double spacing = 0.5 * m_tool->brushRadius();
    std::vector<DataPoint> points;
    QPointF d = plane - m_lastPlane;
    double length = std::hypot(d.x(), d.y());
    while (length >= spacing) {
        m_lastPlane += d * (spacing / length);
        appendDab(m_lastPlane, points);
        d = plane - m_lastPlane;
        length = std::hypot(d.x(), d.y());
    }
    m_document->addPoints(points);
}

void PointStroke::eraseAlong(const QPointF &from, const QPointF &to)
{
    // Everything the brush swept since the last event, so a fast drag leaves no gaps. Hidden
    // points are spared: erasing what cannot be seen would surprise.
    const Dataset &data = m_document->dataset();
    const double radius = m_tool->brushRadius();
    std::vector<int> hits;
    for (std::size_t i = 0; i < data.points.size(); ++i) {
        const DataPoint &p = data.points[i];
        if (m_isShown(p) && distanceToSegment({p.x1, p.x2}, QLineF(from, to)) <= radius)
            hits.push_back(int(i));
    }
    m_document->removePoints(std::move(hits));
}

}  // namespace np
