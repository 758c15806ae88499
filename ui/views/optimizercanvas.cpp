#include "optimizercanvas.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace np {

OptimizerCanvas::OptimizerCanvas(const OptimizerPicture *picture, QWidget *parent)
    : QWidget(parent)
    , m_picture(picture)
{
    setObjectName(QStringLiteral("optimizerCanvas"));
    setCursor(Qt::CrossCursor);
    setToolTip(tr("Press or drag on the plane to move the start point"));
}

PlaneLayout OptimizerCanvas::currentLayout() const
{
    return planeLayout(QRectF(rect()), m_picture->contours.box, QFontMetricsF(font()));
}

void OptimizerCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    paintOptimizerPlane(painter, currentLayout(), *m_picture, font(), palette());
}

void OptimizerCanvas::moveTo(QPointF pixel)
{
    const PlaneMapping m = currentLayout().plane;
    Point2 p = m.toPlane(pixel);
    p.x = std::clamp(p.x, m.box.xMin, m.box.xMax);
    p.y = std::clamp(p.y, m.box.yMin, m.box.yMax);
    emit startMoved(p.x, p.y);
}

void OptimizerCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !currentLayout().plane.rect.contains(event->position())) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_dragging = true;
    moveTo(event->position());
}

void OptimizerCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging)
        moveTo(event->position());
}

void OptimizerCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_dragging && event->button() == Qt::LeftButton) {
        m_dragging = false;
        emit dragFinished();
    }
}

OptimizerLossCanvas::OptimizerLossCanvas(const OptimizerPicture *picture, QWidget *parent)
    : QWidget(parent)
    , m_picture(picture)
{
    setObjectName(QStringLiteral("optimizerLoss"));
}

void OptimizerLossCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    paintOptimizerLoss(painter, QRectF(rect()), *m_picture, font(), palette(), true);
}

}  // namespace np
