#include "lessonrunner.h"

#include "document.h"
#include "lessonpanel.h"
#include "sessionfiles.h"
#include "speedcontrol.h"
#include "viewdocks.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QStatusBar>

#include <algorithm>

namespace np {

LessonRunner::LessonRunner(QMainWindow *window, Document *document, SessionFiles *files, ViewDocks *viewDocks,
                           SpeedControl *speed, const QList<QDockWidget *> &settingsDocks)
    : QObject(window)
    , m_window(window)
    , m_files(files)
    , m_viewDocks(viewDocks)
    , m_speed(speed)
    , m_settingsDocks(settingsDocks)
{
    connect(viewDocks->lessonPanel(), &LessonPanel::lessonStarted, this, &LessonRunner::start);
    connect(viewDocks->lessonPanel(), &LessonPanel::lessonEnded, this, &LessonRunner::end);
    // The network panel rebuilds its layer rows on a change; the lesson's locks follow.
    connect(document, &Document::configChanged, this, [this] {
        if (m_lesson)
            applyLocks();
    });
}

void LessonRunner::start(const Lesson &lesson, int variant)
{
    if (variant < 0 || variant >= int(lesson.variants.size()))
        return;
    m_files->whenUnsavedWorkIsSafe([this, lesson, variant] {
        const LessonVariant &v = lesson.variants[std::size_t(variant)];
        // The previous lesson ends first: its locks must not follow the new settings in.
        end();
        m_files->startScratch(v.session);
        m_lesson = v;
        applyLocks();
        bringViewsForward(lesson);
        m_speed->fitEpochs(lesson.epochs);
        m_window->statusBar()->showMessage(tr("Lesson: %1. Press Play (Space) to start.")
                                               .arg(QString::fromStdString(lesson.title)), 10000);
    });
}

void LessonRunner::end()
{
    m_lesson.reset();
    clearLocks();
}

void LessonRunner::clearLocks()
{
    for (QDockWidget *dock : std::as_const(m_settingsDocks))
        clearLessonControls(dock->widget());
}

void LessonRunner::applyLocks()
{
    for (QDockWidget *dock : std::as_const(m_settingsDocks))
        applyLessonControls(dock->widget(), m_lesson->locked, m_lesson->highlighted);
}

void LessonRunner::bringViewsForward(const Lesson &lesson)
{
    // The loss plot shares its place with the analysis views: those come to the front.
    std::vector<LessonView> views = lesson.views;
    std::stable_partition(views.begin(), views.end(), [](LessonView v) { return v == LessonView::Loss; });
    for (LessonView view : views) {
        QDockWidget *dock = view == LessonView::Loss
                                ? m_window->findChild<QDockWidget *>(QStringLiteral("lossDock"))
                                : m_viewDocks->dock(QString::fromLatin1(lessonViewKey(view)));
        if (dock) {
            dock->show();
            dock->raise();
        }
    }
}

}  // namespace np
