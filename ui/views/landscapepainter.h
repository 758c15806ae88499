#pragma once

#include "analysis/landscape.h"

#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QLineF>
#include <QPalette>
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

class QPainter;

namespace np {

/// The contour levels of a landscape: the quantiles i / (count + 1) of its finite values,
/// strictly increasing (equal ones merged). A trained network's slice spans ten decades and
/// more (1e-11 in the valley, 10 on the far ridges), so evenly spaced levels, even in log(loss),
/// crowd into one corner; with quantile levels each band covers about the same share of the
/// map and the colour bar gives the values. Empty when there is nothing finite to draw.
std::vector<double> landscapeLevels(const Landscape &landscape, int count);

/// The contour line segments of one level over the grid (marching squares with linear
/// interpolation), in grid coordinates: x = column, y = row (row 0 is beta = -span).
std::vector<QLineF> contourSegments(const Landscape &landscape, double level);

/// The colour of contour band `band` of `bands` (0 lowest loss: dark; highest: light).
QColor landscapeBandColor(int band, int bands);

/// Where the parts of a landscape figure go.
struct LandscapeLayout
{
    QRectF plot;      ///< the square map: alpha to the right, beta up
    QRectF colorBar;  ///< the level scale beside it
    QRectF caption;   ///< a line under the plot: the directions and the current loss
    double em = 12;

    QPointF toPixel(const LandscapeGrid &grid, double alpha, double beta) const;

    /// The caption wraps to as many lines as it needs at rect's width.
    static LandscapeLayout compute(const QRectF &rect, const QFontMetricsF &fm, bool legend, const QString &caption);
};

/// Draws a computed landscape: filled contour bands, contour lines, alpha/beta axes, the run
/// projected on the plane (start to end), the current weights, and the colour bar of levels.
class LandscapePainter
{
public:
    static constexpr int kLevels = 14;

    LandscapePainter(const LandscapeLayout &layout, const QPalette &palette, const QFont &font);

    /// `current` is where the current weights lie on the plane (training may have moved on since).
    void draw(QPainter &painter, const LandscapeResult &result, const std::optional<QPointF> &current,
              const QString &caption) const;
    /// The empty map with a line of text in its middle.
    void drawMessage(QPainter &painter, const QString &message) const;

private:
    QImage bands(const Landscape &landscape, const std::vector<double> &levels, QSize size) const;
    void drawAxes(QPainter &painter, const LandscapeGrid &grid) const;
    void drawColorBar(QPainter &painter, const std::vector<double> &levels) const;

    LandscapeLayout m_layout;
    QPalette m_palette;
    QFont m_font;
};

}  // namespace np
