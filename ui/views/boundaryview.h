#pragma once

#include "figure.h"
#include "viewevaluator.h"

#include "common/rng.h"

#include <QColor>
#include <QWidget>

#include <vector>

namespace np {

class Document;
class PaintTool;

/// The central view: the input plane [-6, 6]^2 with the decision boundary (or regression
/// surface) as colour, the train and validation points on top, misclassified points marked,
/// and axes with ticks. Left-drag paints points with the paint tool, right-drag (or Shift+left)
/// erases; the cursor shows the brush and a read-out of the model's output under it.
/// As a figure it adds a title and a legend (classes and point markers, or the value scale).
class BoundaryView : public QWidget, public Figure
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

    /// Where the plane is drawn, in widget pixels: a square, margins left for the axes.
    QRectF plotRect() const;
    /// The radius of a drawn data point in pixels; it grows a little with the view and the font.
    double pointRadius() const;
    /// The hover read-out for a plane position: the coordinates, then (once a frame has arrived)
    /// the model's output at the nearest grid pixel, one item per line.
    QString readout(const QPointF &plane) const;

    QSize sizeHint() const override;

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

signals:
    /// The colouring options changed; the evaluator needs the new style.
    void styleChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    enum class Stroke { None, Paint, Erase };
    struct Layout;

    /// The model's output under a plane position, as a line of text and a colour swatch.
    struct HoverOutput
    {
        QString text;
        QColor swatch;  ///< invalid when there is nothing to show
    };

    /// The layout in the widget, or in any area measured with any device's font metrics.
    Layout layout() const;
    Layout layout(const QRectF &area, const QFontMetricsF &fm) const;
    HoverOutput hoverOutput(const QPointF &plane) const;
    bool isShown(const DataPoint &point) const;

    void paintTo(const QPointF &plane);
    void appendDab(const QPointF &centre, std::vector<DataPoint> &points);
    void eraseAlong(const QPointF &from, const QPointF &to);
    void finishStroke();
    void setHover(bool inside, const QPointF &pixel, bool erasing);
    QRect hoverRegion() const;
    QRectF readoutBox(const Layout &layout, const QStringList &lines) const;

    /// What the screen and a figure share: the boundary, the axes and the points.
    void drawPlane(QPainter &painter, const Layout &layout) const;
    void drawAxes(QPainter &painter, const Layout &layout) const;
    void drawPoints(QPainter &painter, const Layout &layout) const;
    /// The figure's legend, a column in area; returns its width for the given metrics.
    double legendWidth(const QFontMetricsF &fm) const;
    void drawLegend(QPainter &painter, const QRectF &area, const QFontMetricsF &fm) const;
    void drawBrush(QPainter &painter, const Layout &layout) const;
    void drawReadout(QPainter &painter, const Layout &layout) const;

    Document *m_document;
    PaintTool *m_tool;
    ViewFrame m_frame;
    bool m_showTraining = true;
    bool m_showValidation = true;
    bool m_discretize = false;

    // Painting: one stroke at a time, from press to the release of the same button.
    Rng m_rng;
    Stroke m_stroke = Stroke::None;
    Qt::MouseButton m_strokeButton = Qt::NoButton;
    QPointF m_lastPlane;  ///< the last dab (paint) or cursor position (erase), plane units

    // Hover: the brush outline and the read-out follow the cursor inside the plot.
    bool m_hovering = false;
    bool m_hoverErasing = false;
    QPointF m_hoverPixel;
};

}  // namespace np
