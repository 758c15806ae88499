// MainWindow's commands: its actions (with their shortcuts, kept on the window so that they work
// with the menu bar hidden in presentation) and the menus that list them.

#include "mainwindow.h"

#include "boundaryview.h"
#include "closedformview.h"
#include "csvfiles.h"
#include "datapanel.h"
#include "document.h"
#include "exportmenu.h"
#include "helpmenu.h"
#include "lessonrunner.h"
#include "lossplot.h"
#include "networkpanel.h"
#include "painttool.h"
#include "sessionfiles.h"
#include "theme.h"
#include "trainingactions.h"
#include "trainingpanel.h"
#include "viewdocks.h"

#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QUndoStack>

#include <vector>

namespace np {

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
        [this] { m_files->whenUnsavedWorkIsSafe([this] { m_files->newDocument(); }); });
    add(QStringLiteral("open"), tr("&Open…"), QKeySequence::Open, [this] { m_files->openWithDialog(); });
    add(QStringLiteral("save"), tr("&Save"), QKeySequence::Save, [this] { m_files->saveOrAsk(); });
    add(QStringLiteral("saveAs"), tr("Save &As…"), QKeySequence::SaveAs, [this] { m_files->saveWithDialog(); });
    add(QStringLiteral("importCsv"), tr("&Import Data (CSV)…"), {}, [this] { importCsvWithDialog(this, m_document); });
    add(QStringLiteral("exportCsv"), tr("&Export Data (CSV)…"), {}, [this] { exportCsvWithDialog(this, m_document); });
    add(QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit, [this] { close(); });

    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redo"));
    redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    addActions({undo, redo});  // with the menu bar hidden (presentation mode) too

    m_training = new TrainingActions(this, m_controller, m_sync);

    for (int k = 0; k < 8; ++k) {
        auto *pick = add(QStringLiteral("class%1").arg(k + 1), tr("Paint Class %1").arg(k + 1),
                         QKeySequence(Qt::Key_1 + k), [this, k] {
                             if (k < m_document->dataset().classCount || !m_document->dataset().isClassification())
                                 m_paintTool->setCurrentClass(k);
                         });
        pick->setShortcutContext(Qt::WindowShortcut);
    }

    auto toggle = [&](const QString &name, const QString &text, const QKeySequence &shortcut, bool on, auto slot) {
        QAction *a = add(name, text, shortcut, slot);
        a->setCheckable(true);
        a->setChecked(on);
        return a;
    };
    toggle(QStringLiteral("showTraining"), tr("Show &Training Points"), {}, true,
           [this](bool on) { m_boundaryView->setShowTraining(on); });
    toggle(QStringLiteral("showValidation"), tr("Show &Validation Points"), {}, true,
           [this](bool on) { m_boundaryView->setShowValidation(on); });
    toggle(QStringLiteral("discretize"), tr("&Discretise Output"), QKeySequence(tr("D")), false,
           [this](bool on) { m_boundaryView->setDiscretize(on); })
        ->setToolTip(tr("Flat class regions instead of confidence shading (D)"));
    toggle(QStringLiteral("logScale"), tr("&Log Scale for Loss"), QKeySequence(tr("L")), false,
           [this](bool on) { m_lossPlot->setLogScale(on); });
    toggle(QStringLiteral("presentation"), tr("&Presentation Mode"), QKeySequence(Qt::Key_F11), false,
           [this](bool on) { setPresentation(on); })
        ->setToolTip(tr("Full screen for a projector: large type, high-contrast colours, only the training controls (F11, Esc leaves)"));
    // Esc leaves presentation; only then, so Esc keeps its meaning in the panels otherwise.
    add(QStringLiteral("leavePresentation"), tr("Leave Presentation"), QKeySequence(Qt::Key_Escape),
        [this] { setPresentation(false); })
        ->setEnabled(false);

    toggle(QStringLiteral("learningRateTrack"), tr("Show Learning &Rate"), {}, false,
           [this](bool on) { m_lossPlot->setShowLearningRate(on); });
    add(QStringLiteral("resetLayout"), tr("Reset &Layout"), {}, [this] { resetLayout(); })
        ->setToolTip(tr("Put every dock and toolbar back where a fresh start has them"));
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({action(QStringLiteral("new")), action(QStringLiteral("open"))});
    QMenu *recent = file->addMenu(tr("Open &Recent"));
    recent->setObjectName(QStringLiteral("recentMenu"));
    m_files->attachRecentMenu(recent);
    file->addActions({action(QStringLiteral("save")), action(QStringLiteral("saveAs"))});
    file->addSeparator();
    file->addActions({action(QStringLiteral("importCsv")), action(QStringLiteral("exportCsv"))});
    QMenu *exports = file->addMenu(tr("E&xport"));
    exports->setObjectName(QStringLiteral("exportMenu"));
    std::vector<const Figure *> figures = {m_boundaryView, m_lossPlot};
    for (const Figure *figure : m_viewDocks->figures())
        figures.push_back(figure);
    fillExportMenu(exports, this, m_controller, figures);
    file->addAction(tr("Save as &Lesson…"), this, [this] {
        findChild<LessonRunner *>()->saveAsLesson(
            {{tr("Data"), m_dataPanel}, {tr("Network"), m_networkPanel}, {tr("Training"), m_trainingPanel}});
    })->setObjectName(QStringLiteral("saveAsLesson"));
    file->addSeparator();
    file->addAction(action(QStringLiteral("quit")));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({action(QStringLiteral("undo")), action(QStringLiteral("redo"))});
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
    for (const char *name : {"showTraining", "showValidation", "discretize", "logScale", "learningRateTrack"})
        view->addAction(action(QLatin1String(name)));
    // The plane's own switches (rings around misclassified points, its key); on the window too,
    // so their keys work with the menu bar hidden.
    view->addActions({m_boundaryView->misclassifiedAction(), m_boundaryView->legendAction()});
    addActions({m_boundaryView->misclassifiedAction(), m_boundaryView->legendAction()});
    view->addSeparator();
    view->addAction(action(QStringLiteral("presentation")));
    view->addAction(action(QStringLiteral("resetLayout")));
    m_theme = new ThemeMenu(view);
    connect(m_theme, &ThemeMenu::changed, this, &MainWindow::updateStyle);

    QMenu *train = menuBar()->addMenu(tr("&Train"));
    train->addActions(m_training->actions());
    train->addSeparator();
    train->addAction(m_viewDocks->closedFormView()->solveAction());

    m_help = new HelpMenu(this, menuBar()->addMenu(tr("&Help")));
}

}  // namespace np
