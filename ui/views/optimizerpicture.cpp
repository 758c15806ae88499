#include "optimizerpicture.h"

#include "colors.h"
#include "numberformat.h"

#include <algorithm>
#include <cmath>

namespace np {

namespace {

constexpr int kGridSide = 121;
constexpr int kLevels = 14;
constexpr int kShadingSide = 200;

// A pale ramp from low (light blue) to high (light sand): the paths stay the strongest colours.
QRgb shade(double t)
{
    t = std::clamp(t, 0.0, 1.0);
    const QRgb low = qRgb(205, 225, 245), mid = qRgb(245, 246, 240), high = qRgb(250, 228, 200);
    return t < 0.5 ? blend(low, mid, t * 2) : blend(mid, high, (t - 0.5) * 2);
}

}  // namespace

SurfaceContours computeContours(const SurfaceSpec &surface)
{
    SurfaceContours c;
    c.surface = surface;
    c.box = surfaceViewBox(surface);
    const SurfaceGrid grid = sampleSurface(surface, c.box, kGridSide, kGridSide);
    c.levels = contourLevels(surface, grid, kLevels);
    for (double level : c.levels)
        c.lines.push_back(contourSegments(grid, level));

    // The background shows which level band a point is in, on the same log scale as the lines.
    c.shading = QImage(kShadingSide, kShadingSide, QImage::Format_RGB32);
    const bool logScale = std::isfinite(surfaceMinimum(surface));
    const double fMin = logScale ? surfaceMinimum(surface) : 0.0;
    const double lo = c.levels.empty() ? 0.0 : c.levels.front(), hi = c.levels.empty() ? 1.0 : c.levels.back();
    for (int row = 0; row < kShadingSide; ++row) {
        auto *line = reinterpret_cast<QRgb *>(c.shading.scanLine(row));
        const double y = c.box.yMax - (c.box.yMax - c.box.yMin) * (row + 0.5) / kShadingSide;
        for (int col = 0; col < kShadingSide; ++col) {
            const double x = c.box.xMin + (c.box.xMax - c.box.xMin) * (col + 0.5) / kShadingSide;
            const double f = surfaceValue(surface, {x, y});
            double t;
            if (logScale)
                t = std::log(std::max(f - fMin, 1e-300) / (lo - fMin)) / std::log((hi - fMin) / (lo - fMin));
            else
                t = (f - lo) / (hi - lo);
            line[col] = shade(t);
        }
    }
    return c;
}

void OptimizerPicture::update(const OptimizerScene &next)
{
    // The contours are the noiseless f: a change of the noise alone keeps them.
    auto noiseless = [](SurfaceSpec s) {
        s.noise = 0.0;
        s.seed = 1;
        return s;
    };
    if (contours.shading.isNull() || !(noiseless(next.surface) == noiseless(contours.surface)))
        contours = computeContours(next.surface);
    contours.surface = next.surface;
    scene = next;
    paths = runScene(scene);
    step = std::clamp(step, 0, scene.steps);
}

QPointF PlaneMapping::toPixel(Point2 p) const
{
    return {rect.left() + (p.x - box.xMin) / (box.xMax - box.xMin) * rect.width(),
            rect.bottom() - (p.y - box.yMin) / (box.yMax - box.yMin) * rect.height()};
}

Point2 PlaneMapping::toPlane(QPointF pixel) const
{
    return {box.xMin + (pixel.x() - rect.left()) / rect.width() * (box.xMax - box.xMin),
            box.yMin + (rect.bottom() - pixel.y()) / rect.height() * (box.yMax - box.yMin)};
}

PlaneMapping fitPlane(const QRectF &area, const ViewBox &box)
{
    const double w = box.xMax - box.xMin, h = box.yMax - box.yMin;
    const double scale = std::min(area.width() / w, area.height() / h);
    const QSizeF size(w * scale, h * scale);
    const QPointF topLeft(area.center().x() - size.width() / 2, area.center().y() - size.height() / 2);
    return {QRectF(topLeft, size), box};
}

QColor optimizerColor(int index)
{
    // Okabe-Ito without its yellow, which fades on the pale contours; safe for colour blindness.
    static const QRgb colors[] = {0xD55E00, 0x0072B2, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x6A3D9A, 0x000000};
    return QColor::fromRgb(colors[std::clamp(index, 0, 7)]);
}

namespace {

// A setting as typed: 0.999 stays 0.999 (formatNumber would round it to 1), 1e-05 reads 1e-5.
QString setting(double v)
{
    return QString::number(v, 'g', 4).replace(QStringLiteral("e-0"), QStringLiteral("e-"));
}

}  // namespace

QString optimizerLabel(const OptimizerSpec &spec)
{
    QString text = QString::fromUtf8(optimizerTitle(spec.kind));
    if (spec.kind == OptimizerKind::Nesterov)
        text = QStringLiteral("Nesterov");
    text += QStringLiteral("  η ") + setting(spec.learningRate);
    switch (spec.kind) {
    case OptimizerKind::Momentum:
    case OptimizerKind::Nesterov:
        text += QStringLiteral("  μ ") + setting(spec.momentum);
        break;
    case OptimizerKind::RMSProp:
        text += QStringLiteral("  ρ ") + setting(spec.rho);
        break;
    case OptimizerKind::Adam:
        text += QStringLiteral("  β ") + setting(spec.beta1) + QStringLiteral(", ") + setting(spec.beta2);
        break;
    case OptimizerKind::AdamW:
        text += QStringLiteral("  λ ") + setting(spec.weightDecay);
        break;
    default:
        break;
    }
    return text;
}

}  // namespace np
