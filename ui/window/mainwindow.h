#pragma once

#include "session/lesson.h"

#include <QMainWindow>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QSlider;
class QToolBar;

namespace np {

class BoundaryView;
class DataPanel;
class Document;
class LossPlot;
class MessageBanner;
class NetworkPanel;
class PaintTool;
class PresentationMode;
class ViewDocks;
class SessionKeeper;
class TrainerSync;
class TrainingController;
class TrainingPanel;
class ViewEvaluator;
struct Session;
struct TrainerState;
struct TrainingMessage;

/// The main window: assembles the document, the training controller, the views and the
/// panels, and wires menus, shortcuts and persistence. Logic lives in those classes.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_document; }
    TrainingController *controller() const { return m_controller; }
    BoundaryView *boundaryView() const { return m_boundaryView; }
    LossPlot *lossPlot() const { return m_lossPlot; }
    MessageBanner *banner() const { return m_banner; }
    QAction *action(const QString &name) const;

    /// Opens a session or config file; on failure shows why and changes nothing.
    bool openFile(const QString &path);
    /// Saves the document and the trainer's state (asynchronously: the state comes from the worker).
    void saveFile(const QString &path);
    /// Imports a dataset CSV; on failure shows the line and changes nothing.
    bool importCsv(const QString &path);
    bool exportCsv(const QString &path);
    /// The session file the document came from or was last saved to; empty for a new one.
    QString filePath() const { return m_filePath; }
    SessionKeeper *sessionKeeper() const { return m_keeper; }
    /// What to do with unsaved work before it would be lost (closing, New, Open).
    enum class UnsavedChoice { Save, Discard, Cancel };
    /// Answers the Save / Discard / Cancel question without asking (tests); null asks again.
    void setUnsavedPrompt(std::function<UnsavedChoice()> prompt) { m_unsavedPrompt = std::move(prompt); }
    /// Answers the start-up question about a previous run's autosave: restore it, or discard it.
    void resolveRecovery(bool restore);
    bool isRecoveryPending() const { return m_recoveryBar != nullptr; }
    /// Full-screen presentation for a projector (F11), or back.
    void setPresentation(bool on);

signals:
    /// A save finished (error empty on success).
    void saved(const QString &path, const QString &error);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void restoreSettings();
    void applyDefaultLayout();
    void saveSettings() const;
    void newDocument();
    void onConfigChanged();
    void onDatasetChanged();
    void onSnapshotChanged();
    void onMessage(const TrainingMessage &message);
    void onSessionReady(std::uint64_t request, const Session &answer);
    void updateStatus();
    void updateStyle();
    void applyTheme(const QString &theme);
    void showError(const QString &title, const QString &text);
    // File handling: the title, recent files, unsaved work, recovery.
    void applySession(const Session &session);
    void startLesson(const Lesson &lesson, int variant);
    void updateTitle();
    void updateRecentMenu();
    void openRecent(const QString &path);
    void saveOrAsk();
    void offerRecovery();
    void whenUnsavedWorkIsSafe(const std::function<void()> &proceed);
    void onUnsavedChoice(UnsavedChoice choice, const std::function<void()> &proceed);

    Document *m_document;
    PaintTool *m_paintTool;
    TrainingController *m_controller;
    ViewEvaluator *m_evaluator;
    PresentationMode *m_presentation;
    TrainerSync *m_sync;
    ViewDocks *m_viewDocks = nullptr;
    std::optional<LessonVariant> m_lesson;  // the running lesson's locks
    QList<QDockWidget *> m_settingsDocks;  // hidden in presentation mode
    BoundaryView *m_boundaryView = nullptr;
    MessageBanner *m_banner = nullptr;
    LossPlot *m_lossPlot = nullptr;
    DataPanel *m_dataPanel = nullptr;
    NetworkPanel *m_networkPanel = nullptr;
    TrainingPanel *m_trainingPanel = nullptr;
    QSlider *m_speed = nullptr;
    QLabel *m_speedLabel = nullptr;
    QLabel *m_statusEpoch = nullptr;
    QLabel *m_statusLoss = nullptr;
    QLabel *m_statusQuality = nullptr;
    QLabel *m_statusRate = nullptr;
    std::map<std::uint64_t, QString> m_pendingSaves;  // by the request that asked the worker
    SessionKeeper *m_keeper = nullptr;
    QString m_filePath;
    QMenu *m_recentMenu = nullptr;
    QToolBar *m_recoveryBar = nullptr;
    std::function<UnsavedChoice()> m_unsavedPrompt;
    std::uint64_t m_proceedRequest = 0;  // a save the user chose before closing (or New, Open)
    std::function<void()> m_proceedAfterSave;
    bool m_closeApproved = false;
    bool m_inCloseEvent = false;
};

}  // namespace np
