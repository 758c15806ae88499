#pragma once

#include "common/rng.h"
#include "data/dataset.h"

#include <QCoreApplication>
#include <QPointF>

#include <functional>
#include <vector>

namespace np {

class Document;
class PaintTool;

/// One stroke of the paint tool on the input plane, from the press of a mouse button to its
/// release, as one undo step of the document. Painting drops a dab of points every half brush
/// radius along the drag, so the density follows the distance dragged, not the event rate;
/// erasing removes every shown point the brush sweeps, so a fast drag leaves no gaps.
class PointStroke
{
    Q_DECLARE_TR_FUNCTIONS(PointStroke)

public:
    enum class Kind { None, Paint, Erase };
    /// Whether a point is shown: erasing spares hidden points, which would surprise.
    using ShownFilter = std::function<bool(const DataPoint &)>;

    PointStroke(Document *document, PaintTool *tool, ShownFilter isShown);

    Kind kind() const { return m_kind; }
    /// The button that started the stroke; it ends when that button is released.
    Qt::MouseButton button() const { return m_button; }

    /// Starts a stroke at a plane position: the first dab, or the first erasure.
    void begin(Kind kind, Qt::MouseButton button, const QPointF &plane);
    /// Continues the stroke to a plane position.
    void moveTo(const QPointF &plane);
    void finish();

private:
    void appendDab(const QPointF &centre, std::vector<DataPoint> &points);
    void paintTo(const QPointF &plane);
    void eraseAlong(const QPointF &from, const QPointF &to);

    Document *m_document;
    PaintTool *m_tool;
    ShownFilter m_isShown;
    Rng m_rng;
    Kind m_kind = Kind::None;
    Qt::MouseButton m_button = Qt::NoButton;
    QPointF m_lastPlane;  ///< the last dab (paint) or cursor position (erase), plane units
};

}  // namespace np
