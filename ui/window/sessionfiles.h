#pragma once

#include "session/session.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <map>

class QMainWindow;
class QMenu;
class QToolBar;

namespace np {

class Document;
class SessionKeeper;
class TrainerSync;
class TrainingController;

/// The session the window shows and the file it belongs to: New, Open, Open Recent, Save and
/// Save As, the window title with its modified marker, the Save / Discard / Cancel question
/// before unsaved work would be lost, and the bar that offers a crashed run's autosave back.
class SessionFiles : public QObject
{
    Q_OBJECT

public:
    /// What to do with unsaved work before it would be lost (closing, New, Open).
    enum class UnsavedChoice { Save, Discard, Cancel };

    SessionFiles(QMainWindow *window, Document *document, TrainingController *controller, TrainerSync *sync,
                 SessionKeeper *keeper);

    SessionKeeper *keeper() const { return m_keeper; }
    TrainerSync *sync() const { return m_sync; }
    TrainingController *controller() const { return m_controller; }

    /// The session file the document came from or was last saved to; empty for a new one.
    QString filePath() const { return m_filePath; }

    /// Opens a session or config file; on failure shows why and changes nothing.
    bool open(const QString &path);
    /// Saves the session the worker trains (asynchronously: it comes from the worker); saved() follows.
    void save(const QString &path);
    /// Scratch work that belongs to no file and counts as unchanged: a new document, a lesson.
    void startScratch(const Session &session);
    void newDocument();
    /// Brings back work that no file holds (a copy kept when a lesson replaced it): it belongs
    /// to filePath again, if any, and counts as modified until saved.
    void restoreUnsaved(const Session &session, const QString &filePath);

    /// The File menu's dialogs: each asks first when unsaved work would be lost.
    void openWithDialog();
    void saveOrAsk();
    void saveWithDialog();
    /// Fills the Open Recent menu each time it opens.
    void attachRecentMenu(QMenu *menu);

    /// Runs proceed once nothing unsaved would be lost: at once, or after the user saved or
    /// discarded it; never when the user cancels.
    void whenUnsavedWorkIsSafe(const std::function<void()> &proceed);
    /// Answers the Save / Discard / Cancel question without asking (tests); null asks again.
    void setUnsavedPrompt(std::function<UnsavedChoice()> prompt) { m_unsavedPrompt = std::move(prompt); }

    /// Shows the bar that offers a previous run's autosave back.
    void offerRecovery();
    /// Answers it: restore the autosave, or discard it.
    void resolveRecovery(bool restore);
    bool isRecoveryPending() const { return m_recoveryBar != nullptr; }

    /// The window is asked to close: true when nothing unsaved would be lost. Otherwise asks,
    /// and closes the window again once the work is safe.
    bool approveClose();
    /// The window closes: a clean exit leaves no autosave, unless the user has not yet answered
    /// about an earlier run's.
    void closed();

signals:
    /// A save finished (error empty on success).
    void saved(const QString &path, const QString &error);
    /// A save is about to ask the worker for its session.
    void aboutToSave();
    /// The user asked for windows that offer the other crashed windows' autosaves back.
    void windowsForRecoveryRequested(int count);

private:
    std::uint64_t requestSave(const QString &path);
    void onSessionReady(std::uint64_t request, const Session &answer);
    /// Tells the user when autosaving fails (and when it works again after failing).
    void onAutosaved(const QString &error);
    void onUnsavedChoice(UnsavedChoice choice, const std::function<void()> &proceed);
    void updateTitle();
    void fillRecentMenu(QMenu *menu);
    void openRecent(const QString &path);

    QMainWindow *m_window;
    Document *m_document;
    TrainingController *m_controller;
    TrainerSync *m_sync;
    SessionKeeper *m_keeper;
    QString m_filePath;
    std::map<std::uint64_t, QString> m_pendingSaves;  // by the request that asked the worker
    std::uint64_t m_proceedRequest = 0;  // a save the user chose before closing (or New, Open)
    std::function<void()> m_proceedAfterSave;
    std::function<UnsavedChoice()> m_unsavedPrompt;
    QToolBar *m_recoveryBar = nullptr;
    bool m_closeApproved = false;
    bool m_inCloseEvent = false;
    bool m_autosaveFailing = false;  // the last autosave failed and the user was told
};

}  // namespace np
