#pragma once

#include "diagramhit.h"
#include "diagramnetwork.h"
#include "diagrampainter.h"
#include "figure.h"
#include "steppedpicture.h"
#include "viewevaluator.h"

#include <QImage>
#include <QLineF>
#include <QWidget>

#include <memory>
#include <vector>

class QLineEdit;
class QTimer;

namespace np {

class DiagramControls;
class Document;
class TrainingController;
class WeightEditor;
struct DiagramEdges;
struct DiagramLayout;

/// The network drawn left to right: the input features, every hidden layer and the output, each
/// unit a small map of its activation over the input plane, edges coloured by the sign of the
/// weight and sized by its magnitude. Hovering a unit enlarges its map and shows its formula with
/// numbers; hovering an edge or a bias marker shows the weight; clicking one edits it (one undo
/// step). Dead ReLUs and saturated units are marked.
///
/// Columns are numbered in the lecture's notation: 0 is the input, l = 1..L the layers with W[l]
/// (network layer l - 1), L the output. Units are 0-based in the API and 1-based on screen.
///
/// Maps are sized from the space the widget has (DiagramLayout::compute). The widget asks for a
/// minimum size that keeps 64-unit layers legible; put it in a QScrollArea with
/// widgetResizable(true) so large networks scroll instead of shrinking.
///
/// The pieces: DiagramNetwork reads the frame's weights, DiagramLayout places everything and
/// hit-tests, DiagramEdges picks the edges drawn, NeuronFormula writes the formulas,
/// DiagramPainter draws, and WeightEditor edits a weight in place.
class NetworkDiagram : public QWidget, public Figure
{
    Q_OBJECT

public:
    /// What the pointer is over.
    using Hit = DiagramHit;

    explicit NetworkDiagram(QWidget *parent = nullptr);
    ~NetworkDiagram() override;

    /// The frame evaluator needs of this view: the neuron maps at a resolution that stays smooth
    /// in the enlarged hover map and cheap for 8 x 64 units.
    static ViewNeeds addNeeds(ViewNeeds needs);

    /// A new evaluated frame: its model gives the weights, its neuron maps the pictures.
    void setFrame(const ViewFrame &frame);
    /// Where edits go; without both the diagram is read-only. With a document the network is
    /// also built here: inputs switched on and off, layers and units added and removed, each
    /// layer's activation chosen (see DiagramControls).
    void setEditTarget(TrainingController *controller, Document *document);
    DiagramControls *controls() const { return m_controls; }

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

    /// The height at which columns of `units` units get maps of `map` pixels, header and pads
    /// included (for a window's default layout).
    int heightForMaps(double map, int units) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Geometry, contents and hit testing as drawn on screen (for tests and tools).
    int columnCount() const { return m_net.columnCount(); }
    int unitCount(int column) const { return m_net.unitCount(column); }
    QRectF neuronRect(int column, int unit) const;
    /// A column's title as drawn on screen: "Hidden 2", or "H2" or elided where it is narrow.
    QString columnTitleShown(int column) const;
    /// The centre of a unit's bias marker; a null point when the layer has no bias (batch norm).
    QPointF biasCentre(int column, int unit) const;
    /// The edge from unit j of column - 1 to unit i of column.
    QLineF edgeLine(int column, int i, int j) const;
    Hit hitTest(const QPointF &pos) const;
    /// Edges drawn of a layer: all of them, or the strongest few per unit when the layer is dense.
    int drawnEdgeCount(int column) const;
    const QImage &neuronImage(int column, int unit) const;
    UnitState unitState(int column, int unit) const;
    /// The weight (hit.kind Edge) or bias (Bias) under a hit, from the frame's model.
    float value(const Hit &hit) const;
    /// "a[2]₃ = tanh(0.53·a[1]₁ − 1.2·a[1]₂ + 0.1)"; several lines for maxout pieces.
    QString formula(int column, int unit) const;
    /// "W[2]₍₃,₁₎ = −0.84" or "b[2]₃ = 0.1".
    QString valueText(const Hit &hit) const;

    /// Opens the inline editor for a weight or bias, as a click does.
    void beginEdit(const Hit &hit);
    QLineEdit *editor() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    DiagramLayout layout(const QRectF &rect, const FigureOptions &options, bool screen) const;
    void ensureGeometry() const;
    /// Lays out again and moves the controls (after a change of size, shape, font or settings).
    void relayout();
    void ensureEdges() const;
    QRectF visibleArea() const;
    void setHover(const Hit &hit, const QPointF &pos);

    ViewFrame m_frame;
    DiagramNetwork m_net;  // the frame's weights as the diagram reads them
    WeightEditor *m_editor;
    DiagramControls *m_controls;

    // Caches for the screen: the layout for the widget's size and font, and the edges sorted into
    // pens for the current weights. Rebuilt when the shape, size or weights change, never per paint.
    mutable std::unique_ptr<DiagramLayout> m_geometry;
    mutable std::unique_ptr<DiagramEdges> m_edges;
    mutable bool m_edgesValid = false;

    Hit m_hover;
    QPointF m_hoverPos;

    // The screen cache: the visible part drawn into an image in steps (DiagramPainter::drawStep),
    // one per turn of the event loop, from copies of the frame, weights, layout and edges, so no
    // paint holds the GUI thread for 512 maps and 1,500 edges; the widget shows it once complete.
    // Its revision: of what is drawn, one more per frame, layout or look.
    void startRender();
    void dropCache();
    DiagramStamps m_stamps;  ///< the screen's bias markers and dead crosses
    SteppedPicture m_picture{this, QStringLiteral("diagramRenderStep"), [this] { startRender(); }};
};

}  // namespace np
