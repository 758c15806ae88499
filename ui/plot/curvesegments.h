#pragma once

#include <QLineF>
#include <QPointF>
#include <QVector>

#include <vector>

namespace np {

/// Cuts a plotted curve into separate line segments, with the dashes of a dashed line cut here.
///
/// Qt strokes a polyline drawn with a wide pen as one outline with joins and then fills it, and
/// a dashed wide pen through its dash stroker first: on a long noisy curve that costs tens of
/// milliseconds a paint. Separate solid segments with square caps take the raster engine's fast
/// path (each is filled as one rectangle), and the caps close the joints. Points are added in
/// order; a gap ends a run, and a run of one point becomes a dot (an isolated value, which a
/// line would not show).
class CurveSegments
{
public:
    /// `width` is the pen's width. A dashed curve is 3 widths on, 2 off, as Qt's {3, 2} pattern
    /// (the square caps add a width to each dash). Parts of the curve above `bandTop` or below
    /// `bandBottom` are cut off at the band, keeping their direction, so a curve far off the
    /// scale costs what the plot shows.
    CurveSegments(double width, bool dashed, double bandTop, double bandBottom);

    void add(const QPointF &p);
    void gap();

    /// The segments and dots so far, the current run finished.
    const QVector<QLineF> &segments();
    const std::vector<QPointF> &dots();

private:
    void finishRun();
    bool clipToBand(QPointF &a, QPointF &b) const;
    void addSegment(QPointF a, QPointF b);

    double m_dash;
    double m_space;
    bool m_dashed;
    double m_bandTop;
    double m_bandBottom;
    QVector<QLineF> m_segments;
    std::vector<QPointF> m_dots;
    QPointF m_last;
    int m_runLength = 0;  // points in the current run
    bool m_on = true;     // in a dash, not a space
    double m_left = 0;    // of the current dash or space
};

}  // namespace np
