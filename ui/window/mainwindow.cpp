#include "mainwindow.h"

#include "aboutdialog.h"
#include "boundaryview.h"
#include "colors.h"
#include "datapanel.h"
#include "document.h"
#include "exportmenu.h"
#include "figureexport.h"
#include "lessonpanel.h"
#include "savelessondialog.h"
#include "lossplot.h"
#include "messagebanner.h"
#include "networkpanel.h"
#include "painttool.h"
#include "presentationmode.h"
#include "sessionkeeper.h"
#include "trainersync.h"
#include "trainingcontroller.h"
#include "trainingpanel.h"
#include "viewdocks.h"
#include "viewevaluator.h"

#include "data/csv.h"
#include "data/generators.h"
#include "io/configjson.h"
#include "io/sessionjson.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QFileInfo>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLayout>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace np {

namespace {

// Speed steps of the toolbar slider, in epochs per second; the last means as fast as possible.
constexpr std::array<double, 10> kSpeeds = {0.5, 1, 2, 5, 10, 30, 100, 300, 1000, 0};

QString speedText(double epochsPerSecond)
{
    if (epochsPerSecond <= 0)
        return QObject::tr("max");
    return QObject::tr("%1 epochs/s").arg(epochsPerSecond);
}

QString formatLoss(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 4) : QStringLiteral("–");
}

QString formatPercent(double v)
{
    return std::isfinite(v) ? QString::number(100.0 * v, 'f', 1) + QLatin1Char('%') : QStringLiteral("–");
}

}  // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new Document(this))
    , m_paintTool(new PaintTool(this))
    , m_controller(new TrainingController(this))
    , m_evaluator(new ViewEvaluator(this))
    , m_presentation(new PresentationMode(this))
    , m_sync(new TrainerSync(m_document, m_controller, this))
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
    createMenus();
    createToolBar();

    m_statusEpoch = new QLabel(this);
    m_statusLoss = new QLabel(this);
    m_statusQuality = new QLabel(this);
    m_statusRate = new QLabel(this);
    for (QLabel *label : {m_statusEpoch, m_statusLoss, m_statusQuality, m_statusRate})
        statusBar()->addPermanentWidget(label);

    connect(m_document, &Document::configChanged, this, &MainWindow::onConfigChanged);
    connect(m_document, &Document::datasetChanged, this, &MainWindow::onDatasetChanged);
    connect(m_controller, &TrainingController::snapshotChanged, this, &MainWindow::onSnapshotChanged);
    // The history reaches the views through one channel: replaced, or rows appended.
    connect(m_controller, &TrainingController::historyReset, this, [this] {
        m_lossPlot->setHistory(m_controller->history(), true);
        m_viewDocks->setHistory(m_controller->history(), true);
    });
    connect(m_controller, &TrainingController::historyAppended, this, [this] {
        m_lossPlot->setHistory(m_controller->history(), false);
        m_viewDocks->setHistory(m_controller->history(), false);
    });
    connect(m_controller, &TrainingController::message, this, &MainWindow::onMessage);
    connect(m_controller, &TrainingController::sessionReady, this, &MainWindow::onSessionReady);
    connect(m_controller, &TrainingController::runningChanged, this, [this](bool running) {
        action(QStringLiteral("play"))->setText(running ? tr("&Pause") : tr("&Play"));
        action(QStringLiteral("play"))->setIcon(style()->standardIcon(running ? QStyle::SP_MediaPause
                                                                             : QStyle::SP_MediaPlay));
    });
    connect(m_evaluator, &ViewEvaluator::frameReady, this, [this] {
        m_boundaryView->setFrame(m_evaluator->frame());
        m_viewDocks->setFrame(m_evaluator->frame());
    });
    connect(m_viewDocks, &ViewDocks::restoreRequested, this,
            [this](const Config &config, const Dataset &dataset, const TrainerState &state) {
                applySession(Session{config, dataset, state});
            });
    connect(m_viewDocks->lessonPanel(), &LessonPanel::lessonStarted, this, &MainWindow::startLesson);
    connect(m_viewDocks->lessonPanel(), &LessonPanel::lessonEnded, this, [this] {
        m_lesson.reset();
        for (QDockWidget *dock : std::as_const(m_settingsDocks))
            clearLessonControls(dock->widget());
    });
    connect(m_boundaryView, &BoundaryView::styleChanged, this, &MainWindow::updateStyle);

    // Built before the settings reset the trainer: it takes that reset as the clean state.
    m_keeper = new SessionKeeper(m_document, m_controller, this);
    connect(m_keeper, &SessionKeeper::modifiedChanged, this, &MainWindow::updateTitle);
    restoreSettings();
    updateTitle();
    if (m_keeper->hasAutosave())
        offerRecovery();
    updateStyle();
    m_evaluator->setGrid(m_boundaryView->grid());
    updateStatus();
}

MainWindow::~MainWindow() = default;

QAction *MainWindow::action(const QString &name) const
{
    return findChild<QAction *>(name);
}

void MainWindow::createActions()
{
    auto add = [this](const QString &name, const QString &text, const QKeySequence &shortcut, auto slot) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);  // shortcuts work with the menu bar hidden (presentation mode)
        return a;
    };
    add(QStringLiteral("new"), tr("&New"), QKeySequence::New,
        [this] { whenUnsavedWorkIsSafe([this] { newDocument(); }); });
    add(QStringLiteral("open"), tr("&Open…"), QKeySequence::Open, [this] {
        whenUnsavedWorkIsSafe([this] {
            const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), {},
                                                              tr("Sessions and configs (*.json);;All files (*)"));
            if (!path.isEmpty())
                openFile(path);
        });
    });
    add(QStringLiteral("save"), tr("&Save"), QKeySequence::Save, [this] { saveOrAsk(); });
    add(QStringLiteral("saveAs"), tr("Save &As…"), QKeySequence::SaveAs, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save session"), tr("session.json"),
                                                          tr("Sessions (*.json)"));
        if (!path.isEmpty())
            saveFile(path);
    });
    add(QStringLiteral("importCsv"), tr("&Import Data (CSV)…"), {}, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import data"), {},
                                                          tr("CSV files (*.csv *.txt);;All files (*)"));
        if (!path.isEmpty())
            importCsv(path);
    });
    add(QStringLiteral("exportCsv"), tr("&Export Data (CSV)…"), {}, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export data"), tr("data.csv"),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    add(QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit, [this] { close(); });

    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redo"));
    redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});

    QAction *play = add(QStringLiteral("play"), tr("&Play"), QKeySequence(Qt::Key_Space),
                        [this] { m_controller->togglePlay(); });
    play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    play->setToolTip(tr("Play or pause training (Space)"));
    QAction *step = add(QStringLiteral("stepBatch"), tr("Step One &Batch"), QKeySequence(Qt::Key_S),
                        [this] { m_controller->stepBatch(); });
    step->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    step->setToolTip(tr("Train on one batch and pause (S)"));
    QAction *epoch = add(QStringLiteral("stepEpoch"), tr("Step One &Epoch"), QKeySequence(Qt::Key_E),
                         [this] { m_controller->stepEpoch(); });
    epoch->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    epoch->setToolTip(tr("Train one pass over the training points and pause (E)"));
    QAction *reset = add(QStringLiteral("reset"), tr("&Reset"), QKeySequence(Qt::Key_R), [this] {
        m_banner->hide();
        m_sync->restart();
    });
    reset->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    reset->setToolTip(tr("Start again from the initial weights (R); the seed decides them"));

    for (int k = 0; k < 8; ++k) {
        auto *pick = add(QStringLiteral("class%1").arg(k + 1), tr("Paint Class %1").arg(k + 1),
                         QKeySequence(Qt::Key_1 + k), [this, k] {
                             if (k < m_document->dataset().classCount || !m_document->dataset().isClassification())
                                 m_paintTool->setCurrentClass(k);
                         });
        pick->setShortcutContext(Qt::WindowShortcut);
    }

    auto *showTrain = add(QStringLiteral("showTraining"), tr("Show &Training Points"), {},
                          [this](bool on) { m_boundaryView->setShowTraining(on); });
    showTrain->setCheckable(true);
    showTrain->setChecked(true);
    auto *showValidation = add(QStringLiteral("showValidation"), tr("Show &Validation Points"), {},
                               [this](bool on) { m_boundaryView->setShowValidation(on); });
    showValidation->setCheckable(true);
    showValidation->setChecked(true);
    auto *discretize = add(QStringLiteral("discretize"), tr("&Discretise Output"), QKeySequence(tr("D")),
                           [this](bool on) { m_boundaryView->setDiscretize(on); });
    discretize->setCheckable(true);
    discretize->setToolTip(tr("Flat class regions instead of confidence shading (D)"));
    auto *logScale = add(QStringLiteral("logScale"), tr("&Log Scale for Loss"), QKeySequence(tr("L")),
                         [this](bool on) { m_lossPlot->setLogScale(on); });
    logScale->setCheckable(true);
    auto *present = add(QStringLiteral("presentation"), tr("&Presentation Mode"), QKeySequence(Qt::Key_F11),
                        [this](bool on) { setPresentation(on); });
    present->setCheckable(true);
    present->setToolTip(tr("Full screen for a projector: large type, high-contrast colours, only the training controls (F11, Esc leaves)"));
    // Esc leaves presentation; only then, so Esc keeps its meaning in the panels otherwise.
    add(QStringLiteral("leavePresentation"), tr("Leave Presentation"), QKeySequence(Qt::Key_Escape),
        [this] { setPresentation(false); })
        ->setEnabled(false);

    auto *lrTrack = add(QStringLiteral("learningRateTrack"), tr("Show Learning &Rate"), {},
                        [this](bool on) { m_lossPlot->setShowLearningRate(on); });
    lrTrack->setCheckable(true);
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
    addDockWidget(Qt::LeftDockWidgetArea, data);
    addDockWidget(Qt::LeftDockWidgetArea, network);
    tabifyDockWidget(data, network);
    data->raise();
    addDockWidget(Qt::RightDockWidgetArea, training);
    addDockWidget(Qt::RightDockWidgetArea, loss);
    m_viewDocks = new ViewDocks(this, m_document, m_controller, m_evaluator, loss);
    // A tab beside the settings: stacked below them it would make the window taller than 800.
    tabifyDockWidget(network, findChild<QDockWidget *>(QStringLiteral("lessonsDock")));
    data->raise();
}

void MainWindow::applyDefaultLayout()
{
    // In proportion to the window, once it has its size: settings columns of about a quarter
    // each, the plane in the middle with the diagram a strip below it, scrolled when deep.
    const QSize size = this->size();
    auto *data = findChild<QDockWidget *>(QStringLiteral("dataDock"));
    auto *training = findChild<QDockWidget *>(QStringLiteral("trainingDock"));
    auto *loss = findChild<QDockWidget *>(QStringLiteral("lossDock"));
    const int side = std::clamp(size.width() / 4, 300, 420);
    resizeDocks({data, training}, {side, side}, Qt::Horizontal);
    resizeDocks({m_viewDocks->dock(QStringLiteral("network"))}, {size.height() * 3 / 10}, Qt::Vertical);
    resizeDocks({training, loss}, {size.height() / 2, size.height() / 3}, Qt::Vertical);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(QStringLiteral("new")));
    file->addAction(action(QStringLiteral("open")));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    updateRecentMenu();
    file->addAction(action(QStringLiteral("save")));
    file->addAction(action(QStringLiteral("saveAs")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("importCsv")));
    file->addAction(action(QStringLiteral("exportCsv")));
    QMenu *exports = file->addMenu(tr("E&xport"));
    exports->setObjectName(QStringLiteral("exportMenu"));
    std::vector<const Figure *> figures = {m_boundaryView, m_lossPlot};
    for (const Figure *figure : m_viewDocks->figures())
        figures.push_back(figure);
    fillExportMenu(exports, this, m_controller, figures);
    file->addAction(tr("Save as &Lesson…"), this, [this] {
        SaveLessonDialog dialog(m_document->config(), m_document->dataset(),
                                {{tr("Data"), m_dataPanel}, {tr("Network"), m_networkPanel},
                                 {tr("Training"), m_trainingPanel}},
                                this);
        dialog.exec();
    });
    file->addSeparator();
    file->addAction(action(QStringLiteral("quit")));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(action(QStringLiteral("undo")));
    edit->addAction(action(QStringLiteral("redo")));
    edit->addSeparator();
    QMenu *classes = edit->addMenu(tr("Paint &Class"));
    for (int k = 1; k <= 8; ++k)
        classes->addAction(action(QStringLiteral("class%1").arg(k)));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    // Settings first, then the views, each group in the order a lesson goes through them.
    QList<QDockWidget *> docks = m_settingsDocks;
    docks.append(findChild<QDockWidget *>(QStringLiteral("lossDock")));
    docks.append(m_viewDocks->docks());
    for (QDockWidget *dock : std::as_const(docks)) {
        view->addAction(dock->toggleViewAction());
        if (dock == docks[m_settingsDocks.size()] || dock == docks[m_settingsDocks.size() - 1])
            view->addSeparator();
    }
    view->addSeparator();
    view->addAction(action(QStringLiteral("showTraining")));
    view->addAction(action(QStringLiteral("showValidation")));
    view->addAction(action(QStringLiteral("discretize")));
    view->addAction(action(QStringLiteral("logScale")));
    view->addAction(action(QStringLiteral("learningRateTrack")));
    view->addSeparator();
    view->addAction(action(QStringLiteral("presentation")));
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(this);
    for (const auto &[key, label] : {std::pair{QStringLiteral("system"), tr("&System")},
                                     std::pair{QStringLiteral("light"), tr("&Light")},
                                     std::pair{QStringLiteral("dark"), tr("&Dark")}}) {
        QAction *a = theme->addAction(label);
        a->setObjectName(QStringLiteral("theme-") + key);
        a->setCheckable(true);
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [this, key = key] { applyTheme(key); });
    }

    QMenu *train = menuBar()->addMenu(tr("&Train"));
    train->addAction(action(QStringLiteral("play")));
    train->addAction(action(QStringLiteral("stepBatch")));
    train->addAction(action(QStringLiteral("stepEpoch")));
    train->addAction(action(QStringLiteral("reset")));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Neural Playground"), this, [this] { showAboutDialog(this); });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Training"));
    bar->setObjectName(QStringLiteral("trainingToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(action(QStringLiteral("play")));
    bar->addAction(action(QStringLiteral("stepBatch")));
    bar->addAction(action(QStringLiteral("stepEpoch")));
    bar->addAction(action(QStringLiteral("reset")));
    bar->addSeparator();
    bar->addWidget(new QLabel(tr("Speed "), bar));
    m_speed = new QSlider(Qt::Horizontal, bar);
    m_speed->setObjectName(QStringLiteral("speed"));
    m_speed->setRange(0, int(kSpeeds.size()) - 1);
    // 100 epochs/s by default: fast enough to converge in seconds, slow enough to watch.
    m_speed->setValue(int(std::find(kSpeeds.begin(), kSpeeds.end(), 100.0) - kSpeeds.begin()));
    m_speed->setMaximumWidth(160);
    m_speed->setToolTip(tr("Training speed in epochs per second; at the right end, as fast as the machine goes"));
    m_speedLabel = new QLabel(speedText(0), bar);
    m_speedLabel->setMinimumWidth(m_speedLabel->fontMetrics().horizontalAdvance(QStringLiteral("1000 epochs/s")));
    bar->addWidget(m_speed);
    bar->addWidget(m_speedLabel);
    connect(m_speed, &QSlider::valueChanged, this, [this](int index) {
        const double speed = kSpeeds[static_cast<std::size_t>(index)];
        m_speedLabel->setText(speedText(speed));
        m_controller->setSpeed(speed);
    });
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

    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray())) {
        // 1280x800 logical pixels, or less on a small or scaled screen (1.5x on 1080p).
        QSize size(1280, 800);
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableGeometry().size() * 0.95);
        // The minimum still counts the docks that start closed (it grew while they were being
        // added); brought up to date, it lets the window be its proper size.
        layout()->activate();
        resize(size);
    }
    if (!restoreState(settings.value(QStringLiteral("windowState")).toByteArray()))
        applyDefaultLayout();
    const int speed = settings.value(QStringLiteral("speed"), m_speed->value()).toInt();
    m_speed->setValue(std::clamp(speed, 0, m_speed->maximum()));
    m_controller->setSpeed(kSpeeds[static_cast<std::size_t>(m_speed->value())]);
    const QString theme = settings.value(QStringLiteral("theme"), QStringLiteral("system")).toString();
    if (QAction *a = action(QStringLiteral("theme-") + theme))
        a->setChecked(true);
    applyTheme(theme);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("windowState"), saveState());
    settings.setValue(QStringLiteral("config"), configFileToJson(m_document->config()));
    settings.setValue(QStringLiteral("speed"), m_speed->value());
}

void MainWindow::setPresentation(bool on)
{
    if (on == m_presentation->isActive())
        return;
    if (on) {
        // The lesson and the views stay; the settings panels make room for the plane.
        QList<QDockWidget *> keep;
        for (QDockWidget *dock : findChildren<QDockWidget *>()) {
            if (!m_settingsDocks.contains(dock))
                keep.append(dock);
        }
        const QStringList controls = {QStringLiteral("play"), QStringLiteral("stepBatch"),
                                      QStringLiteral("stepEpoch"), QStringLiteral("reset")};
        QList<QAction *> kept;
        for (const QString &name : controls)
            kept.append(action(name));
        m_presentation->enter(keep, kept);
    } else {
        m_presentation->leave();
    }
    action(QStringLiteral("presentation"))->setChecked(on);
    action(QStringLiteral("leavePresentation"))->setEnabled(on);
    updateStyle();
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
    if (!m_closeApproved && m_keeper->isModified()) {
        // Answered at once (Discard), this close goes on; answered later (the question is
        // window-modal, or Save waits for the worker's state), a new close follows.
        m_inCloseEvent = true;
        whenUnsavedWorkIsSafe([this] {
            m_closeApproved = true;
            if (!m_inCloseEvent)
                close();
        });
        m_inCloseEvent = false;
        if (!m_closeApproved) {
            event->ignore();
            return;
        }
    }
    m_controller->pause();
    // A clean exit leaves nothing to recover, unless the user has not yet answered about an
    // earlier run's autosave.
    m_keeper->setEnabled(false);
    if (!isRecoveryPending())
        m_keeper->discardAutosave();
    event->accept();
}

void MainWindow::newDocument()
{
    const Config config = defaultConfig();
    m_sync->start(Session{config, generateDataset(config.data), std::nullopt});
    m_banner->hide();
    m_filePath.clear();
    m_keeper->markClean(nullptr, true, m_filePath);
    updateTitle();
}

void MainWindow::startLesson(const Lesson &lesson, int variant)
{
    if (variant < 0 || variant >= int(lesson.variants.size()))
        return;
    whenUnsavedWorkIsSafe([this, lesson, variant] {
        const LessonVariant &v = lesson.variants[std::size_t(variant)];
        for (QDockWidget *dock : std::as_const(m_settingsDocks))
            clearLessonControls(dock->widget());
        applySession(v.session);
        m_filePath.clear();
        m_keeper->markClean(nullptr, true, m_filePath);
        updateTitle();
        m_lesson = v;
        for (QDockWidget *dock : std::as_const(m_settingsDocks))
            applyLessonControls(dock->widget(), v.locked, v.highlighted);
        // The loss plot shares its place with the analysis views: those come to the front.
        std::vector<LessonView> views = lesson.views;
        std::stable_partition(views.begin(), views.end(), [](LessonView v) { return v == LessonView::Loss; });
        for (LessonView view : views) {
            const QString name = QString::fromLatin1(lessonViewKey(view));
            QDockWidget *dock = view == LessonView::Loss ? findChild<QDockWidget *>(QStringLiteral("lossDock"))
                                                         : m_viewDocks->dock(name);
            if (dock) {
                dock->show();
                dock->raise();
            }
        }
        // Fast enough that the lesson's phenomenon shows within about 20 seconds.
        if (lesson.epochs > 0) {
            const double speed = kSpeeds[static_cast<std::size_t>(m_speed->value())];
            if (speed > 0 && speed * 20 < double(lesson.epochs)) {
                const auto fast = std::find_if(kSpeeds.begin(), kSpeeds.end(), [&](double s) {
                    return s == 0 || s * 20 >= double(lesson.epochs);
                });
                m_speed->setValue(int(fast - kSpeeds.begin()));
            }
        }
        statusBar()->showMessage(tr("Lesson: %1. Press Play (Space) to start.")
                                     .arg(QString::fromStdString(lesson.title)), 10000);
    });
}

void MainWindow::applySession(const Session &session)
{
    m_sync->start(session);
    m_banner->hide();
}

bool MainWindow::openFile(const QString &path)
{
    const SessionReadResult read = loadSession(path.toStdString());
    if (!read.session) {
        showError(tr("Cannot open the file"), QString::fromStdString(read.error));
        return false;
    }
    const Session &session = *read.session;
    applySession(session);
    m_filePath = QFileInfo(path).absoluteFilePath();
    addRecentFile(m_filePath);
    m_keeper->markClean(session.state ? &*session.state : nullptr, true, m_filePath);
    updateTitle();
    statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
    return true;
}

void MainWindow::saveFile(const QString &path)
{
    m_viewDocks->recordRunNow();
    m_sync->flush();  // the worker answers with every edit made so far
    m_pendingSaves.emplace(m_controller->requestSession(), path);
}

void MainWindow::onSessionReady(std::uint64_t request, const Session &answer)
{
    const auto pending = m_pendingSaves.find(request);
    if (pending == m_pendingSaves.end())
        return;
    const QString path = pending->second;
    m_pendingSaves.erase(pending);
    // The worker's own config, data and weights: they belong together even when the document
    // changed while it answered. A worker without a network yet has only the document to save.
    const Session session = answer.state ? answer : Session{m_document->config(), m_document->dataset(), std::nullopt};
    const std::string error = saveSession(path.toStdString(), session);
    std::function<void()> proceed;
    if (request == m_proceedRequest) {
        proceed = std::exchange(m_proceedAfterSave, {});
        m_proceedRequest = 0;
    }
    if (!error.empty()) {
        showError(tr("Cannot save the session"), QString::fromStdString(error));
    } else {
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
        m_filePath = QFileInfo(path).absoluteFilePath();
        addRecentFile(m_filePath);
        m_keeper->markSaved(session, m_filePath);
        updateTitle();
    }
    emit saved(path, QString::fromStdString(error));
    if (proceed && error.empty())
        proceed();
}

bool MainWindow::importCsv(const QString &path)
{
    const CsvReadResult read = readCsvFile(path.toStdString());
    if (!read.dataset) {
        showError(tr("Cannot import the data"), QString::fromStdString(read.error));
        return false;
    }
    const Dataset &dataset = *read.dataset;
    const Config config = fitConfigToData(m_document->config(), dataset.task, dataset.classCount);
    m_document->changeDataset(dataset, tr("Import Data"), &config);
    statusBar()->showMessage(tr("Imported %1 points from %2").arg(dataset.points.size()).arg(path), 5000);
    return true;
}

bool MainWindow::exportCsv(const QString &path)
{
    const std::string error = writeCsvFile(path.toStdString(), m_document->dataset());
    if (!error.empty()) {
        showError(tr("Cannot export the data"), QString::fromStdString(error));
        return false;
    }
    statusBar()->showMessage(tr("Exported %1 points to %2").arg(m_document->dataset().points.size()).arg(path), 5000);
    return true;
}

void MainWindow::onConfigChanged()
{
    m_viewDocks->setSource();
    if (m_lesson) {
        // The network panel rebuilds its layer rows on a change; the lesson's locks follow.
        for (QDockWidget *dock : std::as_const(m_settingsDocks))
            applyLessonControls(dock->widget(), m_lesson->locked, m_lesson->highlighted);
    }
    m_lossPlot->setClassification(m_document->dataset().isClassification());
}

void MainWindow::onDatasetChanged()
{
    m_viewDocks->setSource();
    m_evaluator->setDataset(m_document->dataset(), m_document->datasetRevision());
    m_lossPlot->setClassification(m_document->dataset().isClassification());
}

void MainWindow::onSnapshotChanged()
{
    const TrainingSnapshot &s = m_controller->latest();
    m_evaluator->submit(s.model, s.serial);
    m_viewDocks->observeSnapshot();
    updateStatus();
}

void MainWindow::onMessage(const TrainingMessage &message)
{
    using Kind = TrainingMessage::Kind;
    if (message.kind == Kind::Diverged || message.kind == Kind::Reinitialised)
        m_banner->showMessage(message.text,
                              message.kind == Kind::Diverged ? MessageBanner::Warning : MessageBanner::Information);
    statusBar()->showMessage(message.text, 8000);
}

void MainWindow::updateStatus()
{
    const TrainingSnapshot &s = m_controller->latest();
    const History &h = m_controller->history();
    m_statusEpoch->setText(tr("Epoch %1 · step %2").arg(s.epoch).arg(s.step));
    if (h.empty()) {
        m_statusLoss->clear();
        m_statusQuality->clear();
    } else {
        const HistoryRecord &r = h.back();
        m_statusLoss->setText(tr("Loss %1 / %2").arg(formatLoss(r.train.loss), formatLoss(r.validation.loss)));
        if (m_document->dataset().isClassification())
            m_statusQuality->setText(
                tr("Accuracy %1 / %2").arg(formatPercent(r.train.accuracy), formatPercent(r.validation.accuracy)));
        else
            m_statusQuality->setText(tr("RMSE %1 / %2").arg(formatLoss(r.train.rmse), formatLoss(r.validation.rmse)));
    }
    m_statusRate->setText(s.running ? tr("%1 M samples/s").arg(s.samplesPerSecond / 1e6, 0, 'f', 2)
                                    : tr("paused"));
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

void MainWindow::applyTheme(const QString &theme)
{
    if (theme == QLatin1String("system")) {
        QApplication::setPalette(QApplication::style()->standardPalette());
    } else {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QPalette p = QApplication::style()->standardPalette();
        if (theme == QLatin1String("dark")) {
            p.setColor(QPalette::Window, QColor(45, 45, 48));
            p.setColor(QPalette::WindowText, QColor(230, 230, 230));
            p.setColor(QPalette::Base, QColor(30, 30, 32));
            p.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
            p.setColor(QPalette::Text, QColor(230, 230, 230));
            p.setColor(QPalette::Button, QColor(55, 55, 58));
            p.setColor(QPalette::ButtonText, QColor(230, 230, 230));
            p.setColor(QPalette::Highlight, QColor(0, 114, 178));
            p.setColor(QPalette::HighlightedText, Qt::white);
            p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
            p.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
            p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
            p.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
            p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
            p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 120));
        }
        QApplication::setPalette(p);
    }
    QSettings().setValue(QStringLiteral("theme"), theme);
    updateStyle();
}

void MainWindow::showError(const QString &title, const QString &text)
{
    // Window-modal but not blocking: training and the views go on behind it.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    statusBar()->showMessage(title + QStringLiteral(": ") + text, 10000);
}

void MainWindow::updateTitle()
{
    const QString name = m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
    setWindowTitle(tr("%1[*] — Neural Playground").arg(name));
    setWindowModified(m_keeper->isModified());
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files.at(i);
        QString name = QFileInfo(path).fileName();
        QAction *a = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(name.replace(u'&', QStringLiteral("&&"))));
        a->setData(path);
        a->setStatusTip(path);
        connect(a, &QAction::triggered, this, [this, path] { openRecent(path); });
    }
    m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("&Clear List"), this, [] { clearRecentFiles(); });
    clear->setEnabled(!files.isEmpty());
}

void MainWindow::openRecent(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        removeRecentFile(path);
        showError(tr("Cannot open the file"),
                  tr("%1 no longer exists, so it was removed from the recent files.").arg(path));
        return;
    }
    whenUnsavedWorkIsSafe([this, path] { openFile(path); });
}

void MainWindow::saveOrAsk()
{
    if (m_filePath.isEmpty())
        action(QStringLiteral("saveAs"))->trigger();
    else
        saveFile(m_filePath);
}

void MainWindow::whenUnsavedWorkIsSafe(const std::function<void()> &proceed)
{
    if (!m_keeper->isModified()) {
        proceed();
        return;
    }
    if (m_unsavedPrompt) {
        onUnsavedChoice(m_unsavedPrompt(), proceed);
        return;
    }
    if (findChild<QMessageBox *>(QStringLiteral("unsavedBox")))
        return;  // already asking
    const QString name = m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"), tr("Save the changes to “%1”?").arg(name),
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("unsavedBox"));
    box->setInformativeText(m_document->undoStack()->isClean() && m_keeper->isTrainingModified()
                                ? tr("The network trained to epoch %1 will be lost if you do not save it.")
                                      .arg(m_controller->latest().epoch)
                                : tr("Your changes will be lost if you do not save them."));
    box->setDefaultButton(QMessageBox::Save);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Window-modal but not blocking: training and the views go on while the user decides.
    connect(box, &QMessageBox::finished, this, [this, box, proceed] {
        const QMessageBox::StandardButton button = box->standardButton(box->clickedButton());
        onUnsavedChoice(button == QMessageBox::Save      ? UnsavedChoice::Save
                        : button == QMessageBox::Discard ? UnsavedChoice::Discard
                                                         : UnsavedChoice::Cancel,
                        proceed);
    });
    box->open();
}

void MainWindow::onUnsavedChoice(UnsavedChoice choice, const std::function<void()> &proceed)
{
    if (choice == UnsavedChoice::Cancel)
        return;
    if (choice == UnsavedChoice::Discard) {
        proceed();
        return;
    }
    QString path = m_filePath;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Save session"), tr("session.json"), tr("Sessions (*.json)"));
    if (path.isEmpty())
        return;
    // Training stops first, so the network saved is the one the user leaves.
    m_controller->pause();
    m_proceedAfterSave = proceed;
    saveFile(path);
    m_proceedRequest = m_controller->lastCommand();
}

void MainWindow::offerRecovery()
{
    // The previous run's autosave stays untouched until the user answers.
    m_keeper->setEnabled(false);
    // A bar across the whole window, below the toolbar: clear, yet nothing waits for it.
    auto *bar = new QToolBar(tr("Recovery"), this);
    bar->setObjectName(QStringLiteral("recoveryBar"));
    bar->setMovable(false);
    bar->setFloatable(false);
    auto *content = new QFrame(bar);
    content->setObjectName(QStringLiteral("recoveryContent"));
    content->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    content->setStyleSheet(QStringLiteral("#recoveryContent { background: #d8e9f6; border: 1px solid #b0b0b0; "
                                          "border-radius: 4px; } #recoveryContent QLabel { color: #1a1a1a; }"));
    const QDateTime when = QFileInfo(SessionKeeper::autosavePath()).lastModified();
    auto *label = new QLabel(tr("Neural Playground did not close properly. Restore the session saved "
                                "automatically at %1?")
                                 .arg(QLocale().toString(when, QLocale::ShortFormat)),
                             content);
    label->setWordWrap(true);
    auto *restore = new QPushButton(tr("&Restore"), content);
    restore->setObjectName(QStringLiteral("restoreAutosave"));
    auto *discard = new QPushButton(tr("&Discard"), content);
    discard->setObjectName(QStringLiteral("discardAutosave"));
    connect(restore, &QPushButton::clicked, this, [this] { resolveRecovery(true); });
    connect(discard, &QPushButton::clicked, this, [this] { resolveRecovery(false); });
    auto *layout = new QHBoxLayout(content);
    layout->setContentsMargins(8, 2, 4, 2);
    layout->addWidget(label, 1);
    layout->addWidget(restore);
    layout->addWidget(discard);
    bar->addWidget(content);
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, bar);
    m_recoveryBar = bar;
}

void MainWindow::resolveRecovery(bool restore)
{
    if (!m_recoveryBar)
        return;
    removeToolBarBreak(m_recoveryBar);
    removeToolBar(m_recoveryBar);
    m_recoveryBar->deleteLater();
    m_recoveryBar = nullptr;
    m_keeper->setEnabled(true);
    if (restore) {
        const SessionReadResult read = m_keeper->readAutosave();
        if (read.session) {
            applySession(*read.session);
            // Nothing on disk holds this work, so it stays marked modified until saved; the
            // autosave stays too, as its only copy.
            m_filePath = m_keeper->autosaveOrigin();
            m_keeper->markRecovered(read.session->state ? &*read.session->state : nullptr, m_filePath);
            updateTitle();
            statusBar()->showMessage(tr("Restored the automatically saved session"), 5000);
            return;
        }
        showError(tr("Cannot restore the automatically saved session"), QString::fromStdString(read.error));
    }
    m_keeper->discardAutosave();
}

}  // namespace np
