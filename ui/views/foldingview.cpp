#include "foldingview.h"

#include "colors.h"
#include "document.h"
#include "figurepainting.h"
#include "numberformat.h"

#include "network/activation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QPaintEngine>
#include <QPainter>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>

namespace np {

namespace {

// Regression cells are tinted from the diverging map in this many steps, so they still batch
// into a few paths.
constexpr int kValueBins = 17;
// How strongly a cell shows its class: light, so the mesh lines and the points stay readable,
// and overlapping (folded) cells of different classes still show both.
constexpr double kCellAlpha = 0.32;
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

// Steps of 1, 2 or 5 times a power of ten, the finest whose labels keep `spacing` pixels apart.
double tickStep(double pixelsPerUnit, double spacing)
{
    const double raw = spacing / std::max(pixelsPerUnit, 1e-300);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * power >= raw)
            return m * power;
    }
    return 10 * power;
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

/// The plot area: FoldingView::paintFigure with the title and legend left to the controls above.
class FoldingView::Canvas : public QWidget
{
public:
    explicit Canvas(FoldingView *view)
        : QWidget(view)
        , m_view(view)
    {
        setMinimumSize(240, 200);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        FigureOptions options;
        options.title = false;
        options.legend = false;
        m_view->paintFigure(painter, rect(), options);
    }

private:
    FoldingView *m_view;
};

/// Where everything goes for one rectangle and font, and the data -> pixel mapping.
struct FoldingView::Layout
{
    QRectF rect;
    QRectF plot;
    QRectF legend;
    QRectF range;  ///< data rectangle filling the plot (equal scale on both axes)
    double em = 12, gap = 3, tick = 4, labelWidth = 30;
    double step = 1;  ///< tick step on both axes
    int decimals = 0;
    double pointRadius = 3;
    QTransform toPixel;
};

FoldingView::FoldingView(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    m_layerCombo = new QComboBox(this);
    // Long layer names must not make the view too wide for a dock.
    m_layerCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_layerCombo->setMinimumContentsLength(16);
    m_layerCombo->setToolTip(tr("The layer whose space is shown: the input grid and the data as that layer sees them"));
    m_principalBox = new QCheckBox(tr("Principal components"), this);
    m_principalBox->setToolTip(tr("Show a layer wider than two units on its first two principal components "
                                  "(the directions in which the mapped grid varies most) instead of two units"));
    m_unitXCombo = new QComboBox(this);
    m_unitXCombo->setToolTip(tr("The unit on the horizontal axis"));
    m_unitYCombo = new QComboBox(this);
    m_unitYCombo->setToolTip(tr("The unit on the vertical axis"));
    m_fixedBox = new QCheckBox(tr("Fixed scale"), this);
    m_fixedBox->setToolTip(tr("Keep the axes' range across frames, so the motion during training shows; "
                              "it grows only when points would leave it. Off: fit every frame."));
    m_resetButton = new QPushButton(tr("Reset scale"), this);
    m_resetButton->setToolTip(tr("Fit the fixed range to the current picture"));
    m_playButton = new QToolButton(this);
    m_playButton->setCheckable(true);
    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_playButton->setToolTip(tr("Play the transformation from the previous layer's space to this one, over and over"));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, 100);
    m_slider->setValue(100);  // the view opens on the layer itself (m_t = 1)
    m_morphLabel = new QLabel(this);
    m_morphLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_morphLabel->setMinimumWidth(int(std::ceil(QFontMetricsF(font()).horizontalAdvance(QStringLiteral("100%")))) + 2);
    m_canvas = new Canvas(this);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Layer"), this));
    top->addWidget(m_layerCombo);
    top->addWidget(m_principalBox);
    top->addWidget(new QLabel(tr("x"), this));
    top->addWidget(m_unitXCombo);
    top->addWidget(new QLabel(tr("y"), this));
    top->addWidget(m_unitYCombo);
    top->addStretch(1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_playButton);
    bottom->addWidget(m_slider, 1);
    bottom->addWidget(m_morphLabel);
    bottom->addWidget(m_fixedBox);
    bottom->addWidget(m_resetButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(bottom);
    layout->addWidget(m_canvas, 1);

    // Forth and back in a 4 s loop, 1.4 s each way with a pause at both ends: slow enough to
    // follow a fold, and no jump back to the start.
    m_animation = new QVariantAnimation(this);
    m_animation->setDuration(4000);
    m_animation->setLoopCount(-1);
    m_animation->setKeyValues({{0.0, 0.0}, {0.1, 0.0}, {0.45, 1.0}, {0.6, 1.0}, {0.95, 0.0}, {1.0, 0.0}});

    connect(m_layerCombo, &QComboBox::activated, this, [this](int index) { setLayer(index + 1); });
    connect(m_principalBox, &QCheckBox::toggled, this, &FoldingView::setPrincipalComponents);
    connect(m_unitXCombo, &QComboBox::activated, this,
            [this](int index) { setUnits(index, units().second); });
    connect(m_unitYCombo, &QComboBox::activated, this,
            [this](int index) { setUnits(units().first, index); });
    connect(m_fixedBox, &QCheckBox::toggled, this, &FoldingView::setFixedScale);
    connect(m_resetButton, &QPushButton::clicked, this, &FoldingView::resetScale);
    connect(m_playButton, &QToolButton::toggled, this, &FoldingView::setPlaying);
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        setPlaying(false);  // the user took over
        setMorph(value / 100.0);
    });
    connect(m_animation, &QVariantAnimation::valueChanged, this,
            [this](const QVariant &value) { setMorph(value.toDouble()); });

    updateControls();
}

FoldingView::~FoldingView() = default;

ViewNeeds FoldingView::requiredNeeds(ViewNeeds needs)
{
    needs.folding = true;
    needs.foldingSide = kMeshSide;
    return needs;
}

void FoldingView::setFrame(const ViewFrame &frame)
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
    updateControls();
    rebuild(sameShape);
}

int FoldingView::spaceCount() const
{
    return m_frame.folding ? m_frame.folding->spaces() : 0;
}

int FoldingView::unitsOf(int space) const
{
    return space >= 0 && space < spaceCount() ? int(m_frame.folding->vertices[std::size_t(space)].rows()) : 0;
}

QString FoldingView::spaceName(int space) const
{
    if (space == 0)
        return tr("the input plane");
    if (space == spaceCount() - 1)
        return tr("the output layer");
    return tr("hidden layer %1").arg(space);
}

QStringList FoldingView::layerNames() const
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

void FoldingView::setLayer(int space)
{
    if (spaceCount() > 1)
        space = std::clamp(space, 1, spaceCount() - 1);
    if (space == m_layer)
        return;
    m_layer = space;
    updateControls();
    rebuild(false);
}

bool FoldingView::principalFor(int space) const
{
    return space > 0 && m_principal && unitsOf(space) > 2;
}

bool FoldingView::usesPrincipalComponents() const
{
    return principalFor(m_layer);
}

void FoldingView::setPrincipalComponents(bool on)
{
    if (on == m_principal)
        return;
    m_principal = on;
    updateControls();
    rebuild(false);
}

std::pair<int, int> FoldingView::units() const
{
    return std::size_t(m_layer) < m_units.size() ? m_units[std::size_t(m_layer)] : std::pair{0, 1};
}

void FoldingView::setUnits(int unitX, int unitY)
{
    if (std::size_t(m_layer) >= m_units.size())
        return;
    const int n = unitsOf(m_layer);
    const std::pair<int, int> chosen{std::clamp(unitX, 0, n - 1), n > 1 ? std::clamp(unitY, 0, n - 1) : -1};
    if (chosen == m_units[std::size_t(m_layer)])
        return;
    m_units[std::size_t(m_layer)] = chosen;
    updateControls();
    rebuild(false);
}

void FoldingView::setFixedScale(bool fixed)
{
    if (fixed == m_fixedScale)
        return;
    m_fixedScale = fixed;
    updateControls();
    // Turning it on keeps what is shown now as the starting range; turning it off fits at once.
    if (!fixed)
        rebuild(false);
}

void FoldingView::resetScale()
{
    m_range0 = m_before.bounds;
    m_range1 = m_after.bounds;
    m_canvas->update();
}

void FoldingView::setMorph(double t)
{
    t = std::clamp(t, 0.0, 1.0);
    if (t == m_t)
        return;
    m_t = t;
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(int(std::lround(100 * t)));
    }
    updateMorph();
}

bool FoldingView::isPlaying() const
{
    return m_animation->state() == QAbstractAnimation::Running;
}

void FoldingView::setPlaying(bool playing)
{
    if (playing == isPlaying())
        return;
    if (playing)
        m_animation->start();
    else
        m_animation->stop();
    const QSignalBlocker block(m_playButton);
    m_playButton->setChecked(playing);
    m_playButton->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

QRectF FoldingView::dataRange() const
{
    return interpolate(m_range0, m_range1, m_t);
}

QString FoldingView::message() const
{
    if (!m_frame.folding || spaceCount() != int(m_frame.model.network.hidden.size()) + 2)
        return tr("The picture of the hidden layers appears once the network has been evaluated.");
    if (m_frame.model.network.hidden.empty())
        return tr("This network has no hidden layer, so nothing transforms the input plane before the output.\n"
                  "Add a hidden layer in the network settings to see how it stretches and folds the plane.");
    return {};
}

QString FoldingView::endLabel(int space, int axis, const Picture &picture) const
{
    if (space == 0)
        return axis == 0 ? QStringLiteral("x₁") : QStringLiteral("x₂");
    if (picture.principal)
        return tr("PC%1 of %2 (%3% of variance)")
            .arg(axis + 1)
            .arg(spaceName(space))
            .arg(std::lround(100 * picture.projection.explained[axis]));
    const std::pair<int, int> u = m_units[std::size_t(space)];
    const int unit = axis == 0 ? u.first : u.second;
    if (unit < 0)
        return tr("(%1 has one unit)").arg(spaceName(space));
    return tr("a%1 of %2").arg(subscript(unit + 1), spaceName(space));
}

QString FoldingView::axisLabel(int axis) const
{
    if (!message().isEmpty())
        return {};
    if (m_t >= 1.0)
        return endLabel(m_layer, axis, m_after);
    if (m_t <= 0.0)
        return endLabel(m_layer - 1, axis, m_before);
    return endLabel(m_layer - 1, axis, m_before) + QStringLiteral(" → ") + endLabel(m_layer, axis, m_after);
}

QString FoldingView::figureName() const
{
    return QStringLiteral("folding");
}

QString FoldingView::figureTitle() const
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

QSize FoldingView::sizeHint() const
{
    return {640, 640};
}

FoldingView::Picture FoldingView::pictureOf(int space, const Picture *before)
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
        // need not, and the picture should not change when points are painted.
        const Projection2D &last = m_lastProjection[std::size_t(space)];
        projection = principalAxes(vertices, last.axes.cols() == n ? &last : nullptr);
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

void FoldingView::rebuild(bool keepScale)
{
    if (!message().isEmpty()) {
        m_before = m_after = Picture{};
        m_meshAt.resize(2, 0);
        m_pointsAt.resize(2, 0);
        m_cells.clear();
        m_lines = QPainterPath();
        m_canvas->update();
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

void FoldingView::updateMorph()
{
    m_morphLabel->setText(tr("%1%").arg(std::lround(100 * m_t)));
    if (!message().isEmpty())
        return;
    // position(t) = (1 - t) previous + t current, per vertex and point. The range moves the same
    // way between the two ends' ranges, so every point stays inside it throughout.
    m_meshAt = (1 - m_t) * m_before.mesh + m_t * m_after.mesh;
    m_pointsAt = (1 - m_t) * m_before.points + m_t * m_after.points;
    buildPaths();
    m_canvas->update();
}

void FoldingView::buildPaths()
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

QColor FoldingView::cellColor(int key) const
{
    QColor color = m_frame.model.task == Task::Regression
                       ? QColor(divergingColor(2.0 * key / (kValueBins - 1) - 1.0, palette().color(QPalette::Base).rgb()))
                       : classColor(key);
    color.setAlphaF(float(kCellAlpha));
    return color;
}

void FoldingView::updateControls()
{
    const auto refill = [](QComboBox *combo, const QStringList &items, int current) {
        QStringList now;
        for (int i = 0; i < combo->count(); ++i)
            now << combo->itemText(i);
        const QSignalBlocker block(combo);
        if (now != items) {
            combo->clear();
            combo->addItems(items);
        }
        combo->setCurrentIndex(current);
    };
    refill(m_layerCombo, layerNames(), m_layer - 1);
    m_layerCombo->setEnabled(spaceCount() > 1);

    const int n = unitsOf(m_layer);
    {
        const QSignalBlocker block(m_principalBox);
        m_principalBox->setChecked(m_principal);
    }
    m_principalBox->setEnabled(n > 2);
    QStringList unitNames;
    for (int j = 0; j < n; ++j)
        unitNames << QStringLiteral("a") + subscript(j + 1);
    const std::pair<int, int> u = units();
    refill(m_unitXCombo, unitNames, u.first);
    refill(m_unitYCombo, n > 1 ? unitNames : QStringList{QStringLiteral("—")}, std::max(u.second, 0));
    m_unitXCombo->setEnabled(n > 0 && !usesPrincipalComponents());
    m_unitYCombo->setEnabled(n > 1 && !usesPrincipalComponents());

    {
        const QSignalBlocker block(m_fixedBox);
        m_fixedBox->setChecked(m_fixedScale);
    }
    m_resetButton->setEnabled(m_fixedScale);
    const QString from = spaceName(m_layer - 1);
    m_slider->setToolTip(tr("0%: %1, as the layer before sees it; 100%: %2").arg(from, spaceName(m_layer)));
}

FoldingView::Layout FoldingView::layoutFor(const QFontMetricsF &fm, const QRectF &rect, const FigureOptions &options) const
{
    Layout l;
    l.rect = rect;
    l.em = fm.height();
    l.gap = std::max(2.0, std::round(l.em / 4));
    l.tick = std::max(4.0, std::round(l.em / 3));
    l.labelWidth = fm.horizontalAdvance(QStringLiteral("−88.8"));

    double top = rect.top() + l.gap;
    double bottom = rect.bottom() - l.gap;
    if (options.legend) {
        l.legend = QRectF(rect.left(), bottom - l.em, rect.width(), l.em);
        bottom = l.legend.top() - l.gap;
    }
    const double left = rect.left() + l.gap + l.em + l.gap + l.labelWidth + l.gap + l.tick;
    const double right = rect.right() - l.gap - l.labelWidth / 2;
    const double plotBottom = bottom - (l.em + l.gap + l.em + l.gap + l.tick);
    top += l.em / 2;  // the top tick label is centred on the edge
    l.plot = QRectF(QPointF(std::round(left), std::round(top)),
                    QPointF(std::round(std::max(left + 1, right)), std::round(std::max(top + 1, plotBottom))));

    // Equal scale on both axes: distances and angles in the picture are those of the space, so
    // a fold looks like a fold. The padded range is widened on its short side to fill the plot.
    QRectF range = dataRange();
    const double pad = 0.04 * std::max(range.width(), range.height());
    range.adjust(-pad, -pad, pad, pad);
    if (range.width() < 1e-9 && range.height() < 1e-9)
        range.adjust(-0.5, -0.5, 0.5, 0.5);
    const double s = std::min(l.plot.width() / std::max(range.width(), 1e-300),
                              l.plot.height() / std::max(range.height(), 1e-300));
    const QPointF c = range.center();
    const double w = l.plot.width() / s, h = l.plot.height() / s;
    l.range = QRectF(c.x() - w / 2, c.y() - h / 2, w, h);
    l.toPixel = QTransform(s, 0, 0, -s, l.plot.left() - l.range.left() * s, l.plot.bottom() + l.range.top() * s);

    l.step = tickStep(s, l.labelWidth + l.em);
    l.decimals = std::max(0, int(-std::floor(std::log10(l.step) + 1e-9)));
    l.pointRadius = std::max(0.22 * l.em, std::clamp(std::min(l.plot.width(), l.plot.height()) / 150.0, 2.5, 7.0));
    return l;
}

void FoldingView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.save();
    painter.setFont(font());
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm = figureMetrics(painter, font());
    const QRectF area = beginFigure(painter, rect, options, figureTitle(), font(), palette());
    const QString text = message();
    if (!text.isEmpty()) {
        painter.setPen(palette().color(QPalette::Text));
        const double margin = fm.height();
        painter.drawText(area.adjusted(margin, margin, -margin, -margin), Qt::AlignCenter | Qt::TextWordWrap, text);
        painter.restore();
        return;
    }
    const Layout l = layoutFor(fm, area, options);
    painter.save();
    painter.setClipRect(l.plot);
    drawMesh(painter, l);
    drawPoints(painter, l);
    painter.restore();
    drawAxes(painter, fm, l);
    if (options.legend)
        drawLegend(painter, fm, l);
    painter.restore();
}

void FoldingView::drawMesh(QPainter &painter, const Layout &l) const
{
    // On screen and in PNGs every triangle is filled on its own, without antialiasing: 1800
    // convex triangles cost about 1.5 ms at 1000 x 700 where one antialiased path of them costs
    // 40 ms; the antialiased mesh lines on top hide the stair steps, and where the plane is
    // folded onto itself the tints add up, which shows the fold. Vector files get one path per
    // colour instead, so viewers draw no hairline seams between the triangles.
    const bool raster = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster;
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setRenderHint(QPainter::Antialiasing, !raster);
    for (const auto &[key, triangles] : m_cells) {
        painter.setBrush(cellColor(key));
        const QPolygonF pixels = l.toPixel.map(triangles);
        if (raster) {
            for (qsizetype i = 0; i + 2 < pixels.size(); i += 3)
                painter.drawConvexPolygon(pixels.constData() + i, 3);
            continue;
        }
        QPainterPath path;
        path.setFillRule(Qt::WindingFill);
        for (qsizetype i = 0; i + 2 < pixels.size(); i += 3) {
            path.moveTo(pixels[i]);
            path.lineTo(pixels[i + 1]);
            path.lineTo(pixels[i + 2]);
            path.closeSubpath();
        }
        painter.drawPath(path);
    }
    painter.restore();
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(blend(base.rgb(), text.rgb(), 0.45)), std::max(1.0, l.em / 16)));
    painter.drawPath(l.toPixel.map(m_lines));
}

void FoldingView::drawPoints(QPainter &painter, const Layout &l) const
{
    if (!m_document)
        return;
    const Dataset &data = m_document->dataset();
    // The mesh carries the points of the data the frame was computed from; after an edit they
    // wait for the next frame.
    if (m_frame.datasetVersion != m_document->datasetRevision() || m_pointsAt.cols() != Index(data.points.size()))
        return;
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const double radius = l.pointRadius;
    for (std::size_t i = 0; i < data.points.size(); ++i) {
        const DataPoint &p = data.points[i];
        const QPointF at(m_pointsAt(0, Index(i)), m_pointsAt(1, Index(i)));
        if (!std::isfinite(at.x()) || !std::isfinite(at.y()))
            continue;
        const QColor fill = data.isClassification() ? classColor(p.label) : QColor(divergingColor(p.target, base.rgb()));
        // Outlined halfway to the text colour, as in the boundary view; validation points hollow.
        painter.setPen(QPen(QColor(blend(fill.rgb(), text.rgb(), 0.55)), 1.0));
        painter.setBrush(p.validation ? QBrush(base) : QBrush(fill));
        const QPointF c = l.toPixel.map(at);
        painter.drawEllipse(c, radius, radius);
        if (p.validation) {
            painter.setPen(QPen(fill, std::max(1.5, 0.4 * radius)));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(c, 0.6 * radius, 0.6 * radius);
        }
    }
}

void FoldingView::drawAxes(QPainter &painter, const QFontMetricsF &fm, const Layout &l) const
{
    const QRectF &plot = l.plot;
    const double em = l.em;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(palette().color(QPalette::Text), 0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(plot.left(), plot.top(), plot.width() - 1, plot.height() - 1));

    const auto ticks = [&](double from, double to) {
        std::vector<double> values;
        for (double i = std::ceil(from / l.step - 1e-9); i * l.step <= to + 1e-9 * l.step; ++i)
            values.push_back(i * l.step);
        return values;
    };
    for (double x : ticks(l.range.left(), l.range.right())) {
        const double px = std::clamp(std::floor(l.toPixel.map(QPointF(x, 0)).x()), plot.left(), plot.right() - 1);
        painter.drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() + l.tick - 1));
        painter.drawText(QRectF(px - 2 * em, plot.bottom() + l.tick + l.gap, 4 * em, em), Qt::AlignHCenter | Qt::AlignTop,
                         formatNumber(x, l.decimals));
    }
    for (double y : ticks(l.range.top(), l.range.bottom())) {
        const double py = std::clamp(std::floor(l.toPixel.map(QPointF(0, y)).y()), plot.top(), plot.bottom() - 1);
        painter.drawLine(QPointF(plot.left() - l.tick, py), QPointF(plot.left() - 1, py));
        painter.drawText(QRectF(plot.left() - l.tick - l.gap - 4 * em, py - em / 2, 4 * em, em),
                         Qt::AlignRight | Qt::AlignVCenter, formatNumber(y, l.decimals));
    }

    const QString xLabel = fm.elidedText(axisLabel(0), Qt::ElideMiddle, plot.width());
    painter.drawText(QRectF(plot.left(), plot.bottom() + l.tick + 2 * l.gap + em, plot.width(), em),
                     Qt::AlignHCenter | Qt::AlignTop, xLabel);
    const QString yLabel = fm.elidedText(axisLabel(1), Qt::ElideMiddle, plot.height());
    painter.translate(l.rect.left() + l.gap, plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-plot.height() / 2, 0, plot.height(), em), Qt::AlignHCenter | Qt::AlignTop, yLabel);
    painter.restore();
}

void FoldingView::drawLegend(QPainter &painter, const QFontMetricsF &fm, const Layout &l) const
{
    if (!m_document || !m_document->dataset().isClassification())
        return;
    const double r = l.em / 3;
    double x = l.plot.left();
    painter.setPen(palette().color(QPalette::Text));
    const QString note = tr("cells: predicted class");
    for (int k = 0; k < m_document->dataset().classCount; ++k) {
        const QString name = tr("Class %1").arg(k + 1);
        painter.setBrush(classColor(k));
        painter.drawEllipse(QPointF(x + r, l.legend.center().y()), r, r);
        x += 2 * r + l.gap;
        painter.drawText(QRectF(x, l.legend.top(), fm.horizontalAdvance(name) + 1, l.em), Qt::AlignVCenter, name);
        x += fm.horizontalAdvance(name) + l.em;
    }
    painter.drawText(QRectF(x, l.legend.top(), l.plot.right() - x, l.em), Qt::AlignVCenter | Qt::AlignRight, note);
}

}  // namespace np
