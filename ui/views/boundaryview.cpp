#include "boundaryview.h"
#include "boundarylegend.h"

#include "colors.h"
#include "document.h"
#include "figurepainting.h"
#include "numberformat.h"
#include "painttool.h"

#include "network/loss.h"
#include "network/networkspec.h"

#include <QAction>
#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QSettings>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

constexpr int kGridResolution = 256;
const QString kRingsKey = QStringLiteral("plane/misclassifiedRings");
const QString kLegendKey = QStringLiteral("plane/legend");

}  // namespace

BoundaryView::BoundaryView(Document *document, PaintTool *tool, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_tool(tool)
    , m_stroke(document, tool, [this](const DataPoint &p) { return isShown(p); })
{
    setMinimumSize(300, 300);
    setMouseTracking(true);
    setCursor(Qt::CrossCursor);
    // The right button erases; it must reach mousePressEvent instead of asking for a menu.
    setContextMenuPolicy(Qt::PreventContextMenu);
    connect(m_document, &Document::datasetChanged, this, qOverload<>(&QWidget::update));
    // The brush outline and the read-out depend on the tool and on the task.
    connect(m_tool, &PaintTool::changed, this, qOverload<>(&QWidget::update));
    connect(m_document, &Document::configChanged, this, qOverload<>(&QWidget::update));

    // The two switches are the view's own, remembered across runs: a teacher who turned the
    // rings off for a lecture about the data does not want them back after a restart.
    const QSettings settings;
    m_showMisclassified = settings.value(kRingsKey, true).toBool();
    m_showLegend = settings.value(kLegendKey, true).toBool();
    const auto toggle = [this](const QString &name, const QString &text, const QString &key, const QString &tip,
                               bool on, void (BoundaryView::*set)(bool), const QString &settingsKey) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        a->setCheckable(true);
        a->setChecked(on);
        a->setShortcut(QKeySequence(key));
        a->setToolTip(tip);
        connect(a, &QAction::toggled, this, [this, set, settingsKey](bool checked) {
            (this->*set)(checked);
            QSettings().setValue(settingsKey, checked);
        });
        return a;
    };
    m_misclassifiedAction = toggle(QStringLiteral("showMisclassified"), tr("Mark &Misclassified Points"), tr("M"),
                                   tr("Rings around the points the network gets wrong (M)"), m_showMisclassified,
                                   &BoundaryView::setShowMisclassified, kRingsKey);
    m_legendAction = toggle(QStringLiteral("showPlaneLegend"), tr("Show Plane &Key"), tr("K"),
                            tr("A key in a corner of the plane: class colours, validation and misclassified points (K)"),
                            m_showLegend, &BoundaryView::setShowLegend, kLegendKey);
}

void BoundaryView::setShowMisclassified(bool show)
{
    m_showMisclassified = show;
    if (m_misclassifiedAction)
        m_misclassifiedAction->setChecked(show);
    update();
}

void BoundaryView::setShowLegend(bool show)
{
    m_showLegend = show;
    if (m_legendAction)
        m_legendAction->setChecked(show);
    update();
}

QRectF BoundaryView::legendRect() const
{
    if (!m_showLegend)
        return {};
    return PlaneLegend(m_document->dataset(), palette(), m_showTraining, m_showValidation,
                       m_showMisclassified && m_document->dataset().isClassification())
        .place(layout(), QFontMetricsF(font()));
}

BoundaryLayout BoundaryView::layout() const
{
    return BoundaryLayout::forArea(QRectF(rect()), QFontMetricsF(font()));
}

BoundaryPainter BoundaryView::planePainter() const
{
    return BoundaryPainter(m_frame, m_document->dataset(), m_document->datasetRevision(), palette(), m_showTraining,
                           m_showValidation, m_showMisclassified);
}

void BoundaryView::setFrame(const ViewFrame &frame)
{
    m_frame = frame;
    update();
}

void BoundaryView::setShowTraining(bool show)
{
    m_showTraining = show;
    update();
}

void BoundaryView::setShowValidation(bool show)
{
    m_showValidation = show;
    update();
}

void BoundaryView::setDiscretize(bool discretize)
{
    if (discretize == m_discretize)
        return;
    m_discretize = discretize;
    emit styleChanged();
}

GridSpec BoundaryView::grid() const
{
    GridSpec grid;
    grid.xMin = grid.yMin = -kPlaneExtent;
    grid.xMax = grid.yMax = kPlaneExtent;
    grid.columns = grid.rows = kGridResolution;
    return grid;
}

QPointF BoundaryView::toPlane(const QPointF &pixel) const
{
    return layout().toPlane(pixel);
}

QPointF BoundaryView::toPixel(const QPointF &plane) const
{
    return layout().toPixel(plane);
}

QRectF BoundaryView::plotRect() const
{
    return layout().plot;
}

double BoundaryView::pointRadius() const
{
    return layout().pointRadius;
}

QSize BoundaryView::sizeHint() const
{
    return {640, 640};
}

BoundaryView::HoverOutput BoundaryView::hoverOutput(const QPointF &plane) const
{
    const GridSpec &g = m_frame.grid;
    const Matrix<Scalar> &out = m_frame.output;  // outputs x pixels
    if (out.rows() < 1 || out.cols() != g.pixels() || plane.x() < g.xMin || plane.x() > g.xMax
        || plane.y() < g.yMin || plane.y() > g.yMax)
        return {};
    const int column = std::clamp(int(std::floor((plane.x() - g.xMin) / (g.xMax - g.xMin) * g.columns)), 0,
                                  g.columns - 1);
    const int row = std::clamp(int(std::floor((g.yMax - plane.y()) / (g.yMax - g.yMin) * g.rows)), 0, g.rows - 1);
    const Scalar *a = &out(0, Index(row) * g.columns + column);
    const int outputs = int(out.rows());

    const Dataset &data = m_document->dataset();
    if (!data.isClassification())
        return {tr("Value %1").arg(formatNumber(a[0], 2)),
                QColor(divergingColor(a[0], palette().color(QPalette::Base).rgb()))};
    const OutputHead head = m_document->config().network.head;
    // A frame computed before the head or the class count changed would be misread; the next
    // frame comes soon, so say nothing until then.
    if (outputs != outputUnits(head, data.task, data.classCount))
        return {};
    const int k = predictedClass<Scalar>(head, a, outputs);
    const QString name = tr("Class %1").arg(k + 1);  // classes are numbered from 1 for people
    switch (head) {
    case OutputHead::Sigmoid: {
        const double share = k == 1 ? a[0] : 1.0 - a[0];  // a = P(class 1)
        return {tr("%1: %2%").arg(name, formatNumber(100.0 * share, 0)), classColor(k)};
    }
    case OutputHead::Softmax:
        return {tr("%1: %2%").arg(name, formatNumber(100.0 * a[k], 0)), classColor(k)};
    case OutputHead::OneVsRest:
    case OutputHead::Linear:
    case OutputHead::Tanh:
    case OutputHead::Step:
        // Scores, not shares of one: one-vs-rest sigmoids need not sum to 1.
        return {tr("%1 (score %2)").arg(name, formatNumber(outputs == 1 ? a[0] : a[k], 2)), classColor(k)};
    }
    return {};
}

QString BoundaryView::readout(const QPointF &plane) const
{
    QString text = tr("x₁ %1, x₂ %2").arg(formatNumber(plane.x(), 2), formatNumber(plane.y(), 2));
    const HoverOutput output = hoverOutput(plane);
    if (!output.text.isEmpty())
        text += QLatin1Char('\n') + output.text;
    return text;
}

bool BoundaryView::isShown(const DataPoint &point) const
{
    return point.validation ? m_showValidation : m_showTraining;
}

namespace {

/// The 1-D note as a band across the bottom of the plot (the legend keeps the top right corner),
/// wrapped, on a veil of the background.
void drawNote(QPainter &painter, const QRectF &plot, const QString &note, const QFontMetricsF &fm, const QPalette &palette)
{
    if (note.isEmpty())
        return;
    const double pad = fm.height() / 3;
    const QRectF box = plot.adjusted(pad, pad, -pad, -pad);
    const QRectF used = fm.boundingRect(box, Qt::TextWordWrap | Qt::AlignHCenter | Qt::AlignBottom, note);
    QColor veil = palette.color(QPalette::Base);
    veil.setAlpha(225);
    painter.save();
    painter.fillRect(QRectF(plot.left(), plot.bottom() - used.height() - 2 * pad, plot.width(), used.height() + 2 * pad), veil);
    painter.setPen(palette.color(QPalette::Text));
    painter.drawText(box, Qt::TextWordWrap | Qt::AlignHCenter | Qt::AlignBottom, note);
    painter.restore();
}

}  // namespace

QString BoundaryView::oneDimensionalNote() const
{
    const Config &config = m_document->config();
    if (m_document->dataset().isClassification() || !dependsOnlyOnX1(config.features))
        return {};
    return tr("1-D data: the network reads x1 alone, so the plane shows its output as vertical stripes. "
              "See the Function view for F(x) and the sum of its units.");
}

void BoundaryView::paintEvent(QPaintEvent *)
{
    const BoundaryLayout l = layout();
    QPainter painter(this);
    const BoundaryPainter plane = planePainter();
    plane.drawPlane(painter, l, &m_pointLayers);
    drawNote(painter, l.plot, oneDimensionalNote(), QFontMetricsF(font()), palette());
    if (m_showLegend) {
        const QFontMetricsF fm(font());
        const PlaneLegend legend(m_document->dataset(), palette(), m_showTraining, m_showValidation,
                                 m_showMisclassified && m_document->dataset().isClassification());
        legend.draw(painter, legend.place(l, fm), fm);
    }
    if (m_hovering) {
        drawBrush(painter, l);
        drawReadout(painter, l);
    }
}

QString BoundaryView::figureName() const
{
    return QStringLiteral("boundary");
}

QString BoundaryView::figureTitle() const
{
    return m_document->dataset().isClassification() ? tr("Decision boundary") : tr("Regression surface");
}

void BoundaryView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.save();
    painter.setFont(font());
    const QFontMetricsF fm = figureMetrics(painter, font());
    const QRectF area = beginFigure(painter, rect, options, figureTitle(), font(), palette());
    const BoundaryPainter plane = planePainter();
    if (!options.legend) {
        const BoundaryLayout l = BoundaryLayout::forArea(area, fm);
        plane.drawPlane(painter, l);
        drawNote(painter, l.plot, oneDimensionalNote(), fm, palette());
        painter.restore();
        return;
    }
    // The legend goes right beside the square plot, where a landscape figure has room to spare,
    // and the two are centred together.
    const double legend = plane.legendWidth(fm);
    QRectF plotArea = area.adjusted(0, 0, -legend, 0);
    BoundaryLayout l = BoundaryLayout::forArea(plotArea, fm);
    const double gap = std::ceil(l.labelWidth / 2);
    const double slack = area.right() - (l.plot.right() + gap + legend);
    if (slack > 1) {
        plotArea.translate(std::floor(slack / 2), 0);
        l = BoundaryLayout::forArea(plotArea, fm);
    }
    plane.drawLegend(painter, QRectF(l.plot.right() + gap, area.top(), legend, area.height()), fm);
    plane.drawPlane(painter, l);
    drawNote(painter, l.plot, oneDimensionalNote(), fm, palette());
    painter.restore();
}

void BoundaryView::drawBrush(QPainter &painter, const BoundaryLayout &l) const
{
    const double r = m_tool->brushRadius() * l.pixelsPerUnit();
    const QColor base = palette().color(QPalette::Base);
    painter.setBrush(Qt::NoBrush);
    if (m_hoverErasing) {
        painter.setPen(QPen(palette().color(QPalette::Text), 1.5, Qt::DashLine));
        painter.drawEllipse(m_hoverPixel, r, r);
        return;
    }
    const Dataset &data = m_document->dataset();
    const QColor colour = data.isClassification()
                              ? classColor(std::min(m_tool->currentClass(), data.classCount - 1))
                              : QColor(divergingColor(m_tool->targetValue(), base.rgb()));
    // The class colour says what will be painted; a thin line in the text colour outside it keeps
    // the circle visible over a region of the same colour.
    painter.setPen(QPen(palette().color(QPalette::Text), 1.0));
    painter.drawEllipse(m_hoverPixel, r + 2.0, r + 2.0);
    painter.setPen(QPen(colour, 3.0));
    painter.drawEllipse(m_hoverPixel, r, r);
}

QRectF BoundaryView::readoutBox(const BoundaryLayout &l, const QStringList &lines) const
{
    const QFontMetricsF fm(font());
    const double pad = std::round(l.em / 3);
    double width = 0;
    for (const QString &line : lines)
        width = std::max(width, fm.horizontalAdvance(line));
    const double swatch = lines.size() > 1 ? l.em : 0.0;  // room for the colour disc before line 2
    const QSizeF size(std::ceil(width + swatch + 2 * pad), std::ceil(lines.size() * l.em + 2 * pad));
    // In the plot corner farthest from the cursor, so it never covers what is being looked at.
    const bool right = m_hoverPixel.x() < l.plot.center().x();
    const bool bottom = m_hoverPixel.y() < l.plot.center().y();
    const double x = right ? l.plot.right() - pad - size.width() : l.plot.left() + pad;
    double y = bottom ? l.plot.bottom() - pad - size.height() : l.plot.top() + pad;
    // Not over the key: beside it, towards the middle of the plot.
    const QRectF key = legendRect();
    if (QRectF(QPointF(x, y), size).intersects(key))
        y = bottom ? key.top() - pad - size.height() : key.bottom() + pad;
    return QRectF(QPointF(std::round(x), std::round(y)), size);
}

void BoundaryView::drawReadout(QPainter &painter, const BoundaryLayout &l) const
{
    const QPointF plane = l.toPlane(m_hoverPixel);
    const QStringList lines = readout(plane).split(QLatin1Char('\n'));
    const QRectF box = readoutBox(l, lines);
    const double em = l.em;
    const double pad = std::round(em / 3);
    const QColor text = palette().color(QPalette::Text);

    QColor fill = palette().color(QPalette::Base);
    fill.setAlpha(225);
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.setBrush(fill);
    painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), pad, pad);

    const double x = box.left() + pad;
    const double y = box.top() + pad;
    painter.setPen(text);
    painter.drawText(QRectF(x, y, box.width(), em), Qt::AlignLeft | Qt::AlignVCenter, lines.first());
    if (lines.size() < 2)
        return;
    const HoverOutput output = hoverOutput(plane);
    painter.setPen(QPen(QColor(blend(output.swatch.rgb(), text.rgb(), 0.55)), 1));
    painter.setBrush(output.swatch);
    painter.drawEllipse(QPointF(x + 0.4 * em, y + 1.5 * em), 0.3 * em, 0.3 * em);
    painter.setPen(text);
    painter.drawText(QRectF(x + em, y + em, box.width(), em), Qt::AlignLeft | Qt::AlignVCenter, lines.at(1));
}

QRect BoundaryView::hoverRegion() const
{
    if (!m_hovering)
        return {};
    const BoundaryLayout l = layout();
    const double r = m_tool->brushRadius() * l.pixelsPerUnit() + 5;  // the outer line and antialiasing
    const QRectF brush(m_hoverPixel - QPointF(r, r), QSizeF(2 * r, 2 * r));
    const QRectF box = readoutBox(l, readout(l.toPlane(m_hoverPixel)).split(QLatin1Char('\n')));
    return brush.toAlignedRect().adjusted(-1, -1, 1, 1) | box.toAlignedRect().adjusted(-1, -1, 1, 1);
}

void BoundaryView::setHover(bool inside, const QPointF &pixel, bool erasing)
{
    // Repaint only where the brush and the read-out were and are, not the whole plane.
    const QRect before = hoverRegion();
    m_hovering = inside;
    m_hoverPixel = pixel;
    m_hoverErasing = erasing;
    update(before | hoverRegion());
}

void BoundaryView::mousePressEvent(QMouseEvent *event)
{
    if (m_stroke.kind() != PointStroke::Kind::None) {
        event->accept();  // another button during a stroke: the stroke goes on
        return;
    }
    const bool left = event->button() == Qt::LeftButton;
    const bool erase = event->button() == Qt::RightButton || (left && (event->modifiers() & Qt::ShiftModifier));
    if ((!left && !erase) || !plotRect().contains(event->position())) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_stroke.begin(erase ? PointStroke::Kind::Erase : PointStroke::Kind::Paint, event->button(),
                   toPlane(event->position()));
    setHover(true, event->position(), erase);
    event->accept();
}

void BoundaryView::mouseMoveEvent(QMouseEvent *event)
{
    // The release can go elsewhere (a popup grabbed the mouse); then the stroke is over.
    if (m_stroke.kind() != PointStroke::Kind::None && !(event->buttons() & m_stroke.button()))
        m_stroke.finish();
    m_stroke.moveTo(toPlane(event->position()));
    const bool erasing = m_stroke.kind() == PointStroke::Kind::Erase
                         || (m_stroke.kind() == PointStroke::Kind::None && (event->modifiers() & Qt::ShiftModifier));
    setHover(plotRect().contains(event->position()), event->position(), erasing);
}

void BoundaryView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_stroke.kind() == PointStroke::Kind::None || event->button() != m_stroke.button()) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_stroke.finish();
    setHover(plotRect().contains(event->position()), event->position(),
             bool(event->modifiers() & Qt::ShiftModifier));
    event->accept();
}

void BoundaryView::leaveEvent(QEvent *event)
{
    setHover(false, m_hoverPixel, false);
    QWidget::leaveEvent(event);
}

}  // namespace np
