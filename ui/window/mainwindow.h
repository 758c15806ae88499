#pragma once

#include "sessionfiles.h"
#include "session/lesson.h"

#include <QMainWindow>

#include <functional>

class QAction;
class QDockWidget;

namespace np {

class BoundaryView;
class DataPanel;
class Document;
class LossPlot;
class MessageBanner;
class NetworkPanel;
class PaintTool;
class PresentationMode;
class SessionKeeper;
class SpeedControl;
class ThemeMenu;
class TrainerSync;
class TrainingActions;
class TrainingController;
class TrainingPanel;
class HelpMenu;
class ShortcutsDialog;
class UserGuide;
class ViewDocks;
class ViewEvaluator;
class ViewSwitcher;
class WindowLayout;
struct TrainingMessage;

/// The main window: assembles the document, the training controller, the views, the panels,
/// the session files and the lesson runner, and wires menus, shortcuts and settings. Logic
/// lives in those classes.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    using UnsavedChoice = SessionFiles::UnsavedChoice;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_document; }
    TrainingController *controller() const { return m_controller; }
    BoundaryView *boundaryView() const { return m_boundaryView; }
    LossPlot *lossPlot() const { return m_lossPlot; }
    MessageBanner *banner() const { return m_banner; }
    SessionKeeper *sessionKeeper() const { return m_keeper; }
    QAction *action(const QString &name) const;

    /// Opens a session or config file; on failure shows why and changes nothing.
    bool openFile(const QString &path) { return m_files->open(path); }
    /// Saves the session the worker trains (asynchronously: it comes from the worker); saved() follows.
    void saveFile(const QString &path) { m_files->save(path); }
    /// The session file the document came from or was last saved to; empty for a new one.
    QString filePath() const { return m_files->filePath(); }
    /// Imports a dataset CSV; on failure shows the line and changes nothing.
    bool importCsv(const QString &path);
    bool exportCsv(const QString &path);
    /// Answers the Save / Discard / Cancel question without asking (tests); null asks again.
    void setUnsavedPrompt(std::function<UnsavedChoice()> prompt) { m_files->setUnsavedPrompt(std::move(prompt)); }
    /// Answers the start-up question about a previous run's autosave: restore it, or discard it.
    void resolveRecovery(bool restore) { m_files->resolveRecovery(restore); }
    bool isRecoveryPending() const { return m_files->isRecoveryPending(); }
    /// Full-screen presentation for a projector (F11), or back.
    void setPresentation(bool on);
    bool isPresenting() const;
    /// Starts variant `variant` of a lesson as its start button in the Lessons panel does; a
    /// lesson `file` is added to the panel's list first. False (and a message in the status
    /// bar) when the lesson is not in the list or the file cannot be read.
    bool startLesson(const Lesson &lesson, int variant, const QString &file = {});
    /// View › Reset Layout: the docks and toolbars where a fresh start puts them (in
    /// presentation, the presentation layout).
    void resetLayout();
    ViewSwitcher *viewSwitcher() const { return m_switcher; }
    /// Help › User Guide (F1) and Help › Keyboard Shortcuts (?): non-modal, created on first use.
    UserGuide *showUserGuide();
    ShortcutsDialog *showShortcuts();

signals:
    /// A save finished (error empty on success).
    void saved(const QString &path, const QString &error);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void restoreSettings();
    void saveSettings() const;
    void onDocumentChanged(bool data);
    void onSnapshotChanged();
    void showHistory(bool reset);
    void onMessage(const TrainingMessage &message);
    void updateStyle();

    Document *m_document;
    PaintTool *m_paintTool;
    TrainingController *m_controller;
    ViewEvaluator *m_evaluator;
    PresentationMode *m_presentation = nullptr;
    ViewSwitcher *m_switcher = nullptr;
    WindowLayout *m_layout = nullptr;
    HelpMenu *m_help = nullptr;
    TrainerSync *m_sync;
    SessionKeeper *m_keeper;
    SessionFiles *m_files;
    ViewDocks *m_viewDocks = nullptr;
    QList<QDockWidget *> m_settingsDocks;  // hidden in presentation mode
    BoundaryView *m_boundaryView = nullptr;
    MessageBanner *m_banner = nullptr;
    LossPlot *m_lossPlot = nullptr;
    DataPanel *m_dataPanel = nullptr;
    NetworkPanel *m_networkPanel = nullptr;
    TrainingPanel *m_trainingPanel = nullptr;
    TrainingActions *m_training = nullptr;
    SpeedControl *m_speed = nullptr;
    ThemeMenu *m_theme = nullptr;
};

}  // namespace np
