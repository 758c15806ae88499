#include "runcurves.h"
#include "plotaxis.h"
#include "valuecap.h"

#include "colors.h"
#include "numberformat.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace np {

namespace {

constexpr double kLogFloor = 1e-8;  // as the loss plot: zeros sit on the floor of a log axis

/// A log axis over whole decades from the smallest positive value (zeros sit on kLogFloor).
PlotScale decadeAxis(double lowPositive, double high, int count)
{
    const int bottom =
        std::isfinite(lowPositive) ? int(std::floor(std::log10(std::max(lowPositive, kLogFloor)) + 1e-9)) : -2;
    const int top = std::isfinite(high) && high > 0 ? int(std::ceil(std::log10(high) - 1e-9)) : 0;
    return decadeScale(bottom, top, count);
}

}  // namespace

QColor runColor(int index)
{
    // Blue, vermillion, bluish green, reddish purple, orange, sky blue, grey, yellow: the pale
    // yellow last, as it is the hardest to see on a light background.
    static constexpr int kOrder[] = {1, 3, 2, 4, 0, 5, 7, 6};
    return classColor(kOrder[index % 8]);
}

RunCurves::RunCurves(QWidget *parent)
    : QWidget(parent)
{
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void RunCurves::setRuns(const std::vector<RunRecord> &runs)
{
    m_curves.clear();
    for (const RunRecord &run : runs) {
        Curve c;
        c.name = QString::fromStdString(run.name);
        for (const HistoryRecord &row : run.history) {
            if (std::isfinite(row.train.loss))
                c.train.emplace_back(double(row.epoch), row.train.loss);
            if (row.validation.count > 0 && std::isfinite(row.validation.loss))
                c.validation.emplace_back(double(row.epoch), row.validation.loss);
        }
        m_curves.push_back(std::move(c));
    }
    update();
}

void RunCurves::setLogScale(bool logScale)
{
    m_logScale = logScale;
    update();
}

int RunCurves::curveCount() const
{
    int n = 0;
    for (const Curve &c : m_curves)
        n += int(!c.train.empty()) + int(!c.validation.empty());
    return n;
}

QStringList RunCurves::legendLabels() const
{
    QStringList labels;
    for (const Curve &c : m_curves)
        labels << c.name;
    return labels;
}

QSize RunCurves::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 60, fm.height() * 16};
}

ValueCap RunCurves::curvesCap(double factor) const
{
    ValueCap all;
    for (const Curve &c : m_curves) {
        for (const auto *points : {&c.train, &c.validation}) {
            std::vector<double> values;
            values.reserve(points->size());
            for (const QPointF &q : *points)
                values.push_back(q.y());
            const ValueCap cap = capBlowUp(values, values, factor);
            all.clipped = all.clipped || cap.clipped;
            all.top = std::max(all.top, cap.top);
            all.peak = std::max(all.peak, cap.peak);
        }
    }
    return all;
}

QString RunCurves::offScaleNote() const
{
    const ValueCap cap = curvesCap(m_logScale ? kLogBlowUp : kLinearBlowUp);
    return cap.clipped ? tr("▲ loss up to %1").arg(formatValue(cap.peak)) : QString();
}

QSize RunCurves::minimumSizeHint() const
{
    // Room for an axis with three ticks, the epoch labels and a legend row.
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 30, fm.height() * 9};
}

QString RunCurves::figureName() const
{
    return QStringLiteral("runs");
}

QString RunCurves::figureTitle() const
{
    return tr("Loss of the compared runs");
}

void RunCurves::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.fillRect(rect, palette().color(QPalette::Base));
    draw(painter, rect, QFontMetricsF(font(), painter.device()), options);
}

void RunCurves::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    FigureOptions options;
    options.title = false;
    draw(painter, rect(), QFontMetricsF(font()), options);
}

void RunCurves::draw(QPainter &p, const QRectF &rect, const QFontMetricsF &fm, const FigureOptions &options) const
{
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(font());
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    const double line = fm.height();
    const double pad = 0.5 * line;
    const double width = std::max(1.5, line / 9.0);
    const double sample = 2.0 * line;

    QRectF area = rect.adjusted(pad, pad, -pad, -pad);
    if (options.title) {
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(text);
        const QString title = options.titleText.isEmpty() ? figureTitle() : options.titleText;
        p.drawText(QRectF(area.left(), area.top(), area.width(), line * 1.2), Qt::AlignCenter, title);
        p.setFont(font());
        area.setTop(area.top() + 1.5 * line);
    }
    if (m_curves.empty()) {
        p.setPen(QColor(blend(base.rgb(), text.rgb(), 0.6)));
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, tr("Select runs in the table to compare their loss curves."));
        return;
    }

    // The legend flows in rows under the plot, so it never hides a curve: first the key of the
    // two line styles, then a line sample and the name of every run.
    struct Entry
    {
        QString label;
        QColor color;
        bool dashed = false;
        QPointF at;  // top-left of its sample
    };
    std::vector<Entry> legend;
    if (options.legend) {
        // Full run names while they take at most a third of the height; otherwise only their
        // numbers ("#3"), which the table's first column starts with, so the curves keep room.
        double height = 0.0;
        for (bool full : {true, false}) {
            legend.clear();
            legend.push_back({tr("train"), text, false, {}});
            legend.push_back({tr("validation"), text, true, {}});
            for (std::size_t i = 0; i < m_curves.size(); ++i)
                legend.push_back({full ? m_curves[i].name : m_curves[i].name.section(QLatin1Char(' '), 0, 0),
                                  runColor(int(i)), false, {}});
            double x = area.left(), y = 0.0;
            for (Entry &e : legend) {
                const double w = sample + pad / 2 + fm.horizontalAdvance(e.label) + 1.5 * line;
                if (x > area.left() && x + w > area.right()) {
                    x = area.left();
                    y += line;
                }
                e.at = QPointF(x, y);
                x += w;
            }
            height = y + line + pad;
            if (height <= area.height() / 3)
                break;
        }
        for (Entry &e : legend)
            e.at.ry() += area.bottom() - height + pad;
        area.setBottom(area.bottom() - height);
    }

    double maxEpoch = 1.0, high = 0.0, lowPositive = std::numeric_limits<double>::infinity();
    for (const Curve &c : m_curves) {
        for (const auto *points : {&c.train, &c.validation}) {
            for (const QPointF &q : *points) {
                maxEpoch = std::max(maxEpoch, q.x());
                high = std::max(high, q.y());
                if (q.y() > 0)
                    lowPositive = std::min(lowPositive, q.y());
            }
        }
    }
    // A run that blew up would flatten every other curve: the axis stops above the ordinary
    // values (as in the loss plot) and what goes higher is marked on the top edge.
    const ValueCap cap = curvesCap(m_logScale ? kLogBlowUp : kLinearBlowUp);
    if (cap.clipped)
        high = cap.top;
    const int yTicks = std::max(2, int(area.height() / (2.5 * line)));
    const PlotScale y = m_logScale ? decadeAxis(lowPositive, high, yTicks) : linearScale(0.0, high, yTicks);
    double labelWidth = 0.0;
    for (double v : y.ticks)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(y.label(v)));
    // The epoch axis spans exactly the longest run; room on the right for its last label.
    const double right = fm.horizontalAdvance(QString::number(std::llround(maxEpoch))) / 2;
    const QRectF plot(area.left() + labelWidth + pad, area.top() + 0.5 * line, area.width() - labelWidth - pad - right,
                      area.height() - 2.7 * line);
    PlotScale x;
    x.hi = maxEpoch;
    x.step = std::max(1.0, niceStep(maxEpoch, std::max(2, int(plot.width() / (fm.averageCharWidth() * 10)))));
    for (double v = 0.0; v <= maxEpoch + 1e-9; v += x.step)
        x.ticks.push_back(v);
    const auto toPixel = [&](const QPointF &q) {
        return QPointF(plot.left() + x.fraction(q.x()) * plot.width(),
                       plot.bottom() - std::clamp(y.fraction(q.y()), 0.0, 1.0) * plot.height());
    };

    // Grid and tick labels.
    const QColor grid(blend(base.rgb(), text.rgb(), 0.12));
    p.setPen(QPen(grid, 1));
    for (double v : y.ticks) {
        const double py = plot.bottom() - y.fraction(v) * plot.height();
        p.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
    }
    for (double v : x.ticks) {
        const double px = plot.left() + x.fraction(v) * plot.width();
        p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
    }
    p.setPen(QPen(QColor(blend(base.rgb(), text.rgb(), 0.5)), 1));
    p.drawRect(plot);
    p.setPen(text);
    for (double v : y.ticks) {
        const double py = plot.bottom() - y.fraction(v) * plot.height();
        p.drawText(QRectF(area.left(), py - line / 2, labelWidth, line), Qt::AlignRight | Qt::AlignVCenter, y.label(v));
    }
    for (double v : x.ticks) {
        const double px = plot.left() + x.fraction(v) * plot.width();
        p.drawText(QRectF(px - 4 * line, plot.bottom() + 0.2 * line, 8 * line, line), Qt::AlignHCenter | Qt::AlignTop,
                   x.label(v));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + 1.2 * line, plot.width(), line), Qt::AlignHCenter | Qt::AlignTop,
               tr("epoch"));

    const auto penFor = [&](const QColor &color, bool dashed) {
        QPen pen(color, width);
        if (dashed)
            pen.setDashPattern({3.0, 2.0});
        pen.setCapStyle(Qt::FlatCap);
        return pen;
    };
    // Curves: validation first, so the solid training line is on top where they meet.
    p.setClipRect(plot.adjusted(-width, -width, width, width));
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < m_curves.size(); ++i) {
            const auto &points = pass == 0 ? m_curves[i].validation : m_curves[i].train;
            if (points.empty())
                continue;
            QPolygonF polyline;
            polyline.reserve(qsizetype(points.size()));
            for (const QPointF &q : points)
                polyline << toPixel(q);
            p.setPen(penFor(runColor(int(i)), pass == 0));
            p.drawPolyline(polyline);
        }
    }
    p.setClipping(false);

    // Where each run leaves the scale: a triangle in its colour on the top edge, and one note.
    if (cap.clipped) {
        const double h = 0.6 * line;
        double firstExit = plot.right();
        for (std::size_t i = 0; i < m_curves.size(); ++i) {
            for (const auto *points : {&m_curves[i].train, &m_curves[i].validation}) {
                const auto off = std::find_if(points->begin(), points->end(), [&](const QPointF &q) { return q.y() > y.hi; });
                if (off == points->end())
                    continue;
                const double px = toPixel(*off).x();
                firstExit = std::min(firstExit, px);
                p.setPen(QPen(base, 1));
                p.setBrush(runColor(int(i)));
                p.drawPolygon(QPolygonF({QPointF(px, plot.top()), QPointF(px - h / 2, plot.top() + h),
                                         QPointF(px + h / 2, plot.top() + h)}));
                p.setBrush(Qt::NoBrush);
            }
        }
        const QString note = offScaleNote();
        const double w = std::min(fm.horizontalAdvance(note) + pad, plot.width());
        const double left = firstExit - h - w >= plot.left() ? firstExit - h - w : std::max(plot.left(), plot.right() - w);
        const QRectF box(left, plot.top() + h, w, line);
        QColor fill = base;
        fill.setAlphaF(0.85f);
        p.fillRect(box, fill);
        p.setPen(text);
        p.drawText(box.adjusted(pad / 2, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(note, Qt::ElideRight, box.width() - pad / 2));
    }

    for (const Entry &e : legend) {
        p.setPen(penFor(e.color, e.dashed));
        p.drawLine(QPointF(e.at.x(), e.at.y() + line / 2), QPointF(e.at.x() + sample, e.at.y() + line / 2));
        p.setPen(text);
        p.drawText(QRectF(e.at.x() + sample + pad / 2, e.at.y(), fm.horizontalAdvance(e.label) + pad, line),
                   Qt::AlignLeft | Qt::AlignVCenter, e.label);
    }
}

}  // namespace np
