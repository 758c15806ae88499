#include "boundarypainter.h"

#include "colors.h"
#include "numberformat.h"

#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace np {

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
            entries.push_back({LegendEntry::Class, k, BoundaryPainter::tr("Class %1").arg(k + 1)});
    }
    const bool anyValidation = std::any_of(data.points.begin(), data.points.end(),
                                           [](const DataPoint &p) { return p.validation; });
    if (validationShown && anyValidation)
        entries.push_back({LegendEntry::Validation, 0, BoundaryPainter::tr("validation")});
    if (marksShown)
        entries.push_back({LegendEntry::Misclassified, 0, BoundaryPainter::tr("misclassified")});
    return entries;
}

}  // namespace

/// One data point: a filled disc (training) or a ring on the background (validation).
void drawPointMarker(QPainter &painter, const QPointF &c, double radius, const QColor &fill, bool validation,
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

BoundaryPainter::BoundaryPainter(const ViewFrame &frame, const Dataset &data, std::uint64_t datasetRevision,
                                 const QPalette &palette, bool showTraining, bool showValidation, bool showMisclassified)
    : m_frame(frame)
    , m_data(data)
    , m_datasetRevision(datasetRevision)
    , m_palette(palette)
    , m_showTraining(showTraining)
    , m_showValidation(showValidation)
    , m_showMisclassified(showMisclassified)
{
}

bool BoundaryPainter::marksShown() const
{
    // Predictions belong to the points they were computed for; after an edit they wait for the
    // next frame.
    return m_showMisclassified && m_data.isClassification() && m_frame.predicted.size() == m_data.points.size()
           && m_frame.datasetVersion == m_datasetRevision;
}

bool BoundaryPainter::isShown(const DataPoint &point) const
{
    return point.validation ? m_showValidation : m_showTraining;
}

void BoundaryPainter::drawPlane(QPainter &painter, const BoundaryLayout &l, PointLayers *layers) const
{
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_frame.boundary.isNull()) {
        painter.fillRect(l.plot, m_palette.base());
    } else {
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        const GridSpec &g = m_frame.grid;
        painter.drawImage(QRectF(l.toPixel({g.xMin, g.yMax}), l.toPixel({g.xMax, g.yMin})), m_frame.boundary);
        painter.restore();
    }
    drawAxes(painter, l);
    if (layers)
        drawLayers(painter, l, *layers);
    else
        drawPoints(painter, l);
}

double BoundaryPainter::legendWidth(const QFontMetricsF &fm) const
{
    const Dataset &data = m_data;
    double text = data.isClassification() ? 0.0 : fm.horizontalAdvance(tr("value"));
    for (const LegendEntry &e : legendEntries(data, m_showValidation, m_showMisclassified))
        text = std::max(text, fm.horizontalAdvance(e.text));
    const double em = fm.height();
    return std::ceil(em + 1.6 * em + text + em);
}

void BoundaryPainter::drawLegend(QPainter &painter, const QRectF &area, const QFontMetricsF &fm) const
{
    const Dataset &data = m_data;
    const QColor base = m_palette.color(QPalette::Base);
    const QColor text = m_palette.color(QPalette::Text);
    const double em = fm.height();
    const double row = 1.5 * em;
    const double radius = 0.35 * em;
    // Misclassified marks are drawn only when the predictions belong to the data shown.
    const bool marks = marksShown();
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
            drawPointMarker(painter, c, radius, classColor(e.index), false, base, text);
            break;
        case LegendEntry::Validation:
            drawPointMarker(painter, c, radius, QColor(blend(base.rgb(), text.rgb(), 0.5)), true, base, text);
            break;
        case LegendEntry::Misclassified:
            drawPointMarker(painter, c, radius, QColor(blend(base.rgb(), text.rgb(), 0.5)), false, base, text);
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

void BoundaryPainter::drawAxes(QPainter &painter, const BoundaryLayout &l) const
{
    const QRectF &plot = l.plot;
    const double em = l.em;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    // Width 1, not the cosmetic 0: a PDF draws a 0-width line as thin as the printer can.
    painter.setPen(QPen(m_palette.color(QPalette::WindowText), 1));
    painter.setBrush(Qt::NoBrush);
    // The frame covers the outermost pixel row and column of the plot, so the ticks at -6 and 6
    // line up with it exactly.
    painter.drawRect(QRectF(plot.left(), plot.top(), plot.width() - 1, plot.height() - 1));

    const int steps = int(std::lround(kPlaneExtent / l.tickStep));
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
                     Qt::AlignHCenter | Qt::AlignTop, BoundaryLayout::axisTitle(0));
    const double titleRight = plot.left() - l.tickLength - l.gap - l.labelWidth - 2 * l.gap;
    painter.drawText(QRectF(titleRight - 4 * em, plot.center().y() - em / 2, 4 * em, em),
                     Qt::AlignRight | Qt::AlignVCenter, BoundaryLayout::axisTitle(1));
    painter.restore();
}

void BoundaryPainter::drawPoints(QPainter &painter, const BoundaryLayout &l) const
{
    drawDiscs(painter, l);
    // Predictions belong to the points they were computed for; after an edit they wait for the
    // next frame. Markers go on top of all points, so a neighbour drawn later cannot hide one.
    if (marksShown())
        drawMarks(painter, l);
}

void BoundaryPainter::drawDiscs(QPainter &painter, const BoundaryLayout &l) const
{
    const Dataset &data = m_data;
    const QColor base = m_palette.color(QPalette::Base);
    const QColor text = m_palette.color(QPalette::Text);
    const double radius = l.pointRadius;
    for (const DataPoint &p : data.points) {
        if (!isShown(p))
            continue;
        const QColor fill = data.isClassification() ? classColor(p.label)
                                                    : QColor(divergingColor(p.target, base.rgb()));
        drawPointMarker(painter, l.toPixel({p.x1, p.x2}), radius, fill, p.validation, base, text);
    }
}

void BoundaryPainter::drawMarks(QPainter &painter, const BoundaryLayout &l) const
{
    const Dataset &data = m_data;
    const double r = misclassifiedRadius(l.pointRadius);
    painter.setPen(misclassifiedPen(l.pointRadius, m_palette.color(QPalette::Text)));
    painter.setBrush(Qt::NoBrush);
    for (std::size_t i = 0; i < data.points.size(); ++i) {
        const DataPoint &p = data.points[i];
        if (isShown(p) && m_frame.predicted[i] != p.label)
            painter.drawEllipse(l.toPixel({p.x1, p.x2}), r, r);
    }
}

void BoundaryPainter::stampMarks(QPainter &painter, const BoundaryLayout &l, qreal dpr) const
{
    // One ring drawn once and copied to every misclassified point, at whole device pixels:
    // stroking thousands of antialiased ellipses one by one (an untrained net on 20,000 points)
    // took tens of milliseconds of the GUI thread each frame. Figures still draw each ring.
    const double r = misclassifiedRadius(l.pointRadius);
    const QPen pen = misclassifiedPen(l.pointRadius, m_palette.color(QPalette::Text));
    const int side = static_cast<int>(std::ceil(2 * (r + pen.widthF() / 2 + 1) * dpr));
    QImage stamp(side, side, QImage::Format_ARGB32_Premultiplied);
    stamp.fill(Qt::transparent);
    {
        QPainter s(&stamp);
        s.setRenderHints(painter.renderHints());
        s.scale(dpr, dpr);
        s.setPen(pen);
        s.setBrush(Qt::NoBrush);
        s.drawEllipse(QPointF(side / 2.0 / dpr, side / 2.0 / dpr), r, r);
    }
    stamp.setDevicePixelRatio(dpr);
    const Dataset &data = m_data;
    for (std::size_t i = 0; i < data.points.size(); ++i) {
        const DataPoint &p = data.points[i];
        if (!isShown(p) || m_frame.predicted[i] == p.label)
            continue;
        const QPointF c = l.toPixel({p.x1, p.x2}) * dpr;
        painter.drawImage(QPointF(std::round(c.x() - side / 2.0) / dpr, std::round(c.y() - side / 2.0) / dpr), stamp);
    }
}

void BoundaryPainter::drawLayers(QPainter &painter, const BoundaryLayout &l, PointLayers &layers) const
{
    QPaintDevice *device = painter.device();
    const qreal dpr = device ? device->devicePixelRatioF() : 1.0;
    const QSize pixels = device ? QSize(device->width(), device->height()) * dpr : QSize();
    const QRgb base = m_palette.color(QPalette::Base).rgb();
    const QRgb text = m_palette.color(QPalette::Text).rgb();
    const auto fresh = [&](QImage &image) {
        image = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(dpr);
        image.fill(Qt::transparent);
    };
    const bool samePoints = !layers.points.isNull() && layers.points.size() == pixels
                            && layers.points.devicePixelRatioF() == dpr && layers.plot == l.plot
                            && layers.radius == l.pointRadius && layers.data == &m_data
                            && layers.count == m_data.points.size() && layers.revision == m_datasetRevision
                            && layers.training == m_showTraining && layers.validation == m_showValidation
                            && layers.base == base && layers.text == text;
    if (!samePoints) {
        fresh(layers.points);
        QPainter p(&layers.points);
        p.setRenderHints(painter.renderHints());
        drawDiscs(p, l);
        layers.plot = l.plot;
        layers.radius = l.pointRadius;
        layers.data = &m_data;
        layers.count = m_data.points.size();
        layers.revision = m_datasetRevision;
        layers.training = m_showTraining;
        layers.validation = m_showValidation;
        layers.base = base;
        layers.text = text;
        layers.predicted.clear();
        layers.marks = QImage();
        ++layers.pointDraws;
    }
    painter.drawImage(QPointF(0, 0), layers.points);

    if (!marksShown())
        return;
    if (layers.marks.isNull() || layers.predicted != m_frame.predicted) {
        fresh(layers.marks);
        QPainter p(&layers.marks);
        p.setRenderHints(painter.renderHints());
        stampMarks(p, l, dpr);
        layers.predicted = m_frame.predicted;
    }
    painter.drawImage(QPointF(0, 0), layers.marks);
}

}  // namespace np
