#include "networkdiagram.h"

#include "diagramcontrols.h"
#include "diagrampainter.h"
#include "neuronformula.h"
#include "weighteditor.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>

#include <QTimer>

#include <algorithm>
#include <cmath>
#include <utility>

namespace np {

namespace {

constexpr int kNeuronResolution = 40;

}  // namespace

NetworkDiagram::NetworkDiagram(QWidget *parent)
    : QWidget(parent)
    , m_editor(new WeightEditor(this, m_net))
    , m_controls(new DiagramControls(this))
{
    connect(m_controls, &DiagramControls::changed, this, [this] {
        updateGeometry();
        relayout();
    });
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
    setFrame(ViewFrame{});  // the shape of a default model until the first frame arrives
}

NetworkDiagram::~NetworkDiagram() = default;

ViewNeeds NetworkDiagram::addNeeds(ViewNeeds needs)
{
    needs.neuronMaps = true;
    needs.neuronResolution = kNeuronResolution;
    return needs;
}

QString NetworkDiagram::figureName() const
{
    return QStringLiteral("network");
}

QString NetworkDiagram::figureTitle() const
{
    return tr("Network");
}

void NetworkDiagram::setFrame(const ViewFrame &frame)
{
    m_frame = frame;
    if (m_net.setModel(frame.model)) {
        m_editor->close();
        m_hover = {};
        updateGeometry();
        relayout();
    }
    m_edgesValid = false;
    m_picture.changed();
    startRender();
}

void NetworkDiagram::setEditTarget(TrainingController *controller, Document *document)
{
    m_editor->setTarget(controller, document);
    m_controls->setDocument(controller ? document : nullptr);
    relayout();
}

QLineEdit *NetworkDiagram::editor() const
{
    return m_editor->lineEdit();
}

// --- layout -------------------------------------------------------------------------------------

DiagramLayout NetworkDiagram::layout(const QRectF &rect, const FigureOptions &options, bool screen) const
{
    return DiagramLayout::compute(rect, QFontMetricsF(font()), options, m_net,
                                  options.legend ? DiagramPainter::legendItems(m_net) : std::vector<DiagramLegendItem>{},
                                  screen ? m_controls->editing(m_net) : DiagramEditing{});
}

QSize NetworkDiagram::minimumSizeHint() const
{
    const QSizeF size = DiagramLayout::minimumSize(QFontMetricsF(font()), m_net, m_controls->editing(m_net));
    return {int(std::ceil(size.width())), int(std::ceil(size.height()))};
}

int NetworkDiagram::heightForMaps(double map, int units) const
{
    const double em = QFontMetricsF(font()).height();
    const double pad = std::round(em / 2);
    const double line = DiagramLayout::headerLineHeight(em, m_controls->isEnabled());
    const double gap = std::clamp(std::round(0.136 * map), 3.0, std::round(em / 2));  // as DiagramLayout's
    return int(std::ceil(3 * pad + 2 * line + units * (map + gap) - gap + 1));
}

QSize NetworkDiagram::sizeHint() const
{
    const QSize minimum = minimumSizeHint();
    return {std::max(minimum.width(), 640), std::max(minimum.height(), 420)};
}

void NetworkDiagram::ensureGeometry() const
{
    if (!m_geometry || m_geometry->bounds != QRectF(rect()) || m_geometry->em != QFontMetricsF(font()).height()
        || int(m_geometry->columns.size()) != m_net.columnCount()) {
        FigureOptions options;
        options.title = false;
        m_geometry = std::make_unique<DiagramLayout>(layout(rect(), options, true));
        m_edgesValid = false;
    }
}

void NetworkDiagram::relayout()
{
    dropCache();
    m_geometry.reset();
    ensureGeometry();
    m_controls->place(*m_geometry, m_net);
    update();
}

void NetworkDiagram::ensureEdges() const
{
    ensureGeometry();
    if (m_edgesValid && m_edges)
        return;
    if (!m_edges)
        m_edges = std::make_unique<DiagramEdges>();
    m_edges->select(*m_geometry, m_net);
    m_edgesValid = true;
}

// --- contents -----------------------------------------------------------------------------------

float NetworkDiagram::value(const Hit &hit) const
{
    return m_net.value(hit);
}

const QImage &NetworkDiagram::neuronImage(int column, int unit) const
{
    return DiagramPainter::neuronImage(m_frame, column, unit);
}

UnitState NetworkDiagram::unitState(int column, int unit) const
{
    return DiagramPainter::unitState(m_frame, column, unit);
}

QString NetworkDiagram::columnTitleShown(int column) const
{
    // Tests poll this while the window builds its network: a column the network does not have
    // (yet) has no title (asan: read past the layout's columns before the first frame).
    if (column < 0 || column >= m_net.columnCount())
        return {};
    ensureGeometry();
    return DiagramPainter(m_net, m_frame, palette()).shownTitle(*m_geometry, QFontMetricsF(font()), column, nullptr);
}

QString NetworkDiagram::formula(int column, int unit) const
{
    return NeuronFormula::formula(m_net, column, unit);
}

QString NetworkDiagram::valueText(const Hit &hit) const
{
    return NeuronFormula::valueText(m_net, hit);
}

// --- geometry queries and hit testing -----------------------------------------------------------

QRectF NetworkDiagram::neuronRect(int column, int unit) const
{
    if (column < 0 || column >= m_net.columnCount())
        return {};
    ensureGeometry();
    return m_geometry->columns[std::size_t(column)].rect(unit);
}

QPointF NetworkDiagram::biasCentre(int column, int unit) const
{
    if (!m_net.hasBias(column))
        return {};
    ensureGeometry();
    return m_geometry->columns[std::size_t(column)].rect(unit).bottomLeft();
}

QLineF NetworkDiagram::edgeLine(int column, int i, int j) const
{
    ensureGeometry();
    return m_geometry->edge(column, i, j);
}

int NetworkDiagram::drawnEdgeCount(int column) const
{
    ensureEdges();
    return m_edges->drawnCount[std::size_t(column)];
}

NetworkDiagram::Hit NetworkDiagram::hitTest(const QPointF &pos) const
{
    ensureEdges();
    return m_geometry->hitTest(pos, m_net, m_edges->drawn);
}

// --- drawing ------------------------------------------------------------------------------------

void NetworkDiagram::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    // Too small a rectangle is drawn at the smallest legible size and scaled down to fit.
    const QSizeF minimum = DiagramLayout::minimumSize(QFontMetricsF(font()), m_net);
    const double scale = std::min({1.0, rect.width() / minimum.width(), rect.height() / minimum.height()});
    const QRectF area(0, 0, rect.width() / scale, rect.height() / scale);
    const DiagramLayout g = layout(area, options, false);
    DiagramEdges edges;
    edges.select(g, m_net);
    painter.save();
    painter.translate(rect.topLeft());
    painter.scale(scale, scale);
    painter.fillRect(area, palette().color(QPalette::Base));
    if (options.title) {
        QFont big = painter.font();
        big.setBold(true);
        painter.save();
        painter.setFont(big);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(g.title, Qt::AlignHCenter | Qt::AlignTop,
                         options.titleText.isEmpty() ? figureTitle() : options.titleText);
        painter.restore();
    }
    DiagramPainter(m_net, m_frame, palette()).drawDiagram(painter, g, edges, options.legend);
    painter.restore();
}

// --- the screen cache ---------------------------------------------------------------------------

void NetworkDiagram::startRender()
{
    const QRect visible = isVisible() ? visibleRegion().boundingRect() : QRect();
    if (!m_picture.mayBegin(visible))
        return;
    ensureEdges();
    m_picture.begin(visible);
    m_picture.run([net = m_net, frame = m_frame, layout = *m_geometry, edges = *m_edges, palette = palette(),
                   rect = QRectF(visible), legend = FigureOptions{}.legend,
                   stamps = &m_stamps](QPainter &painter, int step) {
        const DiagramPainter diagram(net, frame, palette, stamps);
        if (step >= diagram.stepCount())
            return false;
        diagram.drawStep(painter, layout, edges, legend, rect, step);
        return step + 1 < diagram.stepCount();
    });
}

void NetworkDiagram::dropCache()
{
    m_picture.drop();
}

void NetworkDiagram::paintEvent(QPaintEvent *event)
{
    ensureEdges();
    const bool cached = m_picture.showFor(event->rect());
    QPainter painter(this);
    FigureOptions options;
    options.title = false;
    const DiagramPainter diagram(m_net, m_frame, palette());
    if (cached) {
        painter.drawImage(m_picture.rect().topLeft(), m_picture.image());
    } else {
        painter.fillRect(rect(), palette().color(QPalette::Base));
        diagram.drawDiagram(painter, *m_geometry, *m_edges, options.legend, QRectF(event->rect()));
    }
    if (m_hover.kind != Hit::None)
        diagram.drawHover(painter, *m_geometry, m_hover, m_hoverPos, visibleArea(), m_editor->isEnabled());
}

QRectF NetworkDiagram::visibleArea() const
{
    const QRect visible = visibleRegion().boundingRect();
    return visible.isEmpty() ? QRectF(rect()) : QRectF(visible);
}

// --- interaction --------------------------------------------------------------------------------

void NetworkDiagram::resizeEvent(QResizeEvent *)
{
    m_editor->close();
    relayout();
}

void NetworkDiagram::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        dropCache();
    if (event->type() == QEvent::FontChange) {
        updateGeometry();
        relayout();
    }
    QWidget::changeEvent(event);
}

void NetworkDiagram::setHover(const Hit &hit, const QPointF &pos)
{
    if (hit == m_hover && (hit.kind == Hit::None || hit.kind == Hit::Neuron))
        return;  // the popup does not follow the pointer
    m_hover = hit;
    m_hoverPos = pos;
    setCursor(hit.kind == Hit::Edge || hit.kind == Hit::Bias ? Qt::PointingHandCursor : Qt::ArrowCursor);
    update();
}

void NetworkDiagram::mouseMoveEvent(QMouseEvent *event)
{
    setHover(hitTest(event->position()), event->position());
}

void NetworkDiagram::leaveEvent(QEvent *)
{
    setHover({}, {});
}

void NetworkDiagram::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const Hit hit = hitTest(event->position());
    m_hoverPos = event->position();
    m_hover = hit;
    if (hit.kind == Hit::Edge || hit.kind == Hit::Bias)
        beginEdit(hit);
}

void NetworkDiagram::beginEdit(const Hit &hit)
{
    if (!m_editor->isEnabled() || (hit.kind != Hit::Edge && hit.kind != Hit::Bias))
        return;
    ensureGeometry();
    QPointF anchor = m_hoverPos;
    if (!(m_hover == hit)) {
        anchor = hit.kind == Hit::Edge ? edgeLine(hit.column, hit.unit, hit.from).pointAt(0.5)
                                       : biasCentre(hit.column, hit.unit);
    }
    m_hover = {};
    m_editor->open(hit, anchor, visibleArea().toRect(), m_geometry->em);
    update();
}

}  // namespace np
