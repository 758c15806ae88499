#include "optimizerview.h"

#include "figurepainting.h"
#include "flowlayout.h"
#include "optimizercanvas.h"
#include "optimizertable.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPainter>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>

#include <algorithm>

namespace np {

namespace {

constexpr int kTickMs = 30;
constexpr int kTicksPerRun = 300;  // a whole run animates in about nine seconds

QToolButton *button(const QString &text, const QString &name, const QString &tip)
{
    auto *b = new QToolButton;
    b->setText(text);
    b->setObjectName(name);
    b->setToolTip(tip);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

}  // namespace

OptimizerView::OptimizerView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("optimizerView"));
    m_timer = new QTimer(this);
    m_timer->setInterval(kTickMs);
    connect(m_timer, &QTimer::timeout, this, &OptimizerView::onTick);

    m_surface = new QComboBox;
    m_surface->setObjectName(QStringLiteral("optimizerSurface"));
    for (int k = 0; k <= int(SurfaceKind::Saddle); ++k)
        m_surface->addItem(QString::fromUtf8(surfaceTitle(SurfaceKind(k))), k);
    m_surface->setToolTip(tr("The function the optimizers descend; its formula is shown above the plane"));
    m_condition = new QDoubleSpinBox;
    m_condition->setObjectName(QStringLiteral("optimizerCondition"));
    m_condition->setRange(1, 1000);
    m_condition->setDecimals(1);
    m_condition->setPrefix(QStringLiteral("κ "));
    m_condition->setToolTip(tr("Condition number: how much steeper the ravine's walls are than its floor"));
    m_rotation = new QDoubleSpinBox;
    m_rotation->setObjectName(QStringLiteral("optimizerRotation"));
    m_rotation->setRange(-90, 90);
    m_rotation->setDecimals(0);
    m_rotation->setSingleStep(5);
    m_rotation->setPrefix(QStringLiteral("θ "));
    m_rotation->setSuffix(QStringLiteral("°"));
    m_rotation->setToolTip(tr("Rotation of the ravine against the axes"));
    m_noise = new QDoubleSpinBox;
    m_noise->setObjectName(QStringLiteral("optimizerNoise"));
    m_noise->setRange(0, 1000);
    m_noise->setDecimals(2);
    m_noise->setSingleStep(0.1);
    m_noise->setPrefix(QStringLiteral("σ "));
    m_noise->setToolTip(tr("Gaussian noise added to each gradient component, standing in for mini-batches"));
    m_steps = new QSpinBox;
    m_steps->setObjectName(QStringLiteral("optimizerSteps"));
    m_steps->setRange(1, kMaxSceneSteps);
    m_steps->setSuffix(tr(" steps"));
    m_steps->setAccelerated(true);
    m_steps->setToolTip(tr("How many steps each optimizer takes"));

    m_play = button(tr("Play"), QStringLiteral("optimizerPlay"), tr("Animate the paths step by step"));
    m_step = button(tr("Step"), QStringLiteral("optimizerStep"), tr("One step further"));
    m_reset = button(tr("Reset"), QStringLiteral("optimizerReset"), tr("Back to the start point"));
    m_end = button(tr("End"), QStringLiteral("optimizerEnd"), tr("Show the whole paths"));
    m_tableButton = button(tr("Settings…"), QStringLiteral("optimizerTableButton"),
                           tr("The surface's κ, θ and gradient noise σ, the number of steps, and the optimizers "
                              "with their learning rates and parameters"));
    m_tableButton->setCheckable(true);
    m_stepLabel = new QLabel;
    m_stepLabel->setObjectName(QStringLiteral("optimizerStepLabel"));

    m_table = new OptimizerTable;
    m_add = button(tr("+"), QStringLiteral("optimizerAdd"), tr("Add an optimizer"));
    m_remove = button(tr("−"), QStringLiteral("optimizerRemove"), tr("Remove the selected optimizer"));
    // Behind Settings…: the surface's parameters over the optimizers' compact table, so the
    // plane keeps the room while a class watches.
    m_tablePanel = new QWidget;
    auto *panelLayout = new QVBoxLayout(m_tablePanel);
    panelLayout->setContentsMargins(0, 0, 0, 0);
    auto *surfaceSettings = new FlowLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_condition, m_rotation, m_noise, m_steps})
        surfaceSettings->addWidget(w);
    panelLayout->addLayout(surfaceSettings);
    auto *tableLayout = new QHBoxLayout;
    panelLayout->addLayout(tableLayout);
    tableLayout->addWidget(m_table, 1);
    auto *tableButtons = new QVBoxLayout;
    tableButtons->addWidget(m_add);
    tableButtons->addWidget(m_remove);
    tableButtons->addStretch();
    tableLayout->addLayout(tableButtons);
    m_tablePanel->hide();

    m_canvas = new OptimizerCanvas(&m_picture);
    m_loss = new OptimizerLossCanvas(&m_picture);

    // One flow of controls: the surface, then playing. It wraps in a narrow dock rather than
    // widening it (and squeezing the plane) at presentation's large type.
    auto *controls = new FlowLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_surface, m_play, m_step, m_reset, m_end, m_stepLabel,
                                                       m_tableButton})
        controls->addWidget(w);
    m_body = new QBoxLayout(QBoxLayout::LeftToRight);
    m_body->addWidget(m_canvas, 3);
    m_body->addWidget(m_loss, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_tablePanel);
    layout->addLayout(m_body, 1);

    connect(m_surface, &QComboBox::activated, this, [this] {
        OptimizerScene next = m_picture.scene;
        next.surface.kind = SurfaceKind(m_surface->currentData().toInt());
        next.start = surfaceDefaultStart(next.surface);
        applyScene(next);
        reset();
    });
    for (QDoubleSpinBox *box : {m_condition, m_rotation, m_noise})
        connect(box, &QDoubleSpinBox::valueChanged, this, &OptimizerView::onSurfaceEdited);
    connect(m_steps, &QSpinBox::valueChanged, this, &OptimizerView::onSurfaceEdited);
    connect(m_play, &QToolButton::clicked, this, [this] { isPlaying() ? pause() : play(); });
    connect(m_step, &QToolButton::clicked, this, &OptimizerView::stepOnce);
    connect(m_reset, &QToolButton::clicked, this, &OptimizerView::reset);
    connect(m_end, &QToolButton::clicked, this, &OptimizerView::runToEnd);
    connect(m_tableButton, &QToolButton::toggled, m_tablePanel, &QWidget::setVisible);
    connect(m_table, &OptimizerTable::optimizersEdited, this, [this] {
        OptimizerScene next = m_picture.scene;
        next.optimizers = m_table->optimizers();
        applyScene(next);
    });
    connect(m_add, &QToolButton::clicked, this, [this] {
        OptimizerScene next = m_picture.scene;
        if (int(next.optimizers.size()) >= kMaxSceneOptimizers)
            return;
        next.optimizers.push_back(next.optimizers.empty() ? OptimizerSpec{} : next.optimizers.back());
        applyScene(next);
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        OptimizerScene next = m_picture.scene;
        if (next.optimizers.empty())
            return;
        const int row = m_table->currentRow();
        next.optimizers.erase(next.optimizers.begin() + (row >= 0 && row < int(next.optimizers.size())
                                                             ? row
                                                             : int(next.optimizers.size()) - 1));
        applyScene(next);
    });
    connect(m_canvas, &OptimizerCanvas::startMoved, this, [this](double x, double y) { moveStart({x, y}); });

    setScene(defaultOptimizerScene());
}

OptimizerView::~OptimizerView() = default;

QString OptimizerView::figureTitle() const
{
    return tr("Optimizers on %1").arg(QString::fromUtf8(surfaceTitle(m_picture.scene.surface.kind)));
}

void OptimizerView::setScene(const OptimizerScene &scene)
{
    m_timer->stop();
    m_picture.step = 0;
    applyScene(scene);
    setStep(0);
}

void OptimizerView::applyScene(const OptimizerScene &scene)
{
    m_picture.update(scene);
    updateDirection();
    syncControls();
    m_canvas->update();
    m_loss->update();
}

void OptimizerView::syncControls()
{
    m_syncing = true;
    const SurfaceSpec &s = m_picture.scene.surface;
    m_surface->setCurrentIndex(int(s.kind));
    m_condition->setValue(s.condition);
    m_rotation->setValue(s.rotation);
    m_noise->setValue(s.noise);
    m_steps->setValue(m_picture.scene.steps);
    const bool quadratic = s.kind == SurfaceKind::Quadratic;
    m_condition->setVisible(quadratic);
    m_rotation->setVisible(quadratic);
    if (m_table->optimizers() != m_picture.scene.optimizers)
        m_table->setOptimizers(m_picture.scene.optimizers);
    m_add->setEnabled(int(m_picture.scene.optimizers.size()) < kMaxSceneOptimizers);
    m_remove->setEnabled(!m_picture.scene.optimizers.empty());
    m_play->setText(isPlaying() ? tr("Pause") : tr("Play"));
    m_stepLabel->setText(tr("step %1").arg(m_picture.step));
    m_syncing = false;
}

void OptimizerView::onSurfaceEdited()
{
    if (m_syncing)
        return;
    OptimizerScene next = m_picture.scene;
    next.surface.condition = m_condition->value();
    next.surface.rotation = m_rotation->value();
    next.surface.noise = m_noise->value();
    next.steps = m_steps->value();
    if (validateOptimizerScene(next).empty())
        applyScene(next);
}

void OptimizerView::setStep(int step)
{
    const int clamped = std::clamp(step, 0, m_picture.scene.steps);
    const bool changed = clamped != m_picture.step;
    m_picture.step = clamped;
    if (m_picture.step >= m_picture.scene.steps)
        m_timer->stop();
    syncControls();
    m_canvas->update();
    m_loss->update();
    if (changed)
        emit stepChanged(m_picture.step);
}

bool OptimizerView::isPlaying() const
{
    return m_timer->isActive();
}

void OptimizerView::play()
{
    if (m_picture.step >= m_picture.scene.steps)
        setStep(0);
    m_timer->start();
    syncControls();
}

void OptimizerView::pause()
{
    m_timer->stop();
    syncControls();
}

void OptimizerView::stepOnce()
{
    pause();
    setStep(m_picture.step + 1);
}

void OptimizerView::reset()
{
    pause();
    setStep(0);
}

void OptimizerView::runToEnd()
{
    pause();
    setStep(m_picture.scene.steps);
}

void OptimizerView::onTick()
{
    setStep(m_picture.step + std::max(1, m_picture.scene.steps / kTicksPerRun));
}

void OptimizerView::moveStart(Point2 start)
{
    OptimizerScene next = m_picture.scene;
    next.start = start;
    if (!validateOptimizerScene(next).empty())
        return;
    applyScene(next);
    // Paused, a new start shows where every path goes from there at once.
    if (!isPlaying())
        setStep(m_picture.scene.steps);
}

void OptimizerView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateDirection();
}

void OptimizerView::updateDirection()
{
    // The plane and the loss side by side or stacked: whichever draws the plane's box larger
    // (the plane takes three fifths of the body either way).
    const ViewBox &box = m_picture.contours.box;
    const double w = width(), h = std::max(1, height() - (m_body->geometry().isValid() ? m_body->geometry().top() : 0));
    const double bw = box.xMax - box.xMin, bh = box.yMax - box.yMin;
    const double beside = std::min(0.6 * w / bw, h / bh), stacked = std::min(w / bw, 0.6 * h / bh);
    // Beside, the loss gets two fifths of the width: too narrow for its legend at a projector's
    // type, it goes under the plane unless that would cost the plane more than a quarter.
    const bool lossFitsBeside = 0.4 * w >= 14 * fontMetrics().height();
    const bool sideBySide = beside > stacked && (lossFitsBeside || stacked < 0.75 * beside);
    m_body->setDirection(sideBySide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
}

void OptimizerView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    const QRectF area = beginFigure(painter, rect, options, figureTitle(), font(), palette());
    const bool wide = area.width() >= area.height();
    const QRectF plane = wide ? QRectF(area.left(), area.top(), area.width() * 0.6, area.height())
                              : QRectF(area.left(), area.top(), area.width(), area.height() * 0.62);
    const QRectF loss = wide ? QRectF(plane.right(), area.top(), area.width() - plane.width(), area.height())
                             : QRectF(area.left(), plane.bottom(), area.width(), area.height() - plane.height());
    const QFontMetricsF fm = figureMetrics(painter, font());
    paintOptimizerPlane(painter, planeLayout(plane, m_picture.contours.box, fm), m_picture, font(), palette());
    paintOptimizerLoss(painter, loss, m_picture, font(), palette(), options.legend);
}

}  // namespace np
