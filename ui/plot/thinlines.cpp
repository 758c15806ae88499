#include "thinlines.h"

#include <QImage>
#include <QPaintEngine>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <utility>

namespace np {

namespace {

/// The image the painter writes into, when its pixels can be written directly.
QImage *writableImage(const QPainter &painter)
{
    QPaintDevice *device = painter.device();
    const QPaintEngine *engine = painter.paintEngine();
    if (!device || device->devType() != QInternal::Image || !engine || engine->type() != QPaintEngine::Raster
        || painter.hasClipping() || painter.deviceTransform().type() > QTransform::TxTranslate)
        return nullptr;
    auto *image = static_cast<QImage *>(device);
    const QImage::Format format = image->format();
    const bool rgb32 = format == QImage::Format_RGB32 || format == QImage::Format_ARGB32
                       || format == QImage::Format_ARGB32_Premultiplied;
    return rgb32 ? image : nullptr;
}

/// One line in device pixels, walked along its major axis: a pixel per column (or row) whose
/// centre lies within [from, to), the other coordinate read off the line at that centre where
/// the line rises along the walk, at the column's start where it falls (as Qt's cosmetic stroker
/// rounds, so the pixels are the ones a one-pixel pen sets).
void rasterise(QRgb *bits, qsizetype stride, int width, int height, QPointF a, QPointF b, QRgb colour)
{
    const bool steep = std::abs(b.y() - a.y()) > std::abs(b.x() - a.x());
    if (steep) {
        a = a.transposed();
        b = b.transposed();
        std::swap(width, height);
    }
    if (a.x() > b.x())
        std::swap(a, b);
    const double dx = b.x() - a.x();
    if (!(dx > 0) || !std::isfinite(dx) || !std::isfinite(a.y()) || !std::isfinite(b.y()))
        return;  // a point, or coordinates no image has
    const double slope = (b.y() - a.y()) / dx;
    // Clamped as doubles: a line far off the image stays a loop over the image's pixels only.
    const int first = int(std::clamp(std::floor(a.x() + 0.5), 0.0, double(width)));
    const int last = int(std::clamp(std::floor(b.x() + 0.5), 0.0, double(width)));  // past the end
    const double at = slope > 0 ? 0.5 : 0.0;
    double y = a.y() + (first + at - a.x()) * slope;
    for (int i = first; i < last; ++i, y += slope) {
        const double row = std::floor(y);
        if (!(row >= 0 && row < height))
            continue;
        const int j = int(row);
        if (steep)
            bits[qsizetype(i) * stride + j] = colour;
        else
            bits[qsizetype(j) * stride + i] = colour;
    }
}

}  // namespace

bool drawsThinLinesDirectly(const QPainter &painter)
{
    return writableImage(painter) != nullptr;
}

void drawThinLines(QPainter &painter, const QLineF *lines, int count, QRgb colour)
{
    QImage *image = count > 0 && qAlpha(colour) == 255 ? writableImage(painter) : nullptr;
    if (!image) {
        painter.save();
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(QPen(QColor::fromRgba(colour), 1.0, Qt::SolidLine, Qt::FlatCap));
        painter.drawLines(lines, count);
        painter.restore();
        return;
    }
    const QTransform device = painter.deviceTransform();
    auto *bits = reinterpret_cast<QRgb *>(image->bits());
    const qsizetype stride = image->bytesPerLine() / qsizetype(sizeof(QRgb));
    for (int k = 0; k < count; ++k)
        rasterise(bits, stride, image->width(), image->height(), device.map(lines[k].p1()), device.map(lines[k].p2()),
                  colour);
}

}  // namespace np
