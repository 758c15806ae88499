#include "regionsview.h"

#include "colors.h"
#include "figurepainting.h"

#include "training/trainer.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QTabBar>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <set>

namespace np {

namespace {

// Training runs in chunks this small, so cancelling (new data, a closed view) is prompt.
constexpr std::int64_t kChunkSteps = 256;
// A cap on the updates per network, so stochastic training on a large set still finishes soon.
constexpr std::int64_t kStepBudget = 200'000;

struct ComparedNet
{
    const char *label;
    std::vector<int> widths;
};

const std::vector<ComparedNet> &comparedNets()
{
    static const std::vector<ComparedNet> nets = {{"1×20", {20}}, {"2×10", {10, 10}}};
    return nets;
}

/// Region counts and bounds grow past what reads well as digits; a few significant ones do.
QString countText(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("∞");
    return v < 1e7 ? QString::number(v, 'f', 0) : QString::number(v, 'g', 3);
}

QString widthsText(const std::vector<int> &widths)
{
    QStringList parts;
    for (int w : widths)
        parts << QString::number(w);
    return parts.join(QLatin1Char('-'));
}

/// "loss 0.123 · accuracy 97.5%" (or RMSE for regression); empty when the set is empty.
QString metricsText(const QString &set, const Metrics &m)
{
    if (m.count == 0 || std::isnan(m.loss))
        return {};
    QString text = RegionsView::tr("%1 loss %2").arg(set, QString::number(m.loss, 'g', 3));
    if (!std::isnan(m.accuracy))
        text += RegionsView::tr(" · accuracy %1%").arg(QString::number(100.0 * m.accuracy, 'f', 1));
    else if (!std::isnan(m.rmse))
        text += RegionsView::tr(" · RMSE %1").arg(QString::number(m.rmse, 'g', 3));
    return text;
}

}  // namespace

Config comparisonConfig(const Config &config, const Dataset &dataset, const std::vector<int> &widths,
                        std::int64_t epochs)
{
    Config c = config;
    LayerSpec layer = config.network.hidden.empty() ? LayerSpec{} : config.network.hidden.front();
    layer.activation = Activation::ReLU;
    c.network.hidden.clear();
    for (int w : widths) {
        layer.units = w;
        c.network.hidden.push_back(layer);
    }
    c.training.algorithm = Algorithm::GradientDescent;
    if (c.network.head == OutputHead::Step) {
        c.network.head = defaultHead(dataset.task, dataset.classCount);
        c.network.loss = defaultLoss(c.network.head, dataset.task);
    }
    c.training.maxEpochs = std::max<std::int64_t>(1, epochs);
    return c;
}

std::vector<RegionComparisonRun> runRegionComparison(const Config &config, const Dataset &dataset,
                                                     std::int64_t epochs, int resolution,
                                                     const std::atomic<bool> &cancel,
                                                     const std::function<void(int, std::int64_t)> &progress)
{
    std::vector<RegionComparisonRun> runs;
    for (std::size_t i = 0; i < comparedNets().size() && !cancel.load(); ++i) {
        const ComparedNet &net = comparedNets()[i];
        const Config c = comparisonConfig(config, dataset, net.widths, epochs);
        RegionComparisonRun run;
        run.label = QString::fromUtf8(net.label);
        run.network = c.network;
        Trainer trainer;
        if (const std::string error = trainer.reset(c, dataset); !error.empty()) {
            run.note = QString::fromStdString(error);
            runs.push_back(std::move(run));
            continue;
        }
        std::int64_t reported = -1;
        while (!cancel.load(std::memory_order_relaxed) && !trainer.isStopped() && trainer.stepCount() < kStepBudget) {
            if (trainer.train(kChunkSteps) == 0)
                break;
            if (trainer.epoch() != reported) {
                reported = trainer.epoch();
                progress(int(i), reported);
            }
        }
        if (cancel.load())
            break;
        run.epochs = trainer.epoch();
        if (!trainer.isStopped())
            run.note = RegionsView::tr("stopped at the budget of %1 updates").arg(kStepBudget);
        else if (trainer.stopReason() != StopReason::MaxEpochs)
            run.note = QString::fromStdString(trainer.stopMessage());
        run.train = trainer.evaluate(false);
        run.validation = trainer.evaluate(true);
        ViewNeeds needs;
        needs.regions = true;
        needs.regionResolution = resolution;
        // The boundary grid is not shown here, so the smallest one will do.
        run.regions = computeViewFrame(trainer.model(), dataset, BoundaryStyle{}, GridSpec{-6, 6, -6, 6, 2, 2}, needs)
                          .regions;
        runs.push_back(std::move(run));
    }
    return runs;
}

/// One region map with its caption lines.
struct RegionsView::Panel
{
    QImage image;
    QStringList lines;  ///< the first is the title
};

/// What a page shows: region maps with captions and notes below, or one message instead.
struct RegionsView::Content
{
    std::vector<Panel> panels;
    QStringList notes;
    QString message;
};

RegionsView::RegionsView(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_bar = new QWidget(this);
    auto *bar = new QHBoxLayout(m_bar);
    bar->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabBar;
    m_tabs->addTab(tr("This network"));
    m_tabs->addTab(tr("1×20 vs 2×10"));
    m_tabs->setDocumentMode(true);
    m_tabs->setDrawBase(false);
    m_status = new QLabel;
    m_progress = new QProgressBar;
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(fontMetrics().averageCharWidth() * 12);
    m_cancel = new QPushButton(tr("Cancel"));
    m_compare = new QPushButton(tr("Compare 1×20 vs 2×10"));
    m_compare->setToolTip(tr("Train a shallow (one layer of 20 ReLU units) and a deep (two layers of 10) network "
                             "on this data with these settings, and compare their linear regions"));
    bar->addWidget(m_tabs);
    bar->addStretch(1);
    bar->addWidget(m_status);
    bar->addWidget(m_progress);
    bar->addWidget(m_cancel);
    bar->addWidget(m_compare);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addStretch(1);

    connect(m_tabs, &QTabBar::currentChanged, this,
            [this](int index) { setPage(index == 0 ? Page::Network : Page::Comparison); });
    connect(m_compare, &QPushButton::clicked, this, &RegionsView::startComparison);
    connect(m_cancel, &QPushButton::clicked, this, &RegionsView::cancelComparison);
    updateControls();
}

// The comparison checks its cancel flag between short chunks, so m_comparisonJob stops it within
// milliseconds.
RegionsView::~RegionsView() = default;

void RegionsView::setFrame(const ViewFrame &frame)
{
    m_frame = frame;
    m_haveFrame = true;
    if (m_page == Page::Network)
        update();
}

void RegionsView::setData(const Config &config, const Dataset &dataset)
{
    m_config = config;
    if (dataset == m_dataset)
        return;
    m_dataset = dataset;
    if (m_comparing || !m_comparison.empty()) {
        cancelComparison();
        m_comparison.clear();
        updateControls();
    }
    update();
}

RegionsView::State RegionsView::state() const
{
    if (!m_haveFrame)
        return State::Empty;
    if (m_frame.model.network.hidden.empty())
        return State::NoHiddenLayers;
    if (!regionsApply(m_frame.model.network))
        return State::NotPiecewiseLinear;
    return m_frame.regions && m_frame.regions->applies ? State::Regions : State::Empty;
}

std::vector<int> RegionsView::regionCounts() const
{
    return state() == State::Regions ? m_frame.regions->map.countByLayer : std::vector<int>{};
}

int RegionsView::totalRegions() const
{
    return state() == State::Regions ? m_frame.regions->map.count() : 0;
}

double RegionsView::upperBound() const
{
    return state() == State::Regions && !m_frame.regions->upperBound.empty() ? m_frame.regions->upperBound.back() : 0.0;
}

double RegionsView::montufarBound() const
{
    return state() == State::Regions && !m_frame.regions->montufar.empty() ? m_frame.regions->montufar.back() : 0.0;
}

int RegionsView::resolution() const
{
    return state() == State::Regions ? m_frame.regions->map.grid.columns : 0;
}

QStringList RegionsView::shownText() const
{
    const Content content = m_page == Page::Network ? networkContent() : comparisonContent();
    if (!content.message.isEmpty())
        return {content.message};
    QStringList text;
    for (const Panel &panel : content.panels)
        text << panel.lines;
    return text << content.notes;
}

void RegionsView::setPage(Page page)
{
    if (page == m_page)
        return;
    m_page = page;
    m_tabs->setCurrentIndex(page == Page::Network ? 0 : 1);
    update();
}

void RegionsView::startComparison()
{
    m_comparisonJob.stop();
    m_comparison.clear();
    m_comparing = true;
    // The comparison is counted on the same pixel grid as the user's network, for a fair reading.
    const int side = state() == State::Regions ? resolution() : 256;
    m_comparisonJob.start([this, config = m_config, dataset = m_dataset, epochs = m_comparisonEpochs,
                           side](const BackgroundJob::Control &control) {
        // Progress is posted at most every 50 ms: the GUI needs no more, and the queue stays short.
        auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
        const auto progress = [&](int run, std::int64_t epoch) {
            const auto now = std::chrono::steady_clock::now();
            if (now - last < std::chrono::milliseconds(50))
                return;
            last = now;
            control.post([this, run, epoch] { onComparisonProgress(run, epoch); });
        };
        std::vector<RegionComparisonRun> runs = runRegionComparison(config, dataset, epochs, side,
                                                                    control.cancelFlag(), progress);
        if (!control.isCancelled())
            control.post([this, runs = std::move(runs)] { onComparisonDone(runs); });
    });
    m_status->setText(tr("Training 1×20…"));
    m_progress->setRange(0, int(2 * m_comparisonEpochs));
    m_progress->setValue(0);
    setPage(Page::Comparison);
    updateControls();
    update();
}

void RegionsView::cancelComparison()
{
    m_comparisonJob.stop();
    if (m_comparing) {
        m_comparing = false;
        m_status->setText(tr("Cancelled"));
    }
    updateControls();
    update();
}

void RegionsView::onComparisonProgress(int run, std::int64_t epoch)
{
    if (!m_comparing)
        return;
    m_status->setText(tr("Training %1: epoch %2 of %3")
                          .arg(QString::fromUtf8(comparedNets()[std::size_t(run)].label))
                          .arg(epoch)
                          .arg(m_comparisonEpochs));
    m_progress->setValue(int(run * m_comparisonEpochs + std::min(epoch, m_comparisonEpochs)));
}

void RegionsView::onComparisonDone(std::vector<RegionComparisonRun> runs)
{
    m_comparing = false;
    m_comparison = std::move(runs);
    m_status->clear();
    updateControls();
    update();
    emit comparisonFinished();
}

void RegionsView::updateControls()
{
    m_progress->setVisible(m_comparing);
    m_cancel->setVisible(m_comparing);
    m_compare->setEnabled(!m_comparing);
    m_status->setVisible(!m_status->text().isEmpty());
}

QString RegionsView::figureTitle() const
{
    return m_page == Page::Network ? tr("Linear regions") : tr("Linear regions: 1×20 vs 2×10 ReLU");
}

QSize RegionsView::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 70, fm.height() * 26};
}

RegionsView::Content RegionsView::networkContent() const
{
    Content content;
    switch (state()) {
    case State::Empty:
        content.message = tr("The regions appear once the network has been evaluated.");
        return content;
    case State::NoHiddenLayers:
        content.message = tr("Without hidden layers the network is one affine map: a single linear region. "
                             "Add a ReLU layer to split the plane.");
        return content;
    case State::NotPiecewiseLinear: {
        QStringList names;
        std::set<Activation> seen;
        for (const LayerSpec &l : m_frame.model.network.hidden) {
            if (!activationInfo(l.activation).piecewiseLinear && seen.insert(l.activation).second)
                names << QString::fromUtf8(activationInfo(l.activation).title);
        }
        content.message = tr("This network is not piecewise linear: its hidden units use %1, which bends "
                             "everywhere, so the plane has no linear regions to count. Switch the hidden "
                             "activations to ReLU (or leaky ReLU, absolute value, maxout) to see them.")
                              .arg(names.join(tr(" and ")));
        return content;
    }
    case State::Regions:
        break;
    }
    const RegionFrame &r = *m_frame.regions;
    const std::vector<int> widths = regionWidths(m_frame.model.network);
    const std::size_t layers = r.map.countByLayer.size();
    for (std::size_t l = 0; l < layers; ++l) {
        Panel panel;
        panel.image = r.images[l];
        panel.lines << (layers == 1 ? tr("1 hidden layer of %1").arg(widths[l])
                                    : tr("after layer %1 of %2").arg(l + 1).arg(layers));
        panel.lines << tr("%1 regions · at most %2").arg(r.map.countByLayer[l]).arg(countText(r.upperBound[l]));
        content.panels.push_back(std::move(panel));
    }
    content.notes << tr("Whole network: %1 linear regions found; at most %2 for widths %3 on 2-D input.")
                         .arg(r.map.count())
                         .arg(countText(r.upperBound.back()), widthsText(widths));
    if (layers > 1) {
        const int units = std::accumulate(widths.begin(), widths.end(), 0);
        content.notes << tr("Depth can reach at least %1 regions with these widths (Montúfar et al.); "
                            "one layer of all %2 units at most %3.")
                             .arg(countText(r.montufar.back()))
                             .arg(units)
                             .arg(countText(regionUpperBound({units})));
    }
    content.notes << tr("Counted at %1×%2 pixels over [−6, 6]²: a lower bound, since regions thinner than a "
                        "pixel or outside the view are missed.")
                         .arg(r.map.grid.columns)
                         .arg(r.map.grid.rows);
    return content;
}

RegionsView::Content RegionsView::comparisonContent() const
{
    Content content;
    if (m_comparison.empty()) {
        content.message = m_comparing ? tr("Training a shallow and a deep ReLU network on this data…")
                                      : tr("Press “Compare 1×20 vs 2×10” to train one hidden layer of 20 ReLU "
                                           "units and two layers of 10 on this data, with these settings for %1 "
                                           "epochs, and compare their linear regions.")
                                            .arg(m_comparisonEpochs);
        return content;
    }
    int resolution = 0;
    for (const RegionComparisonRun &run : m_comparison) {
        Panel panel;
        panel.lines << tr("%1 ReLU").arg(run.label);
        if (!run.regions || !run.regions->applies) {
            panel.lines << run.note;
            content.panels.push_back(std::move(panel));
            continue;
        }
        const RegionFrame &r = *run.regions;
        resolution = r.map.grid.columns;
        panel.image = r.images.back();
        panel.lines << tr("%1 regions found").arg(r.map.count());
        panel.lines << tr("at most %1 · Montúfar %2").arg(countText(r.upperBound.back()), countText(r.montufar.back()));
        panel.lines << metricsText(tr("train"), run.train);
        if (const QString v = metricsText(tr("validation"), run.validation); !v.isEmpty())
            panel.lines << v;
        panel.lines << (run.note.isEmpty() ? tr("%1 epochs").arg(run.epochs)
                                           : tr("%1 epochs, %2").arg(run.epochs).arg(run.note));
        content.panels.push_back(std::move(panel));
    }
    content.notes << tr("Both have 20 ReLU units and the same data, optimizer and seed. Depth multiplies what a "
                        "layer can cut (the bounds); the counts show how much of it training used. Counted at "
                        "%1×%1 pixels: a lower bound.")
                         .arg(resolution);
    return content;
}

void RegionsView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const double top = m_bar->geometry().bottom() + 1;
    drawContent(p, QRectF(0, top, width(), height() - top));
}

void RegionsView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.save();
    painter.setFont(font());
    const QRectF content = beginFigure(painter, rect, options, figureTitle(), font(), palette());
    drawContent(painter, content);
    painter.restore();
}

void RegionsView::drawContent(QPainter &painter, const QRectF &rect) const
{
    const QFontMetricsF fm(painter.font(), painter.device());
    const double pad = std::max(2.0, std::round(fm.height() / 2));
    const QRectF inner = rect.adjusted(pad, pad, -pad, -pad);
    const Content content = m_page == Page::Network ? networkContent() : comparisonContent();
    const QColor text = palette().color(QPalette::Text);
    if (!content.message.isEmpty()) {
        const double width = std::min(inner.width(), fm.averageCharWidth() * 60);
        painter.setPen(text);
        painter.drawText(QRectF(inner.center().x() - width / 2, inner.top(), width, inner.height()),
                         Qt::AlignCenter | Qt::TextWordWrap, content.message);
        return;
    }
    std::vector<double> heights;
    double notesHeight = 0;
    for (const QString &line : content.notes) {
        heights.push_back(fm.boundingRect(QRectF(0, 0, inner.width(), 1e6), Qt::TextWordWrap, line).height());
        notesHeight += heights.back();
    }
    // Maps and notes as one block, centred, so the notes stay next to what they describe.
    const double spacing = fm.height() / 2;
    const PanelGrid grid = panelGrid(fm, QSizeF(inner.width(), inner.height() - notesHeight - spacing), content.panels);
    double y = inner.top() + std::max(0.0, (inner.height() - grid.size.height() - spacing - notesHeight) / 2);
    drawPanels(painter, QPointF(inner.left() + (inner.width() - grid.size.width()) / 2, y), grid, content.panels);
    y += grid.size.height() + spacing;
    // The findings in the text colour, the closing caveat softer.
    for (int i = 0; i < content.notes.size(); ++i) {
        const bool last = i + 1 == content.notes.size();
        painter.setPen(last ? QColor(blend(palette().color(QPalette::Base).rgb(), text.rgb(), 0.65)) : text);
        painter.drawText(QRectF(inner.left(), y, inner.width(), heights[std::size_t(i)]),
                         Qt::TextWordWrap | Qt::AlignHCenter, content.notes[i]);
        y += heights[std::size_t(i)];
    }
}

RegionsView::PanelGrid RegionsView::panelGrid(const QFontMetricsF &fm, const QSizeF &size,
                                              const std::vector<Panel> &panels)
{
    PanelGrid g;
    const double lh = fm.height();
    g.gap = lh;
    std::size_t lines = 0;
    for (const Panel &p : panels)
        lines = std::max(lines, std::size_t(p.lines.size()));
    g.captionHeight = double(lines) * lh + lh / 4;
    // As many columns as make the squares largest.
    const int n = int(panels.size());
    for (int c = 1; c <= n; ++c) {
        const int rows = (n + c - 1) / c;
        const double s = std::min((size.width() - (c - 1) * g.gap) / c,
                                  (size.height() - rows * g.captionHeight - (rows - 1) * g.gap) / rows);
        if (s > g.side) {
            g.side = s;
            g.columns = c;
        }
    }
    if (g.side < lh)
        return PanelGrid{};  // no room: nothing is drawn
    const int rows = (n + g.columns - 1) / g.columns;
    g.size = QSizeF(g.columns * g.side + (g.columns - 1) * g.gap, rows * (g.side + g.captionHeight) + (rows - 1) * g.gap);
    return g;
}

void RegionsView::drawPanels(QPainter &painter, const QPointF &topLeft, const PanelGrid &grid,
                             const std::vector<Panel> &panels) const
{
    if (grid.side <= 0)
        return;
    const QFontMetricsF fm(painter.font(), painter.device());
    const double lh = fm.height();
    const double side = grid.side;
    const double gap = grid.gap;
    const QColor text = palette().color(QPalette::Text);
    const QColor frame(blend(palette().color(QPalette::Base).rgb(), text.rgb(), 0.45));
    for (int i = 0; i < int(panels.size()); ++i) {
        const Panel &panel = panels[std::size_t(i)];
        const QRectF square(topLeft.x() + (i % grid.columns) * (side + gap),
                            topLeft.y() + (i / grid.columns) * (side + grid.captionHeight + gap), side, side);
        if (!panel.image.isNull()) {
            // Smooth when shrinking, so one-pixel boundaries fade rather than vanish; sharp when enlarging.
            painter.setRenderHint(QPainter::SmoothPixmapTransform, side < panel.image.width());
            painter.drawImage(square, panel.image);
            drawPoints(painter, square, std::max(1.5, lh / 7));
        }
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(QPen(frame, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(square);
        for (int k = 0; k < panel.lines.size(); ++k) {
            QFont f = painter.font();
            f.setBold(k == 0);
            painter.setFont(f);
            painter.setPen(text);
            const QRectF box(square.left() - gap / 2, square.bottom() + lh / 4 + k * lh, side + gap, lh);
            painter.drawText(box, Qt::AlignHCenter | Qt::AlignVCenter,
                             fm.elidedText(panel.lines[k], Qt::ElideRight, box.width()));
            f.setBold(false);
            painter.setFont(f);
        }
    }
}

void RegionsView::drawPoints(QPainter &painter, const QRectF &square, double radius) const
{
    // The training points, small, so the regions stay the subject but one sees where the data lies.
    const GridSpec plane;
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(40, 40, 40), std::max(1.0, radius / 3)));
    for (const DataPoint &p : m_dataset.points) {
        if (p.validation)
            continue;
        const QPointF at(square.left() + (p.x1 - plane.xMin) / (plane.xMax - plane.xMin) * square.width(),
                         square.top() + (plane.yMax - p.x2) / (plane.yMax - plane.yMin) * square.height());
        if (!square.contains(at))
            continue;
        painter.setBrush(m_dataset.isClassification() ? classColor(p.label)
                                                      : QColor(divergingColor(p.target, qRgb(255, 255, 255))));
        painter.drawEllipse(at, radius, radius);
    }
}

}  // namespace np
