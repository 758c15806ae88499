#pragma once

#include "figure.h"
#include "foldingscene.h"
#include "markerstamps.h"
#include "viewevaluator.h"

#include <QWidget>

#include <utility>
#include <vector>

class QCheckBox;
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
/// (Montúfar et al. 2014). What it draws is computed by a FoldingScene; the widget adds the
/// controls and the painting.
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
    /// requiredNeeds, and the principal components of the layer shown and those before it when
    /// it draws them, so the evaluator computes them with the mesh. needsChanged() says when
    /// this changes (another layer, the toggle).
    ViewNeeds addNeeds(ViewNeeds needs) const;

    /// A new evaluated frame; without a folding mesh the view says it is waiting for one.
    void setFrame(const ViewFrame &frame);

    /// The space shown: 1 is the first hidden layer, layerNames().size() the output layer.
    int layer() const { return m_scene.layer(); }
    void setLayer(int space);
    /// The layer combo's entries: every hidden layer, then the output layer.
    QStringList layerNames() const;

    /// The toggle "first two principal components"; it applies to layers wider than two units.
    bool principalComponents() const { return m_scene.principalComponents(); }
    void setPrincipalComponents(bool on);
    /// Whether the layer shown is drawn on principal components (toggle on and wider than 2).
    bool usesPrincipalComponents() const { return m_scene.usesPrincipalComponents(); }
    /// The two units on the axes (0-based) when not drawn on principal components.
    std::pair<int, int> units() const { return m_scene.units(); }
    void setUnits(int unitX, int unitY);

    /// Fixed scale keeps the range across frames (growing it only to keep every point inside),
    /// so the motion during training is visible; otherwise every frame is fitted anew.
    bool fixedScale() const { return m_scene.fixedScale(); }
    void setFixedScale(bool fixed);
    void resetScale();

    /// The morph t in [0, 1]: 0 shows the previous layer's picture, 1 this layer's.
    double morph() const { return m_scene.morph(); }
    void setMorph(double t);
    bool isPlaying() const;
    void setPlaying(bool playing);

    /// Where the mesh vertices (row-major, as FoldingMesh) and the data points are drawn at the
    /// current morph, in the view's data coordinates: 2 x n each.
    const Matrix<double> &meshPositions() const { return m_scene.meshPositions(); }
    const Matrix<double> &pointPositions() const { return m_scene.pointPositions(); }
    /// The data rectangle the plot spans at the current morph (before padding and the equal-aspect
    /// widening of the shorter side).
    QRectF dataRange() const { return m_scene.dataRange(); }
    /// The label of the x (0) or y (1) axis, e.g. "a₁ of hidden layer 2" or "PC1 (63% of variance)".
    QString axisLabel(int axis) const { return m_scene.axisLabel(axis); }
    /// What the view says instead of a plot (no mesh yet, no hidden layer); empty when it draws.
    QString message() const { return m_scene.message(); }
    /// What is drawn, computed without the widget.
    const FoldingScene &scene() const { return m_scene; }

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

    QSize sizeHint() const override;

    /// Whether the animation is advancing now: playing, and the view on screen (a hidden or
    /// tabbed-away view keeps its play state but computes nothing).
    bool isAnimating() const;
    /// Told by its dock: false while another dock's tab covers it (the widget stays "visible").
    void setOnScreen(bool onScreen);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

signals:
    /// What addNeeds() adds has changed.
    void needsChanged();

private:
    class Canvas;

    /// After the scene was rebuilt: the morph label and the canvas.
    void sceneRebuilt();
    /// After the morph moved.
    void showMorph();
    void updateControls();
    /// Runs the animation when playing and on screen, pauses it otherwise.
    void followScreen();

    Document *m_document;
    bool m_onScreen = true;
    FoldingScene m_scene;
    mutable MarkerStamps m_stamps;  ///< the points' markers, drawn once per colour for every paint

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
