#include "boundaryview.h"

#include "document.h"
#include "painttool.h"

#include <QPainter>

namespace np {

BoundaryView::BoundaryView(Document *document, PaintTool *tool, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_tool(tool)
{
    setMinimumSize(300, 300);
    connect(m_document, &Document::datasetChanged, this, qOverload<>(&QWidget::update));
}

void BoundaryView::setFrame(const ViewFrame &frame)
{
    m_frame = frame;
    update();
}

void BoundaryView::setShowTraining(bool show)
{
    m_showTraining = show;
    update();
}

void BoundaryView::setShowValidation(bool show)
{
    m_showValidation = show;
    update();
}

void BoundaryView::setDiscretize(bool discretize)
{
    m_discretize = discretize;
    emit styleChanged();
}

GridSpec BoundaryView::grid() const
{
    return GridSpec{};
}

QPointF BoundaryView::toPlane(const QPointF &pixel) const
{
    const double side = std::min(width(), height());
    return {pixel.x() / side * 12 - 6, 6 - pixel.y() / side * 12};
}

QPointF BoundaryView::toPixel(const QPointF &plane) const
{
    const double side = std::min(width(), height());
    return {(plane.x() + 6) / 12 * side, (6 - plane.y()) / 12 * side};
}

void BoundaryView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const double side = std::min(width(), height());
    if (!m_frame.boundary.isNull())
        p.drawImage(QRectF(0, 0, side, side), m_frame.boundary);
}

void BoundaryView::mousePressEvent(QMouseEvent *)
{
}

void BoundaryView::mouseMoveEvent(QMouseEvent *)
{
}

void BoundaryView::mouseReleaseEvent(QMouseEvent *)
{
}

}  // namespace np
