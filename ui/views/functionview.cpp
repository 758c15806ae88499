#include "functionview.h"

#include "figurepainting.h"
#include "numberformat.h"

#include "data/generators.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

constexpr double kHoverPixels = 8.0;

/// "sigmoid", "ReLU", ... as in g(.), for the read-out.
QString activationName(const Model &model)
{
    if (model.network.hidden.empty())
        return QStringLiteral("g");
    return QString::fromUtf8(activationInfo(model.network.hidden.front().activation).key);
}

/// "+ 0.5" or "− 0.5", to follow a term.
QString signedTerm(double v)
{
    return v < 0 ? QStringLiteral("− ") + formatValue(-v) : QStringLiteral("+ ") + formatValue(v);
}

/// Whether the model rescales its inputs (an empty or identity standardiser does not).
bool standardises(const Model &model)
{
    const Standardizer &s = model.standardizer;
    return !s.isEmpty() && ((s.mean.array() != 0.0).any() || (s.scale.array() != 1.0).any());
}

}  // namespace

FunctionView::FunctionView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setCursor(Qt::CrossCursor);
    updateScales();
    updateTexts();
}

void FunctionView::setFrame(const ViewFrame &frame)
{
    setModel(frame.model);
}

void FunctionView::setModel(const Model &model)
{
    m_model = model;
    m_haveModel = true;
    recompute();
}

void FunctionView::setData(const Config &config, const Dataset &dataset)
{
    m_config = config;
    m_dataset = dataset;
    m_holdScale = false;
    if (!m_drawn.isEmpty() && !(dataset == m_drawnDataset))
        m_drawn = DrawnCurve();  // other data now: the drawing no longer says where they come from
    m_scene.points.clear();
    m_scene.validation.clear();
    if (dataset.task == Task::Regression) {
        for (const DataPoint &p : dataset.points)
            (p.validation ? m_scene.validation : m_scene.points).emplace_back(p.x1, p.target);
    }
    m_scene.target.clear();
    const std::optional<Curve> curve = generatorCurve(config.data.generator);
    if (!m_drawn.isEmpty() || (curve && isOneDimensional(config.data.generator))) {
        for (int j = 0; j < kSamples; ++j) {
            const double x = kXMin + (kXMax - kXMin) * j / (kSamples - 1);
            if (!m_drawn.isEmpty() && (x < m_drawn.xMin() || x > m_drawn.xMax()))
                continue;
            m_scene.target.emplace_back(x, m_drawn.isEmpty() ? curveValue(*curve, x) : m_drawn(x));
        }
    }
    recompute();
}

void FunctionView::setDrawnCurve(const DrawnCurve &curve, const Dataset &dataset)
{
    m_drawn = curve;
    m_drawnDataset = dataset;
}

void FunctionView::recompute()
{
    if (m_haveModel)
        m_scene.approximation = approximate(m_model, kXMin, kXMax, kSamples);
    if (m_scene.highlighted >= int(m_scene.approximation.units.size()))
        m_scene.highlighted = -1;
    updateScales();
    updateTexts();
    update();
}

void FunctionView::updateScales()
{
    m_scene.xScale = linearScale(kXMin, kXMax, 6);
    // The data and the target fix the range; the output and the terms widen it up to three times
    // the data's span, beyond which they are clipped (a term of α = 40 would flatten everything).
    double lo = -1.0, hi = 1.0;
    bool any = false;
    auto take = [&](double v) {
        if (!std::isfinite(v))
            return;
        lo = any ? std::min(lo, v) : v;
        hi = any ? std::max(hi, v) : v;
        any = true;
    };
    for (const QPointF &p : m_scene.points)
        take(p.y());
    for (const QPointF &p : m_scene.validation)
        take(p.y());
    for (const QPointF &p : m_scene.target)
        take(p.y());
    if (!any) {
        lo = -1.0;
        hi = 1.0;
    }
    const double span = std::max(hi - lo, 0.5);
    const double capLo = lo - span, capHi = hi + span;
    auto widen = [&](const std::vector<double> &values) {
        for (double v : values)
            if (std::isfinite(v)) {
                lo = std::min(lo, std::max(v, capLo));
                hi = std::max(hi, std::min(v, capHi));
            }
    };
    widen(m_scene.approximation.output);
    for (const ApproximationUnit &u : m_scene.approximation.units)
        widen(u.contribution);
    const double margin = 0.08 * (hi - lo);
    // While training moves the curves the axis holds still: it changes only when a curve leaves
    // it or everything fits in well under its span (new data start afresh, see setData).
    const PlotScale &current = m_scene.yScale;
    const bool fits = current.lo <= lo - margin && current.hi >= hi + margin;
    if (m_holdScale && fits && (hi - lo + 2 * margin) > 0.6 * (current.hi - current.lo))
        return;
    m_scene.yScale = linearScale(lo - margin, hi + margin, 6);
    m_holdScale = true;
}

void FunctionView::updateTexts()
{
    const Approximation &a = m_scene.approximation;
    m_scene.message.clear();
    if (!m_haveModel) {
        m_scene.message = tr("No network yet.");
    } else if (!a.isFunction) {
        m_scene.message = QString::fromStdString(a.reason) + QLatin1Char(' ')
                          + tr("For the 1-D mode choose a “1-D: y = …” curve under Data (the network then reads x1 alone).");
    } else if (!a.hasTerms) {
        m_scene.message = QString::fromStdString(a.reason);
    }

    // The hint shown when no unit is hovered, then each unit's numbers.
    QString hint;
    if (a.hasTerms) {
        hint = tr("F(x) = Σ αᵢ g(wᵢx + bᵢ) %1 (output bias). Hover a curve for its α, w, b.").arg(signedTerm(a.outputBias));
        if (canDraw())
            hint += QLatin1Char(' ') + tr("Drag to draw a curve.");
    } else if (a.isFunction && canDraw()) {
        hint = tr("Drag across the plot to draw a curve of your own.");
    }
    m_scene.readouts = QStringList{hint};
    for (int i = 0; i < int(a.units.size()); ++i)
        m_scene.readouts << unitReadout(i);
    const bool hovering = m_scene.highlighted >= 0 && m_scene.highlighted < int(a.units.size());
    m_scene.readout = m_scene.readouts[hovering ? m_scene.highlighted + 1 : 0];
}

QString FunctionView::unitReadout(int i) const
{
    const ApproximationUnit &u = m_scene.approximation.units[std::size_t(i)];
    QStringList w;
    for (double v : u.w)
        w << formatValue(v);
    const QString input = standardises(m_model) ? QStringLiteral("x′") : QStringLiteral("x");
    const QString weights =
        w.size() == 1 ? w.front() : QString(QLatin1Char('(') + w.join(QStringLiteral(", ")) + QLatin1Char(')'));
    QString text = tr("Unit %1: α = %2, w = %3, b = %4 — term %2 · %5(%3 %6 %7)")
                       .arg(i + 1)
                       .arg(formatValue(u.alpha), weights, formatValue(u.b), activationName(m_model), input,
                            signedTerm(u.b));
    if (standardises(m_model))
        text += tr(" (x′: x standardised)");
    return text;
}

void FunctionView::setHighlightedUnit(int unit)
{
    if (unit >= int(m_scene.approximation.units.size()))
        unit = -1;
    if (unit == m_scene.highlighted)
        return;
    m_scene.highlighted = unit;
    updateTexts();
    update();
}

bool FunctionView::canDraw() const
{
    return m_dataset.task == Task::Regression && dependsOnlyOnX1(m_config.features);
}

QString FunctionView::figureTitle() const
{
    return tr("Function: a sum of units");
}

FunctionLayout FunctionView::widgetLayout() const
{
    return layoutFunction(m_scene, QRectF(rect()), QFontMetricsF(font()), true);
}

QPointF FunctionView::toPixel(double x, double y) const
{
    const FunctionLayout l = widgetLayout();
    return FunctionPainter(m_scene, l, palette()).toPixel(x, y);
}

void FunctionView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    const QRectF area = beginFigure(painter, rect, options, figureTitle(), font(), palette());
    painter.save();
    painter.setFont(font());
    const QFontMetricsF fm = figureMetrics(painter, font());
    // A figure has no pointer: no highlight, and the read-out states the sum rather than a hint.
    FunctionScene scene = m_scene;
    scene.highlighted = -1;
    if (scene.approximation.hasTerms)
        scene.readout = tr("F(x) = Σ αᵢ g(wᵢx + bᵢ) %1").arg(signedTerm(scene.approximation.outputBias));
    else if (scene.approximation.isFunction)
        scene.readout.clear();
    const FunctionLayout l = layoutFunction(scene, area, fm, options.legend);
    FunctionPainter(scene, l, palette()).draw(painter, fm);
    painter.restore();
}

void FunctionView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const QFontMetricsF fm(font());
    const FunctionLayout l = widgetLayout();
    const FunctionPainter p(m_scene, l, palette());
    p.draw(painter, fm);
    if (m_stroke.size() > 1) {
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2.5));
        QPainterPath path(p.toPixel(m_stroke.front().x(), m_stroke.front().y()));
        for (const QPointF &s : m_stroke)
            path.lineTo(p.toPixel(s.x(), s.y()));
        painter.drawPath(path);
    }
}

int FunctionView::unitNear(const QPointF &pos) const
{
    const FunctionLayout l = widgetLayout();
    if (const int chip = l.chipAt(pos); chip >= 0)
        return chip;
    const Approximation &a = m_scene.approximation;
    if (!l.plot.contains(pos) || a.units.empty())
        return -1;
    const FunctionPainter p(m_scene, l, palette());
    const double x = p.xAt(pos.x());
    const double t = (x - kXMin) / (kXMax - kXMin) * (kSamples - 1);
    const auto j = std::size_t(std::clamp(std::lround(t), 0l, long(kSamples - 1)));
    int best = -1;
    double bestDistance = kHoverPixels;
    for (std::size_t i = 0; i < a.units.size(); ++i) {
        const double d = std::abs(p.toPixel(a.x[j], a.units[i].contribution[j]).y() - pos.y());
        if (d < bestDistance) {
            bestDistance = d;
            best = int(i);
        }
    }
    return best;
}

void FunctionView::mousePressEvent(QMouseEvent *event)
{
    const FunctionLayout l = widgetLayout();
    if (event->button() != Qt::LeftButton || !canDraw() || !l.plot.contains(event->position())) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_drawing = true;
    m_stroke.clear();
    const FunctionPainter p(m_scene, l, palette());
    m_stroke.emplace_back(p.xAt(event->position().x()), p.yAt(event->position().y()));
}

void FunctionView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drawing) {
        const FunctionLayout l = widgetLayout();
        const FunctionPainter p(m_scene, l, palette());
        const QPointF pos(std::clamp(event->position().x(), l.plot.left(), l.plot.right()),
                          std::clamp(event->position().y(), l.plot.top(), l.plot.bottom()));
        m_stroke.emplace_back(p.xAt(pos.x()), p.yAt(pos.y()));
        update();
        return;
    }
    setHighlightedUnit(unitNear(event->position()));
}

void FunctionView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_drawing || event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_drawing = false;
    std::vector<std::pair<double, double>> samples;
    for (const QPointF &s : m_stroke)
        samples.emplace_back(s.x(), s.y());
    m_stroke.clear();
    DrawnCurve curve(std::move(samples));
    update();
    // A click or a vertical flick is not a curve.
    if (curve.isEmpty() || curve.xMax() - curve.xMin() < 0.5)
        return;
    emit curveDrawn(curve);
}

void FunctionView::leaveEvent(QEvent *event)
{
    if (!m_drawing)
        setHighlightedUnit(-1);
    QWidget::leaveEvent(event);
}

}  // namespace np
