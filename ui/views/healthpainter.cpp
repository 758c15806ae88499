#include "healthpainter.h"
#include "healthview.h"
#include "plotaxis.h"

#include "colors.h"
#include "curvesegments.h"

#include <QPainter>
#include <QPalette>

#include <cmath>

namespace np {

HealthPainter::HealthPainter(const HealthLayout &layout, const DecimatedSeries &series, int layers,
                             const QPalette &palette)
    : m_layout(layout)
    , m_series(series)
    , m_layers(layers)
    , m_palette(palette)
{
}

void HealthPainter::drawPlots(QPainter &painter, const QFontMetricsF &fm, const QString &shareTitle, bool waiting) const
{
    for (int step = 0; step < stepCount(); ++step)
        drawStep(painter, fm, shareTitle, waiting, step);
}

void HealthPainter::drawStep(QPainter &painter, const QFontMetricsF &fm, const QString &shareTitle, bool waiting,
                             int step) const
{
    const HealthLayout &l = m_layout;
    const QColor text = m_palette.color(QPalette::Text);
    const QColor muted(blend(m_palette.color(QPalette::Base).rgb(), text.rgb(), 0.65));
    const double lh = l.lineHeight;

    if (step == 0) {
        // A title too long for its plot drops its explanation in brackets (the axis shows the log
        // scale, the legend the lines) before it is cut.
        const auto fit = [&fm](const QString &title, double width) {
            if (fm.horizontalAdvance(title) <= width)
                return title;
            return fm.elidedText(title.section(QStringLiteral(" ("), 0, 0), Qt::ElideRight, width);
        };
        painter.setPen(muted);
        painter.drawText(QRectF(l.norm.left(), l.norm.top() - lh, l.norm.width(), lh), Qt::AlignLeft | Qt::AlignVCenter,
                         fit(HealthView::tr("gradient norm |dL/dW| per layer (log scale)"), l.norm.width()));
        painter.drawText(QRectF(l.share.left(), l.share.top() - 1.5 * lh, l.share.width(), lh),
                         Qt::AlignLeft | Qt::AlignVCenter, fit(shareTitle, l.share.width()));
        drawPlotFrame(painter, l.norm, true);
        drawPlotFrame(painter, l.share, false);
        drawBars(painter);
        return;
    }
    if (step <= 3 * m_layers) {
        drawLine(painter, (step - 1) / 3, (step - 1) % 3);
        return;
    }
    // The legend in the curves' rendering.
    painter.setRenderHint(QPainter::Antialiasing, !dense());
    painter.setBrush(Qt::NoBrush);
    for (const auto &[layer, r] : l.legend) {
        const double sample = 1.6 * lh;
        painter.setPen(QPen(HealthView::layerColor(layer, m_layers, m_palette), l.curveWidth));
        painter.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.left() + sample, r.center().y()));
        painter.setPen(text);
        painter.drawText(QRectF(r.left() + sample + l.pad / 2, r.top(), r.width() - sample - l.pad / 2, r.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, HealthView::layerName(layer, m_layers));
    }
    if (waiting) {
        painter.setPen(muted);
        painter.drawText(l.norm, Qt::AlignCenter | Qt::TextWordWrap,
                         HealthView::tr("The curves appear as training runs: one per layer, from the first epoch on."));
    }
}

void HealthPainter::drawPlotFrame(QPainter &painter, const QRectF &plot, bool log) const
{
    const HealthLayout &l = m_layout;
    const QColor background = m_palette.color(QPalette::Base);
    const QColor text = m_palette.color(QPalette::Text);
    const QColor grid(blend(background.rgb(), text.rgb(), 0.12));
    const QColor axis(blend(background.rgb(), text.rgb(), 0.45));
    const double lh = l.lineHeight;
    painter.setRenderHint(QPainter::Antialiasing, false);

    std::vector<std::pair<double, QString>> ticks;
    if (log) {
        // No positive value lies in the decade under the smallest one, so its bottom can mean 0.
        for (int d : l.decades)
            ticks.emplace_back(l.normY(std::pow(10.0, d)),
                               d == l.lowDecade && l.zeroAtBottom ? QStringLiteral("0") : decadeLabel(std::pow(10.0, d)));
    } else {
        for (double s : {0.0, 0.5, 1.0})
            ticks.emplace_back(l.shareY(s), HealthView::percentText(s));
    }
    painter.setPen(QPen(grid, 1));
    for (const auto &t : ticks)
        painter.drawLine(QPointF(plot.left(), t.first), QPointF(plot.right(), t.first));
    for (double e : l.epochTicks)
        painter.drawLine(QPointF(l.toX(e), plot.top()), QPointF(l.toX(e), plot.bottom()));
    painter.setPen(QPen(axis, 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.topLeft(), plot.bottomLeft());
    painter.setPen(text);
    for (const auto &[y, label] : ticks) {
        painter.drawLine(QPointF(plot.left() - l.tick, y), QPointF(plot.left(), y));
        painter.drawText(QRectF(plot.left() - l.tick - 2 - 8 * lh, y - lh / 2, 8 * lh, lh), Qt::AlignRight | Qt::AlignVCenter,
                         label);
    }
    if (log)
        return;
    // Epoch labels under the lower plot only; the plots share the axis.
    for (double e : l.epochTicks) {
        const double x = l.toX(e);
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + l.tick));
        painter.drawText(QRectF(x - 3 * lh, l.labelTop, 6 * lh, lh), Qt::AlignCenter, QString::number(e, 'f', 0));
    }
}

bool HealthPainter::dense() const
{
    // Long histories with many layers are thousands of vertices per paint: round joins and
    // antialiasing then cost more than they show (the vertices are closer than a pixel).
    return double(m_series.bucketCount()) > m_layout.norm.width();
}

void HealthPainter::drawBars(QPainter &painter) const
{
    const HealthLayout &l = m_layout;
    const auto bucketX = [&](std::size_t b) {
        return l.toX(0.5 * double(m_series.bucket(b).firstX + m_series.bucket(b).lastX));
    };
    // Min-max bars first (a spike in a long bucket stays visible), then the lines on top.
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (int layer = 0; layer < m_layers; ++layer) {
        QColor faint = HealthView::layerColor(layer, m_layers, m_palette);
        faint.setAlphaF(0.3f);
        painter.setPen(QPen(faint, 1));
        const std::size_t s = HealthView::series(layer, HealthView::Norm);
        for (std::size_t b = 0; b < m_series.bucketCount(); ++b) {
            const DecimatedSeries::Summary &v = m_series.summary(b, s);
            if (m_series.bucket(b).rows > 1 && v.count > 0)
                painter.drawLine(QPointF(bucketX(b), l.normY(v.low)), QPointF(bucketX(b), l.normY(v.high)));
        }
    }
}

void HealthPainter::drawLine(QPainter &painter, int layer, int kindIndex) const
{
    const HealthLayout &l = m_layout;
    const auto bucketX = [&](std::size_t b) {
        return l.toX(0.5 * double(m_series.bucket(b).firstX + m_series.bucket(b).lastX));
    };
    painter.setRenderHint(QPainter::Antialiasing, !dense());
    const auto kind = HealthView::Kind(kindIndex);  // Norm, Dead, Saturated in turn
    const std::size_t s = HealthView::series(layer, kind);
    const QRectF &plot = kind == HealthView::Norm ? l.norm : l.share;
    // Separate square-capped segments, dashes cut by CurveSegments: Qt's stroker on a wide,
    // dashed polyline through every bucket of a long run was most of this view's drawing time.
    CurveSegments curve(l.curveWidth, kind == HealthView::Saturated, plot.top() - 2 * l.curveWidth,
                        plot.bottom() + 2 * l.curveWidth);
    for (std::size_t b = 0; b < m_series.bucketCount(); ++b) {
        const DecimatedSeries::Summary &v = m_series.summary(b, s);
        if (v.count == 0) {
            curve.gap();  // where the value does not apply
            continue;
        }
        // Norms are drawn at their geometric mean, on the log axis.
        const double mean = kind == HealthView::Norm ? v.logMean() : v.mean();
        curve.add(QPointF(bucketX(b), kind == HealthView::Norm ? l.normY(std::pow(10.0, mean)) : l.shareY(mean)));
    }
    const QColor color = HealthView::layerColor(layer, m_layers, m_palette);
    QPen pen(color, l.curveWidth);
    pen.setCapStyle(Qt::SquareCap);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawLines(curve.segments());
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    for (const QPointF &dot : curve.dots())  // a single row between gaps: a dot, or nothing would show
        painter.drawEllipse(dot, l.curveWidth, l.curveWidth);
    painter.setBrush(Qt::NoBrush);
}

}  // namespace np
