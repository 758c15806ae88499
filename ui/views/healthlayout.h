#pragma once

#include "decimatedseries.h"

#include <QRectF>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

class QFontMetricsF;

namespace np {

/// Where everything goes for a size and font; computed per paint and mouse query, O(buckets).
struct HealthLayout
{
    double lineHeight = 0;
    double pad = 0;
    double tick = 0;
    double curveWidth = 1.5;
    std::vector<std::pair<int, QRectF>> legend;
    QRectF norm;   ///< gradient norms, log scale
    QRectF share;  ///< dead and saturated shares, 0..100%
    QRectF check;  ///< the gradient-check table; empty without a check
    double labelTop = 0;
    int lowDecade = -4;
    int highDecade = 0;
    std::vector<int> decades;  ///< labelled ones
    bool zeroAtBottom = false; ///< zeros are drawn on the bottom decade, which is labelled 0
    double epochLo = 0;
    double epochHi = 1;
    std::vector<double> epochTicks;

    /// Lays out `rect`, measured with `fm`, for the decimated series of `layers` layers (as
    /// HealthView::series indexes them); with a column for the gradient check when `withCheck`.
    static HealthLayout compute(const QRectF &rect, const QFontMetricsF &fm, const DecimatedSeries &series, int layers,
                                bool withCheck);

    double toX(double epoch) const { return norm.left() + (epoch - epochLo) / (epochHi - epochLo) * norm.width(); }
    double epochAt(double x) const { return epochLo + (x - norm.left()) / norm.width() * (epochHi - epochLo); }
    double normY(double v) const
    {
        const double d = std::log10(std::max(v, std::pow(10.0, lowDecade)));
        return norm.bottom() - (d - lowDecade) / (highDecade - lowDecade) * norm.height();
    }
    double shareY(double s) const { return share.bottom() - std::clamp(s, 0.0, 1.0) * share.height(); }
    bool overPlots(const QPointF &p) const
    {
        return p.x() >= norm.left() && p.x() <= norm.right() && p.y() >= norm.top() && p.y() <= share.bottom();
    }
};

}  // namespace np
