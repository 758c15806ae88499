#include "lossplotpainter.h"
#include "lossseries.h"

#include "colors.h"
#include "curvesegments.h"
#include "numberformat.h"
#include "plotaxis.h"

#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace np {

QString offScaleNote(LossPlot::Series series, const LossPlotLayout &layout)
{
    // One note per quantity: the training and the validation curve blow up together.
    const bool loss = series == LossPlot::TrainLoss || series == LossPlot::ValidationLoss;
    double from = -1.0;
    double peak = 0.0;
    for (LossPlot::Series s : layout.shown) {
        const bool sameAxis = (s == LossPlot::TrainLoss || s == LossPlot::ValidationLoss) == loss && s != LossPlot::LearningRate;
        const double f = layout.offScaleFrom[static_cast<std::size_t>(s)];
        if (!sameAxis || f < 0)
            continue;
        from = from < 0 ? f : std::min(from, f);
        peak = std::max(peak, layout.offScalePeak[static_cast<std::size_t>(s)]);
    }
    if (from < 0)
        return {};
    const QString name = loss ? LossPlot::tr("loss") : lossSeriesName(layout.metric).section(QLatin1Char(' '), -1);
    // Short, for a narrow dock: where it left the scale the triangles show.
    return LossPlot::tr("%1 up to %2").arg(name, formatValue(peak));
}

LossPlotPainter::LossPlotPainter(const LossPlotLayout &layout, const DecimatedSeries &series, const QPalette &palette)
    : m_layout(layout)
    , m_series(series)
    , m_palette(palette)
{
}

/// One pixel column of a series: the buckets whose epochs fall into it, summarised again.
struct LossPlotPainter::Column
{
    int pixel = 0;          ///< the column, floor(x)
    double xSum = 0.0;      ///< of the buckets' x positions, for the mean position
    int buckets = 0;
    double low = 0.0;
    double high = 0.0;
    double sum = 0.0;       ///< of values, or of log10(value) on a log axis
    std::int64_t count = 0;
    bool gapBefore = false; ///< rows without a value lie between this column and the previous

    double x() const { return xSum / buckets; }
};

std::vector<LossPlotPainter::Column> LossPlotPainter::columns(Series s) const
{
    const LossPlotLayout &l = m_layout;
    // Buckets that fall into the same pixel column merge once more, so what is drawn is
    // bounded by the width in pixels, not by the history or even the bucket count.
    const std::size_t index = static_cast<std::size_t>(s);
    const bool log = l.scaleOf(s).log;
    std::vector<Column> out;
    out.reserve(static_cast<std::size_t>(std::max(0.0, l.plot.width())) + 2);
    bool gap = false;
    for (std::size_t k = 0; k < m_series.bucketCount(); ++k) {
        const DecimatedSeries::Bucket &b = m_series.bucket(k);
        const DecimatedSeries::Summary &v = m_series.summary(k, index);
        if (v.count == 0) {
            gap = true;
            continue;
        }
        const double x = l.toX(0.5 * static_cast<double>(b.firstX) + 0.5 * static_cast<double>(b.lastX));
        const int pixel = static_cast<int>(std::floor(x));
        const double sum = log ? v.logSum : v.sum;
        if (!out.empty() && !gap && out.back().pixel == pixel) {
            Column &c = out.back();
            c.xSum += x;
            ++c.buckets;
            c.low = std::min(c.low, v.low);
            c.high = std::max(c.high, v.high);
            c.sum += sum;
            c.count += v.count;
        } else {
            out.push_back({pixel, x, 1, v.low, v.high, sum, v.count, gap && !out.empty()});
        }
        gap = false;
    }
    return out;
}

void LossPlotPainter::drawPlot(QPainter &p, const QFontMetricsF &fm) const
{
    const LossPlotLayout &l = m_layout;
    const QColor text = m_palette.color(QPalette::Text);
    const double lh = l.lineHeight;
    p.save();
    drawAxes(p, fm);

    // Curves: the metric behind the losses, which are the main subject; all the min-max bars
    // first, so no bar hides another series' line.
    std::vector<std::pair<Series, std::vector<Column>>> curves;
    for (Series s : {l.metric, l.validationMetric, LossPlot::ValidationLoss, LossPlot::TrainLoss, LossPlot::LearningRate}) {
        if (std::find(l.shown.begin(), l.shown.end(), s) != l.shown.end())
            curves.emplace_back(s, columns(s));
    }
    for (const auto &[s, c] : curves)
        drawEnvelope(p, s, c);
    p.setRenderHint(QPainter::Antialiasing);
    for (const auto &[s, c] : curves)
        drawCurve(p, s, c);
    drawOffScale(p, fm);

    // Legend: a sample of each line and its name.
    for (const auto &[s, r] : l.legend) {
        const double sample = 1.6 * lh;
        p.setPen(lossSeriesPen(lossSeriesColor(s, m_palette), s, l.curveWidth));
        p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.left() + sample, r.center().y()));
        p.setPen(text);
        p.drawText(QRectF(r.left() + sample + l.pad / 2, r.top(), r.width() - sample - l.pad / 2, r.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, lossSeriesName(s));
    }
    p.restore();
}

void LossPlotPainter::drawAxes(QPainter &p, const QFontMetricsF &fm) const
{
    const LossPlotLayout &l = m_layout;
    const QColor background = m_palette.color(QPalette::Base);
    const QColor text = m_palette.color(QPalette::Text);
    const QColor grid = QColor(blend(background.rgb(), text.rgb(), 0.12));
    const QColor axis = QColor(blend(background.rgb(), text.rgb(), 0.45));
    const double lh = l.lineHeight;

    // Grid and axes are drawn crisp; only the curves are antialiased.
    const QRectF all = l.hoverArea();
    p.setPen(QPen(grid, 1));
    for (double t : l.left.ticks) {
        const double y = l.toY(LossPlot::TrainLoss, t);
        p.drawLine(QPointF(l.plot.left(), y), QPointF(l.plot.right(), y));
    }
    for (double t : l.x.ticks) {
        const double x = l.toX(t);
        p.drawLine(QPointF(x, all.top()), QPointF(x, all.bottom()));
    }
    p.setPen(QPen(axis, 1));
    p.drawLine(l.plot.bottomLeft(), l.plot.bottomRight());
    p.drawLine(l.plot.topLeft(), l.plot.bottomLeft());
    if (l.rightShown)
        p.drawLine(l.plot.topRight(), l.plot.bottomRight());
    if (!l.rateBand.isEmpty()) {
        p.drawLine(l.rateBand.bottomLeft(), l.rateBand.bottomRight());
        p.drawLine(l.rateBand.topLeft(), l.rateBand.bottomLeft());
    }

    // Tick labels: loss left, metric right in its colour (so it is clear which axis is which),
    // epochs below, skipping any that would overlap their neighbour or the axis title.
    const double labelHeight = lh;
    p.setPen(text);
    for (double t : l.left.ticks) {
        const double y = l.toY(LossPlot::TrainLoss, t);
        p.drawLine(QPointF(l.plot.left() - l.tick, y), QPointF(l.plot.left(), y));
        p.drawText(QRectF(l.area.left(), y - labelHeight / 2, l.plot.left() - l.tick - 2 - l.area.left(), labelHeight),
                   Qt::AlignRight | Qt::AlignVCenter, l.left.label(t));
    }
    if (l.rightShown) {
        p.setPen(lossSeriesColor(l.metric, m_palette));
        for (double t : l.right.ticks) {
            const double y = l.toY(l.metric, t);
            p.drawLine(QPointF(l.plot.right(), y), QPointF(l.plot.right() + l.tick, y));
            p.drawText(QRectF(l.plot.right() + l.tick + 2, y - labelHeight / 2, l.area.width(), labelHeight),
                       Qt::AlignLeft | Qt::AlignVCenter, l.right.label(t));
        }
    }
    if (!l.rateBand.isEmpty()) {
        p.setPen(lossSeriesColor(LossPlot::LearningRate, m_palette));
        const double y = l.toY(LossPlot::LearningRate, l.rate.ticks.front());
        p.drawLine(QPointF(l.rateBand.left() - l.tick, y), QPointF(l.rateBand.left(), y));
        p.drawText(QRectF(l.area.left(), y - labelHeight / 2, l.rateBand.left() - l.tick - 2 - l.area.left(), labelHeight),
                   Qt::AlignRight | Qt::AlignVCenter, formatValue(l.rate.ticks.front(), 3));
    }
    const QString title = LossPlot::tr("epoch");
    const double titleWidth = fm.horizontalAdvance(title);
    const QRectF titleRect(l.area.right() - l.pad - titleWidth, l.labelTop, titleWidth, labelHeight);
    p.setPen(QColor(blend(background.rgb(), text.rgb(), 0.65)));
    p.drawText(titleRect, Qt::AlignRight | Qt::AlignVCenter, title);
    p.setPen(text);
    double lastRight = -kInf;
    for (double t : l.x.ticks) {
        const double x = l.toX(t);
        const QString label = compactNumber(t);
        const double w = fm.horizontalAdvance(label);
        p.drawLine(QPointF(x, all.bottom()), QPointF(x, all.bottom() + l.tick));
        const double left = std::max(x - w / 2, l.plot.left() - l.tick);
        if (left < lastRight + lh / 2 || left + w > titleRect.left() - lh / 2)
            continue;
        p.drawText(QRectF(left, l.labelTop, w, labelHeight), Qt::AlignCenter, label);
        lastRight = left + w;
    }
}

void LossPlotPainter::drawOffScale(QPainter &p, const QFontMetricsF &fm) const
{
    const LossPlotLayout &l = m_layout;
    const double lh = l.lineHeight;
    const double h = 0.6 * lh;
    // A triangle in each curve's colour on the top edge where it leaves the scale.
    std::array<double, 2> firstExit = {kInf, kInf};  // loss, metric
    for (Series s : l.shown) {
        const double from = l.offScaleFrom[static_cast<std::size_t>(s)];
        if (from < 0)
            continue;
        const double x = std::clamp(l.toX(from), l.plot.left(), l.plot.right());
        const QRectF &area = l.areaOf(s);
        p.setPen(QPen(m_palette.color(QPalette::Base), 1));
        p.setBrush(lossSeriesColor(s, m_palette));
        p.drawPolygon(QPolygonF({QPointF(x, area.top()), QPointF(x - h / 2, area.top() + h), QPointF(x + h / 2, area.top() + h)}));
        p.setBrush(Qt::NoBrush);
        const bool loss = s == LossPlot::TrainLoss || s == LossPlot::ValidationLoss;
        firstExit[loss ? 0 : 1] = std::min(firstExit[loss ? 0 : 1], x);
    }
    // One note per quantity under the top edge, ending just left of the first triangle, where
    // the curve is low before the blow-up; a triangle near the left edge has it on its right.
    double row = l.plot.top() + h;
    for (Series s : {LossPlot::TrainLoss, l.metric}) {
        const double x = firstExit[s == LossPlot::TrainLoss ? 0 : 1];
        if (!std::isfinite(x))
            continue;
        const QString note = QStringLiteral("▲ ") + offScaleNote(s, l);
        const double w = std::min(fm.horizontalAdvance(note) + l.pad, l.plot.width());
        double left = x - h - w;
        if (left < l.plot.left())
            left = std::max(l.plot.left(), std::min(x + h, l.plot.right() - w));
        const QRectF box(left, row, w, lh);
        QColor fill = m_palette.color(QPalette::Base);
        fill.setAlphaF(0.85f);
        p.fillRect(box, fill);
        p.setPen(lossSeriesColor(s, m_palette));
        p.drawText(box.adjusted(l.pad / 2, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(note, Qt::ElideRight, box.width() - l.pad / 2));
        row += lh;
    }
}

void LossPlotPainter::drawMarkers(QPainter &p, const QFontMetricsF &fm, const std::vector<LossPlot::Marker> &markers) const
{
    const LossPlotLayout &l = m_layout;
    if (markers.empty() || l.plot.width() < 2)
        return;
    const double lh = l.lineHeight;
    const QColor text = m_palette.color(QPalette::Text);
    const QColor background = m_palette.color(QPalette::Base);
    const QColor line = QColor(blend(background.rgb(), text.rgb(), 0.6));
    const QRectF all = l.hoverArea();
    p.save();
    // Labels rise from the bottom of the plot: the loss is low there once training went on,
    // and a change is usually made after it has. Same-epoch changes share one line.
    std::vector<QRectF> placed;
    double lastX = -kInf;
    for (const LossPlot::Marker &m : markers) {
        const double e = static_cast<double>(m.epoch);
        if (e < l.x.lo || e > l.x.hi)
            continue;
        const double x = std::round(l.toX(e)) + 0.5;
        if (x != lastX) {
            p.setPen(QPen(line, 1, Qt::DashLine));
            p.drawLine(QPointF(x, all.top()), QPointF(x, all.bottom()));
            lastX = x;
        }
        const QString label = m.text();
        const double w = std::min(fm.horizontalAdvance(label) + l.pad, l.plot.width());
        double left = x + 2;
        if (left + w > l.plot.right())
            left = std::max(l.plot.left(), x - 2 - w);
        QRectF box(left, l.plot.bottom() - lh - l.pad / 2, w, lh);
        for (int tries = 0; tries < 64; ++tries) {
            const bool clash = std::any_of(placed.begin(), placed.end(),
                                           [&](const QRectF &r) { return r.intersects(box); });
            if (!clash || box.top() - lh < l.plot.top())
                break;
            box.translate(0, -lh);
        }
        placed.push_back(box);
        QColor fill = background;
        fill.setAlphaF(0.85f);
        p.fillRect(box, fill);
        p.setPen(text);
        p.drawText(box.adjusted(l.pad / 2, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(label, Qt::ElideRight, box.width() - l.pad / 2));
    }
    p.restore();
}

void LossPlotPainter::drawEnvelope(QPainter &p, Series s, const std::vector<Column> &columns) const
{
    const LossPlotLayout &l = m_layout;
    // Where a column covers several rows, a bar from their lowest to their highest value in a
    // tint of the series colour: spikes and noise stay visible, the mean line stays legible on
    // top, and filling one-pixel rectangles costs the same however jagged the data is (a
    // stroked zigzag through every minimum and maximum gets slow on noisy runs).
    const QColor tint = QColor(blend(m_palette.color(QPalette::Base).rgb(), lossSeriesColor(s, m_palette).rgb(), 0.4));
    const QRectF &area = l.areaOf(s);
    for (const Column &c : columns) {
        // Off the scale after a blow-up: the bar ends at the edge, the marks say the rest.
        const double top = std::clamp(l.toY(s, c.high), area.top(), area.bottom());
        const double bottom = std::clamp(l.toY(s, c.low), area.top(), area.bottom());
        if (bottom - top >= 1.0)
            p.fillRect(QRectF(c.pixel, top, 1.0, bottom - top), tint);
    }
}

void LossPlotPainter::drawCurve(QPainter &p, Series s, const std::vector<Column> &columns) const
{
    const LossPlotLayout &l = m_layout;
    // Separate square-capped segments, dashes cut by CurveSegments: a wide pen on a noisy
    // polyline costs tens of milliseconds a frame.
    const bool log = l.scaleOf(s).log;
    const QColor color = lossSeriesColor(s, m_palette);
    QPen pen = lossSeriesPen(color, s, l.curveWidth);
    const bool dashed = pen.style() != Qt::SolidLine;
    pen.setStyle(Qt::SolidLine);
    pen.setCapStyle(Qt::SquareCap);

    const QRectF &area = l.areaOf(s);
    CurveSegments curve(pen.widthF(), dashed, area.top() - 2 * l.curveWidth, area.bottom() + 2 * l.curveWidth);
    for (const Column &c : columns) {
        if (c.gapBefore)
            curve.gap();
        const double mean = c.sum / static_cast<double>(c.count);
        // Bounded, so a value near the largest double cannot make the band's cut divide infinities.
        const double y = l.toY(s, log ? std::pow(10.0, mean) : mean);
        curve.add(QPointF(c.x(), std::clamp(y, area.top() - 1e7, area.bottom() + 1e7)));
    }

    p.setClipRect(area.adjusted(-pen.widthF(), -pen.widthF(), pen.widthF(), pen.widthF()));
    p.setPen(pen);
    p.drawLines(curve.segments());
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    for (const QPointF &dot : curve.dots())
        p.drawEllipse(dot, l.curveWidth, l.curveWidth);
    p.setBrush(Qt::NoBrush);
    p.setClipping(false);
}

void LossPlotPainter::drawReadout(QPainter &p, const QFontMetricsF &fm, std::int64_t epoch, const LossPlot::Values &values,
                                  const std::vector<std::pair<int, QString>> &lines) const
{
    const LossPlotLayout &l = m_layout;
    const QRectF all = l.hoverArea();
    const double x = l.toX(static_cast<double>(epoch));
    const QColor text = m_palette.color(QPalette::Text);
    const QColor background = m_palette.color(QPalette::Base);
    QColor guide = text;
    guide.setAlphaF(0.45f);
    p.setPen(QPen(guide, 1));
    p.drawLine(QPointF(x, all.top()), QPointF(x, all.bottom()));

    // A dot where the guide meets each curve ties the numbers to the lines.
    const double radius = std::max(2.5, l.lineHeight / 5);
    for (Series s : l.shown) {
        const double v = values[static_cast<std::size_t>(s)];
        if (std::isnan(v))
            continue;
        p.setPen(QPen(background, 1));
        p.setBrush(lossSeriesColor(s, m_palette));
        const QRectF &area = l.areaOf(s);
        p.drawEllipse(QPointF(x, std::clamp(l.toY(s, v), area.top(), area.bottom())), radius, radius);
    }
    p.setBrush(Qt::NoBrush);

    const double sample = 1.2 * l.lineHeight;
    double textWidth = 0.0;
    for (const auto &line : lines)
        textWidth = std::max(textWidth, fm.horizontalAdvance(line.second));
    const QSizeF size(l.pad + sample + l.pad / 2 + textWidth + l.pad,
                      static_cast<double>(lines.size()) * l.lineHeight + l.pad);
    // Beside the guide, on whichever side has room, so it does not hide the hovered points;
    // in a plot too narrow for either side, inside the plot over the guide rather than off it.
    double left = x + l.pad;
    if (left + size.width() > l.plot.right())
        left = x - l.pad - size.width();
    left = std::clamp(left, l.plot.left(), std::max(l.plot.left(), l.plot.right() - size.width()));
    const QRectF box(QPointF(left, l.plot.top() + l.pad / 2), size);
    QColor fill = m_palette.color(QPalette::Window);
    fill.setAlphaF(0.92f);
    p.setPen(QPen(QColor(blend(background.rgb(), text.rgb(), 0.45)), 1));
    p.setBrush(fill);
    p.drawRoundedRect(box, l.pad / 3, l.pad / 3);
    p.setBrush(Qt::NoBrush);

    double y = box.top() + l.pad / 2;
    for (const auto &[series, label] : lines) {
        const QRectF cell(box.left() + l.pad, y, box.width() - 2 * l.pad, l.lineHeight);
        if (series >= 0) {
            const Series s = static_cast<Series>(series);
            p.setPen(lossSeriesPen(lossSeriesColor(s, m_palette), s, l.curveWidth));
            p.drawLine(QPointF(cell.left(), cell.center().y()), QPointF(cell.left() + sample, cell.center().y()));
        }
        p.setPen(m_palette.color(QPalette::WindowText));
        p.drawText(cell.adjusted(sample + l.pad / 2, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, label);
        y += l.lineHeight;
    }
}

void LossPlotPainter::drawReference(QPainter &p, const QFontMetricsF &fm, double loss, const QString &label) const
{
    const LossPlotLayout &l = m_layout;
    if (!std::isfinite(loss) || l.plot.width() < 2)
        return;
    const double y = l.toY(LossPlot::TrainLoss, loss);
    if (y < l.plot.top() - 0.5 || y > l.plot.bottom() + 0.5)
        return;
    const QColor color = lossSeriesColor(LossPlot::TrainLoss, m_palette);
    p.save();
    p.setPen(QPen(color, std::max(1.5, l.curveWidth), Qt::DotLine));
    p.drawLine(QPointF(l.plot.left(), y), QPointF(l.plot.right(), y));
    const double w = std::min(fm.horizontalAdvance(label) + l.pad, l.plot.width());
    // Above the line, or below it when the line is at the top of the plot.
    const double top = y - l.lineHeight - 2 >= l.plot.top() ? y - l.lineHeight - 2 : y + 2;
    const QRectF box(l.plot.right() - w, top, w, l.lineHeight);
    QColor fill = m_palette.color(QPalette::Base);
    fill.setAlphaF(0.85f);
    p.fillRect(box, fill);
    p.setPen(color);
    p.drawText(box.adjusted(l.pad / 2, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(label, Qt::ElideRight, box.width() - l.pad / 2));
    p.restore();
}

}  // namespace np
