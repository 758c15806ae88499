#include "backpropplane.h"

#include "backpropstyle.h"
#include "colors.h"

#include "analysis/prediction.h"

#include <QPainter>

#include <algorithm>

namespace np {

std::vector<QLineF> BackpropPlane::boundary(const Model &model, const GridSpec &domain, int cells)
{
    std::vector<QLineF> out;
    if (model.task != Task::Classification || model.parameters.empty())
        return out;
    GridSpec grid = domain;
    grid.columns = grid.rows = cells;
    Matrix<double> points(2, grid.pixels());
    for (int r = 0; r < cells; ++r) {
        for (int c = 0; c < cells; ++c) {
            points(0, Index(r) * cells + c) = grid.x(c);
            points(1, Index(r) * cells + c) = grid.y(r);
        }
    }
    const Matrix<Scalar> a = predict(model, points);
    std::vector<int> cls(std::size_t(grid.pixels()));
    for (Index p = 0; p < grid.pixels(); ++p)
        cls[std::size_t(p)] = predictedClass<Scalar>(model.network.head, a.col(p).data(), model.outputs);
    const double w = (grid.xMax - grid.xMin) / cells, h = (grid.yMax - grid.yMin) / cells;
    for (int r = 0; r < cells; ++r) {
        for (int c = 0; c < cells; ++c) {
            const int k = cls[std::size_t(r * cells + c)];
            const double left = grid.xMin + c * w, top = grid.yMax - r * h;
            if (c + 1 < cells && cls[std::size_t(r * cells + c + 1)] != k)
                out.emplace_back(left + w, top, left + w, top - h);
            if (r + 1 < cells && cls[std::size_t((r + 1) * cells + c)] != k)
                out.emplace_back(left, top - h, left + w, top - h);
        }
    }
    return out;
}

QRectF BackpropPlane::square(const QRectF &rect)
{
    const double side = std::min(rect.width(), rect.height());
    return QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side);
}

QPointF BackpropPlane::toPixel(const QRectF &square, const GridSpec &domain, double x1, double x2)
{
    return {square.left() + (x1 - domain.xMin) / (domain.xMax - domain.xMin) * square.width(),
            square.top() + (domain.yMax - x2) / (domain.yMax - domain.yMin) * square.height()};
}

QPointF BackpropPlane::toData(const QRectF &square, const GridSpec &domain, QPointF pixel)
{
    return {domain.xMin + (pixel.x() - square.left()) / square.width() * (domain.xMax - domain.xMin),
            domain.yMax - (pixel.y() - square.top()) / square.height() * (domain.yMax - domain.yMin)};
}

void BackpropPlane::paint(QPainter &painter, const QRectF &square, const GridSpec &domain, const Dataset &dataset,
                          const std::vector<QLineF> &before, const std::vector<QLineF> &after, QPointF point,
                          const QPalette &palette)
{
    const BackpropColors colors = BackpropColors::from(palette);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colors.grid, 1));
    painter.setBrush(palette.color(QPalette::Base));
    painter.drawRect(square);
    painter.setClipRect(square);
    const double r = std::max(2.0, square.width() / 110);
    for (const DataPoint &p : dataset.points) {
        QColor c = dataset.isClassification() ? classColor(p.label) : colors.muted;
        c.setAlphaF(p.validation ? 0.35 : 0.7);
        painter.setPen(Qt::NoPen);
        painter.setBrush(c);
        painter.drawEllipse(toPixel(square, domain, p.x1, p.x2), r, r);
    }
    auto drawLines = [&](const std::vector<QLineF> &lines, const QPen &pen) {
        painter.setPen(pen);
        for (const QLineF &l : lines)
            painter.drawLine(toPixel(square, domain, l.x1(), l.y1()), toPixel(square, domain, l.x2(), l.y2()));
    };
    // The boundary after the step thin over the wider one before, so both show where they coincide.
    QColor grey = colors.muted;
    grey.setAlphaF(0.55);
    drawLines(before, QPen(grey, 4.0, Qt::SolidLine, Qt::SquareCap));
    drawLines(after, QPen(colors.gradient, 1.5, Qt::SolidLine, Qt::SquareCap));
    const QPointF p = toPixel(square, domain, point.x(), point.y());
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(colors.current, 2.5));
    painter.drawEllipse(p, 3 * r, 3 * r);
    painter.restore();
}

}  // namespace np
