#include "mainwindow.h"

#include "boundaryview.h"
#include "closedformview.h"
#include "colors.h"
#include "csvfiles.h"
#include "datapanel.h"
#include "document.h"
#include "exportmenu.h"
#include "figureexport.h"
#include "helpmenu.h"
#include "lessonchoice.h"
#include "lessonrunner.h"
#include "playgroundlinks.h"
#include "lossplot.h"
#include "messagebanner.h"
#include "networkpanel.h"
#include "painttool.h"
#include "presentationmode.h"
#include "savelessondialog.h"
#include "sessionkeeper.h"
#include "speedcontrol.h"
#include "theme.h"
#include "trainingactions.h"
#include "trainersync.h"
#include "trainingcontroller.h"
#include "trainingpanel.h"
#include "statusbar.h"
#include "trainingstatus.h"
#include "viewdocks.h"
#include "viewevaluator.h"
#include "viewswitcher.h"
#include "windowlayout.h"

#include "data/generators.h"
#include "io/configjson.h"
#include "io/sessionjson.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLayout>
#include <QMenuBar>
#include <QPointer>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <vector>

namespace np {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new Document(this))
    , m_paintTool(new PaintTool(this))
    , m_controller(new TrainingController(this))
    , m_evaluator(new ViewEvaluator(this))
    , m_sync(new TrainerSync(m_document, m_controller, this))
    // Built before the settings start the trainer: it takes that start as the clean state.
    , m_keeper(new SessionKeeper(m_document, m_controller, this))
    , m_files(new SessionFiles(this, m_document, m_controller, m_sync, m_keeper))
{
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    m_banner = new MessageBanner(central);
    m_boundaryView = new BoundaryView(m_document, m_paintTool, central);
    layout->addWidget(m_banner);
    layout->addWidget(m_boundaryView, 1);
    setCentralWidget(central);

    createActions();
    createDocks();
    m_training->addToolBar();
    m_speed = m_training->speed();
    auto dock = [this](const char *name) { return findChild<QDockWidget *>(QLatin1String(name)); };
    m_switcher = new ViewSwitcher(this, {{QStringLiteral("loss"), tr("Loss"), dock("lossDock")},
                                         {QStringLiteral("folding"), tr("Folding"), dock("foldingDock")},
                                         {QStringLiteral("regions"), tr("Regions"), dock("regionsDock")},
                                         {QStringLiteral("health"), tr("Health"), dock("healthDock")},
                                         {QStringLiteral("backprop"), tr("Backprop"), dock("backpropDock")},
                                         {QStringLiteral("function"), tr("Function"), dock("functionDock")},
                                         {QStringLiteral("optimizers"), tr("Optimizers"), dock("optimizersDock")},
                                         {QStringLiteral("landscape"), tr("Landscape"), dock("landscapeDock")},
                                         {QStringLiteral("diagram"), tr("Diagram"), dock("networkDiagramDock")}});
    QList<QPair<QDockWidget *, QString>> shortTitles;
    for (const ViewSwitcher::View &view : m_switcher->views())
        shortTitles.append({view.dock, view.title});
    m_presentation = new PresentationMode(this, {m_settingsDocks, dock("lessonsDock"), dock("lossDock"),
                                                 dock("networkDiagramDock"), m_switcher->toolBar(), shortTitles});
    createMenus();
    m_layout = new WindowLayout(this);
    m_layout->captureDefault();
    setStatusBar(new StatusBar(this));
    new TrainingStatus(statusBar(), m_controller, m_document);
    // The network diagram builds the network too: a lesson's locks reach its controls.
    auto *lessons = new LessonRunner(this, m_document, m_files, m_viewDocks, m_speed,
                                     m_settingsDocks + QList<QDockWidget *>{m_viewDocks->dock(QStringLiteral("network"))});
    // TensorFlow Playground links: File › Open Link…, paste on the plane, drop on the window, Copy as Link.
    (new PlaygroundLinks(this, m_document, m_files, lessons, m_boundaryView))
        ->addToMenuBefore(action(QStringLiteral("save")));

    connect(m_document, &Document::configChanged, this, [this] { onDocumentChanged(false); });
    connect(m_document, &Document::datasetChanged, this, [this] { onDocumentChanged(true); });
    connect(m_sync, &TrainerSync::restarted, m_banner, &QWidget::hide);
    connect(m_controller, &TrainingController::snapshotChanged, this, &MainWindow::onSnapshotChanged);
    // The history reaches the views through one channel: replaced, or rows appended.
    connect(m_sync, &TrainerSync::changesSent, this, [this](const Config &before, const Config &after, bool data) {
        m_lossPlot->noteChange(m_controller->latest().epoch, before, after, data);  // "η 0.01 → 0.1" on the curve
    });
    connect(m_controller, &TrainingController::historyReset, this, [this] { showHistory(true); });
    connect(m_controller, &TrainingController::historyAppended, this, [this] { showHistory(false); });
    connect(m_controller, &TrainingController::message, this, &MainWindow::onMessage);
    connect(m_evaluator, &ViewEvaluator::frameReady, this, [this] {
        m_boundaryView->setFrame(m_evaluator->frame());
        m_viewDocks->setFrame(m_evaluator->frame());
    });
    connect(m_viewDocks->closedFormView(), &ClosedFormView::referenceChanged, m_lossPlot, &LossPlot::setReferenceLoss);
    connect(m_viewDocks, &ViewDocks::restoreRequested, this,
            [this](const Config &config, const Dataset &dataset, const TrainerState &state) {
                m_sync->start(Session{config, dataset, state});
            });
    connect(m_boundaryView, &BoundaryView::styleChanged, this, &MainWindow::updateStyle);
    connect(m_files, &SessionFiles::saved, this, &MainWindow::saved);
    connect(m_files, &SessionFiles::aboutToSave, m_viewDocks, &ViewDocks::recordRunNow);
    connect(m_files, &SessionFiles::windowsForRecoveryRequested, this, [](int count) {
        // Each new window's keeper takes one crashed window's slot and offers its work back.
        for (int i = 0; i < count; ++i) {
            auto *window = new MainWindow;
            window->setAttribute(Qt::WA_DeleteOnClose);
            window->show();
        }
    });

    restoreSettings();
    if (m_keeper->hasAutosave())
        m_files->offerRecovery();
    updateStyle();
    m_evaluator->setGrid(m_boundaryView->grid());
}

MainWindow::~MainWindow()
{
    // Teardown goes against the order of dependence, while this window is still whole. Left to
    // QObject, the children would go in the order they were made: the document first, with the
    // keeper, the session files and every view still watching it (and its undo stack telling
    // them, from its destructor, that the clean state changed).
    // 1. The observers that write outside the widgets: the session files (the title) and the
    //    keeper (the autosave; it waits for a write in flight).
    delete m_files;
    m_files = nullptr;
    delete m_keeper;
    m_keeper = nullptr;
    // 2. Everything else, newest first: the widgets and helpers (they read the document and
    //    the controller to their last moment), then the sync, the evaluator, the controller
    //    (it joins its worker thread), and the document last. The layout stays for QMainWindow.
    std::vector<QPointer<QObject>> children;  // guarded: one may take another with it
    for (QObject *child : this->children()) {
        if (child != layout())
            children.emplace_back(child);
    }
    for (auto it = children.rbegin(); it != children.rend(); ++it)
        delete it->data();
}

QAction *MainWindow::action(const QString &name) const
{
    return findChild<QAction *>(name);
}

void MainWindow::createDocks()
{
    m_dataPanel = new DataPanel(m_document, m_paintTool);
    m_networkPanel = new NetworkPanel(m_document);
    m_trainingPanel = new TrainingPanel(m_document);
    m_lossPlot = new LossPlot;
    attachFigureMenu(m_lossPlot, m_lossPlot);  // the boundary view's right button erases: File › Export has it

    QDockWidget *data = makeDock(this, tr("Data"), QStringLiteral("dataDock"), m_dataPanel, true);
    QDockWidget *network = makeDock(this, tr("Network"), QStringLiteral("networkDock"), m_networkPanel, true);
    QDockWidget *training = makeDock(this, tr("Training"), QStringLiteral("trainingDock"), m_trainingPanel, true);
    QDockWidget *loss = makeDock(this, tr("Loss and Metrics"), QStringLiteral("lossDock"), m_lossPlot, false);
    m_settingsDocks = {data, network, training};
    // As TensorFlow Playground has it, left to right: the settings, the network, its output.
    // The settings column holds data (with network and lessons as tabs) over training; the
    // diagram beside it runs the window's height; the plane has the loss plot (and the analysis
    // views as its tabs) below it, not under the left columns.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, data);
    addDockWidget(Qt::BottomDockWidgetArea, loss);
    m_viewDocks = new ViewDocks(this, m_document, m_controller, m_evaluator, loss);
    splitDockWidget(data, findChild<QDockWidget *>(QStringLiteral("networkDiagramDock")), Qt::Horizontal);
    splitDockWidget(data, training, Qt::Vertical);
    tabifyDockWidget(data, network);
    tabifyDockWidget(network, findChild<QDockWidget *>(QStringLiteral("lessonsDock")));
    data->raise();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    Config config = defaultConfig();
    const QByteArray saved = settings.value(QStringLiteral("config")).toByteArray();
    if (!saved.isEmpty()) {
        const SessionReadResult read = parseSession(saved);
        if (read.session)
            config = read.session->config;
    }
    const Dataset dataset = generateDataset(config.data);
    m_sync->start(Session{fitConfigToData(config, dataset.task, dataset.classCount), dataset, std::nullopt});

    m_layout->restore(settings);
    m_speed->setStep(settings.value(QStringLiteral("speed"), m_speed->step()).toInt());
    m_controller->setSpeed(m_speed->speed());
    m_theme->restore();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    // Closed while presenting: the layout to come back to is the one from before.
    if (m_presentation->isActive())
        m_layout->save(settings, m_presentation->savedGeometry(), m_presentation->savedState());
    else
        m_layout->save(settings, saveGeometry(), saveState(WindowLayout::kVersion));
    settings.setValue(QStringLiteral("config"), configFileToJson(m_document->config()));
    settings.setValue(QStringLiteral("speed"), m_speed->step());
}

void MainWindow::setPresentation(bool on)
{
    if (on == m_presentation->isActive())
        return;
    if (on)  // the lesson and the views stay; the settings panels make room for the plane
        m_presentation->enter();
    else
        m_presentation->leave();
    action(QStringLiteral("presentation"))->setChecked(on);
    action(QStringLiteral("leavePresentation"))->setEnabled(on);
    updateStyle();
}

bool MainWindow::isPresenting() const
{
    return m_presentation->isActive();
}

void MainWindow::resetLayout()
{
    m_layout->reset();
    m_presentation->arrange();
}

UserGuide *MainWindow::showUserGuide()
{
    return m_help->showUserGuide();
}

ShortcutsDialog *MainWindow::showShortcuts()
{
    return m_help->showShortcuts();
}

bool MainWindow::startLesson(const Lesson &lesson, int variant, const QString &file)
{
    QString error;
    if (startLessonInPanel(m_viewDocks->lessonPanel(), lesson, variant, file, &error))
        return true;
    statusBar()->showMessage(error);
    return false;
}

void MainWindow::changeEvent(QEvent *event)
{
    // The boundary blends towards the plot's background, so a theme change recolours it.
    if (event->type() == QEvent::PaletteChange)
        updateStyle();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    // Work put aside for a lesson is the user's: it comes back, and the unsaved-work question
    // asks about it before the window closes.
    if (auto *runner = findChild<LessonRunner *>(); runner && runner->canUndoSwitch()) {
        runner->undoSwitch();
        m_banner->showMessage(tr("Your points and settings, put aside for the lesson, are back."),
                              MessageBanner::Information);
    }
    if (!m_files->approveClose()) {
        event->ignore();
        return;
    }
    m_controller->pause();
    m_files->closed();
    event->accept();
}

bool MainWindow::importCsv(const QString &path)
{
    return np::importCsv(this, m_document, path);
}

bool MainWindow::exportCsv(const QString &path)
{
    return np::exportCsv(this, m_document, path);
}

void MainWindow::onDocumentChanged(bool data)
{
    m_viewDocks->setSource();
    if (data)
        m_evaluator->setDataset(m_document->dataset(), m_document->datasetRevision());
    m_lossPlot->setClassification(m_document->dataset().isClassification());
}

void MainWindow::onSnapshotChanged()
{
    const TrainingSnapshot &s = m_controller->latest();
    m_evaluator->submit(s.model, s.serial, s.running);
    m_viewDocks->observeSnapshot();
}

void MainWindow::showHistory(bool reset)
{
    m_lossPlot->setHistory(m_controller->history(), reset);
    m_viewDocks->setHistory(m_controller->history(), reset);
}

void MainWindow::onMessage(const TrainingMessage &message)
{
    using Kind = TrainingMessage::Kind;
    if (message.kind == Kind::Diverged || message.kind == Kind::Reinitialised)
        m_banner->showMessage(message.text,
                              message.kind == Kind::Diverged ? MessageBanner::Warning : MessageBanner::Information);
    statusBar()->showMessage(message.text, 8000);
}

void MainWindow::updateStyle()
{
    if (!m_boundaryView)
        return;  // still being built
    BoundaryStyle style;
    style.discretize = m_boundaryView->discretize();
    style.scheme = colorScheme();
    style.background = palette().color(QPalette::Base).rgb();
    m_evaluator->setStyle(style);
}

}  // namespace np
