#pragma once

#include "figure.h"
#include "viewevaluator.h"

#include "analysis/projection.h"

#include <QPainterPath>
#include <QPolygonF>
#include <QWidget>

#include <utility>
#include <vector>

class QCheckBox;
class QFontMetricsF;
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QToolButton;
class QVariantAnimation;

namespace np {

class Document;

/// "See inside the network": the input plane's grid and the data carried into a hidden layer's
/// space (or the output's), drawn as a warped mesh on two chosen units or the first two principal
/// components, each cell tinted with the class the network predicts there. A slider and a play
/// button morph the picture from the previous layer's space to this one, so each layer's
/// stretching and, for ReLU nets, folding of the space before it is seen happening
/// (Montúfar et al. 2014).
class FoldingView : public QWidget, public Figure
{
    Q_OBJECT

public:
    /// Vertices per side of the mesh the view asks the evaluator for.
    static constexpr int kMeshSide = 31;

    explicit FoldingView(Document *document, QWidget *parent = nullptr);
    ~FoldingView() override;

    /// `needs` with what this view draws switched on: the folding mesh at kMeshSide.
    static ViewNeeds requiredNeeds(ViewNeeds needs);

    /// A new evaluated frame; without a folding mesh the view says it is waiting for one.
    void setFrame(const ViewFrame &frame);

    /// The space shown: 1 is the first hidden layer, layerNames().size() the output layer.
    int layer() const { return m_layer; }
    void setLayer(int space);
    /// The layer combo's entries: every hidden layer, then the output layer.
    QStringList layerNames() const;

    /// The toggle "first two principal components"; it applies to layers wider than two units.
    bool principalComponents() const { return m_principal; }
    void setPrincipalComponents(bool on);
    /// Whether the layer shown is drawn on principal components (toggle on and wider than 2).
    bool usesPrincipalComponents() const;
    /// The two units on the axes (0-based) when not drawn on principal components.
    std::pair<int, int> units() const;
    void setUnits(int unitX, int unitY);

    /// Fixed scale keeps the range across frames (growing it only to keep every point inside),
    /// so the motion during training is visible; otherwise every frame is fitted anew.
    bool fixedScale() const { return m_fixedScale; }
    void setFixedScale(bool fixed);
    void resetScale();

    /// The morph t in [0, 1]: 0 shows the previous layer's picture, 1 this layer's.
    double morph() const { return m_t; }
    void setMorph(double t);
    bool isPlaying() const;
    void setPlaying(bool playing);

    /// Where the mesh vertices (row-major, as FoldingMesh) and the data points are drawn at the
    /// current morph, in the view's data coordinates: 2 x n each.
    const Matrix<double> &meshPositions() const { return m_meshAt; }
    const Matrix<double> &pointPositions() const { return m_pointsAt; }
    /// The data rectangle the plot spans at the current morph (before padding and the equal-aspect
    /// widening of the shorter side).
    QRectF dataRange() const;
    /// The label of the x (0) or y (1) axis, e.g. "a₁ of hidden layer 2" or "PC1 (63% of variance)".
    QString axisLabel(int axis) const;
    /// What the view says instead of a plot (no mesh yet, no hidden layer); empty when it draws.
    QString message() const;

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

    QSize sizeHint() const override;

private:
    class Canvas;
    struct Layout;

    /// One space drawn in 2-D: the projection used, and the mesh and points through it.
    struct Picture
    {
        Projection2D projection;
        bool principal = false;
        Matrix<double> mesh;    ///< 2 x side^2
        Matrix<double> points;  ///< 2 x data points
        QRectF bounds;          ///< of the mesh and the points
    };

    int spaceCount() const;
    int unitsOf(int space) const;
    QString spaceName(int space) const;
    bool principalFor(int space) const;
    Picture pictureOf(int space, const Picture *before);
    void rebuild(bool keepScale);
    void updateMorph();
    void buildPaths();
    void updateControls();
    void updateAxisCombos();
    QString endLabel(int space, int axis, const Picture &picture) const;
    QColor cellColor(int key) const;

    Layout layoutFor(const QFontMetricsF &fm, const QRectF &rect, const FigureOptions &options) const;
    void drawAxes(QPainter &painter, const QFontMetricsF &fm, const Layout &layout) const;
    void drawMesh(QPainter &painter, const Layout &layout) const;
    void drawPoints(QPainter &painter, const Layout &layout) const;
    void drawLegend(QPainter &painter, const QFontMetricsF &fm, const Layout &layout) const;

    Document *m_document;
    ViewFrame m_frame;
    int m_layer = 1;
    bool m_principal = true;
    bool m_fixedScale = true;
    double m_t = 1.0;
    std::vector<std::pair<int, int>> m_units;         ///< per space: the units on the axes
    std::vector<Projection2D> m_lastProjection;       ///< per space: last frame's, keeps PCA signs steady
    std::vector<Index> m_widths;                      ///< units per space and the mesh side, of the last mesh

    Picture m_before;  ///< the previous space (t = 0)
    Picture m_after;   ///< the space shown (t = 1)
    QRectF m_range0, m_range1;  ///< the kept (fixed) or fitted (auto) range of each end
    Matrix<double> m_meshAt, m_pointsAt;

    // Built when the frame, the choice of axes or t changes, in data coordinates; a paint only
    // maps them to pixels.
    std::vector<std::pair<int, QPolygonF>> m_cells;  ///< per class (or value bin): triangles, 3 points each
    QPainterPath m_lines;

    QComboBox *m_layerCombo = nullptr;
    QCheckBox *m_principalBox = nullptr;
    QComboBox *m_unitXCombo = nullptr;
    QComboBox *m_unitYCombo = nullptr;
    QCheckBox *m_fixedBox = nullptr;
    QPushButton *m_resetButton = nullptr;
    QToolButton *m_playButton = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_morphLabel = nullptr;
    Canvas *m_canvas = nullptr;
    QVariantAnimation *m_animation = nullptr;
};

}  // namespace np
