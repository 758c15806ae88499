#include "curvesegments.h"

namespace np {

CurveSegments::CurveSegments(double width, bool dashed, double bandTop, double bandBottom)
    : m_dash(2.0 * width)
    , m_space(3.0 * width)
    , m_dashed(dashed)
    , m_bandTop(bandTop)
    , m_bandBottom(bandBottom)
    , m_left(m_dash)
{
}

void CurveSegments::add(const QPointF &p)
{
    if (m_runLength > 0)
        addSegment(m_last, p);
    m_last = p;
    ++m_runLength;
}

void CurveSegments::gap()
{
    finishRun();
}

const QVector<QLineF> &CurveSegments::segments()
{
    finishRun();
    return m_segments;
}

const std::vector<QPointF> &CurveSegments::dots()
{
    finishRun();
    return m_dots;
}

void CurveSegments::finishRun()
{
    if (m_runLength == 1)
        m_dots.push_back(m_last);
    m_runLength = 0;
    m_on = true;
    m_left = m_dash;
}

bool CurveSegments::clipToBand(QPointF &a, QPointF &b) const
{
    if ((a.y() < m_bandTop && b.y() < m_bandTop) || (a.y() > m_bandBottom && b.y() > m_bandBottom))
        return false;
    const auto cut = [](QPointF &p, const QPointF &q, double y) { p = q + (p - q) * ((y - q.y()) / (p.y() - q.y())); };
    if (a.y() < m_bandTop)
        cut(a, b, m_bandTop);
    else if (a.y() > m_bandBottom)
        cut(a, b, m_bandBottom);
    if (b.y() < m_bandTop)
        cut(b, a, m_bandTop);
    else if (b.y() > m_bandBottom)
        cut(b, a, m_bandBottom);
    return true;
}

void CurveSegments::addSegment(QPointF a, QPointF b)
{
    if (!clipToBand(a, b))
        return;
    if (!m_dashed) {
        m_segments << QLineF(a, b);
        return;
    }
    const double length = QLineF(a, b).length();
    double t = 0.0;  // along this segment
    while (length - t > m_left) {
        if (m_on)
            m_segments << QLineF(a + (b - a) * (t / length), a + (b - a) * ((t + m_left) / length));
        t += m_left;
        m_on = !m_on;
        m_left = m_on ? m_dash : m_space;
    }
    if (m_on && length > 0)
        m_segments << QLineF(a + (b - a) * (t / length), b);
    m_left -= length - t;
}

}  // namespace np
