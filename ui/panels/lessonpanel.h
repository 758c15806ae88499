#pragma once

#include "lessoncontrols.h"
#include "session/lesson.h"

#include <QMetaType>
#include <QStringList>
#include <QWidget>

#include <string>
#include <vector>

class QGridLayout;
class QLabel;
class QPushButton;
class QTextBrowser;
class QTreeWidget;

namespace np {

/// The lesson files the user saved or opened, newest last, kept in QSettings ("lessons/files").
QStringList rememberedLessonFiles();
void rememberLessonFile(const QString &path);
void forgetLessonFile(const QString &path);

/// The Lessons panel: the built-in lessons as a course (grouped by chapter, in file order), then
/// the user's own lesson files under "My lessons", the selected lesson's title and explanation,
/// and a start button per variant ("Start lesson" for a lesson without variants). "Open
/// lesson…" adds a lesson file to the list; "End lesson" asks to unlock the controls.
///
/// The user's lesson files are remembered across restarts; a file that no longer exists (or
/// no longer reads as a lesson) is dropped from the list with a note saying so.
///
/// Controls by objectName: "lessonList" (tree: chapters, then lessons), "lessonText" (text
/// browser), "startLesson" (single variant) or "startLesson.<key>" (one per variant),
/// "openLesson", "endLesson" (enabled while a lesson runs), "lessonNote" (label: files dropped
/// from My lessons).
class LessonPanel : public QWidget
{
    Q_OBJECT

public:
    /// Loads the built-in lessons from kBuiltinLessonsPath and the remembered lesson files.
    explicit LessonPanel(QWidget *parent = nullptr);

    /// The group the user's own lessons are listed under.
    static QString myLessonsTitle();

    const std::vector<Lesson> &lessons() const { return m_lessons; }
    /// Replaces the list (e.g. with lessons from a folder) and selects the first lesson.
    void setLessons(std::vector<Lesson> lessons);
    /// The file lesson i was read from: empty for a built-in lesson.
    QString lessonFile(int index) const;
    /// Index into lessons(), or -1.
    int currentLesson() const { return m_current; }
    void setCurrentLesson(int index);
    /// Reads a lesson file, lists it under "My lessons" (again in its place when it is listed
    /// already, e.g. after a variant was added to it), remembers it and selects it. Returns the
    /// error (naming the file), or empty.
    std::string openLessonFile(const QString &path);
    /// Takes a user's lesson off the list and forgets it (the file stays).
    void removeLessonFile(const QString &path);
    /// What the panel said about remembered files it dropped; empty when none.
    QString note() const;
    /// Tells the panel whether a lesson is running (enables "End lesson").
    void setLessonRunning(bool running);

signals:
    /// The user asked to start variant `variant` of `lesson`: load its session, apply its
    /// locks and highlights, open its views.
    void lessonStarted(const np::Lesson &lesson, int variant);
    /// The user asked to end the running lesson: clear the locks and highlights.
    void lessonEnded();

private:
    void rebuildList();
    void showLesson();
    void chooseLessonFile();
    void loadRememberedFiles();
    void showListMenu(const QPoint &pos);

    std::vector<Lesson> m_lessons;
    std::vector<QString> m_files;  // per lesson: the file it came from; empty for built-in ones
    int m_current = -1;
    QTreeWidget *m_list = nullptr;
    QTextBrowser *m_text = nullptr;
    QGridLayout *m_startLayout = nullptr;
    QPushButton *m_end = nullptr;
    QLabel *m_note = nullptr;
};

}  // namespace np

Q_DECLARE_METATYPE(np::Lesson)
