#pragma once

#include "session/lesson.h"

#include <QList>
#include <QObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

class QDialog;
class QDockWidget;
class QMainWindow;

namespace np {

class Document;
class SessionFiles;
class SessionKeeper;
class SpeedControl;
class TrainingController;
class TrainerSync;
class ViewDocks;

/// Runs a lesson: loads its session as scratch work, locks and highlights the settings it
/// names, brings its views forward and sets a speed at which its phenomenon shows in about 20
/// seconds. Ending it unlocks the settings. Follows the lesson panel's start and end.
///
/// Nothing modal stands between a teacher and the next lesson: a lesson's own run is scratch
/// work (recorded in Runs under the variant's title, autosaved like any session) and is
/// replaced without a question. Only the user's own unsaved edits (painted points, changed
/// settings, an opened file's progress) are kept aside; the banner then offers Undo, which
/// brings them back.
class LessonRunner : public QObject
{
    Q_OBJECT

public:
    /// settingsDocks hold the controls a lesson locks and highlights.
    LessonRunner(QMainWindow *window, Document *document, SessionFiles *files, ViewDocks *viewDocks,
                 SpeedControl *speed, const QList<QDockWidget *> &settingsDocks);

    void start(const Lesson &lesson, int variant);
    void end();
    /// Brings back the work the last lesson switch set aside (the banner's Undo); false when
    /// there is none.
    bool undoSwitch();
    bool canUndoSwitch() const { return m_kept.has_value(); }
    /// The kept work holds the trained network too (the worker has answered).
    bool keptNetwork() const { return m_kept && m_kept->session.state.has_value(); }
    /// File › Save as Lesson: the dialog, with the views that show ticked and the user's lesson
    /// files to add a variant to; what it saves is listed under "My lessons" at once. Returns
    /// the dialog (open, window-modal, deleted when closed).
    QDialog *saveAsLesson(const std::vector<std::pair<QString, QWidget *>> &panels);
    /// The running lesson's title ("XOR · Perceptron"), or empty.
    QString runningTitle() const { return m_title; }

private:
    /// The user's work a lesson switch set aside, with what it belonged to.
    struct KeptWork
    {
        Session session;
        QString filePath;
        std::optional<LessonVariant> lesson;
        QString title;
        std::uint64_t request = 0;  // the worker's answer with the trained network, until it came
    };

    bool hasUserWork() const;
    void keepUserWork();
    void onSessionReady(std::uint64_t request, const Session &session);
    void clearLocks();
    void applyLocks();
    void bringViewsForward(std::vector<LessonView> views);

    QMainWindow *m_window;
    Document *m_document;
    SessionFiles *m_files;
    SessionKeeper *m_keeper;
    TrainingController *m_controller;
    TrainerSync *m_sync;
    ViewDocks *m_viewDocks;
    SpeedControl *m_speed;
    QList<QDockWidget *> m_settingsDocks;
    std::optional<LessonVariant> m_lesson;  // the running lesson's locks
    std::vector<LessonView> m_views;        // and the views it brings forward
    QString m_title;
    std::optional<KeptWork> m_kept;
};

/// "XOR · Perceptron": the lesson's title and, when it has several, the variant's.
QString lessonRunTitle(const Lesson &lesson, int variant);

}  // namespace np
