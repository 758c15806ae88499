#include "foldingscene.h"

#include "numberformat.h"

#include "network/activation.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>

namespace np {

namespace {

// A PCA axis is turned over to agree with the previous layer's picture only when it disagrees
// this clearly; near zero correlation the sign is kept from the last frame, so training does
// not make the picture flicker between mirror images.
constexpr double kFlipThreshold = 0.3;

// The sample correlation of two rows (0 when either is constant).
double correlation(const RowVector<double> &a, const RowVector<double> &b)
{
    if (a.size() < 2 || a.size() != b.size())
        return 0.0;
    const RowVector<double> ca = a.array() - a.mean();
    const RowVector<double> cb = b.array() - b.mean();
    const double norms = std::sqrt(ca.squaredNorm() * cb.squaredNorm());
    return norms > 1e-300 ? ca.dot(cb) / norms : 0.0;
}

// The bounding box of the finite columns of 2 x n matrices; left/top hold the minima.
QRectF boundsOf(std::initializer_list<const Matrix<double> *> sets)
{
    double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
    for (const Matrix<double> *m : sets) {
        for (Index i = 0; i < m->cols(); ++i) {
            const double x = (*m)(0, i), y = (*m)(1, i);
            if (!std::isfinite(x) || !std::isfinite(y))
                continue;
            x0 = std::min(x0, x), x1 = std::max(x1, x);
            y0 = std::min(y0, y), y1 = std::max(y1, y);
        }
    }
    if (!(x0 <= x1))
        return QRectF(-1, -1, 2, 2);
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

QRectF unite(const QRectF &a, const QRectF &b)
{
    return QRectF(QPointF(std::min(a.left(), b.left()), std::min(a.top(), b.top())),
                  QPointF(std::max(a.right(), b.right()), std::max(a.bottom(), b.bottom())));
}

QRectF interpolate(const QRectF &a, const QRectF &b, double t)
{
    const auto mix = [t](double u, double v) { return (1 - t) * u + t * v; };
    return QRectF(QPointF(mix(a.left(), b.left()), mix(a.top(), b.top())),
                  QPointF(mix(a.right(), b.right()), mix(a.bottom(), b.bottom())));
}

void addTriangle(QPolygonF &triangles, QPointF a, QPointF b, QPointF c)
{
    // A cell is split in two triangles because a folded quadrilateral can cross itself and a
    // triangle cannot; wound the same way, so that as a path with the winding fill rule
    // overlapping (folded) triangles add up instead of cancelling into holes.
    const double area = (b.x() - a.x()) * (c.y() - a.y()) - (c.x() - a.x()) * (b.y() - a.y());
    if (!std::isfinite(area) || area == 0.0)
        return;
    if (area < 0)
        std::swap(b, c);
    triangles << a << b << c;
}

}  // namespace

void FoldingScene::setFrame(const ViewFrame &frame)
{
    // Compared with the last frame that had a mesh: a frame without one (the dock was hidden)
    // leaves the chosen units and the fixed range alone.
    std::vector<Index> widths;
    if (frame.folding) {
        for (const Matrix<double> &v : frame.folding->vertices)
            widths.push_back(v.rows());
        widths.push_back(frame.folding->side);
    }
    const bool sameShape = frame.folding && widths == m_widths;
    m_frame = frame;
    if (frame.folding && !sameShape) {
        // New widths: the chosen units and the PCA signs of the old network mean nothing here.
        m_widths = widths;
        m_units.assign(std::size_t(spaceCount()), {0, 1});
        for (int s = 0; s < spaceCount(); ++s) {
            if (unitsOf(s) < 2)
                m_units[std::size_t(s)].second = -1;
        }
        m_lastProjection.assign(std::size_t(spaceCount()), Projection2D{});
    }
    m_layer = std::clamp(m_layer, 1, std::max(1, spaceCount() - 1));
    rebuild(sameShape);
}

int FoldingScene::spaceCount() const
{
    return m_frame.folding ? m_frame.folding->spaces() : 0;
}

int FoldingScene::unitsOf(int space) const
{
    return space >= 0 && space < spaceCount() ? int(m_frame.folding->vertices[std::size_t(space)].rows()) : 0;
}

QString FoldingScene::spaceName(int space) const
{
    if (space == 0)
        return tr("the input plane");
    if (space == spaceCount() - 1)
        return tr("the output layer");
    return tr("hidden layer %1").arg(space);
}

QStringList FoldingScene::layerNames() const
{
    QStringList names;
    const std::vector<LayerSpec> &hidden = m_frame.model.network.hidden;
    for (int s = 1; s < spaceCount(); ++s) {
        if (s == spaceCount() - 1) {
            names << tr("Output layer — %1 × %2").arg(unitsOf(s)).arg(QString::fromUtf8(headTitle(m_frame.model.network.head)));
        } else {
            const QString g = std::size_t(s - 1) < hidden.size()
                                  ? QString::fromUtf8(activationInfo(hidden[std::size_t(s - 1)].activation).title)
                                  : QString();
            names << tr("Hidden layer %1 — %2 × %3").arg(s).arg(unitsOf(s)).arg(g);
        }
    }
    return names;
}

bool FoldingScene::setLayer(int space)
{
    if (spaceCount() > 1)
        space = std::clamp(space, 1, spaceCount() - 1);
    if (space == m_layer)
        return false;
    m_layer = space;
    rebuild(false);
    return true;
}

bool FoldingScene::principalFor(int space) const
{
    return space > 0 && m_principal && unitsOf(space) > 2;
}

bool FoldingScene::setPrincipalComponents(bool on)
{
    if (on == m_principal)
        return false;
    m_principal = on;
    rebuild(false);
    return true;
}

std::pair<int, int> FoldingScene::units() const
{
    return std::size_t(m_layer) < m_units.size() ? m_units[std::size_t(m_layer)] : std::pair{0, 1};
}

bool FoldingScene::setUnits(int unitX, int unitY)
{
    if (std::size_t(m_layer) >= m_units.size())
        return false;
    const int n = unitsOf(m_layer);
    const std::pair<int, int> chosen{std::clamp(unitX, 0, n - 1), n > 1 ? std::clamp(unitY, 0, n - 1) : -1};
    if (chosen == m_units[std::size_t(m_layer)])
        return false;
    m_units[std::size_t(m_layer)] = chosen;
    rebuild(false);
    return true;
}

bool FoldingScene::setFixedScale(bool fixed)
{
    if (fixed == m_fixedScale)
        return false;
    m_fixedScale = fixed;
    // Turning it on keeps what is shown now as the starting range; turning it off fits at once.
    if (!fixed)
        rebuild(false);
    return true;
}

void FoldingScene::resetScale()
{
    m_range0 = m_before.bounds;
    m_range1 = m_after.bounds;
}

bool FoldingScene::setMorph(double t)
{
    t = std::clamp(t, 0.0, 1.0);
    if (t == m_t)
        return false;
    m_t = t;
    updateMorph();
    return true;
}

QRectF FoldingScene::dataRange() const
{
    return interpolate(m_range0, m_range1, m_t);
}

QString FoldingScene::message() const
{
    if (!m_frame.folding || spaceCount() != int(m_frame.model.network.hidden.size()) + 2)
        return tr("The picture of the hidden layers appears once the network has been evaluated.");
    if (m_frame.model.network.hidden.empty())
        return tr("This network has no hidden layer, so nothing transforms the input plane before the output.\n"
                  "Add a hidden layer in the network settings to see how it stretches and folds the plane.");
    return {};
}

QString FoldingScene::endLabel(int space, int axis, const Picture &picture, bool brief) const
{
    if (space == 0)
        return axis == 0 ? QStringLiteral("x₁") : QStringLiteral("x₂");
    const long percent = std::lround(100 * picture.projection.explained[axis]);
    if (picture.principal && brief)
        return tr("PC%1 (%2% of variance)").arg(axis + 1).arg(percent);
    if (picture.principal)
        return tr("PC%1 of %2 (%3% of variance)").arg(axis + 1).arg(spaceName(space)).arg(percent);
    const std::pair<int, int> u = m_units[std::size_t(space)];
    const int unit = axis == 0 ? u.first : u.second;
    if (unit < 0)
        return brief ? tr("(one unit)") : tr("(%1 has one unit)").arg(spaceName(space));
    return brief ? QStringLiteral("a%1").arg(subscript(unit + 1)) : tr("a%1 of %2").arg(subscript(unit + 1), spaceName(space));
}

QString FoldingScene::axisLabel(int axis, bool brief) const
{
    if (!message().isEmpty())
        return {};
    if (m_t >= 1.0)
        return endLabel(m_layer, axis, m_after, brief);
    if (m_t <= 0.0)
        return endLabel(m_layer - 1, axis, m_before, brief);
    return endLabel(m_layer - 1, axis, m_before, brief) + QStringLiteral(" → ") + endLabel(m_layer, axis, m_after, brief);
}

QString FoldingScene::title() const
{
    if (!message().isEmpty())
        return tr("Folding");
    const auto title = [this](int space) {
        if (space == 0)
            return tr("Input plane");
        return space == spaceCount() - 1 ? tr("Output layer") : tr("Hidden layer %1").arg(space);
    };
    if (m_t >= 1.0)
        return tr("%1 (folding)").arg(title(m_layer));
    return tr("%1 → %2 (folding, %3%)").arg(title(m_layer - 1), spaceName(m_layer)).arg(std::lround(100 * m_t));
}

FoldingScene::Picture FoldingScene::pictureOf(int space, const Picture *before)
{
    const FoldingMesh &mesh = *m_frame.folding;
    const Matrix<double> &vertices = mesh.vertices[std::size_t(space)];
    const Index n = vertices.rows();
    Picture picture;
    Projection2D &projection = picture.projection;
    if (space == 0) {
        projection = unitAxes(2, 0, 1);
    } else if (principalFor(space)) {
        // The mesh alone decides the components: it samples the whole plane evenly, the data
        // need not, and the picture should not change when points are painted. The evaluator
        // computes them with the mesh when asked (ViewNeeds::foldingPrincipal); until a frame
        // that has them arrives (another layer chosen), they are computed here, the same way.
        const Projection2D &last = m_lastProjection[std::size_t(space)];
        const Projection2D *previous = last.axes.cols() == n ? &last : nullptr;
        const std::vector<Projection2D> &given = mesh.principal;
        if (std::size_t(space) < given.size() && given[std::size_t(space)].axes.cols() == n) {
            projection = given[std::size_t(space)];
            orientAxes(projection, previous);
        } else {
            projection = principalAxes(vertices, previous);
        }
        picture.principal = true;
    } else {
        const std::pair<int, int> u = m_units[std::size_t(space)];
        projection = unitAxes(n, u.first, u.second);
    }
    picture.mesh = projection.apply(vertices);
    picture.points = projection.apply(mesh.points[std::size_t(space)]);
    if (picture.principal && before) {
        // A component's sign is arbitrary. Turned to agree with the previous layer's picture, the
        // morph shows the layer stretching and folding the plane instead of mirroring it.
        const bool continuing = m_lastProjection[std::size_t(space)].axes.cols() == n;
        for (int k = 0; k < 2; ++k) {
            if (correlation(picture.mesh.row(k), before->mesh.row(k)) < (continuing ? -kFlipThreshold : 0.0)) {
                projection.axes.row(k) *= -1;
                picture.mesh.row(k) *= -1;
                picture.points.row(k) *= -1;
            }
        }
        m_lastProjection[std::size_t(space)] = projection;
    }
    picture.bounds = boundsOf({&picture.mesh, &picture.points});
    return picture;
}

void FoldingScene::rebuild(bool keepScale)
{
    if (!message().isEmpty()) {
        m_before = m_after = Picture{};
        m_meshAt.resize(2, 0);
        m_pointsAt.resize(2, 0);
        m_cells.clear();
        m_lines = QPainterPath();
        return;
    }
    // Both ends of the morph are drawn each with its own axes, exactly as the layer combo would
    // show them, so 0% of layer l is the picture of layer l - 1 at 100%: no padding of the
    // narrower space, no common projection that would show neither layer as it is. Each layer's
    // principal components are oriented by the one before (see pictureOf), down to the plane.
    Picture previous = pictureOf(0, nullptr);
    for (int s = 1; s < m_layer; ++s)
        previous = pictureOf(s, &previous);
    m_after = pictureOf(m_layer, &previous);
    m_before = std::move(previous);

    if (m_fixedScale && keepScale) {
        m_range0 = unite(m_range0, m_before.bounds);
        m_range1 = unite(m_range1, m_after.bounds);
    } else {
        m_range0 = m_before.bounds;
        m_range1 = m_after.bounds;
    }
    updateMorph();
}

void FoldingScene::updateMorph()
{
    if (!message().isEmpty())
        return;
    // position(t) = (1 - t) previous + t current, per vertex and point. The range moves the same
    // way between the two ends' ranges, so every point stays inside it throughout.
    m_meshAt = (1 - m_t) * m_before.mesh + m_t * m_after.mesh;
    m_pointsAt = (1 - m_t) * m_before.points + m_t * m_after.points;
    buildPaths();
}

void FoldingScene::buildPaths()
{
    const FoldingMesh &mesh = *m_frame.folding;
    const int side = mesh.side;
    const int cells = side - 1;
    const auto at = [&](int r, int c) {
        const Index i = Index(r) * side + c;
        return QPointF(m_meshAt(0, i), m_meshAt(1, i));
    };

    const bool regression = m_frame.model.task == Task::Regression;
    std::vector<QPolygonF> triangles(std::size_t(regression ? kValueBins : kMaxClasses));
    for (int r = 0; r < cells; ++r) {
        for (int c = 0; c < cells; ++c) {
            const std::size_t cell = std::size_t(r) * std::size_t(cells) + std::size_t(c);
            int key = 0;
            if (regression) {
                const double v = cell < mesh.cellValue.size() ? std::clamp<double>(mesh.cellValue[cell], -1.0, 1.0) : 0.0;
                key = int(std::lround((v + 1) / 2 * (kValueBins - 1)));
            } else {
                key = cell < mesh.cellClass.size() ? mesh.cellClass[cell] : -1;
                if (key < 0 || key >= kMaxClasses)
                    continue;
            }
            QPolygonF &list = triangles[std::size_t(key)];
            addTriangle(list, at(r, c), at(r, c + 1), at(r + 1, c + 1));
            addTriangle(list, at(r, c), at(r + 1, c + 1), at(r + 1, c));
        }
    }
    m_cells.clear();
    for (std::size_t k = 0; k < triangles.size(); ++k) {
        if (!triangles[k].isEmpty())
            m_cells.emplace_back(int(k), std::move(triangles[k]));
    }

    m_lines = QPainterPath();
    for (int r = 0; r < side; ++r) {
        m_lines.moveTo(at(r, 0));
        for (int c = 1; c < side; ++c)
            m_lines.lineTo(at(r, c));
    }
    for (int c = 0; c < side; ++c) {
        m_lines.moveTo(at(0, c));
        for (int r = 1; r < side; ++r)
            m_lines.lineTo(at(r, c));
    }
}

}  // namespace np
