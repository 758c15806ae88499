#include "boundaryview.h"

#include "colors.h"
#include "document.h"
#include "painttool.h"

#include "network/loss.h"
#include "network/networkspec.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace np {

namespace {

constexpr double kExtent = 6.0;  // the plane is [-kExtent, kExtent]^2
constexpr int kGridResolution = 256;
// Painted points jitter the same way in every session; the seed only has to be fixed.
constexpr std::uint64_t kPaintSeed = 0x5eed'b0a7;

const QString kTitleX1 = QStringLiteral("x₁");
const QString kTitleX2 = QStringLiteral("x₂");

// Numbers with a real minus sign: "-" is a hyphen in most fonts and looks short next to digits.
QString formatNumber(double v, int decimals)
{
    if (std::abs(v) < 0.5 * std::pow(10.0, -decimals))
        v = 0.0;  // no "-0.00"
    return QString::number(v, 'f', decimals).replace(QLatin1Char('-'), QChar(0x2212));
}

double distanceToSegment(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a;
    const double length2 = QPointF::dotProduct(ab, ab);
    const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

bool insidePlane(const QPointF &plane)
{
    return std::abs(plane.x()) <= kExtent && std::abs(plane.y()) <= kExtent;
}

}  // namespace

/// Where everything goes for one widget size and font: computed on demand (it is a handful of
/// font-metric look-ups), so the mapping can never go stale after a resize or a font change.
struct BoundaryView::Layout
{
    QRectF plot;
    double em = 12.0;          ///< the font's line height
    double labelWidth = 12.0;  ///< the widest tick label
    double tickLength = 4.0;
    double gap = 2.0;
    double tickStep = 1.0;
    double pointRadius = 4.0;

    double pixelsPerUnit() const { return plot.width() / (2 * kExtent); }
    QPointF toPixel(const QPointF &plane) const
    {
        const double s = pixelsPerUnit();
        return {plot.left() + (plane.x() + kExtent) * s, plot.top() + (kExtent - plane.y()) * s};
    }
    QPointF toPlane(const QPointF &pixel) const
    {
        const double s = pixelsPerUnit();
        return {(pixel.x() - plot.left()) / s - kExtent, kExtent - (pixel.y() - plot.top()) / s};
    }
};

BoundaryView::Layout BoundaryView::layout() const
{
    const QFontMetricsF fm(font());
    Layout l;
    const double em = fm.height();
    l.em = em;
    l.tickLength = std::max(4.0, std::round(em / 3));
    l.gap = std::max(2.0, std::round(em / 4));
    const double labelWidth = fm.horizontalAdvance(formatNumber(-kExtent, 0));
    l.labelWidth = labelWidth;
    const double left = l.tickLength + l.gap + labelWidth + 2 * l.gap + fm.horizontalAdvance(kTitleX2) + l.gap;
    const double right = std::ceil(labelWidth / 2) + l.gap;  // the last x label is centred on the edge
    const double top = std::ceil(em / 2) + l.gap;             // so is the top y label
    const double bottom = l.tickLength + l.gap + em + l.gap + em + l.gap;
    const double w = width();
    const double h = height();
    // Whole pixels, so the frame and the ticks are crisp.
    const double side = std::max(1.0, std::floor(std::min(w - left - right, h - top - bottom)));
    // Centred in the widget where the margins allow it, otherwise pushed away from the axes.
    const double x = std::max(left, std::min(std::round((w - side) / 2), w - right - side));
    const double y = std::max(top, std::min(std::round((h - side) / 2), h - bottom - side));
    l.plot = QRectF(x, y, side, side);

    // Ticks every 1, 2, 3 or 6 units (all divide the extent, so both edges and 0 get one),
    // the finest step whose labels stay apart.
    const double minSpacing = labelWidth + em;
    l.tickStep = 2 * kExtent;
    for (double step : {1.0, 2.0, 3.0, 6.0}) {
        if (step * l.pixelsPerUnit() >= minSpacing) {
            l.tickStep = step;
            break;
        }
    }
    // Large enough to read on a projector, small enough that a 400-point spiral keeps its gaps.
    l.pointRadius = std::max(0.25 * em, std::clamp(side / 120.0, 3.5, 9.0));
    return l;
}

BoundaryView::BoundaryView(Document *document, PaintTool *tool, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_tool(tool)
    , m_rng(kPaintSeed)
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
    grid.xMin = grid.yMin = -kExtent;
    grid.xMax = grid.yMax = kExtent;
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

void BoundaryView::paintEvent(QPaintEvent *)
{
    const Layout l = layout();
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);

    if (m_frame.boundary.isNull()) {
        painter.fillRect(l.plot, palette().base());
    } else {
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        const GridSpec &g = m_frame.grid;
        painter.drawImage(QRectF(l.toPixel({g.xMin, g.yMax}), l.toPixel({g.xMax, g.yMin})), m_frame.boundary);
    }
    drawAxes(painter, l);
    drawPoints(painter, l);
    if (m_hovering) {
        drawBrush(painter, l);
        drawReadout(painter, l);
    }
}

void BoundaryView::drawAxes(QPainter &painter, const Layout &l) const
{
    const QRectF &plot = l.plot;
    const double em = l.em;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(palette().color(QPalette::WindowText), 0));
    painter.setBrush(Qt::NoBrush);
    // The frame covers the outermost pixel row and column of the plot, so the ticks at -6 and 6
    // line up with it exactly.
    painter.drawRect(QRectF(plot.left(), plot.top(), plot.width() - 1, plot.height() - 1));

    const int steps = int(std::lround(kExtent / l.tickStep));
    for (int i = -steps; i <= steps; ++i) {
        const double v = i * l.tickStep;
        const QString label = formatNumber(v, 0);
        const QPointF at = l.toPixel({v, v});
        const double x = std::clamp(std::floor(at.x()), plot.left(), plot.right() - 1);
        const double y = std::clamp(std::floor(at.y()), plot.top(), plot.bottom() - 1);
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + l.tickLength - 1));
        painter.drawLine(QPointF(plot.left() - l.tickLength, y), QPointF(plot.left() - 1, y));
        painter.drawText(QRectF(x - 2 * em, plot.bottom() + l.tickLength + l.gap, 4 * em, em),
                         Qt::AlignHCenter | Qt::AlignTop, label);
        painter.drawText(QRectF(plot.left() - l.tickLength - l.gap - 4 * em, y - em / 2, 4 * em, em),
                         Qt::AlignRight | Qt::AlignVCenter, label);
    }
    painter.drawText(QRectF(plot.left(), plot.bottom() + l.tickLength + 2 * l.gap + em, plot.width(), em),
                     Qt::AlignHCenter | Qt::AlignTop, kTitleX1);
    const double titleRight = plot.left() - l.tickLength - l.gap - l.labelWidth - 2 * l.gap;
    painter.drawText(QRectF(titleRight - 4 * em, plot.center().y() - em / 2, 4 * em, em),
                     Qt::AlignRight | Qt::AlignVCenter, kTitleX2);
    painter.restore();
}

void BoundaryView::drawPoints(QPainter &painter, const Layout &l) const
{
    const Dataset &data = m_document->dataset();
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const double radius = l.pointRadius;
    const double ring = std::max(2.0, 0.45 * radius);  // a validation point's coloured ring

    for (const DataPoint &p : data.points) {
        if (!isShown(p))
            continue;
        const QPointF c = l.toPixel({p.x1, p.x2});
        const QColor fill = data.isClassification() ? classColor(p.label)
                                                    : QColor(divergingColor(p.target, base.rgb()));
        // Halfway to the text colour: darker than the fill in light themes, lighter in dark ones,
        // so a point stands out even on a region of its own colour (or a regression value of 0).
        const QPen outline(QColor(blend(fill.rgb(), text.rgb(), 0.55)), 1.0);
        painter.setPen(outline);
        if (!p.validation) {
            painter.setBrush(fill);
            painter.drawEllipse(c, radius, radius);
            continue;
        }
        painter.setBrush(base);
        painter.drawEllipse(c, radius, radius);
        painter.setBrush(Qt::NoBrush);
        const double r = radius - 0.5 - ring / 2;
        painter.setPen(QPen(fill, ring));
        painter.drawEllipse(c, r, r);
        // An inner outline keeps the ring a ring when its colour is near the background's.
        painter.setPen(outline);
        painter.drawEllipse(c, r - ring / 2, r - ring / 2);
    }

    // Predictions belong to the points they were computed for; after an edit they wait for the
    // next frame. Markers go on top of all points, so a neighbour drawn later cannot hide one.
    if (!data.isClassification() || m_frame.predicted.size() != data.points.size()
        || m_frame.datasetVersion != m_document->datasetRevision())
        return;
    // Thin enough that half the points marked (an untrained net) still leaves the data readable.
    const double width = std::max(1.5, 0.3 * radius);
    const double r = radius + std::max(1.5, 0.3 * radius) + width / 2;
    painter.setPen(QPen(text, width));
    painter.setBrush(Qt::NoBrush);
    for (std::size_t i = 0; i < data.points.size(); ++i) {
        const DataPoint &p = data.points[i];
        if (isShown(p) && m_frame.predicted[i] != p.label)
            painter.drawEllipse(l.toPixel({p.x1, p.x2}), r, r);
    }
}

void BoundaryView::drawBrush(QPainter &painter, const Layout &l) const
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

QRectF BoundaryView::readoutBox(const Layout &l, const QStringList &lines) const
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
    const double y = bottom ? l.plot.bottom() - pad - size.height() : l.plot.top() + pad;
    return QRectF(QPointF(std::round(x), std::round(y)), size);
}

void BoundaryView::drawReadout(QPainter &painter, const Layout &l) const
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
    const Layout l = layout();
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

void BoundaryView::appendDab(const QPointF &centre, std::vector<DataPoint> &points)
{
    if (!insidePlane(centre))
        return;  // a drag along the outside of the plot must not pile points onto its edge
    const Dataset &data = m_document->dataset();
    const double fraction = m_document->config().data.validationFraction;
    const double radius = m_tool->brushRadius();
    for (int i = 0; i < m_tool->density(); ++i) {
        // The square root makes the points uniform over the disc's area, not crowded at its centre.
        const double r = radius * std::sqrt(m_rng.uniform());
        const double angle = 2 * std::numbers::pi * m_rng.uniform();
        DataPoint p;
        p.x1 = std::clamp(centre.x() + r * std::cos(angle), -kExtent, kExtent);
        p.x2 = std::clamp(centre.y() + r * std::sin(angle), -kExtent, kExtent);
        if (data.isClassification())
            p.label = std::min(m_tool->currentClass(), data.classCount - 1);
        else
            p.target = m_tool->targetValue();
        p.validation = m_rng.uniform() < fraction;
        points.push_back(p);
    }
}

void BoundaryView::paintTo(const QPointF &plane)
{
    // Dabs every half brush radius along the path, wherever the mouse events happen to fall:
    // the density then depends on the distance dragged, not on the event rate or the speed.
    const double spacing = 0.5 * m_tool->brushRadius();
    std::vector<DataPoint> points;
    QPointF d = plane - m_lastPlane;
    double length = std::hypot(d.x(), d.y());
    while (length >= spacing) {
        m_lastPlane += d * (spacing / length);
        appendDab(m_lastPlane, points);
        d = plane - m_lastPlane;
        length = std::hypot(d.x(), d.y());
    }
    m_document->addPoints(points);
}

void BoundaryView::eraseAlong(const QPointF &from, const QPointF &to)
{
    // Everything the brush swept since the last event, so a fast drag leaves no gaps. Hidden
    // points are spared: erasing what cannot be seen would surprise.
    const Dataset &data = m_document->dataset();
    const double radius = m_tool->brushRadius();
    std::vector<int> hits;
    for (std::size_t i = 0; i < data.points.size(); ++i) {
        const DataPoint &p = data.points[i];
        if (isShown(p) && distanceToSegment({p.x1, p.x2}, from, to) <= radius)
            hits.push_back(int(i));
    }
    m_document->removePoints(std::move(hits));
}

void BoundaryView::finishStroke()
{
    m_document->endStroke();
    m_stroke = Stroke::None;
    m_strokeButton = Qt::NoButton;
}

void BoundaryView::mousePressEvent(QMouseEvent *event)
{
    if (m_stroke != Stroke::None) {
        event->accept();  // another button during a stroke: the stroke goes on
        return;
    }
    const bool left = event->button() == Qt::LeftButton;
    const bool erase = event->button() == Qt::RightButton || (left && (event->modifiers() & Qt::ShiftModifier));
    if ((!left && !erase) || !plotRect().contains(event->position())) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QPointF plane = toPlane(event->position());
    m_strokeButton = event->button();
    m_lastPlane = plane;
    if (erase) {
        m_stroke = Stroke::Erase;
        m_document->beginStroke(tr("Erase Points"));
        eraseAlong(plane, plane);
    } else {
        m_stroke = Stroke::Paint;
        m_document->beginStroke(tr("Paint Points"));
        std::vector<DataPoint> points;
        appendDab(plane, points);
        m_document->addPoints(points);
    }
    setHover(true, event->position(), erase);
    event->accept();
}

void BoundaryView::mouseMoveEvent(QMouseEvent *event)
{
    // The release can go elsewhere (a popup grabbed the mouse); then the stroke is over.
    if (m_stroke != Stroke::None && !(event->buttons() & m_strokeButton))
        finishStroke();
    const QPointF plane = toPlane(event->position());
    if (m_stroke == Stroke::Paint) {
        paintTo(plane);
    } else if (m_stroke == Stroke::Erase) {
        eraseAlong(m_lastPlane, plane);
        m_lastPlane = plane;
    }
    const bool erasing = m_stroke == Stroke::Erase
                         || (m_stroke == Stroke::None && (event->modifiers() & Qt::ShiftModifier));
    setHover(plotRect().contains(event->position()), event->position(), erasing);
}

void BoundaryView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_stroke == Stroke::None || event->button() != m_strokeButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    finishStroke();
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
