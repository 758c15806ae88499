#include "healthlayout.h"
#include "healthview.h"
#include "plotaxis.h"

#include <QFontMetricsF>

#include <limits>

namespace np {

HealthLayout HealthLayout::compute(const QRectF &rect, const QFontMetricsF &fm, const DecimatedSeries &series, int layers,
                                   bool withCheck)
{
    // Every length derives from the font, so a projector's large font scales the whole view.
    HealthLayout l;
    const double lh = fm.height();
    l.lineHeight = lh;
    l.pad = std::max(2.0, std::round(lh / 2));
    l.tick = std::max(2.0, std::round(lh / 4));
    l.curveWidth = std::max(1.5, lh / 9);

    // The check table takes a column on the right once there is something to show.
    QRectF area = rect.adjusted(l.pad, l.pad / 2, -l.pad, -l.pad / 2);
    if (withCheck) {
        const double w = std::min(0.4 * area.width(), fm.averageCharWidth() * 30);
        l.check = QRectF(area.right() - w, area.top(), w, area.height());
        area.setRight(l.check.left() - l.pad);
    }

    // The legend flows left to right and wraps.
    const double sample = 1.6 * lh;
    double x = area.left();
    double y = area.top();
    for (int layer = 0; layer < layers; ++layer) {
        const double w = sample + l.pad / 2 + fm.horizontalAdvance(HealthView::layerName(layer, layers));
        if (x > area.left() && x + w > area.right()) {
            x = area.left();
            y += lh;
        }
        l.legend.emplace_back(layer, QRectF(x, y, w, lh));
        x += w + lh;
    }
    const double legendBottom = layers > 0 ? y + lh : area.top();

    // The norm axis: whole decades over the values seen (one decade of room under a zero).
    double lowPositive = std::numeric_limits<double>::infinity();
    double high = 0;
    bool zero = false;
    for (std::size_t b = 0; b < series.bucketCount(); ++b) {
        for (int layer = 0; layer < layers; ++layer) {
            const DecimatedSeries::Summary &v = series.summary(b, HealthView::series(layer, HealthView::Norm));
            if (v.count == 0)
                continue;
            high = std::max(high, v.high);
            if (v.low > 0)
                lowPositive = std::min(lowPositive, v.low);
            else
                zero = true;
        }
    }
    const int floorDecade = int(std::lround(std::log10(HealthView::kLogFloor)));
    if (high > 0 && std::isfinite(lowPositive)) {
        // The slack absorbs single precision: 1e-6f is 9.99999997e-7, which must not open a decade.
        l.lowDecade = std::max(floorDecade, int(std::floor(std::log10(std::max(lowPositive, HealthView::kLogFloor)) + 1e-6))
                                                - (zero ? 1 : 0));
        l.highDecade = std::max(l.lowDecade + 1, int(std::ceil(std::log10(high) - 1e-6)));
        l.zeroAtBottom = zero && l.lowDecade > floorDecade;
    }
    // Two titles (one per plot), epoch labels at the bottom; the rest split 3:2.
    l.labelTop = area.bottom() - lh;
    const double plotsTop = legendBottom + l.pad / 2 + lh;  // the norm title
    const double room = std::max(2.0 * lh, l.labelTop - l.tick - plotsTop - 2 * lh);
    const double normHeight = 0.6 * room;
    double labelWidth = fm.horizontalAdvance(QStringLiteral("100%"));
    const int span = l.highDecade - l.lowDecade;
    const int every = std::max(1, int(std::ceil(span / std::max(1.0, normHeight / (1.6 * lh)))));
    for (int d = l.lowDecade; d <= l.highDecade; ++d) {
        if (((d % every) + every) % every == 0) {
            l.decades.push_back(d);
            labelWidth = std::max(labelWidth, fm.horizontalAdvance(decadeLabel(std::pow(10.0, d))));
        }
    }
    const double left = area.left() + labelWidth + l.tick + 2;
    const double right = std::max(left + 1, area.right() - lh / 2);
    l.norm = QRectF(QPointF(left, plotsTop), QPointF(right, plotsTop + normHeight));
    const double shareTop = l.norm.bottom() + 2 * lh;
    l.share = QRectF(QPointF(left, shareTop), QPointF(right, std::max(shareTop + 1, l.labelTop - l.tick)));

    const bool empty = series.rowCount() == 0;
    l.epochLo = empty ? 0.0 : double(series.bucket(0).firstX);
    l.epochHi = empty ? 100.0 : double(series.bucket(series.bucketCount() - 1).lastX);
    if (l.epochHi <= l.epochLo) {
        l.epochLo -= 0.5;
        l.epochHi += 0.5;
    }
    const int ticks = std::max(1, int(l.norm.width() / (5 * lh)));
    const double step = std::max(1.0, niceStep(l.epochHi - l.epochLo, ticks));
    for (double t = std::ceil(l.epochLo / step) * step; t <= l.epochHi + 1e-9; t += step)
        l.epochTicks.push_back(t);
    return l;
}

}  // namespace np
