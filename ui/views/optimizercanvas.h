#pragma once

#include "optimizerpainter.h"

#include <QWidget>

namespace np {

/// The optimizer view's plane: contours, paths and update arrows as the picture holds them.
/// Pressing anywhere on the plane moves the start point there; dragging carries it along.
class OptimizerCanvas : public QWidget
{
    Q_OBJECT

public:
    explicit OptimizerCanvas(const OptimizerPicture *picture, QWidget *parent = nullptr);

    PlaneLayout currentLayout() const;
    bool isDragging() const { return m_dragging; }

    QSize sizeHint() const override { return {420, 360}; }
    QSize minimumSizeHint() const override { return {140, 110}; }

signals:
    /// The user put the start at (x, y), in the surface's coordinates (clamped to its box).
    void startMoved(double x, double y);
    void dragFinished();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void moveTo(QPointF pixel);

    const OptimizerPicture *m_picture;
    bool m_dragging = false;
};

/// f against the step beside the plane (log scale).
class OptimizerLossCanvas : public QWidget
{
    Q_OBJECT

public:
    explicit OptimizerLossCanvas(const OptimizerPicture *picture, QWidget *parent = nullptr);

    QSize sizeHint() const override { return {300, 240}; }
    QSize minimumSizeHint() const override { return {120, 70}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    const OptimizerPicture *m_picture;
};

}  // namespace np
