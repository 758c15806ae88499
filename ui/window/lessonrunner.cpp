#include "lessonrunner.h"

#include "document.h"
#include "lessonpanel.h"
#include "messagebanner.h"
#include "optimizerview.h"
#include "presentationmode.h"
#include "savelessondialog.h"
#include "sessionfiles.h"
#include "sessionkeeper.h"
#include "speedcontrol.h"
#include "trainersync.h"
#include "trainingcontroller.h"
#include "viewdocks.h"

#include <QDir>
#include <QDockWidget>
#include <QMainWindow>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>

namespace np {

QString lessonRunTitle(const Lesson &lesson, int variant)
{
    QString title = QString::fromStdString(lesson.title);
    if (lesson.variants.size() > 1 && variant >= 0 && variant < int(lesson.variants.size()))
        title += QStringLiteral(" · ") + QString::fromStdString(lesson.variants[std::size_t(variant)].title);
    return title;
}

LessonRunner::LessonRunner(QMainWindow *window, Document *document, SessionFiles *files, ViewDocks *viewDocks,
                           SpeedControl *speed, const QList<QDockWidget *> &settingsDocks)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_files(files)
    , m_keeper(files->keeper())
    , m_controller(files->controller())
    , m_sync(files->sync())
    , m_viewDocks(viewDocks)
    , m_speed(speed)
    , m_settingsDocks(settingsDocks)
{
    setObjectName(QStringLiteral("lessonRunner"));
    connect(viewDocks->lessonPanel(), &LessonPanel::lessonStarted, this, &LessonRunner::start);
    connect(viewDocks->lessonPanel(), &LessonPanel::lessonEnded, this, &LessonRunner::end);
    // The network panel rebuilds its layer rows on a change; the lesson's locks follow.
    connect(document, &Document::configChanged, this, [this] {
        if (m_lesson)
            applyLocks();
    });
    connect(m_controller, &TrainingController::sessionReady, this, &LessonRunner::onSessionReady);
    // Presentation regroups the views into one column: the running lesson's come to its front.
    if (auto *presentation = window->findChild<PresentationMode *>()) {
        connect(presentation, &PresentationMode::activeChanged, this, [this](bool on) {
            if (on && m_lesson)
                QTimer::singleShot(0, this, [this] {
                    if (m_lesson)
                        bringViewsForward(m_views);
                });
        });
    }
}

bool LessonRunner::hasUserWork() const
{
    // A lesson's or a new document's run is scratch: only edits count. A file the user opened
    // is their work, trained further or not.
    return m_keeper->isDocumentModified() || (!m_files->filePath().isEmpty() && m_keeper->isModified());
}

void LessonRunner::keepUserWork()
{
    KeptWork kept;
    kept.session = Session{m_document->config(), m_document->dataset(), std::nullopt};
    kept.filePath = m_files->filePath();
    kept.lesson = m_lesson;
    kept.title = m_title;
    // The trained network comes from the worker; asked before the lesson's reset, it answers
    // with the one the user leaves. Until then the copy holds the points and settings.
    m_sync->flush();
    kept.request = m_controller->requestSession();
    m_kept = std::move(kept);
}

void LessonRunner::onSessionReady(std::uint64_t request, const Session &session)
{
    if (!m_kept || m_kept->request != request)
        return;
    m_kept->request = 0;
    if (session.state && session.config == m_kept->session.config && session.dataset == m_kept->session.dataset)
        m_kept->session = session;
}

void LessonRunner::start(const Lesson &lesson, int variant)
{
    if (variant < 0 || variant >= int(lesson.variants.size()))
        return;
    const LessonVariant &v = lesson.variants[std::size_t(variant)];
    const bool keep = hasUserWork();
    if (keep)
        keepUserWork();
    // The previous lesson ends first: its locks must not follow the new settings in.
    end();
    m_title = lessonRunTitle(lesson, variant);
    m_viewDocks->setNextRunTitle(m_title);
    m_files->startScratch(v.session);
    m_lesson = v;
    m_viewDocks->lessonPanel()->setLessonRunning(true);
    applyLocks();
    m_views = lesson.views;
    if (lesson.optimizerScene)
        m_viewDocks->optimizerView()->setScene(*lesson.optimizerScene);
    bringViewsForward(m_views);
    m_speed->fitEpochs(lesson.epochs);
    const QString started = tr("Lesson: %1. Press Play (Space) to start.").arg(m_title);
    m_window->statusBar()->showMessage(started, 10000);
    MessageBanner *banner = findMessageBanner(m_window);
    if (keep && banner) {
        // Short: the banner sits above the plane and takes its height while it shows.
        banner->showMessage(tr("Your points and settings were put aside."),
                            MessageBanner::Information,
                            {BannerAction{tr("&Undo"), QStringLiteral("undoLessonSwitch"), [this] { undoSwitch(); }}});
    } else if (!keep) {
        m_kept.reset();  // only the newest switch can be undone
    }
}

bool LessonRunner::undoSwitch()
{
    if (!m_kept)
        return false;
    KeptWork kept = std::move(*m_kept);
    m_kept.reset();
    end();
    m_viewDocks->setNextRunTitle(kept.title);
    m_files->restoreUnsaved(kept.session, kept.filePath);
    m_lesson = kept.lesson;
    m_title = kept.title;
    m_viewDocks->lessonPanel()->setLessonRunning(m_lesson.has_value());
    if (m_lesson)
        applyLocks();
    m_window->statusBar()->showMessage(tr("Your points and settings are back."), 5000);
    return true;
}

QDialog *LessonRunner::saveAsLesson(const std::vector<std::pair<QString, QWidget *>> &panels)
{
    auto *dialog = new SaveLessonDialog(m_document->config(), m_document->dataset(), panels, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The plane always shows; the other views when their docks do.
    std::vector<LessonView> showing{LessonView::Boundary};
    for (LessonView view : {LessonView::Loss, LessonView::Network, LessonView::Folding, LessonView::Regions,
                            LessonView::Health, LessonView::Function}) {
        const QDockWidget *dock = view == LessonView::Loss
                                      ? m_window->findChild<QDockWidget *>(QStringLiteral("lossDock"))
                                      : m_viewDocks->dock(QString::fromLatin1(lessonViewKey(view)));
        if (dock && dock->isVisible())
            showing.push_back(view);
    }
    dialog->setShowingViews(showing);
    dialog->setLessonFiles(rememberedLessonFiles());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString path = dialog->savedPath();
        LessonPanel *panel = m_viewDocks->lessonPanel();
        if (const std::string error = panel->openLessonFile(path); !error.empty()) {
            m_window->statusBar()->showMessage(QString::fromStdString(error), 10000);
            return;
        }
        if (auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("lessonsDock"))) {
            dock->show();
            dock->raise();
        }
        const QString text = tr("Saved the lesson to %1; it is listed under %2.")
                                 .arg(QDir::toNativeSeparators(path), LessonPanel::myLessonsTitle());
        m_window->statusBar()->showMessage(text, 10000);
        if (MessageBanner *banner = findMessageBanner(m_window))
            banner->showWritten(text, path);
    });
    dialog->open();
    return dialog;
}

void LessonRunner::end()
{
    m_lesson.reset();
    m_title.clear();
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

void LessonRunner::bringViewsForward(std::vector<LessonView> views)
{
    // The loss plot shares its place with the analysis views: those come to the front, and
    // where the lesson's views share one place (presentation's single column) the one it names
    // first.
    const auto loss = std::stable_partition(views.begin(), views.end(), [](LessonView v) { return v == LessonView::Loss; });
    std::reverse(loss, views.end());
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
