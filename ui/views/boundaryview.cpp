#include "boundaryview.h"

#include "colors.h"
#include "document.h"
#include "figurepainting.h"
#include "geometry.h"
#include "numberformat.h"
#include "painttool.h"

#include "network/loss.h"
#include "network/networkspec.h"

#include <QFontMetricsF>
#include <QLinearGradient>
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

bool insidePlane(const QPointF &plane)
{
    return std::abs(plane.x()) <= kExtent && std::abs(plane.y()) <= kExtent;
}

/// One data point: a filled disc (training) or a ring on the background (validation).
void drawMarker(QPainter &painter, const QPointF &c, double radius, const QColor &fill, bool validation,
                const QColor &base, const QColor &text)
{
    // Halfway to the text colour: darker than the fill in light themes, lighter in dark ones,
    // so a point stands out even on a region of its own colour (or a regression value of 0).
    const QPen outline(QColor(blend(fill.rgb(), text.rgb(), 0.55)), 1.0);
    painter.setPen(outline);
    if (!validation) {
        painter.setBrush(fill);
        painter.drawEllipse(c, radius, radius);
        return;
    }
    const double ring = std::max(2.0, 0.45 * radius);
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

/// The mark around a misclassified point: its pen and its radius for a point of `radius`.
QPen misclassifiedPen(double radius, const QColor &text)
{
    // Thin enough that half the points marked (an untrained net) still leaves the data readable.
    return QPen(text, std::max(1.5, 0.3 * radius));
}

double misclassifiedRadius(double radius)
{
    const double width = std::max(1.5, 0.3 * radius);
    return radius + std::max(1.5, 0.3 * radius) + width / 2;
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
    return layout(QRectF(rect()), QFontMetricsF(font()));
}

BoundaryView::Layout BoundaryView::layout(const QRectF &area, const QFontMetricsF &fm) const
{
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
    const double w = area.width();
    const double h = area.height();
    // Whole pixels, so the frame and the ticks are crisp.
    const double side = std::max(1.0, std::floor(std::min(w - left - right, h - top - bottom)));
    // Centred in the area where the margins allow it, otherwise pushed away from the axes.
    const double x = std::max(left, std::min(std::round((w - side) / 2), w - right - side));
    const double y = std::max(top, std::min(std::round((h - side) / 2), h - bottom - side));
    l.plot = QRectF(std::round(area.left()) + x, std::round(area.top()) + y, side, side);

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
    drawPlane(painter, l);
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
    if (!options.legend) {
        drawPlane(painter, layout(area, fm));
        painter.restore();
        return;
    }
    // The legend goes right beside the square plot, where a landscape figure has room to spare,
    // and the two are centred together.
    const double legend = legendWidth(fm);
    QRectF plotArea = area.adjusted(0, 0, -legend, 0);
    Layout l = layout(plotArea, fm);
    const double gap = std::ceil(l.labelWidth / 2);
    const double slack = area.right() - (l.plot.right() + gap + legend);
    if (slack > 1) {
        plotArea.translate(std::floor(slack / 2), 0);
        l = layout(plotArea, fm);
    }
    drawLegend(painter, QRectF(l.plot.right() + gap, area.top(), legend, area.height()), fm);
    drawPlane(painter, l);
    painter.restore();
}

void BoundaryView::drawPlane(QPainter &painter, const Layout &l) const
{
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_frame.boundary.isNull()) {
        painter.fillRect(l.plot, palette().base());
    } else {
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        const GridSpec &g = m_frame.grid;
        painter.drawImage(QRectF(l.toPixel({g.xMin, g.yMax}), l.toPixel({g.xMax, g.yMin})), m_frame.boundary);
        painter.restore();
    }
    drawAxes(painter, l);
    drawPoints(painter, l);
}

namespace {

/// What the legend lists: one marker per class (or the value scale), then the markers' meanings.
struct LegendEntry
{
    enum Kind { Class, Validation, Misclassified } kind;
    int index = 0;
    QString text;
};

std::vector<LegendEntry> legendEntries(const Dataset &data, bool validationShown, bool marksShown)
{
    std::vector<LegendEntry> entries;
    if (data.isClassification()) {
        for (int k = 0; k < data.classCount; ++k)
            entries.push_back({LegendEntry::Class, k, BoundaryView::tr("Class %1").arg(k + 1)});
    }
    const bool anyValidation = std::any_of(data.points.begin(), data.points.end(),
                                           [](const DataPoint &p) { return p.validation; });
    if (validationShown && anyValidation)
        entries.push_back({LegendEntry::Validation, 0, BoundaryView::tr("validation")});
    if (marksShown)
        entries.push_back({LegendEntry::Misclassified, 0, BoundaryView::tr("misclassified")});
    return entries;
}

}  // namespace

double BoundaryView::legendWidth(const QFontMetricsF &fm) const
{
    const Dataset &data = m_document->dataset();
    double text = data.isClassification() ? 0.0 : fm.horizontalAdvance(tr("value"));
    for (const LegendEntry &e : legendEntries(data, m_showValidation, true))
        text = std::max(text, fm.horizontalAdvance(e.text));
    const double em = fm.height();
    return std::ceil(em + 1.6 * em + text + em);
}

void BoundaryView::drawLegend(QPainter &painter, const QRectF &area, const QFontMetricsF &fm) const
{
    const Dataset &data = m_document->dataset();
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const double em = fm.height();
    const double row = 1.5 * em;
    const double radius = 0.35 * em;
    // Misclassified marks are drawn only when the predictions belong to the data shown.
    const bool marks = data.isClassification() && m_frame.predicted.size() == data.points.size()
                       && m_frame.datasetVersion == m_document->datasetRevision();
    const std::vector<LegendEntry> entries = legendEntries(data, m_showValidation, marks);
    const double bar = data.isClassification() ? 0.0 : 8 * em;  // the regression colour scale
    const double height = double(entries.size()) * row + (bar > 0 ? bar + 2 * em : 0.0);
    const double x = area.left() + em;
    double y = area.top() + std::max(0.0, (area.height() - height) / 2);

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    if (bar > 0) {
        // The diverging map from +1 (top) to -1, as a vector gradient, with three labels.
        painter.setPen(text);
        painter.drawText(QRectF(x, y, area.right() - x, em), Qt::AlignLeft | Qt::AlignVCenter, tr("value"));
        y += 1.25 * em;
        const QRectF scale(x, y, 0.8 * em, bar);
        QLinearGradient gradient(scale.topLeft(), scale.bottomLeft());
        for (int i = 0; i <= 8; ++i)
            gradient.setColorAt(i / 8.0, QColor(divergingColor(1.0 - i / 4.0, base.rgb())));
        painter.setPen(QPen(QColor(blend(base.rgb(), text.rgb(), 0.45)), 1));
        painter.setBrush(gradient);
        painter.drawRect(scale);
        painter.setPen(text);
        for (int i = 0; i <= 2; ++i) {
            const double at = scale.top() + i * bar / 2;
            painter.drawText(QRectF(scale.right() + em / 3, at - em / 2, area.right() - scale.right(), em),
                             Qt::AlignLeft | Qt::AlignVCenter, formatNumber(1.0 - i, 0));
        }
        y += bar + 0.75 * em;
    }
    for (const LegendEntry &e : entries) {
        const QPointF c(x + radius + 1, y + row / 2);
        switch (e.kind) {
        case LegendEntry::Class:
            drawMarker(painter, c, radius, classColor(e.index), false, base, text);
            break;
        case LegendEntry::Validation:
            drawMarker(painter, c, radius, QColor(blend(base.rgb(), text.rgb(), 0.5)), true, base, text);
            break;
        case LegendEntry::Misclassified:
            drawMarker(painter, c, radius, QColor(blend(base.rgb(), text.rgb(), 0.5)), false, base, text);
            painter.setPen(misclassifiedPen(radius, text));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(c, misclassifiedRadius(radius), misclassifiedRadius(radius));
            break;
        }
        painter.setPen(text);
        painter.drawText(QRectF(x + 1.6 * em, y, area.right() - x - 1.6 * em, row), Qt::AlignLeft | Qt::AlignVCenter,
                         e.text);
        y += row;
    }
    painter.restore();
}

void BoundaryView::drawAxes(QPainter &painter, const Layout &l) const
{
    const QRectF &plot = l.plot;
    const double em = l.em;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    // Width 1, not the cosmetic 0: a PDF draws a 0-width line as thin as the printer can.
    painter.setPen(QPen(palette().color(QPalette::WindowText), 1));
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

    for (const DataPoint &p : data.points) {
        if (!isShown(p))
            continue;
        const QColor fill = data.isClassification() ? classColor(p.label)
                                                    : QColor(divergingColor(p.target, base.rgb()));
        drawMarker(painter, l.toPixel({p.x1, p.x2}), radius, fill, p.validation, base, text);
    }

    // Predictions belong to the points they were computed for; after an edit they wait for the
    // next frame. Markers go on top of all points, so a neighbour drawn later cannot hide one.
    if (!data.isClassification() || m_frame.predicted.size() != data.points.size()
        || m_frame.datasetVersion != m_document->datasetRevision())
        return;
    const double r = misclassifiedRadius(radius);
    painter.setPen(misclassifiedPen(radius, text));
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
        if (isShown(p) && distanceToSegment({p.x1, p.x2}, QLineF(from, to)) <= radius)
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
