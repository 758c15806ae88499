#include "foldingpainter.h"

#include "boundarypainter.h"
#include "colors.h"
#include "document.h"
#include "markerstamps.h"
#include "numberformat.h"

#include <QPaintEngine>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

// How strongly a cell shows its class: light, so the mesh lines and the points stay readable,
// and overlapping (folded) cells of different classes still show both.
constexpr double kCellAlpha = 0.32;
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

}  // namespace

/// Where everything goes for one rectangle and font, and the data -> pixel mapping.
struct FoldingPainter::Layout
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

FoldingPainter::FoldingPainter(const FoldingScene &scene, const Document *document, const QPalette &palette,
                               MarkerStamps *stamps)
    : m_scene(scene)
    , m_document(document)
    , m_palette(palette)
    , m_stamps(stamps)
{
}

QColor FoldingPainter::cellColor(int key) const
{
    constexpr int bins = FoldingScene::kValueBins;
    QColor color = m_scene.isRegression()
                       ? QColor(divergingColor(2.0 * key / (bins - 1) - 1.0, m_palette.color(QPalette::Base).rgb()))
                       : classColor(key);
    color.setAlphaF(float(kCellAlpha));
    return color;
}

FoldingPainter::Layout FoldingPainter::layoutFor(const QFontMetricsF &fm, const QRectF &rect, bool legend) const
{
    Layout l;
    l.rect = rect;
    l.em = fm.height();
    l.gap = std::max(2.0, std::round(l.em / 4));
    l.tick = std::max(4.0, std::round(l.em / 3));
    l.labelWidth = fm.horizontalAdvance(QStringLiteral("−88.8"));

    double top = rect.top() + l.gap;
    double bottom = rect.bottom() - l.gap;
    if (legend) {
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
    QRectF range = m_scene.dataRange();
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

void FoldingPainter::paint(QPainter &painter, const QRectF &area, const QFontMetricsF &fm, bool legend) const
{
    const Layout l = layoutFor(fm, area, legend);
    painter.save();
    painter.setClipRect(l.plot);
    drawMesh(painter, l);
    drawPoints(painter, l);
    painter.restore();
    drawAxes(painter, fm, l);
    if (legend)
        drawLegend(painter, fm, l);
}

void FoldingPainter::drawMesh(QPainter &painter, const Layout &l) const
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
    for (const auto &[key, triangles] : m_scene.cells()) {
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
    const QColor text = m_palette.color(QPalette::Text);
    const QColor base = m_palette.color(QPalette::Base);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(blend(base.rgb(), text.rgb(), 0.45)), std::max(1.0, l.em / 16)));
    painter.drawPath(l.toPixel.map(m_scene.lines()));
}

void FoldingPainter::drawPoints(QPainter &painter, const Layout &l) const
{
    if (!m_document)
        return;
    const Dataset &data = m_document->dataset();
    // The mesh carries the points of the data the frame was computed from; after an edit they
    // wait for the next frame.
    const Matrix<double> &positions = m_scene.pointPositions();
    if (m_scene.frame().datasetVersion != m_document->datasetRevision() || positions.cols() != Index(data.points.size()))
        return;
    const QColor base = m_palette.color(QPalette::Base);
    const QColor text = m_palette.color(QPalette::Text);
    const double radius = l.pointRadius;
    for (std::size_t i = 0; i < data.points.size(); ++i) {
        const DataPoint &p = data.points[i];
        const QPointF at(positions(0, Index(i)), positions(1, Index(i)));
        if (!std::isfinite(at.x()) || !std::isfinite(at.y()))
            continue;
        const QColor fill = data.isClassification() ? classColor(p.label) : QColor(divergingColor(p.target, base.rgb()));
        // The boundary view's markers: discs outlined halfway to the text colour, validation rings.
        const QPointF c = l.toPixel.map(at);
        if (m_stamps)
            m_stamps->draw(painter, c, radius, fill, p.validation, base, text);
        else
            drawPointMarker(painter, c, radius, fill, p.validation, base, text);
    }
}

void FoldingPainter::drawAxes(QPainter &painter, const QFontMetricsF &fm, const Layout &l) const
{
    const QRectF &plot = l.plot;
    const double em = l.em;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(m_palette.color(QPalette::Text), 0));
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

    // The whole label where it fits, else without the layer's name (the title has it).
    const auto label = [&](int axis, double room) {
        const QString full = m_scene.axisLabel(axis);
        if (fm.horizontalAdvance(full) <= room)
            return full;
        return fm.elidedText(m_scene.axisLabel(axis, true), Qt::ElideMiddle, int(room));
    };
    const QString xLabel = label(0, plot.width());
    painter.drawText(QRectF(plot.left(), plot.bottom() + l.tick + 2 * l.gap + em, plot.width(), em),
                     Qt::AlignHCenter | Qt::AlignTop, xLabel);
    const QString yLabel = label(1, plot.height());
    painter.translate(l.rect.left() + l.gap, plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-plot.height() / 2, 0, plot.height(), em), Qt::AlignHCenter | Qt::AlignTop, yLabel);
    painter.restore();
}

void FoldingPainter::drawLegend(QPainter &painter, const QFontMetricsF &fm, const Layout &l) const
{
    if (!m_document || !m_document->dataset().isClassification())
        return;
    const double r = l.em / 3;
    double x = l.plot.left();
    painter.setPen(m_palette.color(QPalette::Text));
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
