#pragma once

#include "figure.h"
#include "viewframe.h"

#include "analysis/computationgraph.h"
#include "analysis/networkbackprop.h"
#include "backpropnetworkpainter.h"

#include <QLineF>
#include <QPointer>
#include <QWidget>

#include <optional>
#include <vector>

class QLineEdit;

namespace np {

class BackpropControls;
class Document;
class TrainingController;

/// Backpropagation step by step. Graph mode works a computational graph of the notes gate by
/// gate, forward (values above the wires) then backward (gradients below, "upstream × local =
/// downstream" at the current gate), inputs editable in place. Network mode walks one training
/// point through the user's own network: z and a per unit, the loss, δ per unit and ∂L/∂W per
/// layer, and the SGD step on that point with the boundary before and after; "Apply step" keeps it.
/// → and ← step, Home and End jump.
class BackpropView : public QWidget, public Figure
{
    Q_OBJECT

public:
    enum Mode { Graph, Network };

    explicit BackpropView(Document *document, QWidget *parent = nullptr);
    ~BackpropView() override;

    /// Where "Apply step" sends the weights (the diagram's weight edits go the same way).
    void setEditTarget(TrainingController *controller);
    /// The weights walked (the frame's model) and the plane's domain.
    void setFrame(const ViewFrame &frame);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    /// Picks a built-in graph by key (graphExamples()); false for an unknown key.
    bool setExample(const QString &key);
    QString exampleKey() const;
    const ComputationGraph &graph() const { return m_graph; }
    void setGraphInput(int node, double value);

    int step() const;
    int lastStep() const;
    void setStep(int step);

    /// The training point walked (an index into the document's points), and the walk itself.
    int pointIndex() const { return m_point; }
    void selectPoint(int index);
    void nextPoint();
    const PointBackprop *walk() const;
    /// Keeps the walk's SGD step as one undo step of the document.
    void applyStep();

    BackpropControls *controls() const { return m_controls; }
    QWidget *canvas() const { return m_canvas; }
    /// The figure rect of the canvas (mouse positions are canvas coordinates).
    QRectF canvasRect() const;
    /// Where a graph node's box lies on the canvas; where the walked point is in the plane.
    QRectF graphBox(int node) const;
    QPointF planePixel(double x1, double x2) const;

    QString figureName() const override { return QStringLiteral("backprop"); }
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    class Canvas;
    void refresh();
    void sourceChanged();
    void ensureWalk() const;
    void ensureBoundaries() const;
    QFont figureFont(const QRectF &rect) const;
    bool showsPlane(const QRectF &area) const;
    QRectF diagramRect(const QRectF &area) const;
    QRectF planeRect(const QRectF &area) const;
    void canvasClicked(QPointF pos);
    void canvasHovered(QPointF pos);
    void openInputEditor(int node);
    void commitInputEditor();
    QStringList trainingNotes() const;
    double learningRate() const;

    Document *m_document;
    QPointer<TrainingController> m_controller;
    BackpropControls *m_controls;
    QWidget *m_canvas;
    QLineEdit *m_inputEditor = nullptr;
    int m_editing = -1;

    Mode m_mode = Graph;
    int m_example = 0;
    ComputationGraph m_graph;
    int m_graphStep = 0;

    Model m_model;
    bool m_haveModel = false;
    GridSpec m_domain;
    int m_point = -1;
    int m_networkStep = 0;
    WalkUnit m_hovered;

    // Computed on demand from the model and the point.
    mutable bool m_walkDirty = true;
    mutable std::optional<PointBackprop> m_walk;
    mutable bool m_boundariesDirty = true;
    mutable std::vector<QLineF> m_boundaryBefore, m_boundaryAfter;
};

}  // namespace np
