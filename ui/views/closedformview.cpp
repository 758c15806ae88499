#include "closedformview.h"

#include "figurepainting.h"
#include "lossseries.h"
#include "numberformat.h"
#include "plotaxis.h"

#include <QAction>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace np {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Below this the distance is single-precision rounding, not convergence.
constexpr double kDistanceFloor = 1e-6;

}  // namespace

ClosedFormView::ClosedFormView(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_bar = new QWidget(this);
    auto *bar = new QHBoxLayout(m_bar);
    bar->setContentsMargins(4, 4, 4, 0);
    m_solveButton = new QPushButton(tr("Solve exactly"));
    m_solveButton->setToolTip(tr("The ridge solution θ* = (XᵀX + λI)⁻¹Xᵀy with λ = the L2 strength (the bias not "
                                 "penalised), for a network with no hidden layer, linear output and squared loss"));
    m_status = new QLabel;
    m_status->setWordWrap(true);
    bar->addWidget(m_solveButton);
    bar->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addStretch(1);
    m_solveAction = new QAction(tr("Solve E&xactly"), this);
    m_solveAction->setObjectName(QStringLiteral("solveExactly"));
    m_solveAction->setStatusTip(m_solveButton->toolTip());
    connect(m_solveButton, &QPushButton::clicked, this, &ClosedFormView::solve);
    connect(m_solveAction, &QAction::triggered, this, &ClosedFormView::solve);
    updateControls();
}

ClosedFormView::~ClosedFormView() = default;

void ClosedFormView::setSource(const Config &config, const Dataset &dataset)
{
    const bool changed = !(config.network == m_config.network) || config.features != m_config.features
                         || config.standardize != m_config.standardize
                         || config.training.penalty.l2 != m_config.training.penalty.l2
                         || dataset.points.size() != m_dataset.points.size() || !(dataset == m_dataset);
    m_config = config;
    m_dataset = dataset;
    if (changed && m_solution) {
        m_resolvePending = true;
        setModel(m_model);  // solves at once when the weights already match
    }
    updateControls();
    update();
}

void ClosedFormView::setModel(const Model &model)
{
    m_model = model;
    if (m_resolvePending && model.network == m_config.network && model.features == m_config.features) {
        m_resolvePending = false;
        if (canSolve())
            solve();
        else
            clearSolution();
    }
    update();
}

void ClosedFormView::setTrajectory(const WeightTrajectory *trajectory)
{
    m_trajectory = trajectory;
}

bool ClosedFormView::applies() const
{
    return closedFormApplies(m_config.network);
}

QString ClosedFormView::note() const
{
    if (!applies())
        return tr("The closed form is for a linear model: no hidden layer, linear output, squared loss.");
    if (m_config.training.penalty.l1 != 0)
        return tr("The closed form has no L1 term: it solves with L2 only, so gradient descent with L1 ends elsewhere.");
    return {};
}

bool ClosedFormView::canSolve() const
{
    return applies() && !m_model.parameters.empty() && m_model.network == m_config.network;
}

void ClosedFormView::solve()
{
    if (!canSolve()) {
        updateControls();
        return;
    }
    m_job.start([this, model = m_model, dataset = m_dataset,
                 lambda = m_config.training.penalty.l2](const BackgroundJob::Control &control) {
        QElapsedTimer timer;
        timer.start();
        ClosedFormSolution s = solveClosedForm(model, dataset, lambda);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        control.post([this, s = std::move(s), ms]() mutable { onSolved(std::move(s), ms); });
    });
    m_status->setText(tr("Solving…"));
}

bool ClosedFormView::solveNow()
{
    m_job.stop();
    if (!canSolve()) {
        updateControls();
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    ClosedFormSolution s = solveClosedForm(m_model, m_dataset, m_config.training.penalty.l2);
    const bool ok = s.error.empty();
    onSolved(std::move(s), double(timer.nsecsElapsed()) / 1e6);
    return ok;
}

void ClosedFormView::onSolved(ClosedFormSolution s, double milliseconds)
{
    m_solveMs = milliseconds;
    if (!s.error.empty()) {
        m_status->setText(QString::fromStdString(s.error));
        return;
    }
    m_solution = std::move(s);
    emit referenceChanged(m_solution->dataLoss, tr("closed form %1").arg(formatValue(m_solution->dataLoss, 4)));
    updateControls();
    update();
}

void ClosedFormView::clearSolution()
{
    m_job.stop();
    if (!m_solution)
        return;
    m_solution.reset();
    emit referenceChanged(kNaN, {});
    updateControls();
    update();
}

void ClosedFormView::updateControls()
{
    const bool ok = applies();
    m_solveButton->setEnabled(ok);
    m_solveAction->setEnabled(ok);
    QString text = note();
    if (ok && m_solution) {
        const QString solved = tr("λ = %1 · solved in %2 ms").arg(formatValue(m_config.training.penalty.l2, 3),
                                                                 formatValue(m_solveMs, 2));
        text = text.isEmpty() ? solved : solved + QStringLiteral(" · ") + text;
    }
    m_status->setText(text);
}

double ClosedFormView::currentDistance() const
{
    return m_solution ? distanceToSolution(m_model, *m_solution) : kNaN;
}

std::vector<QPointF> ClosedFormView::distanceCurve() const
{
    std::vector<QPointF> curve;
    if (!m_solution || m_model.parameters.empty() || !closedFormApplies(m_model.network))
        return curve;
    const Network<Scalar> net = m_model.instantiate();
    const LayerShape &shape = net.layer(0);
    if (shape.rows != m_solution->W.rows() || shape.in != m_solution->W.cols())
        return curve;
    auto distance = [&](const std::vector<Scalar> &theta) {
        const ConstMatrixMap<Scalar> W(theta.data() + shape.weight, shape.rows, shape.in);
        const ConstVectorMap<Scalar> b(theta.data() + shape.bias, shape.rows);
        return std::sqrt((W.cast<double>() - m_solution->W).squaredNorm() + (b.cast<double>() - m_solution->b).squaredNorm());
    };
    if (m_trajectory) {
        for (std::size_t i = 0; i < m_trajectory->size(); ++i) {
            if (m_trajectory->parameters(i).size() == m_model.parameters.size())
                curve.emplace_back(double(m_trajectory->steps()[i]), distance(m_trajectory->parameters(i)));
        }
    }
    if (curve.empty())
        curve.emplace_back(0.0, distance(m_model.parameters));
    return curve;
}

double ClosedFormView::convergenceRate() const
{
    // A least-squares line through ln d over the points above the rounding floor.
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const QPointF &p : distanceCurve()) {
        if (!(p.y() > kDistanceFloor))
            continue;
        const double y = std::log(p.y());
        n += 1;
        sx += p.x();
        sy += y;
        sxx += p.x() * p.x();
        sxy += p.x() * y;
    }
    const double den = n * sxx - sx * sx;
    if (n < 3 || !(den > 0))
        return kNaN;
    return std::exp((n * sxy - sx * sy) / den);
}

QString ClosedFormView::figureTitle() const
{
    return tr("Closed form vs gradient descent");
}

QRectF ClosedFormView::contentRect() const
{
    const double top = m_bar->geometry().bottom() + 1;
    return QRectF(0, top, width(), height() - top);
}

void ClosedFormView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    drawContent(p, contentRect());
}

void ClosedFormView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.save();
    painter.setFont(font());
    const QRectF content = beginFigure(painter, rect, options, figureTitle(), font(), palette());
    drawContent(painter, content);
    painter.restore();
}

void ClosedFormView::drawContent(QPainter &painter, const QRectF &rect) const
{
    const QFontMetricsF fm = figureMetrics(painter, font());
    const double em = fm.height();
    const QRectF inner = rect.adjusted(em / 2, em / 4, -em / 2, -em / 4);
    painter.setPen(palette().color(QPalette::Text));
    painter.setFont(font());
    if (!m_solution) {
        const QString text = applies() ? tr("Solve exactly computes the ridge optimum θ* = (XᵀX + λI)⁻¹Xᵀy and "
                                            "shows how fast gradient descent closes the gap to it.")
                                       : note();
        painter.drawText(inner, Qt::AlignCenter | Qt::TextWordWrap, text);
        return;
    }
    const double tableBottom = drawTable(painter, inner);
    drawDistance(painter, QRectF(inner.left(), tableBottom + em / 2, inner.width(), inner.bottom() - tableBottom - em / 2));
}

double ClosedFormView::drawTable(QPainter &painter, const QRectF &rect) const
{
    // One row per parameter: its name, θ*, gradient descent's θ, the difference.
    const ClosedFormSolution &s = *m_solution;
    const QFontMetricsF fm = figureMetrics(painter, font());
    const double lh = fm.height() * 1.15;
    const Index outputs = s.W.rows(), inputs = s.W.cols();
    Matrix<double> W = Matrix<double>::Constant(outputs, inputs, kNaN);
    Vector<double> b = Vector<double>::Constant(outputs, kNaN);
    if (distanceToSolution(m_model, s) == distanceToSolution(m_model, s)) {  // the shapes match
        const Network<Scalar> net = m_model.instantiate();
        W = net.W(0).cast<double>();
        b = net.b(0).cast<double>();
    }
    struct Row
    {
        QString name;
        double exact, gd;
    };
    std::vector<Row> rows;
    for (Index k = 0; k < outputs; ++k) {
        const QString out = outputs > 1 ? QString::number(k + 1) + QLatin1Char(',') : QString();
        for (Index i = 0; i < inputs; ++i)
            rows.push_back({QStringLiteral("w") + subscript(out + QString::number(i + 1)), s.W(k, i), W(k, i)});
        rows.push_back({QStringLiteral("b") + (outputs > 1 ? subscript(QString::number(k + 1)) : QString()), s.b(k), b(k)});
    }
    // At most half the height for the table; the rest is for the curve.
    const int fit = std::max(1, int((rect.height() * 0.5) / lh) - 2);
    const bool cut = int(rows.size()) > fit;
    if (cut)
        rows.resize(std::size_t(fit));
    const std::vector<double> columns{0.0, 0.22, 0.48, 0.74};
    auto cellRect = [&](int column, double y) {
        const double left = rect.left() + columns[std::size_t(column)] * rect.width();
        const double right = column + 1 < int(columns.size()) ? rect.left() + columns[std::size_t(column) + 1] * rect.width()
                                                              : rect.right();
        return QRectF(left, y, right - left - (column + 1 < int(columns.size()) ? fm.height() / 2 : 0.0), lh);
    };
    auto cell = [&](int column, double y, const QString &text, Qt::Alignment align) {
        painter.drawText(cellRect(column, y), align | Qt::AlignVCenter, text);
    };
    double y = rect.top();
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    // The long headings where they fit (a projector's large type gets the short ones).
    const QFontMetricsF boldMetrics = figureMetrics(painter, bold);
    const QStringList longHeads{tr("parameter"), tr("closed form θ*"), tr("gradient descent"), tr("difference")};
    const QStringList shortHeads{QString(), QStringLiteral("θ*"), tr("θ now"), QStringLiteral("θ − θ*")};
    for (int c = 0; c < 4; ++c) {
        const bool fits = boldMetrics.horizontalAdvance(longHeads[c]) <= cellRect(c, y).width();
        cell(c, y, fits ? longHeads[c] : shortHeads[c], c == 0 ? Qt::AlignLeft : Qt::AlignRight);
    }
    painter.setFont(font());
    y += lh;
    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y));
    for (const Row &r : rows) {
        cell(0, y, r.name, Qt::AlignLeft);
        cell(1, y, formatValue(r.exact, 4), Qt::AlignRight);
        cell(2, y, std::isnan(r.gd) ? QStringLiteral("–") : formatValue(r.gd, 4), Qt::AlignRight);
        cell(3, y, std::isnan(r.gd) ? QStringLiteral("–") : formatScientific(r.gd - r.exact, 2), Qt::AlignRight);
        y += lh;
    }
    if (cut) {
        cell(0, y, tr("… and more"), Qt::AlignLeft);
        y += lh;
    }
    // The objective, wrapped onto as many lines as the width needs.
    const QString objective = tr("Objective at θ*: %1 = training loss %2 + penalty.")
                                  .arg(formatValue(s.loss, 4), formatValue(s.dataLoss, 4));
    const QRectF box = fm.boundingRect(QRectF(rect.left(), y, rect.width(), 1e6), Qt::AlignLeft | Qt::TextWordWrap, objective);
    painter.drawText(QRectF(rect.left(), y, rect.width(), box.height()), Qt::AlignLeft | Qt::TextWordWrap, objective);
    return y + box.height();
}

void ClosedFormView::drawDistance(QPainter &painter, const QRectF &rect) const
{
    const std::vector<QPointF> curve = distanceCurve();
    const QFontMetricsF fm = figureMetrics(painter, font());
    const double em = fm.height();
    if (rect.height() < 4 * em || curve.empty())
        return;
    // The title line, then the plot with decade ticks on the left and steps below.
    const double rate = convergenceRate();
    QString title = tr("|θ − θ*|, log scale");
    if (std::isfinite(rate))
        title += tr(": ×%1 per step").arg(formatValue(rate, 3));
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), em), Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(title, Qt::ElideRight, rect.width()));
    // Below about 1e-6 the distance is single-precision rounding: the curve rests on the floor.
    double lo = std::numeric_limits<double>::infinity(), hi = 0, last = 0;
    for (const QPointF &p : curve) {
        lo = std::min(lo, std::max(p.y(), kDistanceFloor));
        hi = std::max(hi, p.y());
        last = std::max(last, p.x());
    }
    const int bottomDecade = int(std::floor(std::log10(lo)));
    const int topDecade = std::max(bottomDecade + 1, int(std::ceil(std::log10(std::max(hi, kDistanceFloor)))));
    const QRectF plot = rect.adjusted(fm.horizontalAdvance(QStringLiteral("1e-10")) + em, 1.5 * em, -1.5 * em, -1.6 * em);
    if (plot.height() < em || plot.width() < em)
        return;
    const PlotScale y = decadeScale(bottomDecade, topDecade, std::max(2, int(plot.height() / (1.8 * em))));
    const PlotScale x = linearScale(0, std::max(1.0, last), std::max(2, int(plot.width() / (5 * em))));
    auto toPixel = [&](double step, double d) {
        return QPointF(plot.left() + x.fraction(step) * plot.width(), plot.bottom() - y.fraction(d) * plot.height());
    };
    const QColor fg = palette().color(QPalette::Text);
    painter.setPen(QPen(fg, 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot);
    for (double v : y.ticks) {
        const double py = toPixel(0, v).y();
        painter.drawLine(QPointF(plot.left() - em / 4, py), QPointF(plot.left(), py));
        painter.drawText(QRectF(rect.left(), py - em / 2, plot.left() - rect.left() - em / 3, em),
                         Qt::AlignRight | Qt::AlignVCenter, y.label(v));
    }
    for (double v : x.ticks) {
        if (v > x.hi)
            continue;
        const double px = toPixel(v, lo).x();
        painter.drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() + em / 4));
        painter.drawText(QRectF(px - 3 * em, plot.bottom() + em / 4, 6 * em, em), Qt::AlignHCenter | Qt::AlignTop, x.label(v));
    }
    painter.save();
    painter.setClipRect(plot);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    for (std::size_t i = 0; i < curve.size(); ++i) {
        const QPointF p = toPixel(curve[i].x(), std::max(curve[i].y(), kDistanceFloor));
        i == 0 ? path.moveTo(p) : path.lineTo(p);
    }
    painter.setPen(QPen(lossSeriesColor(LossPlot::TrainLoss, palette()), std::max(1.5, em / 8)));
    painter.drawPath(path);
    painter.setBrush(lossSeriesColor(LossPlot::TrainLoss, palette()));
    painter.drawEllipse(toPixel(curve.back().x(), std::max(curve.back().y(), kDistanceFloor)), em / 5, em / 5);
    painter.restore();
}

QSize ClosedFormView::sizeHint() const
{
    return {460, 480};
}

QSize ClosedFormView::minimumSizeHint() const
{
    return {260, 300};
}

}  // namespace np
