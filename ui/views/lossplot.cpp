#include "lossplot.h"
#include "plotaxis.h"

#include "colors.h"
#include "figurepainting.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace np {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// The finite values of one or more series over all buckets.
struct Extent
{
    double low = kInf;
    double high = -kInf;
    double lowPositive = kInf;

    bool isEmpty() const { return !(low <= high); }
    Extent operator|(const Extent &o) const
    {
        return {std::min(low, o.low), std::max(high, o.high), std::min(lowPositive, o.lowPositive)};
    }
};

/// A value axis from 0 (or the lowest value, if negative) to a tick at or above the highest.
PlotScale valueScale(Extent e, int tickCount)
{
    const double low = e.isEmpty() ? 0.0 : std::min(e.low, 0.0);
    return linearScale(low, e.isEmpty() ? 1.0 : e.high, tickCount);
}

/// A log axis over whole decades. Zeros (a perfectly fitted training set) get one decade of
/// room below the smallest positive value, and nothing goes below kLogFloor, so a single
/// 1e-300 cannot squash the interesting part of the curve.
PlotScale logValueScale(Extent e, int tickCount)
{
    const int floorDecade = static_cast<int>(std::lround(std::log10(LossPlot::kLogFloor)));
    int bottom = -2;  // no data yet: 0.01 to 1
    int top = 0;
    if (!e.isEmpty() && std::isfinite(e.lowPositive)) {
        bottom = static_cast<int>(std::floor(std::log10(std::max(e.lowPositive, LossPlot::kLogFloor)) + 1e-9));
        if (e.low <= 0.0)
            --bottom;
        top = static_cast<int>(std::ceil(std::log10(e.high) - 1e-9));
    } else if (!e.isEmpty()) {
        bottom = floorDecade;  // nothing above zero: all of it lies on the floor
    }
    return decadeScale(std::max(bottom, floorDecade), top, tickCount);
}

/// The epoch axis spans exactly the recorded epochs, so the curve fills the width as it grows.
PlotScale epochScale(double first, double last, int tickCount)
{
    PlotScale s;
    s.lo = first;
    s.hi = last;
    if (s.hi <= s.lo) {  // one row: centre it
        s.lo -= 0.5;
        s.hi += 0.5;
    }
    s.step = std::max(1.0, niceStep(s.hi - s.lo, tickCount));
    s.ticks = multiplesBetween(s.lo, s.hi, s.step);
    return s;
}

bool isValidation(LossPlot::Series s)
{
    return s == LossPlot::ValidationLoss || s == LossPlot::ValidationAccuracy || s == LossPlot::ValidationRmse;
}

QString seriesName(LossPlot::Series s)
{
    switch (s) {
    case LossPlot::TrainLoss:
        return LossPlot::tr("train loss");
    case LossPlot::ValidationLoss:
        return LossPlot::tr("validation loss");
    case LossPlot::TrainAccuracy:
        return LossPlot::tr("train accuracy");
    case LossPlot::ValidationAccuracy:
        return LossPlot::tr("validation accuracy");
    case LossPlot::TrainRmse:
        return LossPlot::tr("train RMSE");
    case LossPlot::ValidationRmse:
        return LossPlot::tr("validation RMSE");
    case LossPlot::LearningRate:
    case LossPlot::SeriesCount:
        break;
    }
    return LossPlot::tr("learning rate");
}

QString formatValue(LossPlot::Series s, double v)
{
    if (s == LossPlot::TrainAccuracy || s == LossPlot::ValidationAccuracy)
        return QString::number(100.0 * v, 'f', 1) + QLatin1Char('%');
    return QString::number(v, 'g', 4);
}

/// Validation curves share their training curve's colour and are dashed: the pair reads as one
/// quantity, and the dashes survive greyscale printing and colour-vision deficiencies.
QPen seriesPen(const QColor &color, LossPlot::Series s, double width)
{
    QPen pen(color, s == LossPlot::LearningRate ? std::max(1.0, 0.7 * width) : width);
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::RoundJoin);
    if (isValidation(s))
        pen.setDashPattern({3.0, 2.0});
    return pen;
}

}  // namespace

/// Where everything goes for the current size, font and data; computed for each paint and
/// mouse query (O(buckets), never O(history)).
struct LossPlot::Layout
{
    QRectF area;      ///< everything the plot may use: the widget, or a figure's rectangle
    double lineHeight = 0.0;
    double pad = 0.0;
    double tick = 0.0;
    double curveWidth = 1.5;
    QRectF plot;      ///< loss and metric curves
    QRectF rateBand;  ///< the learning-rate track under the plot; empty when not shown
    double labelTop = 0.0;  ///< top of the epoch labels row
    PlotScale x;
    PlotScale left;
    PlotScale right;
    PlotScale rate;
    bool rightShown = false;
    std::vector<Series> shown;
    std::vector<std::pair<Series, QRectF>> legend;

    double toX(double epoch) const { return plot.left() + x.fraction(epoch) * plot.width(); }
    double epochAt(double px) const { return x.valueAt((px - plot.left()) / plot.width()); }
    const PlotScale &scaleOf(Series s) const
    {
        return s == TrainLoss || s == ValidationLoss ? left : s == LearningRate ? rate : right;
    }
    const QRectF &areaOf(Series s) const { return s == LearningRate ? rateBand : plot; }
    double toY(Series s, double v) const
    {
        const QRectF &area = areaOf(s);
        return area.bottom() - scaleOf(s).fraction(v) * area.height();
    }
    /// Plot and learning-rate band together: where hovering reads out a row.
    QRectF hoverArea() const
    {
        return rateBand.isEmpty() ? plot : QRectF(plot.topLeft(), QPointF(plot.right(), rateBand.bottom()));
    }
};

LossPlot::LossPlot(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    clear();
}

void LossPlot::setHistory(const History &history, bool reset)
{
    // The rows already seen must still be the same rows. If the history was replaced without a
    // reset (compacted, or a new run of similar length), appending would splice two runs.
    if (!reset && !m_rows.empty()) {
        const std::size_t seen = m_rows.size();
        reset = history.size() < seen || history.front().epoch != m_rows.front().epoch
                || history[seen - 1].epoch != m_rows.back().epoch;
    }
    if (reset) {
        clear();
        m_rows.reserve(history.size());
    } else if (history.size() == m_rows.size()) {
        return;  // a snapshot without new rows: nothing to redraw
    }
    for (std::size_t i = m_rows.size(); i < history.size(); ++i)
        append(history[i]);
    update();
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
            lines.emplace_back(s, seriesName(s) + QLatin1Char(' ') + formatValue(s, v));
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
    const Layout l = layout();
    if (!l.hoverArea().contains(m_hoverPos))
        return {};
    return readoutAt(l.epochAt(m_hoverPos.x()));
}

QStringList LossPlot::legendLabels() const
{
    QStringList labels;
    for (Series s : shownSeries())
        labels << seriesName(s);
    return labels;
}

QColor LossPlot::seriesColor(Series series) const
{
    // Okabe-Ito hues (as the class colours), lighter on dark backgrounds for contrast. Reddish
    // purple for the metric keeps it apart from the orange and blue that mean classes elsewhere.
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    switch (series) {
    case TrainLoss:
    case ValidationLoss:
        return dark ? QColor(0x56, 0xB4, 0xE9) : QColor(0x00, 0x72, 0xB2);
    case LearningRate:
        return dark ? QColor(0x2E, 0xC4, 0x94) : QColor(0x00, 0x9E, 0x73);
    default:
        return dark ? QColor(0xE0, 0x8F, 0xBF) : QColor(0xB0, 0x4F, 0x8A);
    }
}

std::pair<double, double> LossPlot::leftRange() const
{
    const Layout l = layout();
    return {l.left.lo, l.left.hi};
}

std::vector<double> LossPlot::leftTicks() const
{
    return layout().left.ticks;
}

std::vector<double> LossPlot::rightTicks() const
{
    const Layout l = layout();
    return l.rightShown ? l.right.ticks : std::vector<double>{};
}

std::vector<double> LossPlot::bottomTicks() const
{
    return layout().x.ticks;
}

QStringList LossPlot::tickLabels(Qt::Edge edge) const
{
    const Layout l = layout();
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
    const Layout l = layout();
    return {l.toX(epoch), l.toY(TrainLoss, loss)};
}

LossPlot::Layout LossPlot::layout() const
{
    return layout(QRectF(rect()), QFontMetricsF(font()), true);
}

LossPlot::Layout LossPlot::layout(const QRectF &area, const QFontMetricsF &fm, bool legend) const
{
    // Every length derives from the font, so a projector's large font scales the whole plot.
    Layout l;
    l.area = area;
    const double lh = fm.height();
    l.lineHeight = lh;
    l.pad = std::max(2.0, std::round(lh / 2));
    l.tick = std::max(2.0, std::round(lh / 4));
    l.curveWidth = std::max(1.5, lh / 9);
    l.shown = shownSeries();

    std::array<Extent, SeriesCount> extents;
    for (std::size_t b = 0; b < m_series.bucketCount(); ++b) {
        for (std::size_t s = 0; s < extents.size(); ++s) {
            const DecimatedSeries::Summary &v = m_series.summary(b, s);
            if (v.count == 0)
                continue;
            extents[s].low = std::min(extents[s].low, v.low);
            extents[s].high = std::max(extents[s].high, v.high);
            if (!std::isnan(v.lowPositive))
                extents[s].lowPositive = std::min(extents[s].lowPositive, v.lowPositive);
        }
    }
    const auto isShown = [&l](Series s) { return std::find(l.shown.begin(), l.shown.end(), s) != l.shown.end(); };

    // The legend flows left to right and wraps, so a narrow dock still shows every entry.
    const double sample = 1.6 * lh;
    double x = area.left() + l.pad;
    double y = area.top() + l.pad;
    for (Series s : legend ? l.shown : std::vector<Series>{}) {
        const double w = sample + l.pad / 2 + fm.horizontalAdvance(seriesName(s));
        if (x > area.left() + l.pad && x + w > area.right() - l.pad) {
            x = area.left() + l.pad;
            y += lh;
        }
        l.legend.emplace_back(s, QRectF(x, y, w, lh));
        x += w + lh;
    }
    const double legendBottom = l.legend.empty() ? area.top() + l.pad : y + lh;

    // Vertical: legend, plot (room for half a tick label above), learning-rate band, epoch labels.
    const double top = legendBottom + l.pad / 2 + lh / 2;
    l.labelTop = area.bottom() - l.pad / 2 - lh;
    double bottom = l.labelTop - l.tick;
    const bool rateShown = isShown(LearningRate);
    double bandTop = bottom;
    if (rateShown) {
        const double band = std::max(2.0 * lh, 0.2 * (bottom - top));
        bandTop = bottom - band;
        bottom = bandTop - l.pad;
    }
    bottom = std::max(bottom, top + 1);
    const int yTicks = std::max(2, static_cast<int>((bottom - top) / (2.2 * lh)));

    const Extent loss = extents[TrainLoss] | extents[ValidationLoss];
    l.left = m_logScale ? logValueScale(loss, yTicks) : valueScale(loss, yTicks);
    const Extent metric = extents[metricSeries(false)] | extents[metricSeries(true)];
    l.rightShown = !metric.isEmpty();
    if (m_classification) {
        l.right = valueScale(Extent{0.0, 1.0, 1.0}, yTicks);  // accuracy is always 0-100%
        l.right.percent = true;
    } else {
        l.right = m_logScale ? logValueScale(metric, yTicks) : valueScale(metric, yTicks);
    }
    // The band runs from 0 with a little headroom, so a constant rate is a line inside it
    // rather than on its edge; its one tick marks the highest rate.
    const double maxRate = extents[LearningRate].isEmpty() || !(extents[LearningRate].high > 0)
                               ? 1.0 : extents[LearningRate].high;
    l.rate.lo = 0.0;
    l.rate.hi = 1.2 * maxRate;
    l.rate.ticks = {maxRate};

    // Horizontal: the margins are as wide as the widest label each side needs.
    double leftWidth = 0.0;
    for (double t : l.left.ticks)
        leftWidth = std::max(leftWidth, fm.horizontalAdvance(l.left.label(t)));
    if (rateShown)
        leftWidth = std::max(leftWidth, fm.horizontalAdvance(QString::number(l.rate.ticks.front(), 'g', 3)));
    double rightWidth = 0.0;
    if (l.rightShown) {
        for (double t : l.right.ticks)
            rightWidth = std::max(rightWidth, fm.horizontalAdvance(l.right.label(t)));
    }
    const double plotLeft = area.left() + l.pad + leftWidth + l.tick;
    const double plotRight = std::max(plotLeft + 1, area.right() - l.pad - (l.rightShown ? rightWidth + l.tick : lh));
    l.plot = QRectF(QPointF(plotLeft, top), QPointF(plotRight, bottom));
    if (rateShown)
        l.rateBand = QRectF(QPointF(plotLeft, bandTop), QPointF(plotRight, l.labelTop - l.tick));

    const double firstEpoch = m_rows.empty() ? 0.0 : static_cast<double>(m_rows.front().epoch);
    const double lastEpoch = m_rows.empty() ? 100.0 : static_cast<double>(m_rows.back().epoch);
    // As many epoch ticks as their labels allow: fewer until the labels fit with a gap.
    for (int xTicks = std::max(1, static_cast<int>(l.plot.width() / (2 * lh))); xTicks >= 1; --xTicks) {
        l.x = epochScale(firstEpoch, lastEpoch, xTicks);
        double needed = 0.0;
        for (double t : l.x.ticks)
            needed += fm.horizontalAdvance(compactNumber(t)) + 1.5 * lh;
        if (needed <= l.plot.width())
            break;
    }
    return l;
}

void LossPlot::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const Layout l = layout();
    const QColor background = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    p.fillRect(rect(), background);
    drawPlot(p, l, QFontMetricsF(font()));
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
            drawReadout(p, l, *row);
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
    drawPlot(painter, layout(area, fm, options.legend), fm);
    painter.restore();
}

void LossPlot::drawPlot(QPainter &p, const Layout &l, const QFontMetricsF &fm) const
{
    const QColor text = palette().color(QPalette::Text);
    const double lh = l.lineHeight;
    p.save();
    drawAxes(p, l, fm);

    // Curves: the metric behind the losses, which are the main subject; all the min-max bars
    // first, so no bar hides another series' line.
    std::vector<std::pair<Series, std::vector<Column>>> curves;
    for (Series s : {metricSeries(false), metricSeries(true), ValidationLoss, TrainLoss, LearningRate}) {
        if (std::find(l.shown.begin(), l.shown.end(), s) != l.shown.end())
            curves.emplace_back(s, columns(l, s));
    }
    for (const auto &[s, c] : curves)
        drawEnvelope(p, l, s, c);
    p.setRenderHint(QPainter::Antialiasing);
    for (const auto &[s, c] : curves)
        drawCurve(p, l, s, c);

    // Legend: a sample of each line and its name.
    for (const auto &[s, r] : l.legend) {
        const double sample = 1.6 * lh;
        p.setPen(seriesPen(seriesColor(s), s, l.curveWidth));
        p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.left() + sample, r.center().y()));
        p.setPen(text);
        p.drawText(QRectF(r.left() + sample + l.pad / 2, r.top(), r.width() - sample - l.pad / 2, r.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, seriesName(s));
    }
    p.restore();
}

void LossPlot::drawAxes(QPainter &p, const Layout &l, const QFontMetricsF &fm) const
{
    const QColor background = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const QColor grid = QColor(blend(background.rgb(), text.rgb(), 0.12));
    const QColor axis = QColor(blend(background.rgb(), text.rgb(), 0.45));
    const double lh = l.lineHeight;

    // Grid and axes are drawn crisp; only the curves are antialiased.
    const QRectF all = l.hoverArea();
    p.setPen(QPen(grid, 1));
    for (double t : l.left.ticks) {
        const double y = l.toY(TrainLoss, t);
        p.drawLine(QPointF(l.plot.left(), y), QPointF(l.plot.right(), y));
    }
    for (double t : l.x.ticks) {
        const double x = l.toX(t);
        p.drawLine(QPointF(x, all.top()), QPointF(x, all.bottom()));
    }
    p.setPen(QPen(axis, 1));
    p.drawLine(l.plot.bottomLeft(), l.plot.bottomRight());
    p.drawLine(l.plot.topLeft(), l.plot.bottomLeft());
    if (l.rightShown)
        p.drawLine(l.plot.topRight(), l.plot.bottomRight());
    if (!l.rateBand.isEmpty()) {
        p.drawLine(l.rateBand.bottomLeft(), l.rateBand.bottomRight());
        p.drawLine(l.rateBand.topLeft(), l.rateBand.bottomLeft());
    }

    // Tick labels: loss left, metric right in its colour (so it is clear which axis is which),
    // epochs below, skipping any that would overlap their neighbour or the axis title.
    const double labelHeight = lh;
    p.setPen(text);
    for (double t : l.left.ticks) {
        const double y = l.toY(TrainLoss, t);
        p.drawLine(QPointF(l.plot.left() - l.tick, y), QPointF(l.plot.left(), y));
        p.drawText(QRectF(l.area.left(), y - labelHeight / 2, l.plot.left() - l.tick - 2 - l.area.left(), labelHeight),
                   Qt::AlignRight | Qt::AlignVCenter, l.left.label(t));
    }
    if (l.rightShown) {
        p.setPen(seriesColor(metricSeries(false)));
        for (double t : l.right.ticks) {
            const double y = l.toY(metricSeries(false), t);
            p.drawLine(QPointF(l.plot.right(), y), QPointF(l.plot.right() + l.tick, y));
            p.drawText(QRectF(l.plot.right() + l.tick + 2, y - labelHeight / 2, l.area.width(), labelHeight),
                       Qt::AlignLeft | Qt::AlignVCenter, l.right.label(t));
        }
    }
    if (!l.rateBand.isEmpty()) {
        p.setPen(seriesColor(LearningRate));
        const double y = l.toY(LearningRate, l.rate.ticks.front());
        p.drawLine(QPointF(l.rateBand.left() - l.tick, y), QPointF(l.rateBand.left(), y));
        p.drawText(QRectF(l.area.left(), y - labelHeight / 2, l.rateBand.left() - l.tick - 2 - l.area.left(), labelHeight),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(l.rate.ticks.front(), 'g', 3));
    }
    const QString title = tr("epoch");
    const double titleWidth = fm.horizontalAdvance(title);
    const QRectF titleRect(l.area.right() - l.pad - titleWidth, l.labelTop, titleWidth, labelHeight);
    p.setPen(QColor(blend(background.rgb(), text.rgb(), 0.65)));
    p.drawText(titleRect, Qt::AlignRight | Qt::AlignVCenter, title);
    p.setPen(text);
    double lastRight = -kInf;
    for (double t : l.x.ticks) {
        const double x = l.toX(t);
        const QString label = compactNumber(t);
        const double w = fm.horizontalAdvance(label);
        p.drawLine(QPointF(x, all.bottom()), QPointF(x, all.bottom() + l.tick));
        const double left = std::max(x - w / 2, l.plot.left() - l.tick);
        if (left < lastRight + lh / 2 || left + w > titleRect.left() - lh / 2)
            continue;
        p.drawText(QRectF(left, l.labelTop, w, labelHeight), Qt::AlignCenter, label);
        lastRight = left + w;
    }
}

/// One pixel column of a series: the buckets whose epochs fall into it, summarised again.
struct LossPlot::Column
{
    int pixel = 0;          ///< the column, floor(x)
    double xSum = 0.0;      ///< of the buckets' x positions, for the mean position
    int buckets = 0;
    double low = 0.0;
    double high = 0.0;
    double sum = 0.0;       ///< of values, or of log10(value) on a log axis
    std::int64_t count = 0;
    bool gapBefore = false; ///< rows without a value lie between this column and the previous

    double x() const { return xSum / buckets; }
};

std::vector<LossPlot::Column> LossPlot::columns(const Layout &l, Series s) const
{
    // Buckets that fall into the same pixel column merge once more, so what is drawn is
    // bounded by the width in pixels, not by the history or even the bucket count.
    const std::size_t index = static_cast<std::size_t>(s);
    const bool log = l.scaleOf(s).log;
    std::vector<Column> out;
    out.reserve(static_cast<std::size_t>(std::max(0.0, l.plot.width())) + 2);
    bool gap = false;
    for (std::size_t k = 0; k < m_series.bucketCount(); ++k) {
        const DecimatedSeries::Bucket &b = m_series.bucket(k);
        const DecimatedSeries::Summary &v = m_series.summary(k, index);
        if (v.count == 0) {
            gap = true;
            continue;
        }
        const double x = l.toX(0.5 * static_cast<double>(b.firstX) + 0.5 * static_cast<double>(b.lastX));
        const int pixel = static_cast<int>(std::floor(x));
        const double sum = log ? v.logSum : v.sum;
        if (!out.empty() && !gap && out.back().pixel == pixel) {
            Column &c = out.back();
            c.xSum += x;
            ++c.buckets;
            c.low = std::min(c.low, v.low);
            c.high = std::max(c.high, v.high);
            c.sum += sum;
            c.count += v.count;
        } else {
            out.push_back({pixel, x, 1, v.low, v.high, sum, v.count, gap && !out.empty()});
        }
        gap = false;
    }
    return out;
}

void LossPlot::drawEnvelope(QPainter &p, const Layout &l, Series s, const std::vector<Column> &columns) const
{
    // Where a column covers several rows, a bar from their lowest to their highest value in a
    // tint of the series colour: spikes and noise stay visible, the mean line stays legible on
    // top, and filling one-pixel rectangles costs the same however jagged the data is (a
    // stroked zigzag through every minimum and maximum gets slow on noisy runs).
    const QColor tint = QColor(blend(palette().color(QPalette::Base).rgb(), seriesColor(s).rgb(), 0.4));
    for (const Column &c : columns) {
        const double top = l.toY(s, c.high);
        const double bottom = l.toY(s, c.low);
        if (bottom - top >= 1.0)
            p.fillRect(QRectF(c.pixel, top, 1.0, bottom - top), tint);
    }
}

void LossPlot::drawCurve(QPainter &p, const Layout &l, Series s, const std::vector<Column> &columns) const
{
    // The line goes out as separate square-capped segments, with dashes cut here, not by a
    // dashed pen on a polyline: Qt strokes a polyline with a wide pen as one outline with joins
    // and fills that, which on a noisy run of steep segments costs tens of milliseconds a
    // frame; single segments take the raster engine's fast path. The square caps close the
    // joints.
    const bool log = l.scaleOf(s).log;
    const QColor color = seriesColor(s);
    QPen pen = seriesPen(color, s, l.curveWidth);
    const bool dashed = pen.style() != Qt::SolidLine;
    pen.setStyle(Qt::SolidLine);
    pen.setCapStyle(Qt::SquareCap);
    const double dash = 2.0 * pen.widthF();  // the caps add a pen width: 3 on, 2 off, as seriesPen
    const double space = 3.0 * pen.widthF();

    QVector<QLineF> segments;
    segments.reserve(static_cast<qsizetype>(2 * columns.size()));
    std::vector<QPointF> dots;
    QPolygonF run;
    const auto finish = [&] {
        if (run.size() == 1)  // an isolated value (a single row, or between two gaps)
            dots.push_back(run.first());
        bool on = true;
        double left = dash;  // of the current dash or space
        for (qsizetype i = 1; i < run.size(); ++i) {
            const QPointF a = run[i - 1];
            const QPointF b = run[i];
            if (!dashed) {
                segments << QLineF(a, b);
                continue;
            }
            const double length = QLineF(a, b).length();
            double t = 0.0;  // along this segment
            while (length - t > left) {
                if (on)
                    segments << QLineF(a + (b - a) * (t / length), a + (b - a) * ((t + left) / length));
                t += left;
                on = !on;
                left = on ? dash : space;
            }
            if (on && length > 0)
                segments << QLineF(a + (b - a) * (t / length), b);
            left -= length - t;
        }
        run.clear();
    };
    for (const Column &c : columns) {
        if (c.gapBefore)
            finish();
        const double mean = c.sum / static_cast<double>(c.count);
        run << QPointF(c.x(), l.toY(s, log ? std::pow(10.0, mean) : mean));
    }
    finish();

    p.setClipRect(l.areaOf(s).adjusted(-pen.widthF(), -pen.widthF(), pen.widthF(), pen.widthF()));
    p.setPen(pen);
    p.drawLines(segments);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    for (const QPointF &dot : dots)
        p.drawEllipse(dot, l.curveWidth, l.curveWidth);
    p.setBrush(Qt::NoBrush);
    p.setClipping(false);
}

void LossPlot::drawReadout(QPainter &p, const Layout &l, const Row &row) const
{
    const QRectF all = l.hoverArea();
    const double x = l.toX(static_cast<double>(row.epoch));
    const QColor text = palette().color(QPalette::Text);
    const QColor background = palette().color(QPalette::Base);
    QColor guide = text;
    guide.setAlphaF(0.45f);
    p.setPen(QPen(guide, 1));
    p.drawLine(QPointF(x, all.top()), QPointF(x, all.bottom()));

    // A dot where the guide meets each curve ties the numbers to the lines.
    const double radius = std::max(2.5, l.lineHeight / 5);
    for (Series s : l.shown) {
        const double v = row.values[static_cast<std::size_t>(s)];
        if (std::isnan(v))
            continue;
        p.setPen(QPen(background, 1));
        p.setBrush(seriesColor(s));
        p.drawEllipse(QPointF(x, l.toY(s, v)), radius, radius);
    }
    p.setBrush(Qt::NoBrush);

    const auto lines = readoutLines(row);
    const QFontMetricsF fm(font());
    const double sample = 1.2 * l.lineHeight;
    double textWidth = 0.0;
    for (const auto &line : lines)
        textWidth = std::max(textWidth, fm.horizontalAdvance(line.second));
    const QSizeF size(l.pad + sample + l.pad / 2 + textWidth + l.pad,
                      static_cast<double>(lines.size()) * l.lineHeight + l.pad);
    // Beside the guide, on whichever side has room, so it does not hide the hovered points;
    // in a plot too narrow for either side, inside the plot over the guide rather than off it.
    double left = x + l.pad;
    if (left + size.width() > l.plot.right())
        left = x - l.pad - size.width();
    left = std::clamp(left, l.plot.left(), std::max(l.plot.left(), l.plot.right() - size.width()));
    const QRectF box(QPointF(left, l.plot.top() + l.pad / 2), size);
    QColor fill = palette().color(QPalette::Window);
    fill.setAlphaF(0.92f);
    p.setPen(QPen(QColor(blend(background.rgb(), text.rgb(), 0.45)), 1));
    p.setBrush(fill);
    p.drawRoundedRect(box, l.pad / 3, l.pad / 3);
    p.setBrush(Qt::NoBrush);

    double y = box.top() + l.pad / 2;
    for (const auto &[series, label] : lines) {
        const QRectF cell(box.left() + l.pad, y, box.width() - 2 * l.pad, l.lineHeight);
        if (series >= 0) {
            const Series s = static_cast<Series>(series);
            p.setPen(seriesPen(seriesColor(s), s, l.curveWidth));
            p.drawLine(QPointF(cell.left(), cell.center().y()), QPointF(cell.left() + sample, cell.center().y()));
        }
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(cell.adjusted(sample + l.pad / 2, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, label);
        y += l.lineHeight;
    }
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
