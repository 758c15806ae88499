#pragma once

#include "viewevaluator.h"

#include "analysis/projection.h"

#include <QCoreApplication>
#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>
#include <QStringList>

#include <utility>
#include <vector>

namespace np {

/// What the folding view draws, without a widget: the input plane's grid and the data carried
/// into a layer's space (a hidden layer's, or the output's), projected on two chosen units or
/// the first two principal components, and the morph from the previous layer's picture to this
/// one. It keeps the choice of axes per layer, the principal components' signs across frames
/// (so training does not flip the picture), the fixed or fitted range, and builds the triangles
/// of every cell by class (or value bin) and the mesh lines in data coordinates, so a paint only
/// maps them to pixels.
class FoldingScene
{
    Q_DECLARE_TR_FUNCTIONS(FoldingScene)

public:
    /// Regression cells are tinted from the diverging map in this many steps, so they still
    /// batch into a few paths; a cell's key is its step.
    static constexpr int kValueBins = 17;

    /// One space drawn in 2-D: the projection used, and the mesh and points through it.
    struct Picture
    {
        Projection2D projection;
        bool principal = false;
        Matrix<double> mesh;    ///< 2 x side^2
        Matrix<double> points;  ///< 2 x data points
        QRectF bounds;          ///< of the mesh and the points
    };

    /// A new evaluated frame. Without a folding mesh the scene says it is waiting for one; a
    /// frame of the same widths keeps the chosen units, the signs and (fixed) the range.
    void setFrame(const ViewFrame &frame);
    const ViewFrame &frame() const { return m_frame; }

    // Each setter returns whether anything changed (and the scene was rebuilt).

    /// The space shown: 1 is the first hidden layer, spaceCount() - 1 the output layer.
    int layer() const { return m_layer; }
    bool setLayer(int space);
    /// The toggle "first two principal components"; it applies to layers wider than two units.
    bool principalComponents() const { return m_principal; }
    bool setPrincipalComponents(bool on);
    /// Whether the layer shown is drawn on principal components (toggle on and wider than 2).
    bool usesPrincipalComponents() const { return principalFor(m_layer); }
    /// The two units on the axes (0-based; -1 on y for a one-unit layer).
    std::pair<int, int> units() const;
    bool setUnits(int unitX, int unitY);
    /// Fixed scale keeps the range across frames (growing it only to keep every point inside);
    /// otherwise every frame is fitted anew.
    bool fixedScale() const { return m_fixedScale; }
    bool setFixedScale(bool fixed);
    /// Fits the fixed range to the current picture.
    void resetScale();
    /// The morph t in [0, 1]: 0 shows the previous layer's picture, 1 this layer's.
    double morph() const { return m_t; }
    bool setMorph(double t);

    /// Spaces of the mesh: the input plane (0), every hidden layer, the output; 0 without one.
    int spaceCount() const;
    int unitsOf(int space) const;
    /// "the input plane", "hidden layer 2", "the output layer".
    QString spaceName(int space) const;
    /// The layer list: every hidden layer, then the output layer, with widths and activations.
    QStringList layerNames() const;

    /// What is said instead of a picture (no mesh yet, no hidden layer); empty when it draws.
    QString message() const;
    /// "Hidden layer 2 (folding)", or "Input plane → hidden layer 1 (folding, 40%)" mid-morph.
    QString title() const;
    /// The label of the x (0) or y (1) axis, e.g. "a₁ of hidden layer 2" or "PC1 of … (63% of variance)";
    /// `brief` leaves out the layer, which the title and the layer chooser name ("a₁", "PC1 (63%)"),
    /// for an axis too short for the whole label.
    QString axisLabel(int axis, bool brief = false) const;

    /// Where the mesh vertices (row-major, as FoldingMesh) and the data points lie at the
    /// current morph, in data coordinates: 2 x n each.
    const Matrix<double> &meshPositions() const { return m_meshAt; }
    const Matrix<double> &pointPositions() const { return m_pointsAt; }
    /// The data rectangle spanned at the current morph, before padding.
    QRectF dataRange() const;
    /// The cells' triangles (three points each) per class, or per value bin in regression, in
    /// data coordinates: (key, triangles), only keys with cells.
    const std::vector<std::pair<int, QPolygonF>> &cells() const { return m_cells; }
    /// The mesh lines (rows, then columns) in data coordinates.
    const QPainterPath &lines() const { return m_lines; }
    bool isRegression() const { return m_frame.model.task == Task::Regression; }

private:
    bool principalFor(int space) const;
    Picture pictureOf(int space, const Picture *before);
    void rebuild(bool keepScale);
    void updateMorph();
    void buildPaths();
    QString endLabel(int space, int axis, const Picture &picture, bool brief) const;

    ViewFrame m_frame;
    int m_layer = 1;
    bool m_principal = true;
    bool m_fixedScale = true;
    double m_t = 1.0;
    std::vector<std::pair<int, int>> m_units;    ///< per space: the units on the axes
    std::vector<Projection2D> m_lastProjection;  ///< per space: last frame's, keeps PCA signs steady
    std::vector<Index> m_widths;                 ///< units per space and the mesh side, of the last mesh

    Picture m_before;  ///< the previous space (t = 0)
    Picture m_after;   ///< the space shown (t = 1)
    QRectF m_range0, m_range1;  ///< the kept (fixed) or fitted (auto) range of each end
    Matrix<double> m_meshAt, m_pointsAt;
    std::vector<std::pair<int, QPolygonF>> m_cells;
    QPainterPath m_lines;
};

}  // namespace np
