#include "gradientchecktable.h"
#include "healthpainter.h"
#include "healthview.h"

#include "colors.h"
#include "figurepainting.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace np {

QString HealthView::percentText(double share)
{
    return QString::number(100.0 * share, 'f', share > 0 && share < 0.1 ? 1 : 0) + QLatin1Char('%');
}

QString HealthView::layerName(int layer, int layers)
{
    return layer + 1 == layers ? tr("output") : tr("layer %1").arg(layer + 1);
}

HealthView::HealthView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_bar = new QWidget(this);
    auto *bar = new QHBoxLayout(m_bar);
    bar->setContentsMargins(0, 0, 0, 0);
    m_checkButton = new QPushButton(tr("Check gradients"));
    m_checkButton->setToolTip(tr("Compare backpropagation with central differences on the current weights and a "
                                 "batch of the data, per layer, in double precision"));
    m_checkStatus = new QLabel;
    bar->addStretch(1);
    bar->addWidget(m_checkStatus);
    bar->addWidget(m_checkButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addStretch(1);
    connect(m_checkButton, &QPushButton::clicked, this, &HealthView::startGradientCheck);
}

// The check is bounded (sampled parameters, a small batch): m_checkJob waits for it briefly.
HealthView::~HealthView() = default;

void HealthView::setHistory(const History &history, bool reset)
{
    // The controller says when the rows were replaced (a new run, a compacted history); otherwise
    // the rows already drawn are a prefix of `history` and only the new ones are added.
    const int layers = history.empty() ? 0 : std::clamp(history.front().healthLayers, 0, kMaxHealthLayers);
    const bool replaced = reset || m_epochs.empty();
    if (replaced)
        clear(layers);
    else if (history.size() == m_epochs.size())
        return;
    for (std::size_t i = m_epochs.size(); i < history.size(); ++i)
        append(history[i]);
    m_picture.changed();
    if (replaced) {
        m_picture.drop();
        update();
    } else {
        scheduleRepaint();
    }
}

// --- the screen cache ---------------------------------------------------------------------------

void HealthView::scheduleRepaint()
{
    // A picture being drawn lacks these rows: they are drawn after it.
    if (!m_picture.drawAgainAfter())
        m_pacer.request();
}

void HealthView::startRender()
{
    if (!m_picture.mayBegin(rect()))
        return;
    QPainter &painter = m_picture.begin(rect());
    m_drawnSeries = m_series;  // into the buffers of the last copy: no allocation
    const HealthLayout layout = HealthLayout::compute(contentRect(), QFontMetricsF(painter.font(), painter.device()),
                                                      m_drawnSeries, m_layers, m_check || m_checking);
    m_picture.run([this, layout, shareTitle = shareTitle(), waiting = m_epochs.size() <= 1, check = m_check,
                   checking = m_checking](QPainter &p, int step) {
        const QFontMetricsF fm(p.font(), p.device());
        const HealthPainter plots(layout, m_drawnSeries, m_layers, palette());
        if (step < plots.stepCount()) {
            plots.drawStep(p, fm, shareTitle, waiting, step);
            return true;
        }
        if (!layout.check.isEmpty())
            GradientCheckTable::draw(p, layout.check, layout.lineHeight, layout.pad,
                                     checking || !check ? nullptr : &*check, font(), palette());
        return false;
    });
}

bool HealthView::cacheFits() const
{
    // Rows newer than the picture are on their way while a picture is due or being drawn.
    const bool current = m_picture.upToDate() || m_picture.drawing() || m_pacer.pending();
    return current && m_picture.fits();
}

void HealthView::resizeEvent(QResizeEvent *event)
{
    m_picture.drop();
    QWidget::resizeEvent(event);
}

void HealthView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange
        || event->type() == QEvent::StyleChange)
        m_picture.drop();
    QWidget::changeEvent(event);
}

void HealthView::setFrame(const ViewFrame &frame)
{
    setModel(frame.model);
}

void HealthView::setModel(const Model &model)
{
    m_model = model;
    m_haveModel = true;
}

void HealthView::setDataset(const Dataset &dataset)
{
    m_dataset = dataset;
}

void HealthView::setPenalty(const Penalty &penalty)
{
    m_penalty = penalty;
}

void HealthView::clear(int layers)
{
    m_layers = layers;
    m_epochs.clear();
    m_values.clear();
    m_series.clear(std::size_t(layers) * KindCount);
}

void HealthView::append(const HistoryRecord &record)
{
    const std::size_t count = std::size_t(m_layers) * KindCount;
    m_epochs.push_back(record.epoch);
    for (int l = 0; l < m_layers; ++l) {
        const LayerHealth &h = record.health[std::size_t(l)];
        for (float v : {h.gradientNorm, h.deadShare, h.saturatedShare})
            m_values.push_back(std::isfinite(v) ? v : std::numeric_limits<float>::quiet_NaN());
    }
    const std::vector<double> row(m_values.end() - std::ptrdiff_t(count), m_values.end());
    m_series.append(record.epoch, row);
}

std::size_t HealthView::nearestRow(double epoch) const
{
    const auto it = std::lower_bound(m_epochs.begin(), m_epochs.end(), epoch,
                                     [](std::int64_t e, double x) { return double(e) < x; });
    if (it == m_epochs.end())
        return m_epochs.size() - 1;
    if (it != m_epochs.begin() && epoch - double(*std::prev(it)) <= double(*it) - epoch)
        return std::size_t(std::prev(it) - m_epochs.begin());
    return std::size_t(it - m_epochs.begin());
}

QStringList HealthView::legendLabels() const
{
    QStringList labels;
    for (int l = 0; l < m_layers; ++l)
        labels << layerName(l, m_layers);
    return labels;
}

QColor HealthView::layerColor(int layer) const
{
    return layerColor(layer, m_layers, palette());
}

QColor HealthView::layerColor(int layer, int layers, const QPalette &palette)
{
    // Hidden layers along a blue-purple-red-orange ramp, so depth reads as a gradient of hue;
    // the output in a neutral grey. Lighter on dark backgrounds.
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    if (layer + 1 == layers)
        return QColor(blend(palette.color(QPalette::Base).rgb(), palette.color(QPalette::Text).rgb(), 0.6));
    const double t = layers > 2 ? double(layer) / (layers - 2) : 0.0;
    const double hue = std::fmod(0.60 + 0.48 * t, 1.0);
    return QColor::fromHsvF(float(hue), dark ? 0.55f : 0.85f, dark ? 1.0f : 0.78f);
}

QString HealthView::shareTitle() const
{
    // Name only what this network can show, so the title stays short enough for a narrow dock.
    bool dead = false;
    bool saturated = false;
    for (int layer = 0; layer < m_layers; ++layer) {
        dead = dead || hasDeadCurve(layer);
        saturated = saturated || hasSaturatedCurve(layer);
    }
    if (dead && saturated)
        return tr("units dead (ReLU, solid) and saturated (sigmoid/tanh, dashed)");
    if (dead)
        return tr("dead units (ReLU: 0 on every training point)");
    if (saturated)
        return tr("saturated units (sigmoid/tanh: flat on ≥ 95% of points)");
    return tr("dead or saturated units (only ReLU, sigmoid and tanh layers have them)");
}

bool HealthView::hasDeadCurve(int layer) const
{
    return m_series.hasValues(series(layer, Dead));
}

bool HealthView::hasSaturatedCurve(int layer) const
{
    return m_series.hasValues(series(layer, Saturated));
}

QString HealthView::readoutAt(double epoch) const
{
    if (m_epochs.empty())
        return {};
    const std::size_t row = nearestRow(epoch);
    QStringList lines;
    lines << tr("epoch %1").arg(m_epochs[row]);
    const float *v = m_values.data() + row * std::size_t(m_layers) * KindCount;
    for (int l = 0; l < m_layers; ++l) {
        QStringList parts;
        const float norm = v[series(l, Norm)];
        if (!std::isnan(norm))
            parts << tr("|dW| %1").arg(QString::number(norm, 'g', 3));
        if (!std::isnan(v[series(l, Dead)]))
            parts << tr("%1 dead").arg(percentText(v[series(l, Dead)]));
        if (!std::isnan(v[series(l, Saturated)]))
            parts << tr("%1 saturated").arg(percentText(v[series(l, Saturated)]));
        lines << layerName(l, m_layers) + QStringLiteral(": ") + (parts.isEmpty() ? QStringLiteral("–") : parts.join(QStringLiteral(", ")));
    }
    return lines.join(QLatin1Char('\n'));
}

QString HealthView::hoverText() const
{
    if (!m_hovering || m_epochs.empty())
        return {};
    const HealthLayout l = widgetLayout();
    return l.overPlots(m_hoverPos) ? readoutAt(l.epochAt(m_hoverPos.x())) : QString();
}

QRectF HealthView::normPlotArea() const
{
    return widgetLayout().norm;
}

QRectF HealthView::sharePlotArea() const
{
    return widgetLayout().share;
}

std::pair<double, double> HealthView::normRange() const
{
    const HealthLayout l = widgetLayout();
    return {std::pow(10.0, l.lowDecade), std::pow(10.0, l.highDecade)};
}

QPointF HealthView::normToPixel(double epoch, double norm) const
{
    const HealthLayout l = widgetLayout();
    return {l.toX(epoch), l.normY(norm)};
}

QPointF HealthView::shareToPixel(double epoch, double share) const
{
    const HealthLayout l = widgetLayout();
    return {l.toX(epoch), l.shareY(share)};
}

void HealthView::startGradientCheck()
{
    m_checking = true;
    m_checkJob.start([this, model = m_haveModel ? m_model : Model{}, dataset = m_dataset,
                      penalty = m_penalty](const BackgroundJob::Control &control) {
        GradientReport report = gradientReport(model, dataset, penalty);
        control.post([this, report = std::move(report)] { onCheckDone(report); });
    });
    m_checkButton->setEnabled(false);
    m_checkStatus->setText(tr("Checking…"));
    m_picture.drop();
    update();
}

void HealthView::onCheckDone(GradientReport report)
{
    m_checking = false;
    m_checkButton->setEnabled(true);
    if (!report.error.empty()) {
        m_checkStatus->setText(QString::fromStdString(report.error));
    } else {
        const int failing = report.failingLayers();
        m_checkStatus->setText(failing == 0 ? tr("All layers pass (%1 ms)").arg(report.milliseconds, 0, 'f', 0)
                                            : tr("%n layer(s) fail", nullptr, failing));
    }
    m_check = std::move(report);
    m_picture.drop();
    update();
    emit gradientCheckFinished();
}

QString HealthView::figureTitle() const
{
    return tr("Gradient health");
}

QSize HealthView::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 60, fm.height() * 24};
}

QSize HealthView::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 30, fm.height() * 14};
}

QRectF HealthView::contentRect() const
{
    const double top = m_bar->geometry().bottom() + 1;
    return QRectF(0, top, width(), height() - top);
}

HealthLayout HealthView::widgetLayout() const
{
    return layout(contentRect(), QFontMetricsF(font(), this));
}

HealthLayout HealthView::layout(const QRectF &rect, const QFontMetricsF &fm) const
{
    return HealthLayout::compute(rect, fm, m_series, m_layers, m_check || m_checking);
}

void HealthView::paintEvent(QPaintEvent *)
{
    m_pacer.painted();
    QPainter p(this);
    if (cacheFits()) {
        p.drawImage(0, 0, m_picture.image());
    } else {
        p.fillRect(rect(), palette().color(QPalette::Base));
        drawContent(p, contentRect());
    }
    if (m_hovering && !m_epochs.empty()) {
        const HealthLayout l = widgetLayout();
        if (l.overPlots(m_hoverPos))
            drawReadout(p, l);
    }
}

void HealthView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.save();
    painter.setFont(font());
    const QRectF content = beginFigure(painter, rect, options, figureTitle(), font(), palette());
    drawContent(painter, content);
    painter.restore();
}

void HealthView::drawContent(QPainter &painter, const QRectF &rect) const
{
    const QFontMetricsF fm(painter.font(), painter.device());
    const HealthLayout l = layout(rect, fm);
    HealthPainter(l, m_series, m_layers, palette()).drawPlots(painter, fm, shareTitle(), m_epochs.size() <= 1);
    if (!l.check.isEmpty())
        GradientCheckTable::draw(painter, l.check, l.lineHeight, l.pad, m_checking || !m_check ? nullptr : &*m_check,
                                 font(), palette());
}

void HealthView::drawReadout(QPainter &painter, const HealthLayout &l) const
{
    const QString text = readoutAt(l.epochAt(m_hoverPos.x()));
    const double x = l.toX(double(m_epochs[nearestRow(l.epochAt(m_hoverPos.x()))]));
    const QColor fg = palette().color(QPalette::Text);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(QColor(blend(palette().color(QPalette::Base).rgb(), fg.rgb(), 0.5)), 1, Qt::DashLine));
    painter.drawLine(QPointF(x, l.norm.top()), QPointF(x, l.norm.bottom()));
    painter.drawLine(QPointF(x, l.share.top()), QPointF(x, l.share.bottom()));

    const QFontMetricsF fm(font());
    const QRectF bounds = fm.boundingRect(QRectF(0, 0, 1e6, 1e6), Qt::AlignLeft, text);
    QRectF box(0, 0, bounds.width() + l.pad * 2, bounds.height() + l.pad);
    // Beside the pointer, on whichever side has room, kept inside the plots vertically.
    box.moveLeft(m_hoverPos.x() + l.pad + box.width() < width() ? m_hoverPos.x() + l.pad : m_hoverPos.x() - l.pad - box.width());
    box.moveTop(std::clamp(m_hoverPos.y() - box.height() / 2, l.norm.top(), std::max(l.norm.top(), l.share.bottom() - box.height())));
    QColor fill = palette().color(QPalette::ToolTipBase);
    fill.setAlphaF(0.93f);
    painter.setPen(QPen(QColor(blend(palette().color(QPalette::Base).rgb(), fg.rgb(), 0.45)), 1));
    painter.setBrush(fill);
    painter.drawRect(box);
    painter.setPen(palette().color(QPalette::ToolTipText));
    painter.drawText(box.adjusted(l.pad, l.pad / 2, -l.pad, -l.pad / 2), Qt::AlignLeft | Qt::AlignTop, text);
}

void HealthView::mouseMoveEvent(QMouseEvent *event)
{
    m_hovering = true;
    m_hoverPos = event->position();
    update();
}

void HealthView::leaveEvent(QEvent *)
{
    m_hovering = false;
    update();
}

}  // namespace np
