#pragma once

#include "session/lesson.h"

#include <QList>
#include <QObject>

#include <optional>

class QDockWidget;
class QMainWindow;

namespace np {

class Document;
class SessionFiles;
class SpeedControl;
class ViewDocks;

/// Runs a lesson: loads its session as scratch work (after asking about unsaved work), locks
/// and highlights the settings it names, brings its views forward and sets a speed at which
/// its phenomenon shows in about 20 seconds. Ending it unlocks the settings. Follows the
/// lesson panel's start and end.
class LessonRunner : public QObject
{
    Q_OBJECT

public:
    /// settingsDocks hold the controls a lesson locks and highlights.
    LessonRunner(QMainWindow *window, Document *document, SessionFiles *files, ViewDocks *viewDocks,
                 SpeedControl *speed, const QList<QDockWidget *> &settingsDocks);

    void start(const Lesson &lesson, int variant);
    void end();

private:
    void clearLocks();
    void applyLocks();
    void bringViewsForward(const Lesson &lesson);

    QMainWindow *m_window;
    SessionFiles *m_files;
    ViewDocks *m_viewDocks;
    SpeedControl *m_speed;
    QList<QDockWidget *> m_settingsDocks;
    std::optional<LessonVariant> m_lesson;  // the running lesson's locks
};

}  // namespace np
