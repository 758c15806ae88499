#pragma once

#include "boundarylayout.h"
#include "boundarypainter.h"
#include "figure.h"
#include "pointstroke.h"
#include "viewevaluator.h"

#include <QColor>
#include <QWidget>

#include <vector>

class QAction;

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
    /// How often the points were drawn into their cached layer (a new frame reuses it).
    int pointLayerDraws() const { return m_pointLayers.pointDraws; }

    bool showTraining() const { return m_showTraining; }
    bool showValidation() const { return m_showValidation; }
    bool discretize() const { return m_discretize; }
    void setShowTraining(bool show);
    void setShowValidation(bool show);
    void setDiscretize(bool discretize);
    /// Rings around misclassified points; off leaves the data alone (a lecture about the data).
    bool showMisclassified() const { return m_showMisclassified; }
    void setShowMisclassified(bool show);
    /// The key in a corner of the plane: class colours, validation and misclassified markers.
    bool showLegend() const { return m_showLegend; }
    void setShowLegend(bool show);
    /// Checkable actions for the View menu (M and K), remembered in the settings across runs.
    QAction *misclassifiedAction() const { return m_misclassifiedAction; }
    QAction *legendAction() const { return m_legendAction; }
    /// Where the on-screen legend is drawn now; empty when it is hidden or the plane too small.
    QRectF legendRect() const;

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

    /// For 1-D data (a network that reads x1 alone on regression data) the sentence drawn across
    /// the top of the plane, which then shows only stripes of F(x1); empty otherwise.
    QString oneDimensionalNote() const;

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
    /// The model's output under a plane position, as a line of text and a colour swatch.
    struct HoverOutput
    {
        QString text;
        QColor swatch;  ///< invalid when there is nothing to show
    };

    /// The layout in the widget.
    BoundaryLayout layout() const;
    /// The painter of what the screen and a figure share, for the current frame and data.
    BoundaryPainter planePainter() const;
    HoverOutput hoverOutput(const QPointF &plane) const;
    bool isShown(const DataPoint &point) const;

    void setHover(bool inside, const QPointF &pixel, bool erasing);
    QRect hoverRegion() const;
    QRectF readoutBox(const BoundaryLayout &layout, const QStringList &lines) const;

    void drawBrush(QPainter &painter, const BoundaryLayout &layout) const;
    void drawReadout(QPainter &painter, const BoundaryLayout &layout) const;

    Document *m_document;
    PaintTool *m_tool;
    ViewFrame m_frame;
    mutable BoundaryPainter::PointLayers m_pointLayers;  ///< the points, drawn once per data and size
    bool m_showTraining = true;
    bool m_showValidation = true;
    bool m_discretize = false;
    bool m_showMisclassified = true;
    bool m_showLegend = true;
    QAction *m_misclassifiedAction = nullptr;
    QAction *m_legendAction = nullptr;

    // Painting: one stroke at a time, from press to the release of the same button.
    PointStroke m_stroke;

    // Hover: the brush outline and the read-out follow the cursor inside the plot.
    bool m_hovering = false;
    bool m_hoverErasing = false;
    QPointF m_hoverPixel;
};

}  // namespace np
