#include "lossplot.h"
#include "lossplotlayout.h"
#include "lossplotmarkers.h"
#include "lossplotpainter.h"
#include "lossseries.h"

#include "colors.h"
#include "figurepainting.h"
#include "numberformat.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace np {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

LossPlot::LossPlot(QWidget *parent)
    : QWidget(parent)
    , m_pacer(this, kRepaintMs, [this] { update(); })
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    clear();
}

void LossPlot::setHistory(const History &history, bool reset)
{
    // The controller says when the rows were replaced (a new run, a compacted history); otherwise
    // the rows already drawn are a prefix of `history` and only the new ones are added.
    if (reset) {
        clear();
        m_rows.reserve(history.size());
        // A run restarted at epoch 0 has none of the old changes; a thinned-out or restored
        // history keeps those up to where it ends (plus one row's gap, as rows may be sparse).
        const std::int64_t last = history.empty() ? 0 : history.back().epoch;
        const std::int64_t gap = history.size() > 1 ? last - history[history.size() - 2].epoch : 1;
        std::erase_if(m_markers, [&](const Marker &m) { return last == 0 || m.epoch > last + gap; });
    } else if (history.size() == m_rows.size()) {
        return;  // a snapshot without new rows: nothing to redraw
    }
    for (std::size_t i = m_rows.size(); i < history.size(); ++i)
        append(history[i]);
    if (reset)
        update();
    else
        m_pacer.request();
}

void LossPlot::setClassification(bool classification)
{
    if (classification == m_classification)
        return;
    m_classification = classification;
    update();
}

void LossPlot::setLogScale(bool logScale)
{
    m_logScale = logScale;
    update();
}

void LossPlot::setShowLearningRate(bool show)
{
    m_showLearningRate = show;
    update();
}

void LossPlot::noteChange(std::int64_t epoch, const Config &before, const Config &after, bool dataChanged)
{
    if (epoch <= 0)
        return;  // settings chosen before training are the run's own, not a change during it
    for (const ConfigChange &change : configChanges(before, after, dataChanged))
        addMarker(epoch, change);
}

void LossPlot::addMarker(std::int64_t epoch, const ConfigChange &change)
{
    const auto same = std::find_if(m_markers.begin(), m_markers.end(),
                                   [&](const Marker &m) { return m.epoch == epoch && m.change.key == change.key; });
    if (same == m_markers.end()) {
        m_markers.push_back({epoch, change});
    } else if (same->change.from == change.to && !change.to.isEmpty()) {
        m_markers.erase(same);
    } else {
        same->change.to = change.to;
    }
    update();
}

QStringList LossPlot::markerLabels() const
{
    QStringList labels;
    for (const Marker &m : m_markers)
        labels << m.text();
    return labels;
}

QStringList LossPlot::offScaleNotes() const
{
    const LossPlotLayout l = layout();
    QStringList notes;
    for (Series s : {TrainLoss, l.metric}) {
        const QString note = offScaleNote(s, l);
        if (!note.isEmpty())
            notes << note;
    }
    return notes;
}

QSize LossPlot::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 50, fm.height() * 14};
}

QSize LossPlot::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 24, fm.height() * 8};
}

void LossPlot::clear()
{
    m_rows.clear();
    m_series.clear(SeriesCount);
}

void LossPlot::append(const HistoryRecord &record)
{
    Row row;
    row.epoch = record.epoch;
    row.values = {record.train.loss, record.validation.loss, record.train.accuracy, record.validation.accuracy,
                  record.train.rmse, record.validation.rmse, record.learningRate};
    for (double &v : row.values) {
        if (!std::isfinite(v))
            v = kNaN;  // an infinite loss has no place on an axis; it is a gap like "not applicable"
    }
    m_rows.push_back(row);
    m_series.append(row.epoch, row.values);
}

LossPlot::Series LossPlot::metricSeries(bool validation) const
{
    if (m_classification)
        return validation ? ValidationAccuracy : TrainAccuracy;
    return validation ? ValidationRmse : TrainRmse;
}

std::vector<LossPlot::Series> LossPlot::shownSeries() const
{
    std::vector<Series> candidates = {TrainLoss, ValidationLoss, metricSeries(false), metricSeries(true)};
    if (m_showLearningRate)
        candidates.push_back(LearningRate);
    std::vector<Series> shown;
    for (Series s : candidates) {
        // A series without a single value (no validation set, accuracy in regression) is not
        // drawn, and it would only be noise in the legend.
        if (m_series.hasValues(s))
            shown.push_back(s);
    }
    return shown;
}

const LossPlot::Row *LossPlot::nearestRow(double epoch) const
{
    if (m_rows.empty())
        return nullptr;
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), epoch,
                                     [](const Row &r, double e) { return static_cast<double>(r.epoch) < e; });
    if (it == m_rows.end())
        return &m_rows.back();
    if (it != m_rows.begin() && epoch - static_cast<double>(std::prev(it)->epoch) <= static_cast<double>(it->epoch) - epoch)
        return &*std::prev(it);
    return &*it;
}

std::vector<std::pair<int, QString>> LossPlot::readoutLines(const Row &row) const
{
    std::vector<std::pair<int, QString>> lines;
    lines.emplace_back(-1, tr("epoch %1").arg(row.epoch));
    std::vector<Series> candidates = {TrainLoss, ValidationLoss, metricSeries(false), metricSeries(true)};
    if (m_showLearningRate)
        candidates.push_back(LearningRate);
    for (Series s : candidates) {
        const double v = row.values[static_cast<std::size_t>(s)];
        if (!std::isnan(v))
            lines.emplace_back(s, lossSeriesName(s) + QLatin1Char(' ') + lossSeriesValue(s, v));
    }
    return lines;
}

QString LossPlot::readoutAt(double epoch) const
{
    const Row *row = nearestRow(epoch);
    if (!row)
        return {};
    QStringList text;
    for (const auto &line : readoutLines(*row))
        text << line.second;
    return text.join(QLatin1Char('\n'));
}

QString LossPlot::hoverText() const
{
    if (!m_hovering || m_rows.empty())
        return {};
    const LossPlotLayout l = layout();
    if (!l.hoverArea().contains(m_hoverPos))
        return {};
    return readoutAt(l.epochAt(m_hoverPos.x()));
}

QStringList LossPlot::legendLabels() const
{
    QStringList labels;
    for (Series s : shownSeries())
        labels << lossSeriesName(s);
    return labels;
}

QColor LossPlot::seriesColor(Series series) const
{
    return lossSeriesColor(series, palette());
}

std::pair<double, double> LossPlot::leftRange() const
{
    const LossPlotLayout l = layout();
    return {l.left.lo, l.left.hi};
}

std::vector<double> LossPlot::leftTicks() const
{
    return layout().left.ticks;
}

std::vector<double> LossPlot::rightTicks() const
{
    const LossPlotLayout l = layout();
    return l.rightShown ? l.right.ticks : std::vector<double>{};
}

std::vector<double> LossPlot::bottomTicks() const
{
    return layout().x.ticks;
}

QStringList LossPlot::tickLabels(Qt::Edge edge) const
{
    const LossPlotLayout l = layout();
    QStringList labels;
    if (edge == Qt::BottomEdge) {
        for (double t : l.x.ticks)
            labels << compactNumber(t);
    } else if (edge == Qt::LeftEdge || l.rightShown) {
        const PlotScale &scale = edge == Qt::LeftEdge ? l.left : l.right;
        for (double t : scale.ticks)
            labels << scale.label(t);
    }
    return labels;
}

QRectF LossPlot::plotArea() const
{
    return layout().plot;
}

QPointF LossPlot::toPixel(double epoch, double loss) const
{
    const LossPlotLayout l = layout();
    return {l.toX(epoch), l.toY(TrainLoss, loss)};
}

LossPlotLayout LossPlot::layout() const
{
    return layout(QRectF(rect()), QFontMetricsF(font()), true);
}

LossPlotLayout LossPlot::layout(const QRectF &area, const QFontMetricsF &fm, bool legend) const
{
    return LossPlotLayout::compute(area, fm, legend,
                                   {m_series, shownSeries(), m_logScale, m_classification, m_referenceLoss});
}

void LossPlot::setReferenceLoss(double loss, const QString &label)
{
    if ((std::isnan(loss) && std::isnan(m_referenceLoss)) || (loss == m_referenceLoss && label == m_referenceLabel))
        return;
    m_referenceLoss = loss;
    m_referenceLabel = std::isnan(loss) ? QString() : label;
    update();
}

void LossPlot::paintEvent(QPaintEvent *)
{
    m_pacer.painted();
    QPainter p(this);
    const LossPlotLayout l = layout();
    const QColor background = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    p.fillRect(rect(), background);
    const LossPlotPainter painter(l, m_series, palette());
    painter.drawPlot(p, QFontMetricsF(font()));
    painter.drawMarkers(p, QFontMetricsF(font()), m_markers);
    painter.drawReference(p, QFontMetricsF(font()), m_referenceLoss, m_referenceLabel);
    p.setRenderHint(QPainter::Antialiasing);

    // Until the first epoch ends there is no curve, at most the dots of epoch 0 (a new run has
    // that row at once), so the hint stays until then, below the middle where those dots
    // rarely are (the first loss is near the top, the first accuracy near chance).
    if (m_rows.size() <= 1) {
        p.setPen(QColor(blend(background.rgb(), text.rgb(), 0.65)));
        const QRectF hint(l.plot.left(), l.plot.top() + 0.55 * l.plot.height(), l.plot.width(), 0.3 * l.plot.height());
        p.drawText(hint, Qt::AlignCenter | Qt::TextWordWrap, tr("Press Play to train"));
    }
    if (!m_rows.empty() && m_hovering && l.hoverArea().contains(m_hoverPos)) {
        if (const Row *row = nearestRow(l.epochAt(m_hoverPos.x())))
            painter.drawReadout(p, QFontMetricsF(font()), row->epoch, row->values, readoutLines(*row));
    }
}

QString LossPlot::figureName() const
{
    return QStringLiteral("loss");
}

QString LossPlot::figureTitle() const
{
    return m_classification ? tr("Loss and accuracy") : tr("Loss and RMSE");
}

void LossPlot::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.save();
    painter.setFont(font());
    const QFontMetricsF fm = figureMetrics(painter, font());
    const QRectF area = beginFigure(painter, rect, options, figureTitle(), font(), palette());
    const LossPlotLayout l = layout(area, fm, options.legend);
    const LossPlotPainter plot(l, m_series, palette());
    plot.drawPlot(painter, fm);
    plot.drawMarkers(painter, fm, m_markers);
    plot.drawReference(painter, fm, m_referenceLoss, m_referenceLabel);
    painter.restore();
}

void LossPlot::mouseMoveEvent(QMouseEvent *event)
{
    m_hovering = true;
    m_hoverPos = event->position();
    update();
}

void LossPlot::leaveEvent(QEvent *)
{
    m_hovering = false;
    update();
}

}  // namespace np
