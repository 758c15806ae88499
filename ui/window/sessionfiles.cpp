#include "sessionfiles.h"

#include "document.h"
#include "errorbox.h"
#include "messagebanner.h"
#include "sessionkeeper.h"
#include "trainersync.h"
#include "trainingcontroller.h"

#include "data/generators.h"
#include "io/sessionjson.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QLockFile>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

#include <utility>

namespace np {

SessionFiles::SessionFiles(QMainWindow *window, Document *document, TrainingController *controller,
                           TrainerSync *sync, SessionKeeper *keeper)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_controller(controller)
    , m_sync(sync)
    , m_keeper(keeper)
{
    connect(m_keeper, &SessionKeeper::modifiedChanged, this, &SessionFiles::updateTitle);
    connect(m_controller, &TrainingController::sessionReady, this, &SessionFiles::onSessionReady);
    connect(m_keeper, &SessionKeeper::autosaved, this, &SessionFiles::onAutosaved);
    updateTitle();
}

void SessionFiles::onAutosaved(const QString &error)
{
    // The first failure of a run of them says so in the banner (a warning, nothing modal: the
    // class goes on); the ones after it (every few seconds while training) only in the status
    // bar, and the first success after them says that the work is kept again.
    if (!error.isEmpty()) {
        const QString text = tr("The work is not being kept for recovery after a crash: %1").arg(error);
        MessageBanner *banner = findMessageBanner(m_window);
        if (!m_autosaveFailing && banner)
            banner->showMessage(tr("Cannot autosave. %1").arg(text), MessageBanner::Warning);
        if (!m_autosaveFailing)
            m_window->statusBar()->showMessage(tr("Cannot autosave: %1").arg(text), 10000);
        else
            m_window->statusBar()->showMessage(tr("Cannot autosave: %1").arg(text), 10000);
        m_autosaveFailing = true;
    } else if (m_autosaveFailing) {
        m_autosaveFailing = false;
        m_window->statusBar()->showMessage(tr("Autosaving again"), 5000);
    }
}

bool SessionFiles::open(const QString &path)
{
    const SessionReadResult read = loadSession(path.toStdString());
    if (!read.session) {
        showError(m_window, tr("Cannot open the file"), QString::fromStdString(read.error));
        return false;
    }
    const Session &session = *read.session;
    m_sync->start(session);
    m_filePath = QFileInfo(path).absoluteFilePath();
    addRecentFile(m_filePath);
    m_keeper->markClean(session.state ? &*session.state : nullptr, true, m_filePath);
    updateTitle();
    m_window->statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
    return true;
}

void SessionFiles::save(const QString &path)
{
    requestSave(path);
}

std::uint64_t SessionFiles::requestSave(const QString &path)
{
    emit aboutToSave();
    m_sync->flush();  // the worker answers with every edit made so far
    const std::uint64_t request = m_controller->requestSession();
    m_pendingSaves.emplace(request, path);
    return request;
}

void SessionFiles::onSessionReady(std::uint64_t request, const Session &answer)
{
    const auto pending = m_pendingSaves.find(request);
    if (pending == m_pendingSaves.end())
        return;
    const QString path = pending->second;
    m_pendingSaves.erase(pending);
    // The worker's own config, data and weights: they belong together even when the document
    // changed while it answered. A worker without a network yet has only the document to save.
    Session session = answer.state ? answer : Session{m_document->config(), m_document->dataset(), std::nullopt};
    session.sourceLink = m_document->sourceLink();
    // Two processes never write one session file at once: the second is told, and its work
    // stays in its window.
    std::string error;
    QLockFile lock(path + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    // Only a lock held elsewhere stops the save: one that cannot be made at all (a read-only or
    // vanished folder) leaves the save to fail with the folder's own reason.
    const bool locked = lock.tryLock(0);
    if (!locked && lock.error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host, app;
        lock.getLockInfo(&pid, &host, &app);
        error = tr("'%1' is being written by another program (%2, process %3) at this moment; nothing was "
                   "saved. Try again in a moment.")
                    .arg(path, app.isEmpty() ? tr("unknown") : app)
                    .arg(pid)
                    .toStdString();
    } else {
        error = saveSession(path.toStdString(), session);
        if (locked)
            lock.unlock();
    }
    std::function<void()> proceed;
    if (request == m_proceedRequest) {
        proceed = std::exchange(m_proceedAfterSave, {});
        m_proceedRequest = 0;
    }
    if (!error.empty()) {
        showError(m_window, tr("Cannot save the session"), QString::fromStdString(error));
    } else {
        m_window->statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
        m_filePath = QFileInfo(path).absoluteFilePath();
        addRecentFile(m_filePath);
        m_keeper->markSaved(session, m_filePath);
        updateTitle();
    }
    emit saved(path, QString::fromStdString(error));
    if (proceed && error.empty())
        proceed();
}

void SessionFiles::startScratch(const Session &session)
{
    m_sync->start(session);
    m_filePath.clear();
    m_keeper->markClean(nullptr, true, m_filePath);
    updateTitle();
}

void SessionFiles::restoreUnsaved(const Session &session, const QString &filePath)
{
    m_sync->start(session);
    m_filePath = filePath;
    m_keeper->markRecovered(session.state ? &*session.state : nullptr, m_filePath);
    updateTitle();
}

void SessionFiles::newDocument()
{
    const Config config = defaultConfig();
    startScratch(Session{config, generateDataset(config.data), std::nullopt});
}

void SessionFiles::openWithDialog()
{
    whenUnsavedWorkIsSafe([this] {
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Open session"), {},
                                                          tr("Sessions and configs (*.json);;All files (*)"));
        if (!path.isEmpty())
            open(path);
    });
}

void SessionFiles::saveOrAsk()
{
    if (m_filePath.isEmpty())
        saveWithDialog();
    else
        save(m_filePath);
}

void SessionFiles::saveWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Save session"), tr("session.json"),
                                                      tr("Sessions (*.json)"));
    if (!path.isEmpty())
        save(path);
}

void SessionFiles::updateTitle()
{
    const QString name = m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
    m_window->setWindowTitle(tr("%1[*] — Neural Playground").arg(name));
    m_window->setWindowModified(m_keeper->isModified());
}

void SessionFiles::attachRecentMenu(QMenu *menu)
{
    connect(menu, &QMenu::aboutToShow, this, [this, menu] { fillRecentMenu(menu); });
    fillRecentMenu(menu);
}

void SessionFiles::fillRecentMenu(QMenu *menu)
{
    menu->clear();
    const QStringList files = recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files.at(i);
        QString name = QFileInfo(path).fileName();
        QAction *a = menu->addAction(tr("&%1 %2").arg(i + 1).arg(name.replace(u'&', QStringLiteral("&&"))));
        a->setData(path);
        a->setStatusTip(path);
        connect(a, &QAction::triggered, this, [this, path] { openRecent(path); });
    }
    menu->addSeparator();
    QAction *clear = menu->addAction(tr("&Clear List"), this, [] { clearRecentFiles(); });
    clear->setEnabled(!files.isEmpty());
}

void SessionFiles::openRecent(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        removeRecentFile(path);
        showError(m_window, tr("Cannot open the file"),
                  tr("%1 no longer exists, so it was removed from the recent files.").arg(path));
        return;
    }
    whenUnsavedWorkIsSafe([this, path] { open(path); });
}

void SessionFiles::whenUnsavedWorkIsSafe(const std::function<void()> &proceed)
{
    if (!m_keeper->isModified()) {
        proceed();
        return;
    }
    if (m_unsavedPrompt) {
        onUnsavedChoice(m_unsavedPrompt(), proceed);
        return;
    }
    if (m_window->findChild<QMessageBox *>(QStringLiteral("unsavedBox")))
        return;  // already asking
    const QString name = m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"), tr("Save the changes to “%1”?").arg(name),
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("unsavedBox"));
    box->setInformativeText(m_document->undoStack()->isClean() && m_keeper->isTrainingModified()
                                ? tr("The network trained to epoch %1 will be lost if you do not save it.")
                                      .arg(m_controller->latest().epoch)
                                : tr("Your changes will be lost if you do not save them."));
    box->setDefaultButton(QMessageBox::Save);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Window-modal but not blocking: training and the views go on while the user decides.
    connect(box, &QMessageBox::finished, this, [this, box, proceed] {
        const QMessageBox::StandardButton button = box->standardButton(box->clickedButton());
        onUnsavedChoice(button == QMessageBox::Save      ? UnsavedChoice::Save
                        : button == QMessageBox::Discard ? UnsavedChoice::Discard
                                                         : UnsavedChoice::Cancel,
                        proceed);
    });
    box->open();
}

void SessionFiles::onUnsavedChoice(UnsavedChoice choice, const std::function<void()> &proceed)
{
    if (choice == UnsavedChoice::Cancel)
        return;
    if (choice == UnsavedChoice::Discard) {
        proceed();
        return;
    }
    QString path = m_filePath;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(m_window, tr("Save session"), tr("session.json"), tr("Sessions (*.json)"));
    if (path.isEmpty())
        return;
    // Training stops first, so the network saved is the one the user leaves.
    m_controller->pause();
    m_proceedAfterSave = proceed;
    m_proceedRequest = requestSave(path);
}

bool SessionFiles::approveClose()
{
    if (m_closeApproved || !m_keeper->isModified())
        return true;
    // Answered at once (Discard), this close goes on; answered later (the question is
    // window-modal, or Save waits for the worker's session), a new close follows.
    m_inCloseEvent = true;
    whenUnsavedWorkIsSafe([this] {
        m_closeApproved = true;
        if (!m_inCloseEvent)
            m_window->close();
    });
    m_inCloseEvent = false;
    return m_closeApproved;
}

void SessionFiles::closed()
{
    m_keeper->setEnabled(false);
    if (!isRecoveryPending())
        m_keeper->discardAutosave();
}

void SessionFiles::offerRecovery()
{
    // The previous run's autosave stays untouched until the user answers.
    m_keeper->setEnabled(false);
    // A bar across the whole window, below the toolbar: clear, yet nothing waits for it.
    auto *bar = new QToolBar(tr("Recovery"), m_window);
    bar->setObjectName(QStringLiteral("recoveryBar"));
    bar->setMovable(false);
    bar->setFloatable(false);
    auto *content = new QFrame(bar);
    content->setObjectName(QStringLiteral("recoveryContent"));
    content->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    content->setStyleSheet(QStringLiteral("#recoveryContent { background: #d8e9f6; border: 1px solid #b0b0b0; "
                                          "border-radius: 4px; } #recoveryContent QLabel { color: #1a1a1a; }"));
    const QDateTime when = QFileInfo(m_keeper->autosaveFile()).lastModified();
    // Each window that did not close properly left its own autosave: this window offers one;
    // the others open in windows of their own.
    const int others = m_keeper->orphanedAutosaves();
    QString text = tr("Neural Playground did not close properly. Restore the session saved automatically at %1?")
                       .arg(QLocale().toString(when, QLocale::ShortFormat));
    if (others > 0)
        text += QLatin1Char(' ') + (others == 1 ? tr("1 more window left unsaved work too.")
                                                : tr("%1 more windows left unsaved work too.").arg(others));
    auto *label = new QLabel(text, content);
    label->setObjectName(QStringLiteral("recoveryText"));
    label->setWordWrap(true);
    auto *restore = new QPushButton(tr("&Restore"), content);
    restore->setObjectName(QStringLiteral("restoreAutosave"));
    auto *discard = new QPushButton(tr("&Discard"), content);
    discard->setObjectName(QStringLiteral("discardAutosave"));
    connect(restore, &QPushButton::clicked, this, [this] { resolveRecovery(true); });
    QPushButton *openOthers = nullptr;
    if (others > 0) {
        openOthers = new QPushButton(tr("&Open Them"), content);
        openOthers->setObjectName(QStringLiteral("openOtherAutosaves"));
        openOthers->setToolTip(tr("A window for each, with the same choice"));
        connect(openOthers, &QPushButton::clicked, this, [this, others, openOthers] {
            openOthers->hide();
            emit windowsForRecoveryRequested(others);
        });
    }
    connect(discard, &QPushButton::clicked, this, [this] { resolveRecovery(false); });
    auto *layout = new QHBoxLayout(content);
    layout->setContentsMargins(8, 2, 4, 2);
    layout->addWidget(label, 1);
    layout->addWidget(restore);
    layout->addWidget(discard);
    if (openOthers)
        layout->addWidget(openOthers);
    bar->addWidget(content);
    m_window->addToolBarBreak(Qt::TopToolBarArea);
    m_window->addToolBar(Qt::TopToolBarArea, bar);
    m_recoveryBar = bar;
}

void SessionFiles::resolveRecovery(bool restore)
{
    if (!m_recoveryBar)
        return;
    m_window->removeToolBarBreak(m_recoveryBar);
    m_window->removeToolBar(m_recoveryBar);
    m_recoveryBar->deleteLater();
    m_recoveryBar = nullptr;
    m_keeper->setEnabled(true);
    if (restore) {
        const SessionReadResult read = m_keeper->readAutosave();
        if (read.session) {
            m_sync->start(*read.session);
            // Nothing on disk holds this work, so it stays marked modified until saved; the
            // autosave stays too, as its only copy.
            m_filePath = m_keeper->autosaveOrigin();
            m_keeper->markRecovered(read.session->state ? &*read.session->state : nullptr, m_filePath);
            updateTitle();
            m_window->statusBar()->showMessage(tr("Restored the automatically saved session"), 5000);
            return;
        }
        showError(m_window, tr("Cannot restore the automatically saved session"), QString::fromStdString(read.error));
    }
    m_keeper->discardAutosave();
}

}  // namespace np
