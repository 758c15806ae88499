#include "regionsview.h"

#include "figurepainting.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QTabBar>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <set>
#include <utility>

namespace np {

namespace {

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
    // Both tabs in view in a narrow dock (no scroll arrows), elided only when it is very narrow.
    m_tabs->setUsesScrollButtons(false);
    m_tabs->setElideMode(Qt::ElideRight);
    m_status = new QLabel;
    m_progress = new QProgressBar;
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(fontMetrics().averageCharWidth() * 12);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the comparison of the two networks"));
    m_compare = new QPushButton(tr("Compare"));  // the tab beside it names the two networks
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
    m_picture.changed();
    if (m_page == Page::Network)
        startRender();
}

void RegionsView::setData(const Config &config, const Dataset &dataset)
{
    m_config = config;
    if (dataset == m_dataset)
        return;
    m_dataset = dataset;
    m_pointLayer.clear();
    if (m_comparing || !m_comparison.empty()) {
        cancelComparison();
        m_comparison.clear();
        updateControls();
    }
    changed();
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

bool RegionsView::isCoarse() const
{
    return state() == State::Regions && m_frame.regions->coarse;
}

QStringList RegionsView::shownText() const
{
    return currentPage().text();
}

RegionsPage RegionsView::currentPage() const
{
    return m_page == Page::Network ? networkContent() : comparisonContent();
}

void RegionsView::setPage(Page page)
{
    if (page == m_page)
        return;
    m_page = page;
    m_tabs->setCurrentIndex(page == Page::Network ? 0 : 1);
    changed();
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
    changed();
}

void RegionsView::cancelComparison()
{
    m_comparisonJob.stop();
    if (m_comparing) {
        m_comparing = false;
        m_status->setText(tr("Cancelled"));
    }
    updateControls();
    changed();
}

void RegionsView::onComparisonProgress(int run, std::int64_t epoch)
{
    if (!m_comparing)
        return;
    m_status->setText(tr("Training %1: epoch %2 of %3")
                          .arg(comparedNetLabel(run))
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
    changed();
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

RegionsPage RegionsView::networkContent() const
{
    RegionsPage content;
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
        RegionsPage::Panel panel;
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
    if (r.coarse)
        content.notes << tr("Counted at %1×%2 pixels over [−6, 6]² while training (refined when paused): a "
                            "lower bound, since regions thinner than a pixel or outside the view are missed.")
                             .arg(r.map.grid.columns)
                             .arg(r.map.grid.rows);
    else
        content.notes << tr("Counted at %1×%2 pixels over [−6, 6]²: a lower bound, since regions thinner than a "
                            "pixel or outside the view are missed.")
                             .arg(r.map.grid.columns)
                             .arg(r.map.grid.rows);
    return content;
}

RegionsPage RegionsView::comparisonContent() const
{
    RegionsPage content;
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
        RegionsPage::Panel panel;
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

QRectF RegionsView::pageRect() const
{
    const double top = m_bar->geometry().bottom() + 1;
    return QRectF(0, top, width(), height() - top);
}

void RegionsView::changed()
{
    dropCache();
    update();
}

// --- the screen cache ---------------------------------------------------------------------------

void RegionsView::startRender()
{
    if (!m_picture.mayBegin(rect()))
        return;
    m_picture.begin(rect());
    m_picture.run([this, page = currentPage(), dataset = m_dataset, palette = palette(),
                   rect = pageRect()](QPainter &painter, int step) {
        if (step >= page.stepCount())
            return false;
        page.drawStep(painter, rect, dataset, palette, m_pointLayer, m_layout, step);
        return step + 1 < page.stepCount();
    });
}

void RegionsView::dropCache()
{
    m_picture.drop();
}

void RegionsView::resizeEvent(QResizeEvent *event)
{
    dropCache();
    QWidget::resizeEvent(event);
}

void RegionsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange
        || event->type() == QEvent::StyleChange)
        dropCache();
    QWidget::changeEvent(event);
}

void RegionsView::paintEvent(QPaintEvent *)
{
    const bool cached = m_picture.showFor(rect());
    QPainter p(this);
    if (cached) {
        p.drawImage(0, 0, m_picture.image());
        return;
    }
    p.fillRect(rect(), palette().color(QPalette::Base));
    currentPage().draw(p, pageRect(), m_dataset, palette(), &m_pointLayer, &m_layout);
}

void RegionsView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.save();
    painter.setFont(font());
    const QRectF content = beginFigure(painter, rect, options, figureTitle(), font(), palette());
    currentPage().draw(painter, content, m_dataset, palette());
    painter.restore();
}

}  // namespace np
