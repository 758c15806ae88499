#pragma once

#include "viewevaluator.h"

#include <QWidget>

namespace np {

class Document;
class PaintTool;

/// The central view: the input plane [-6, 6]^2 with the decision boundary (or regression
/// surface) as colour, the train and validation points on top, misclassified points marked,
/// and axes with ticks. Left-drag paints points with the paint tool, right-drag erases.
class BoundaryView : public QWidget
{
    Q_OBJECT

public:
    BoundaryView(Document *document, PaintTool *tool, QWidget *parent = nullptr);

    /// A new evaluated frame (from the view evaluator) to draw.
    void setFrame(const ViewFrame &frame);

    bool showTraining() const { return m_showTraining; }
    bool showValidation() const { return m_showValidation; }
    bool discretize() const { return m_discretize; }
    void setShowTraining(bool show);
    void setShowValidation(bool show);
    void setDiscretize(bool discretize);

    /// The plane rectangle shown (the grid the evaluator computes).
    GridSpec grid() const;

    /// Widget pixel <-> plane coordinates (for tests and tools).
    QPointF toPlane(const QPointF &pixel) const;
    QPointF toPixel(const QPointF &plane) const;

signals:
    /// The colouring options changed; the evaluator needs the new style.
    void styleChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    Document *m_document;
    PaintTool *m_tool;
    ViewFrame m_frame;
    bool m_showTraining = true;
    bool m_showValidation = true;
    bool m_discretize = false;
};

}  // namespace np
