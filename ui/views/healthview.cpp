#include "healthview.h"
#include "plotaxis.h"

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

namespace np {

namespace {

// The relative-error bars run over these decades.
constexpr int kErrorLowDecade = -12;
constexpr int kErrorHighDecade = 0;

QString percent(double share)
{
    return QString::number(100.0 * share, 'f', share > 0 && share < 0.1 ? 1 : 0) + QLatin1Char('%');
}

QString layerName(int layer, int layers)
{
    return layer + 1 == layers ? HealthView::tr("output") : HealthView::tr("layer %1").arg(layer + 1);
}

}  // namespace

/// Where everything goes for a size and font; computed per paint and mouse query, O(buckets).
struct HealthView::Layout
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
    const int layers = history.empty() ? 0 : std::clamp(history.front().healthLayers, 0, kMaxHealthLayers);
    if (!reset && !m_epochs.empty()) {
        const std::size_t seen = m_epochs.size();
        reset = history.size() < seen || layers != m_layers || history.front().epoch != m_epochs.front()
                || history[seen - 1].epoch != m_epochs.back();
    }
    if (reset || m_epochs.empty())
        clear(layers);
    else if (history.size() == m_epochs.size())
        return;
    for (std::size_t i = m_epochs.size(); i < history.size(); ++i)
        append(history[i]);
    update();
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
    // Hidden layers along a blue-purple-red-orange ramp, so depth reads as a gradient of hue;
    // the output in a neutral grey. Lighter on dark backgrounds.
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    if (layer + 1 == m_layers)
        return QColor(blend(palette().color(QPalette::Base).rgb(), palette().color(QPalette::Text).rgb(), 0.6));
    const double t = m_layers > 2 ? double(layer) / (m_layers - 2) : 0.0;
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
            parts << tr("%1 dead").arg(percent(v[series(l, Dead)]));
        if (!std::isnan(v[series(l, Saturated)]))
            parts << tr("%1 saturated").arg(percent(v[series(l, Saturated)]));
        lines << layerName(l, m_layers) + QStringLiteral(": ") + (parts.isEmpty() ? QStringLiteral("–") : parts.join(QStringLiteral(", ")));
    }
    return lines.join(QLatin1Char('\n'));
}

QString HealthView::hoverText() const
{
    if (!m_hovering || m_epochs.empty())
        return {};
    const Layout l = widgetLayout();
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
    const Layout l = widgetLayout();
    return {std::pow(10.0, l.lowDecade), std::pow(10.0, l.highDecade)};
}

QPointF HealthView::normToPixel(double epoch, double norm) const
{
    const Layout l = widgetLayout();
    return {l.toX(epoch), l.normY(norm)};
}

QPointF HealthView::shareToPixel(double epoch, double share) const
{
    const Layout l = widgetLayout();
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

HealthView::Layout HealthView::widgetLayout() const
{
    return layout(contentRect(), QFontMetricsF(font(), this));
}

HealthView::Layout HealthView::layout(const QRectF &rect, const QFontMetricsF &fm) const
{
    // Every length derives from the font, so a projector's large font scales the whole view.
    Layout l;
    const double lh = fm.height();
    l.lineHeight = lh;
    l.pad = std::max(2.0, std::round(lh / 2));
    l.tick = std::max(2.0, std::round(lh / 4));
    l.curveWidth = std::max(1.5, lh / 9);

    // The check table takes a column on the right once there is something to show.
    QRectF area = rect.adjusted(l.pad, l.pad / 2, -l.pad, -l.pad / 2);
    if (m_check || m_checking) {
        const double w = std::min(0.4 * area.width(), fm.averageCharWidth() * 30);
        l.check = QRectF(area.right() - w, area.top(), w, area.height());
        area.setRight(l.check.left() - l.pad);
    }

    // The legend flows left to right and wraps.
    const double sample = 1.6 * lh;
    double x = area.left();
    double y = area.top();
    for (int layer = 0; layer < m_layers; ++layer) {
        const double w = sample + l.pad / 2 + fm.horizontalAdvance(layerName(layer, m_layers));
        if (x > area.left() && x + w > area.right()) {
            x = area.left();
            y += lh;
        }
        l.legend.emplace_back(layer, QRectF(x, y, w, lh));
        x += w + lh;
    }
    const double legendBottom = m_layers > 0 ? y + lh : area.top();

    // The norm axis: whole decades over the values seen (one decade of room under a zero).
    double lowPositive = std::numeric_limits<double>::infinity();
    double high = 0;
    bool zero = false;
    for (std::size_t b = 0; b < m_series.bucketCount(); ++b) {
        for (int layer = 0; layer < m_layers; ++layer) {
            const DecimatedSeries::Summary &v = m_series.summary(b, series(layer, Norm));
            if (v.count == 0)
                continue;
            high = std::max(high, v.high);
            if (v.low > 0)
                lowPositive = std::min(lowPositive, v.low);
            else
                zero = true;
        }
    }
    const int floorDecade = int(std::lround(std::log10(kLogFloor)));
    if (high > 0 && std::isfinite(lowPositive)) {
        // The slack absorbs single precision: 1e-6f is 9.99999997e-7, which must not open a decade.
        l.lowDecade = std::max(floorDecade, int(std::floor(std::log10(std::max(lowPositive, kLogFloor)) + 1e-6))
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

    l.epochLo = m_epochs.empty() ? 0.0 : double(m_epochs.front());
    l.epochHi = m_epochs.empty() ? 100.0 : double(m_epochs.back());
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

void HealthView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    drawContent(p, contentRect());
    if (m_hovering && !m_epochs.empty()) {
        const Layout l = widgetLayout();
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
    const Layout l = layout(rect, fm);
    const QColor text = palette().color(QPalette::Text);
    const QColor muted(blend(palette().color(QPalette::Base).rgb(), text.rgb(), 0.65));
    const double lh = l.lineHeight;

    painter.setPen(muted);
    painter.drawText(QRectF(l.norm.left(), l.norm.top() - lh, l.norm.width(), lh), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("gradient norm |dL/dW| per layer (log scale)"));
    painter.drawText(QRectF(l.share.left(), l.share.top() - 1.5 * lh, l.share.width(), lh),
                     Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(shareTitle(), Qt::ElideRight, l.share.width()));
    drawPlotFrame(painter, l, l.norm, true);
    drawPlotFrame(painter, l, l.share, false);
    drawCurves(painter, l);

    for (const auto &[layer, r] : l.legend) {
        const double sample = 1.6 * lh;
        painter.setPen(QPen(layerColor(layer), l.curveWidth));
        painter.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.left() + sample, r.center().y()));
        painter.setPen(text);
        painter.drawText(QRectF(r.left() + sample + l.pad / 2, r.top(), r.width() - sample - l.pad / 2, r.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, layerName(layer, m_layers));
    }
    if (m_epochs.size() <= 1) {
        painter.setPen(muted);
        painter.drawText(l.norm, Qt::AlignCenter | Qt::TextWordWrap,
                         tr("The curves appear as training runs: one per layer, from the first epoch on."));
    }
    if (!l.check.isEmpty())
        drawCheck(painter, l);
}

void HealthView::drawPlotFrame(QPainter &painter, const Layout &l, const QRectF &plot, bool log) const
{
    const QColor background = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
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
            ticks.emplace_back(l.shareY(s), percent(s));
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

void HealthView::drawCurves(QPainter &painter, const Layout &l) const
{
    const auto bucketX = [&](std::size_t b) {
        return l.toX(0.5 * double(m_series.bucket(b).firstX + m_series.bucket(b).lastX));
    };
    // Min-max bars first (a spike in a long bucket stays visible), then the lines on top.
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (int layer = 0; layer < m_layers; ++layer) {
        QColor faint = layerColor(layer);
        faint.setAlphaF(0.3f);
        painter.setPen(QPen(faint, 1));
        const std::size_t s = series(layer, Norm);
        for (std::size_t b = 0; b < m_series.bucketCount(); ++b) {
            const DecimatedSeries::Summary &v = m_series.summary(b, s);
            if (m_series.bucket(b).rows > 1 && v.count > 0)
                painter.drawLine(QPointF(bucketX(b), l.normY(v.low)), QPointF(bucketX(b), l.normY(v.high)));
        }
    }
    // Long histories with many layers are thousands of vertices per paint: round joins and
    // antialiasing then cost more than they show (the vertices are closer than a pixel).
    const bool dense = double(m_series.bucketCount()) > l.norm.width();
    painter.setRenderHint(QPainter::Antialiasing, !dense);
    painter.setBrush(Qt::NoBrush);
    for (int layer = 0; layer < m_layers; ++layer) {
        for (Kind kind : {Norm, Dead, Saturated}) {
            const std::size_t s = series(layer, kind);
            QPainterPath path;
            bool open = false;
            for (std::size_t b = 0; b < m_series.bucketCount(); ++b) {
                const DecimatedSeries::Summary &v = m_series.summary(b, s);
                if (v.count == 0) {
                    open = false;  // a gap where the value does not apply
                    continue;
                }
                // Norms are drawn at their geometric mean, on the log axis.
                const double mean = kind == Norm ? v.logMean() : v.mean();
                const QPointF p(bucketX(b), kind == Norm ? l.normY(std::pow(10.0, mean)) : l.shareY(mean));
                if (open)
                    path.lineTo(p);
                else
                    path.moveTo(p);
                open = true;
            }
            if (path.isEmpty())
                continue;
            QPen pen(layerColor(layer), l.curveWidth);
            pen.setJoinStyle(dense ? Qt::BevelJoin : Qt::RoundJoin);
            if (kind == Saturated)
                pen.setDashPattern({3.0, 2.0});
            painter.setPen(pen);
            painter.drawPath(path);
            if (path.elementCount() == 1) {  // a single row: a dot, or nothing would show
                painter.setBrush(layerColor(layer));
                painter.drawEllipse(path.currentPosition(), l.curveWidth, l.curveWidth);
                painter.setBrush(Qt::NoBrush);
            }
        }
    }
}

void HealthView::drawCheck(QPainter &painter, const Layout &l) const
{
    const QFontMetricsF fm(painter.font(), painter.device());
    const double lh = l.lineHeight;
    const QColor text = palette().color(QPalette::Text);
    const QColor muted(blend(palette().color(QPalette::Base).rgb(), text.rgb(), 0.65));
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const QColor pass = dark ? QColor(0x2E, 0xC4, 0x94) : QColor(0x00, 0x9E, 0x73);
    const QColor fail = dark ? QColor(0xF0, 0x7E, 0x2E) : QColor(0xD5, 0x5E, 0x00);
    const QRectF &r = l.check;
    QFont bold = painter.font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(text);
    painter.drawText(QRectF(r.left(), r.top(), r.width(), lh), Qt::AlignLeft | Qt::AlignVCenter, tr("Gradient check"));
    painter.setFont(font());
    if (m_checking || !m_check) {
        painter.setPen(muted);
        painter.drawText(QRectF(r.left(), r.top() + lh, r.width(), lh), Qt::AlignLeft, tr("Checking…"));
        return;
    }
    const GradientReport &c = *m_check;
    double y = r.top() + lh;
    if (!c.error.empty()) {
        painter.setPen(text);
        painter.drawText(QRectF(r.left(), y, r.width(), r.bottom() - y), Qt::TextWordWrap,
                         QString::fromStdString(c.error));
        return;
    }
    painter.setPen(muted);
    painter.drawText(QRectF(r.left(), y, r.width(), 2 * lh), Qt::TextWordWrap,
                     tr("%1 points, ≤ %2 weights per layer, %3 ms").arg(c.points).arg(c.maxPerLayer)
                         .arg(c.milliseconds, 0, 'f', c.milliseconds < 10 ? 1 : 0));
    y += 2.5 * lh;

    // One row per layer: name, a bar of the relative error on a log axis with the threshold
    // marked, and the value.
    const int layers = int(c.result.layers.size());
    double nameWidth = 0;
    for (int i = 0; i < layers; ++i)
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(layerName(i, layers)));
    const double valueWidth = fm.horizontalAdvance(QStringLiteral("8.8e+88 ✗ "));
    const double barLeft = r.left() + nameWidth + l.pad / 2;
    const double barRight = std::max(barLeft + lh, r.right() - valueWidth - l.pad / 2);
    const auto errorX = [&](double e) {
        const double d = std::clamp(std::log10(std::max(e, 1e-300)), double(kErrorLowDecade), double(kErrorHighDecade));
        return barLeft + (d - kErrorLowDecade) / (kErrorHighDecade - kErrorLowDecade) * (barRight - barLeft);
    };
    const double rowsTop = y;
    for (int i = 0; i < layers && y + lh <= r.bottom() - 2 * lh; ++i) {
        const LayerGradientCheck &layer = c.result.layers[std::size_t(i)];
        const bool ok = GradientReport::passes(layer);
        painter.setPen(text);
        painter.drawText(QRectF(r.left(), y, nameWidth, lh), Qt::AlignLeft | Qt::AlignVCenter, layerName(i, layers));
        const double x = errorX(layer.relativeError);
        painter.fillRect(QRectF(barLeft, y + lh * 0.2, std::max(1.0, x - barLeft), lh * 0.6), ok ? pass : fail);
        painter.setPen(ok ? pass : fail);
        painter.drawText(QRectF(barRight + l.pad / 2, y, valueWidth, lh), Qt::AlignLeft | Qt::AlignVCenter,
                         QString::number(layer.relativeError, 'e', 1) + (ok ? QStringLiteral(" ✓") : QStringLiteral(" ✗")));
        y += lh;
    }
    // The threshold as a line through the bars, labelled below.
    const double tx = errorX(kGradientCheckThreshold);
    painter.setPen(QPen(text, 1, Qt::DashLine));
    painter.drawLine(QPointF(tx, rowsTop), QPointF(tx, y));
    painter.setPen(muted);
    painter.drawText(QRectF(r.left(), y + lh / 4, r.width(), 2 * lh), Qt::TextWordWrap,
                     tr("pass: relative error < %1 (double precision)").arg(decadeLabel(kGradientCheckThreshold)));
}

void HealthView::drawReadout(QPainter &painter, const Layout &l) const
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
