#pragma once

#include "io/sessionjson.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QLockFile;

namespace np {

class Document;
class TrainingController;

/// How long one autosave took: the copy on the GUI thread, then (on a worker thread) turning
/// the session into JSON and writing it to disk atomically.
struct AutosaveTimings
{
    double copyMs = 0.0;
    double serialiseMs = 0.0;
    double writeMs = 0.0;
    qint64 bytes = 0;
};

/// Keeps the user's work from being lost. It tells whether the document or the trained network
/// differ from what was last saved or opened (the window's modified marker and close prompt),
/// autosaves the whole session a few seconds after a change, and finds what a crashed or killed
/// run left. Each keeper (one per window) writes its own autosave, in a slot it holds with a
/// lock file for its lifetime: <AppDataLocation>/autosave/session.json for the first,
/// session-2.json … for windows open at the same time, in this process or another. A keeper
/// takes a slot whose owner crashed (its autosave is there, its lock stale) before an empty one,
/// so each window after a crash offers back one crashed window's work. The autosave is written
/// off the GUI thread; a clean exit removes it.
class SessionKeeper : public QObject
{
    Q_OBJECT

public:
    SessionKeeper(Document *document, TrainingController *controller, QObject *parent = nullptr);
    ~SessionKeeper() override;

    /// The first slot's autosave (the one a single window writes).
    static QString autosavePath();
    /// This keeper's own autosave.
    QString autosaveFile() const { return m_path; }
    /// Autosaves of other windows that ended without a clean exit (their slot is free, their file
    /// is there): each is offered by the next window opened.
    int orphanedAutosaves() const;
    bool hasAutosave() const;
    /// The autosaved session, validated like any session file.
    SessionReadResult readAutosave() const;
    /// The file the autosaved session was last opened from or saved to; empty if none.
    QString autosaveOrigin() const;
    /// Removes the autosave (clean exit, or the user discarded it) after any write in flight.
    void discardAutosave();

    /// While disabled nothing is written: a previous run's autosave waits for the user's decision.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    /// Autosave delay after the last edit, and the shortest interval between autosaves while
    /// training (a running session changes all the time).
    void setDelays(int afterChangeMs, int whileTrainingMs);

    /// The document and the trainer now match a file: `state` is what was saved or opened, or
    /// null when the trainer starts afresh (new document, config file). `restarting`: the trainer
    /// was sent a reset or restore, so snapshots of the current generation are stale. Removes
    /// the autosave, which holds nothing the file does not.
    void markClean(const TrainerState *state, bool restarting, const QString &filePath);
    /// After a save of `saved` to filePath: the trained network is saved, and the document is
    /// too if it still is what was saved (an edit made while the worker answered is in no file).
    void markSaved(const Session &saved, const QString &filePath);
    /// After restoring an autosave: nothing on disk holds this work, so it counts as modified.
    void markRecovered(const TrainerState *state, const QString &filePath);
    /// The document differs from the last save (undo back to it clears this), or the weights do.
    bool isModified() const;
    bool isTrainingModified() const { return m_trainingModified; }
    /// The user's own edits are unsaved: the document differs from the last save (painted
    /// points, changed settings), or it was restored from an autosave or a kept copy that no
    /// file holds. Training progress alone is not counted.
    bool isDocumentModified() const;

signals:
    void modifiedChanged(bool modified);
    /// An autosave finished (error empty on success).
    void autosaved(const QString &error, const np::AutosaveTimings &timings);

private:
    void setBaseline(const TrainerState *state, bool restarting, bool documentSaved = true);
    void onDocumentChanged();
    void onSnapshotChanged();
    void onSessionReady(std::uint64_t request, const Session &session);
    void requestAutosave();
    void scheduleAfterTraining();
    void updateModified();

    void claimSlot();

    Document *m_document;
    TrainingController *m_controller;
    QString m_path;                            // this keeper's autosave
    std::unique_ptr<QLockFile> m_slot;   // held while the keeper lives
    QTimer m_timer;
    QThreadPool m_writer;  // one thread: autosaves are written in order, never two at once
    QElapsedTimer m_sinceWrite;
    int m_afterChangeMs = 3000;
    int m_whileTrainingMs = 5000;
    bool m_enabled = true;
    std::uint64_t m_awaitingSession = 0;  // the request an autosave waits for; 0: none
    bool m_writing = false;
    QString m_filePath;

    // What the trainer held at the last save or open, to tell training progress from it.
    std::optional<std::uint64_t> m_staleGeneration;  // snapshots from before a restart
    std::int64_t m_cleanStep = 0;
    std::vector<Scalar> m_cleanParameters;  // empty: a fresh network, untrained (step 0)
    bool m_weightsEdited = false;
    bool m_trainingModified = false;
    bool m_recovered = false;
    bool m_modified = false;
    // The previous snapshot, to tell training progress from a repeated publication.
    std::uint64_t m_seenGeneration = 0;
    std::int64_t m_seenStep = -1;
};

/// The File > Open Recent list, kept in QSettings: newest first, no duplicates, at most
/// kMaxRecentFiles entries.
inline constexpr int kMaxRecentFiles = 8;
QStringList recentFiles();
void addRecentFile(const QString &path);
void removeRecentFile(const QString &path);
void clearRecentFiles();

}  // namespace np

Q_DECLARE_METATYPE(np::AutosaveTimings)
