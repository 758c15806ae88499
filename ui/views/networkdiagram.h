#pragma once

#include "figure.h"
#include "viewevaluator.h"

#include "network/network.h"

#include <QLineF>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <vector>

class QLineEdit;

namespace np {

class Document;
class TrainingController;

/// The network drawn left to right: the input features, every hidden layer and the output, each
/// unit a small map of its activation over the input plane, edges coloured by the sign of the
/// weight and sized by its magnitude. Hovering a unit enlarges its map and shows its formula with
/// numbers; hovering an edge or a bias marker shows the weight; clicking one edits it (one undo
/// step). Dead ReLUs and saturated units are marked.
///
/// Columns are numbered in the lecture's notation: 0 is the input, l = 1..L the layers with W[l]
/// (network layer l - 1), L the output. Units are 0-based in the API and 1-based on screen.
///
/// The widget asks for a minimum size that keeps 64-unit layers legible; put it in a QScrollArea
/// with widgetResizable(true) so large networks scroll instead of shrinking.
class NetworkDiagram : public QWidget, public Figure
{
    Q_OBJECT

public:
    /// What the pointer is over.
    struct Hit
    {
        enum Kind { None, Neuron, Bias, Edge };
        Kind kind = None;
        int column = 0;  ///< 0: inputs; l >= 1: layer l (W[l], b[l])
        int unit = 0;    ///< the unit of that column (for an edge: i, the receiving unit)
        int from = -1;   ///< an edge's sending unit j of column - 1
        int row = 0;     ///< the row of W[l] and b[l] (differs from unit for maxout pieces)
        bool operator==(const Hit &) const = default;
    };

    explicit NetworkDiagram(QWidget *parent = nullptr);
    ~NetworkDiagram() override;

    /// The frame evaluator needs of this view: the neuron maps at a resolution that stays smooth
    /// in the enlarged hover map and cheap for 8 x 64 units.
    static ViewNeeds addNeeds(ViewNeeds needs);

    /// A new evaluated frame: its model gives the weights, its neuron maps the pictures.
    void setFrame(const ViewFrame &frame);
    /// Where edits go; without both the diagram is read-only.
    void setEditTarget(TrainingController *controller, Document *document);

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Geometry, contents and hit testing as drawn on screen (for tests and tools).
    int columnCount() const { return int(m_units.size()); }
    int unitCount(int column) const { return m_units[std::size_t(column)]; }
    QRectF neuronRect(int column, int unit) const;
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
    QLineEdit *editor() const { return m_editor; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Column;
    struct Geometry;
    struct EdgeBuckets;
    struct LegendItem
    {
        enum Key { Positive, Negative, Bias, Dead, Saturated, Text };
        Key key;
        QString text;
    };

    static double minimumPitch(double em);
    static double legendKeyWidth(const LegendItem &item, double em);
    std::vector<LegendItem> legendItems() const;
    /// The drawn strength of a weight, 0..1, for widths and colours.
    double strength(float w) const;

    Geometry layout(const QRectF &rect, const FigureOptions &options) const;
    void ensureGeometry() const;
    void ensureBuckets() const;
    int incomingDrawn(int column) const;
    void selectEdges(const Geometry &g, EdgeBuckets &buckets) const;
    void drawDiagram(QPainter &painter, const Geometry &g, const EdgeBuckets &buckets,
                     const FigureOptions &options) const;
    void drawLegend(QPainter &painter, const Geometry &g) const;
    void drawHover(QPainter &painter, const Geometry &g) const;
    void drawUnitPopup(QPainter &painter, const Geometry &g) const;
    QRectF visibleArea() const;
    Hit hitTest(const Geometry &g, const QPointF &pos) const;
    float weight(int column, int i, int j, int *row = nullptr) const;
    float bias(int column, int row) const;
    bool hasBias(int column) const;
    QString unitName(int column, int unit) const;
    QString columnTitle(int column) const;
    QString columnSubtitle(int column) const;
    void setHover(const Hit &hit, const QPointF &pos);
    void commitEdit();
    void closeEditor();

    ViewFrame m_frame;
    Network<Scalar> m_net;  // the frame's weights, laid out for W(l) and b(l)
    std::vector<int> m_units;  // per column
    std::vector<QString> m_inputNames;
    float m_weightScale = 1.0f;  // the |w| drawn at full width: the largest weight of the network

    QPointer<TrainingController> m_controller;
    QPointer<Document> m_document;

    // Caches for the screen: the layout for the widget's size and font, and the edges sorted into
    // pens for the current weights. Rebuilt when the shape, size or weights change, never per paint.
    mutable std::unique_ptr<Geometry> m_geometry;
    mutable std::unique_ptr<EdgeBuckets> m_buckets;
    mutable bool m_bucketsValid = false;

    Hit m_hover;
    QPointF m_hoverPos;
    Hit m_editing;
    QLineEdit *m_editor = nullptr;
};

}  // namespace np
