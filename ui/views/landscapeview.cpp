#include "landscapeview.h"
#include "landscapepainter.h"

#include "figurepainting.h"
#include "numberformat.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace np {

LandscapeView::LandscapeView(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_bar = new QWidget(this);
    auto *grid = new QGridLayout(m_bar);
    grid->setContentsMargins(4, 4, 4, 0);
    m_directions = new QComboBox;
    m_directions->addItem(tr("Random (filter-normalised)"), int(LandscapeDirections::Random));
    m_directions->addItem(tr("Principal directions of the run"), int(LandscapeDirections::Trajectory));
    // Narrow docks (a projector's large type) may cut the longer name rather than widen the window.
    m_directions->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_directions->setMinimumContentsLength(10);
    m_directions->setToolTip(tr("Random: two Gaussian directions, each row of W scaled to the norm of that row of the "
                                "network's W, biases not moved (Li et al., 2018). Principal: the two directions the "
                                "weights moved along most during the run so far (PCA of the recorded weights)."));
    m_resolution = new QSpinBox;
    m_resolution->setRange(5, 201);
    m_resolution->setSingleStep(2);
    m_resolution->setValue(31);
    m_resolution->setToolTip(tr("Grid points along each axis; every point is one pass over the training data"));
    m_span = new QDoubleSpinBox;
    m_span->setRange(0.05, 20);
    m_span->setSingleStep(0.25);
    m_span->setDecimals(2);
    m_span->setValue(1.0);
    m_span->setPrefix(QStringLiteral("± "));
    m_span->setToolTip(tr("Random: α and β run over ± this many filter norms. Principal: this many times the "
                          "farthest the run reached from the current weights."));
    m_compute = new QPushButton(tr("Compute"));
    m_compute->setToolTip(tr("Evaluate the training loss at every grid point of the slice, in the background, from a "
                             "copy of the current weights"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop computing; the rows done so far are shown"));
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setToolTip(tr("Rows of the grid computed"));
    m_status = new QLabel;
    m_status->setWordWrap(true);
    grid->addWidget(new QLabel(tr("Directions")), 0, 0);
    grid->addWidget(m_directions, 0, 1, 1, 3);
    grid->addWidget(new QLabel(tr("Resolution")), 1, 0);
    grid->addWidget(m_resolution, 1, 1);
    grid->addWidget(new QLabel(tr("Span")), 1, 2, Qt::AlignRight);
    grid->addWidget(m_span, 1, 3);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_compute);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    grid->addLayout(buttons, 2, 0, 1, 4);
    grid->addWidget(m_status, 3, 0, 1, 4);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addStretch(1);

    connect(m_compute, &QPushButton::clicked, this, &LandscapeView::compute);
    connect(m_cancel, &QPushButton::clicked, this, &LandscapeView::cancel);
    connect(&m_job, &BackgroundJob::progressChanged, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, int(total));
        m_progress->setValue(int(done));
    });
    connect(&m_job, &BackgroundJob::finished, this, &LandscapeView::updateButtons);
    updateButtons();
}

LandscapeView::~LandscapeView() = default;

void LandscapeView::setModel(const Model &model)
{
    m_model = model;
    const std::optional<QPointF> before = m_current;
    m_current = currentPoint();
    if (m_current != before)
        update();
}

void LandscapeView::setDataset(const Dataset &dataset)
{
    m_dataset = dataset;
}

LandscapeDirections LandscapeView::directions() const
{
    return LandscapeDirections(m_directions->currentData().toInt());
}

void LandscapeView::setDirections(LandscapeDirections directions)
{
    m_directions->setCurrentIndex(m_directions->findData(int(directions)));
}

int LandscapeView::resolution() const
{
    return m_resolution->value();
}

void LandscapeView::setResolution(int resolution)
{
    m_resolution->setValue(resolution);
}

double LandscapeView::span() const
{
    return m_span->value();
}

void LandscapeView::setSpan(double span)
{
    m_span->setValue(span);
}

LandscapeRequest LandscapeView::request() const
{
    LandscapeRequest r;
    r.model = m_model;
    r.dataset = m_dataset;
    if (m_trajectory)
        r.trajectory = m_trajectory->all();
    r.directions = directions();
    r.resolution = resolution();
    r.span = span();
    r.seed = m_seed;
    return r;
}

void LandscapeView::compute()
{
    const int rows = std::clamp(resolution(), 3, 401);
    m_progress->setRange(0, rows);
    m_progress->setValue(0);
    m_status->setText(tr("Computing %1 × %1 losses…").arg(rows));
    m_computedAtStep = m_trajectory && !m_trajectory->isEmpty() ? m_trajectory->steps().back() : -1;
    m_job.start([this, request = request(), rows](const BackgroundJob::Control &control) {
        LandscapeResult result = runLandscape(request, [&](int done) {
            control.setProgress(done, rows);
            return !control.isCancelled();
        });
        control.post([this, result = std::move(result)]() mutable { onResult(std::move(result)); });
    });
    updateButtons();
}

void LandscapeView::computeNow()
{
    m_job.stop();
    m_computedAtStep = m_trajectory && !m_trajectory->isEmpty() ? m_trajectory->steps().back() : -1;
    onResult(runLandscape(request()));
    updateButtons();
}

void LandscapeView::cancel()
{
    m_job.cancel();
}

void LandscapeView::onResult(LandscapeResult result)
{
    if (!result.error.empty()) {
        m_status->setText(QString::fromStdString(result.error));
    } else {
        m_result = std::move(result);
        const Landscape &land = m_result->landscape;
        m_status->setText(land.cancelled ? tr("Cancelled after %1 of %2 rows.").arg(land.rowsDone).arg(land.grid.resolution)
                                         : QString());
        m_progress->setRange(0, land.grid.resolution);
        m_progress->setValue(land.rowsDone);
        ++m_seed;  // the next random plane is another one
    }
    m_current = currentPoint();
    update();
    emit computed();
}

void LandscapeView::updateButtons()
{
    const bool running = m_job.isRunning();
    m_compute->setEnabled(!running);
    m_cancel->setEnabled(running);
}

std::optional<QPointF> LandscapeView::currentPoint() const
{
    if (!m_result || m_model.parameters.size() != m_result->plane.origin.size())
        return std::nullopt;
    const auto xy = projectOnPlane(m_result->plane, {m_model.parameters});
    if (xy.empty())
        return std::nullopt;
    return QPointF(xy.front()[0], xy.front()[1]);
}

QString LandscapeView::caption() const
{
    if (!m_result)
        return {};
    const QString what = m_result->directions == LandscapeDirections::Random
                             ? tr("Random filter-normalised directions.")
                             : tr("Principal directions: %1% + %2% of the run.")
                                   .arg(100 * m_result->plane.explained[0], 0, 'f', 1)
                                   .arg(100 * m_result->plane.explained[1], 0, 'f', 1);
    QString at = tr("Loss at the centre %1").arg(formatValue(m_result->originLoss, 4));
    if (m_computedAtStep >= 0)
        at += tr(" (step %1)").arg(m_computedAtStep);
    return what + QLatin1Char(' ') + at + QLatin1Char('.');
}

QString LandscapeView::figureTitle() const
{
    return tr("Loss landscape");
}

QRectF LandscapeView::contentRect() const
{
    const double top = m_bar->geometry().bottom() + 1;
    return QRectF(0, top, width(), height() - top);
}

QRectF LandscapeView::plotArea() const
{
    return LandscapeLayout::compute(contentRect(), QFontMetricsF(font(), this), true, caption()).plot;
}

void LandscapeView::drawContent(QPainter &painter, const QRectF &rect, bool legend) const
{
    const QFontMetricsF fm = figureMetrics(painter, font());
    const bool drawn = m_result && m_result->landscape.rowsDone > 0;
    const LandscapeLayout layout = LandscapeLayout::compute(rect, fm, legend, drawn ? caption() : QString());
    LandscapePainter p(layout, palette(), font());
    if (drawn)
        p.draw(painter, *m_result, m_current, caption());
    else
        p.drawMessage(painter, isComputing() ? tr("Computing…")
                                             : tr("Compute draws the training loss around the current weights."));
}

void LandscapeView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    drawContent(p, contentRect(), true);
}

void LandscapeView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.save();
    painter.setFont(font());
    const QRectF content = beginFigure(painter, rect, options, figureTitle(), font(), palette());
    drawContent(painter, content, options.legend);
    painter.restore();
}

QSize LandscapeView::sizeHint() const
{
    return {480, 560};
}

QSize LandscapeView::minimumSizeHint() const
{
    return {260, 320};
}

}  // namespace np
