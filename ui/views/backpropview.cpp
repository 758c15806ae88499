#include "backpropview.h"

#include "backpropcontrols.h"
#include "backpropgraphpainter.h"
#include "backpropplane.h"
#include "backpropstyle.h"
#include "document.h"
#include "figurepainting.h"
#include "trainingcontroller.h"
#include "undocommands.h"

#include "analysis/graphexamples.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPainter>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace np {

/// The picture: BackpropView::paintFigure without the title (the dock has one).
class BackpropView::Canvas : public QWidget
{
public:
    explicit Canvas(BackpropView *view)
        : QWidget(view)
        , m_view(view)
    {
        setMouseTracking(true);
        // Low enough that the dock's share of a 1280x800 window holds it whole: the picture
        // fits itself to any size, but a minimum the dock cannot give is cut off at the bottom
        // (the explanation's last line).
        setMinimumSize(320, 160);
        setFocusProxy(view);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        FigureOptions options;
        options.title = false;
        m_view->paintFigure(painter, rect(), options);
    }

private:
    BackpropView *m_view;
};

BackpropView::BackpropView(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setFocusPolicy(Qt::StrongFocus);
    m_controls = new BackpropControls(this);
    m_canvas = new Canvas(this);
    m_canvas->installEventFilter(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_controls);
    layout->addWidget(m_canvas, 1);
    m_graph = graphExamples()[0].build();

    connect(m_controls, &BackpropControls::modeChosen, this, [this](int mode) { setMode(Mode(mode)); });
    connect(m_controls, &BackpropControls::exampleChosen, this,
            [this](int index) { setExample(QString::fromLatin1(graphExamples()[std::size_t(index)].key)); });
    connect(m_controls, &BackpropControls::firstRequested, this, [this] { setStep(0); });
    connect(m_controls, &BackpropControls::backRequested, this, [this] { setStep(step() - 1); });
    connect(m_controls, &BackpropControls::forwardRequested, this, [this] { setStep(step() + 1); });
    connect(m_controls, &BackpropControls::lastRequested, this, [this] { setStep(lastStep()); });
    connect(m_controls, &BackpropControls::nextPointRequested, this, &BackpropView::nextPoint);
    connect(m_controls, &BackpropControls::applyRequested, this, &BackpropView::applyStep);
    if (m_document) {
        connect(m_document, &Document::datasetChanged, this, &BackpropView::sourceChanged);
        connect(m_document, &Document::configChanged, this, &BackpropView::sourceChanged);
    }
    sourceChanged();
}

BackpropView::~BackpropView() = default;

void BackpropView::setEditTarget(TrainingController *controller)
{
    m_controller = controller;
    refresh();
}

void BackpropView::setFrame(const ViewFrame &frame)
{
    m_model = frame.model;
    m_haveModel = !frame.model.parameters.empty();
    m_domain = frame.grid;
    m_walkDirty = true;
    if (isVisible())
        refresh();
}

void BackpropView::sourceChanged()
{
    const std::vector<DataPoint> &points = m_document ? m_document->dataset().points : std::vector<DataPoint>{};
    if (m_point < 0 || m_point >= int(points.size()) || points[std::size_t(m_point)].validation) {
        m_point = -1;
        for (int i = 0; i < int(points.size()); ++i) {
            if (!points[std::size_t(i)].validation) {
                m_point = i;
                break;
            }
        }
    }
    m_walkDirty = true;
    refresh();
}

void BackpropView::refresh()
{
    const int last = lastStep();
    if (m_mode == Graph)
        m_graphStep = std::clamp(m_graphStep, 0, last);
    else
        m_networkStep = std::clamp(m_networkStep, 0, last);
    m_controls->showState(int(m_mode), step(), last, m_controller && walk() != nullptr);
    m_canvas->update();
}

void BackpropView::setMode(Mode mode)
{
    m_mode = mode;
    m_hovered = {};
    refresh();
}

bool BackpropView::setExample(const QString &key)
{
    const auto examples = graphExamples();
    for (std::size_t i = 0; i < examples.size(); ++i) {
        if (key == QLatin1String(examples[i].key)) {
            m_example = int(i);
            m_graph = examples[i].build();
            m_graphStep = 0;
            m_controls->exampleCombo()->setCurrentIndex(int(i));
            refresh();
            return true;
        }
    }
    return false;
}

QString BackpropView::exampleKey() const
{
    return QString::fromLatin1(graphExamples()[std::size_t(m_example)].key);
}

void BackpropView::setGraphInput(int node, double value)
{
    if (node < 0 || node >= m_graph.size() || m_graph.node(node).kind != GateKind::Input || !std::isfinite(value))
        return;
    m_graph.setInputValue(node, value);
    refresh();
}

int BackpropView::step() const
{
    return m_mode == Graph ? m_graphStep : m_networkStep;
}

int BackpropView::lastStep() const
{
    if (m_mode == Graph)
        return GraphWalk{&m_graph, 0}.lastStep();
    const PointBackprop *w = walk();
    return w ? NetworkWalkStep::lastStep(int(w->layers.size())) : 0;
}

void BackpropView::setStep(int step)
{
    (m_mode == Graph ? m_graphStep : m_networkStep) = std::clamp(step, 0, lastStep());
    refresh();
}

void BackpropView::selectPoint(int index)
{
    if (!m_document || index < 0 || index >= int(m_document->dataset().points.size()))
        return;
    m_point = index;
    m_walkDirty = true;
    refresh();
}

void BackpropView::nextPoint()
{
    const std::vector<DataPoint> &points = m_document ? m_document->dataset().points : std::vector<DataPoint>{};
    for (int k = 1; k <= int(points.size()); ++k) {
        const int i = (std::max(m_point, 0) + k) % int(points.size());
        if (!points[std::size_t(i)].validation) {
            selectPoint(i);
            return;
        }
    }
}

double BackpropView::learningRate() const
{
    if (m_controller && m_controller->hasSnapshot() && m_controller->latest().learningRate > 0)
        return m_controller->latest().learningRate;
    return m_document ? m_document->config().training.optimizer.learningRate : 0.01;
}

void BackpropView::ensureWalk() const
{
    if (!m_walkDirty)
        return;
    m_walkDirty = false;
    m_walk.reset();
    m_boundariesDirty = true;
    if (!m_haveModel || !m_document || m_point < 0 || m_point >= int(m_document->dataset().points.size()))
        return;
    const DataPoint &p = m_document->dataset().points[std::size_t(m_point)];
    m_walk = backpropPoint(m_model, p.x1, p.x2, p.label, p.target, learningRate(), m_document->config().training.penalty);
}

void BackpropView::ensureBoundaries() const
{
    // Only when the plane is drawn: two small grids of predictions, not every frame of training.
    const PointBackprop *w = walk();
    if (!m_boundariesDirty)
        return;
    m_boundariesDirty = false;
    m_boundaryBefore.clear();
    m_boundaryAfter.clear();
    if (!w)
        return;
    m_boundaryBefore = BackpropPlane::boundary(m_model, m_domain);
    Model after = m_model;
    after.parameters = w->parametersAfter;
    m_boundaryAfter = BackpropPlane::boundary(after, m_domain);
}

const PointBackprop *BackpropView::walk() const
{
    ensureWalk();
    return m_walk ? &*m_walk : nullptr;
}

void BackpropView::applyStep()
{
    const PointBackprop *w = walk();
    if (!w || !m_controller || !m_document)
        return;
    QUndoStack *stack = m_document->undoStack();
    const QString text = tr("Apply SGD step on point %1").arg(m_point + 1);
    stack->beginMacro(text);
    for (int l = 0; l < int(w->layers.size()); ++l) {
        const LayerBackprop &layer = w->layers[std::size_t(l)];
        for (Index r = 0; r < layer.W.rows(); ++r) {
            for (Index c = 0; c < layer.W.cols(); ++c) {
                const float before = float(layer.W(r, c)), after = float(layer.WAfter(r, c));
                if (before != after)
                    stack->push(new EditWeight(m_controller, l, int(r), int(c), before, after, text));
            }
            if (layer.b.size() && float(layer.b(r)) != float(layer.bAfter(r)))
                stack->push(new EditWeight(m_controller, l, int(r), -1, float(layer.b(r)), float(layer.bAfter(r)), text));
        }
    }
    stack->endMacro();
}

QStringList BackpropView::trainingNotes() const
{
    QStringList notes;
    if (!m_document)
        return notes;
    const TrainingSpec &training = m_document->config().training;
    if (training.optimizer.kind != OptimizerKind::SGD)
        notes << tr("Training uses %1; this is the plain SGD step.").arg(QString::fromUtf8(optimizerTitle(training.optimizer.kind)));
    if (!training.penalty.isZero())
        notes << tr("\u2202L/\u2202W includes the penalty's gradient (\u03bb\u2081 sign W + \u03bb\u2082 W); the loss shown does not.");
    if (walk() && walk()->usesBatchNorm())
        notes << tr("Apply keeps the step of W and b; \u03b3 and \u03b2 keep their values.");
    return notes;
}

QRectF BackpropView::canvasRect() const
{
    return m_canvas->rect();
}

QFont BackpropView::figureFont(const QRectF &rect) const
{
    // A short dock (a projector's side column) gets a smaller font, so the picture keeps its room.
    QFont f = font();
    if (rect.height() < 24 * QFontMetricsF(f).height()) {
        if (f.pointSizeF() > 0)
            f.setPointSizeF(f.pointSizeF() * 0.85);
        else
            f.setPixelSize(std::max(8, int(f.pixelSize() * 0.85)));
    }
    return f;
}

bool BackpropView::showsPlane(const QRectF &area) const
{
    const double em = QFontMetricsF(figureFont(area)).height();
    return area.width() * 0.36 >= 9 * em && area.height() >= 14 * em;
}

QRectF BackpropView::diagramRect(const QRectF &area) const
{
    return QRectF(area.left(), area.top(), area.width() * (showsPlane(area) ? 0.64 : 1.0), area.height());
}

QRectF BackpropView::planeRect(const QRectF &area) const
{
    const QFontMetricsF fm(figureFont(area));
    const double em = fm.height();
    // Beside the diagram, above the explanation, with two lines of caption under it. Measured
    // without the hovered unit, so the plane stays put while the pointer moves to it.
    double bottom = area.bottom() - 2.5 * em;
    if (const PointBackprop *w = walk()) {
        BackpropNetworkPainter network(*w, m_model, m_networkStep, {}, palette());
        network.setNotes(trainingNotes());
        bottom = network.diagramArea(diagramRect(area), area.width(), fm).bottom() - 2 * em;
    }
    const QRectF right(area.left() + area.width() * 0.64, area.top() + em / 2, area.width() * 0.36 - em / 2,
                       std::max(em, bottom - area.top() - em / 2));
    return BackpropPlane::square(right);
}

QRectF BackpropView::graphBox(int node) const
{
    const QFontMetricsF fm(figureFont(canvasRect()));
    const BackpropGraphPainter painter(m_graph, m_graphStep, palette());
    return painter.boxes(painter.graphArea(canvasRect(), fm), fm)[std::size_t(node)];
}

QPointF BackpropView::planePixel(double x1, double x2) const
{
    return BackpropPlane::toPixel(planeRect(canvasRect()), m_domain, x1, x2);
}

QString BackpropView::figureTitle() const
{
    if (m_mode == Graph)
        return tr("Backpropagation: %1").arg(QString::fromUtf8(graphExamples()[std::size_t(m_example)].formula));
    return tr("Backpropagation of one point through the network");
}

void BackpropView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.save();
    const QFont font = figureFont(rect);
    painter.setFont(font);
    const QFontMetricsF fm = figureMetrics(painter, font);
    const QRectF area = beginFigure(painter, rect, options, figureTitle(), font, palette());
    const double em = fm.height();
    if (m_mode == Graph) {
        BackpropGraphPainter(m_graph, m_graphStep, palette()).paint(painter, area, fm);
        painter.restore();
        return;
    }
    const PointBackprop *w = walk();
    if (!w) {
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(area.adjusted(em, em, -em, -em), Qt::AlignCenter | Qt::TextWordWrap,
                         !m_haveModel ? tr("No network yet.") : tr("No training points: add points to walk one through the network."));
        painter.restore();
        return;
    }
    BackpropNetworkPainter network(*w, m_model, m_networkStep, m_hovered, palette());
    network.setNotes(trainingNotes());
    network.paint(painter, diagramRect(area), area.width(), fm);
    if (!showsPlane(area)) {
        painter.restore();
        return;
    }
    const bool update = NetworkWalkStep::at(m_networkStep, int(w->layers.size())).phase == NetworkWalkStep::Update;
    const QRectF square = planeRect(area);
    static const std::vector<QLineF> none;
    ensureBoundaries();
    BackpropPlane::paint(painter, square, m_domain, m_document->dataset(), m_boundaryBefore,
                         update ? m_boundaryAfter : none, QPointF(w->x1, w->x2), palette());
    const BackpropColors colors = BackpropColors::from(palette());
    // Wrapped under the plane, which may be narrow (a projector's side column).
    const QRectF caption(square.left(), square.bottom() + em / 4, square.width(), 4 * em);
    painter.setPen(colors.muted);
    const QString key = update ? tr("grey: the boundary now, orange: after the step.") : tr("grey: the boundary now.");
    painter.drawText(caption, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                     key + QLatin1Char(' ') + tr("Click a point to walk it."));
    painter.restore();
}

QSize BackpropView::sizeHint() const
{
    return {720, 480};
}

QSize BackpropView::minimumSizeHint() const
{
    return {360, QWidget::minimumSizeHint().height()};  // the controls over the canvas's minimum
}

}  // namespace np
