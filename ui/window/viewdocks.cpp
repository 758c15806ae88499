#include "viewdocks.h"
#include "backpropview.h"
#include "closedformview.h"
#include "document.h"
#include "figureexport.h"
#include "foldingview.h"
#include "functionview.h"
#include "healthview.h"
#include "landscapeview.h"
#include "lessonpanel.h"
#include "networkdiagram.h"
#include "optimizerview.h"
#include "regionsview.h"
#include "runsview.h"
#include "sweepview.h"
#include "trainingcontroller.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QScrollArea>

namespace np {

ViewDocks::ViewDocks(QMainWindow *window, Document *document, TrainingController *controller,
                     ViewEvaluator *evaluator, QDockWidget *lossDock)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_controller(controller)
    , m_evaluator(evaluator)
{
    m_network = new NetworkDiagram;
    m_network->setEditTarget(controller, document);
    m_folding = new FoldingView(document);
    connect(m_folding, &FoldingView::needsChanged, this, &ViewDocks::updateNeeds);
    m_regions = new RegionsView;
    m_health = new HealthView;
    m_backprop = new BackpropView(document);
    m_backprop->setEditTarget(controller);
    m_runsModel = new RunsModel(this);
    m_recorder = std::make_unique<RunRecorder>(m_runsModel);
    m_runs = new RunsView(m_runsModel);
    m_sweep = new SweepView;
    m_lessons = new LessonPanel;
    m_function = new FunctionView;
    m_optimizers = new OptimizerView;
    m_landscape = new LandscapeView;
    m_landscape->setTrajectory(&m_trajectory);
    m_closedForm = new ClosedFormView;
    m_closedForm->setTrajectory(&m_trajectory);

    // The diagram goes beside the settings (the window places it); the analysis views, runs and
    // sweep are tabs beside the loss plot; lessons go left (the window tabs them with the
    // settings). All but the diagram start closed.
    m_networkDock = addDock(m_network, tr("Network Diagram"), QStringLiteral("networkDiagramDock"),
                            Qt::LeftDockWidgetArea, true);
    m_foldingDock = addDock(m_folding, tr("Folding"), QStringLiteral("foldingDock"), Qt::RightDockWidgetArea, false);
    m_regionsDock = addDock(m_regions, tr("Linear Regions"), QStringLiteral("regionsDock"),
                            Qt::RightDockWidgetArea, false);
    QDockWidget *health = addDock(m_health, tr("Gradient Health"), QStringLiteral("healthDock"),
                                  Qt::RightDockWidgetArea, false);
    QDockWidget *backprop = addDock(m_backprop, tr("Backprop"), QStringLiteral("backpropDock"),
                                    Qt::RightDockWidgetArea, false);
    QDockWidget *runs = addDock(m_runs, tr("Runs"), QStringLiteral("runsDock"), Qt::RightDockWidgetArea, false);
    QDockWidget *sweep = addDock(m_sweep, tr("Sweep"), QStringLiteral("sweepDock"), Qt::RightDockWidgetArea, false);
    QDockWidget *function = addDock(m_function, tr("Function"), QStringLiteral("functionDock"),
                                    Qt::RightDockWidgetArea, false);
    QDockWidget *lessons = addDock(m_lessons, tr("Lessons"), QStringLiteral("lessonsDock"),
                                   Qt::LeftDockWidgetArea, false);
    QDockWidget *landscape = addDock(m_landscape, tr("Landscape"), QStringLiteral("landscapeDock"),
                                     Qt::RightDockWidgetArea, false);
    QDockWidget *closedForm = addDock(m_closedForm, tr("Closed Form"), QStringLiteral("closedFormDock"),
                                      Qt::RightDockWidgetArea, false);
    window->tabifyDockWidget(lossDock, m_foldingDock);
    window->tabifyDockWidget(m_foldingDock, m_regionsDock);
    window->tabifyDockWidget(m_regionsDock, health);
    window->tabifyDockWidget(health, backprop);
    window->tabifyDockWidget(backprop, runs);
    window->tabifyDockWidget(runs, sweep);
    window->tabifyDockWidget(sweep, function);
    // Optimizers on 2-D surfaces: on its own, not fed from training.
    QDockWidget *optimizers = addDock(m_optimizers, tr("Optimizers"), QStringLiteral("optimizersDock"),
                                      Qt::RightDockWidgetArea, false);
    window->tabifyDockWidget(sweep, optimizers);
    window->tabifyDockWidget(sweep, landscape);
    window->tabifyDockWidget(landscape, closedForm);
    lossDock->raise();
    for (QDockWidget *dock : {m_foldingDock, m_regionsDock, health, backprop, runs, sweep, lessons, function, optimizers,
                              landscape, closedForm})
        dock->hide();

    // Right-click on any view: Export Figure…, Copy Image.
    for (QWidget *view : std::initializer_list<QWidget *>{m_network, m_folding, m_regions, m_health, m_backprop, m_runs,
                                                          m_sweep, m_function, m_optimizers, m_landscape, m_closedForm})
        attachFigureMenu(view, dynamic_cast<const Figure *>(view));

    // A curve drawn in the function view becomes the data (undoable, like painted points).
    connect(m_function, &FunctionView::curveDrawn, this, [this](const DrawnCurve &curve) {
        const Config &config = m_document->config();
        const Dataset dataset = curveDataset(curve, config.data.count, config.data.noise,
                                             config.data.validationFraction, config.data.seed);
        m_function->setDrawnCurve(curve, dataset);
        m_document->changeDataset(dataset, tr("Draw Curve"));
    });
    connect(m_runs, &RunsView::restoreRequested, this, &ViewDocks::restoreRequested);
    connect(m_sweep, &SweepView::applyRequested, this,
            [this](const Config &config) { m_document->changeConfig(config, tr("Apply Swept Value")); });
    setSource();
    updateNeeds();
}

ViewDocks::~ViewDocks() = default;

QDockWidget *makeDock(QMainWindow *window, const QString &title, const QString &name, QWidget *content,
                      bool scroll)
{
    auto *dock = new QDockWidget(title, window);
    dock->setObjectName(name);
    if (scroll) {
        auto *scrollArea = new QScrollArea(dock);
        scrollArea->setWidget(content);
        scrollArea->setWidgetResizable(true);
        scrollArea->setFrameShape(QFrame::NoFrame);
        dock->setWidget(scrollArea);
    } else {
        dock->setWidget(content);
    }
    // Opened from the View menu, a tabbed dock comes to the front.
    QObject::connect(dock->toggleViewAction(), &QAction::triggered, dock, [dock](bool on) {
        if (on)
            dock->raise();
    });
    return dock;
}

QDockWidget *ViewDocks::addDock(QWidget *content, const QString &title, const QString &name,
                                Qt::DockWidgetArea area, bool scroll)
{
    QDockWidget *dock = makeDock(m_window, title, name, content, scroll);
    m_window->addDockWidget(area, dock);
    // Tabbed docks report visibility as their tab is raised (while isVisible() stays true), so
    // the evaluator's work and the folding animation follow what is actually on screen.
    connect(dock, &QDockWidget::visibilityChanged, this, [this, dock](bool visible) {
        m_onScreen[dock] = visible;
        updateNeeds();
    });
    connect(dock, &QDockWidget::topLevelChanged, this, &ViewDocks::updateNeeds);
    m_docks.append(dock);
    return dock;
}

QDockWidget *ViewDocks::dock(const QString &figureName) const
{
    for (QDockWidget *d : m_docks) {
        QWidget *content = d->widget();
        if (auto *area = qobject_cast<QScrollArea *>(content))
            content = area->widget();
        if (const auto *figure = dynamic_cast<const Figure *>(content); figure && figure->figureName() == figureName)
            return d;
    }
    return nullptr;
}

std::vector<const Figure *> ViewDocks::figures() const
{
    return {m_network, m_folding, m_regions, m_health, m_backprop, m_runs, m_sweep, m_function, m_optimizers, m_landscape, m_closedForm};
}

bool ViewDocks::isOnScreen(QDockWidget *dock) const
{
    // A floating dock has no tabs to be covered by (and reports hidden on its way out of the
    // window).
    const auto it = m_onScreen.find(dock);
    return dock->isVisible() && (dock->isFloating() || it == m_onScreen.end() || it->second);
}

ViewNeeds ViewDocks::needs() const
{
    ViewNeeds needs;
    if (isOnScreen(m_networkDock))
        needs = NetworkDiagram::addNeeds(needs);
    if (isOnScreen(m_foldingDock))
        needs = m_folding->addNeeds(needs);
    if (isOnScreen(m_regionsDock))
        needs.regions = true;
    return needs;
}

void ViewDocks::updateNeeds()
{
    if (!m_foldingDock || !m_regionsDock)
        return;  // still being built; the constructor asks at its end
    m_folding->setOnScreen(isOnScreen(m_foldingDock));
    m_evaluator->setNeeds(needs());
}

void ViewDocks::setFrame(const ViewFrame &frame)
{
    m_network->setFrame(frame);
    m_folding->setFrame(frame);
    m_regions->setFrame(frame);
    m_health->setFrame(frame);
    m_backprop->setFrame(frame);
    m_function->setFrame(frame);
    m_landscape->setModel(frame.model);
    m_closedForm->setModel(frame.model);
}

void ViewDocks::setHistory(const History &history, bool reset)
{
    m_health->setHistory(history, reset);
}

void ViewDocks::setSource()
{
    const Config &config = m_document->config();
    const Dataset &dataset = m_document->dataset();
    m_regions->setData(config, dataset);
    m_health->setDataset(dataset);
    m_health->setPenalty(config.training.penalty);
    m_sweep->setSource(config, dataset);
    m_function->setData(config, dataset);
    m_landscape->setDataset(dataset);
    m_closedForm->setSource(config, dataset);
}

void ViewDocks::observeSnapshot()
{
    // The landscape's principal directions and the closed form's distance curve read the run's
    // weights from here: one copy per snapshot shown, nothing in the training loop.
    const TrainingSnapshot &s = m_controller->latest();
    if (s.generation != m_trajectoryGeneration) {
        m_trajectory.clear();
        m_trajectoryGeneration = s.generation;
    }
    if (!s.model.parameters.empty())
        m_trajectory.record(s.step, s.model.parameters);
    m_recorder->observe(m_controller->latest(), m_controller->history(), m_document->config(),
                        m_document->dataset(), m_document->datasetRevision());
}

void ViewDocks::recordRunNow()
{
    m_recorder->recordNow();
}

void ViewDocks::setNextRunTitle(const QString &title)
{
    m_recorder->setNextRunTitle(title.toStdString());
}

}  // namespace np
