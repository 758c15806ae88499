#include "sessionkeeper.h"

#include "common/atomicwrite.h"
#include "document.h"
#include "trainingcontroller.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSettings>
#include <QStandardPaths>
#include <QUndoStack>

#include <algorithm>
#include <filesystem>

namespace np {

namespace {

const QString kRecentFilesKey = QStringLiteral("recentFiles");

// Beside the autosave: the path of the file the session came from, so a restored session
// can be saved back to it.
QString originPath(const QString &autosave)
{
    return autosave + QStringLiteral(".origin");
}

constexpr int kMaxSlots = 64;

QString slotPath(int slot)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/autosave/");
    return folder + (slot == 1 ? QStringLiteral("session.json") : QStringLiteral("session-%1.json").arg(slot));
}

// A slot's lock: held by a live keeper; a crashed one's is stale (its process is gone) and
// is taken over. Never stale by age: a window may stay open for days.
std::unique_ptr<QLockFile> slotLock(const QString &path)
{
    auto lock = std::make_unique<QLockFile>(path + QStringLiteral(".lock"));
    lock->setStaleLockTime(0);
    return lock;
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

}  // namespace

SessionKeeper::SessionKeeper(Document *document, TrainingController *controller, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_controller(controller)
{
    qRegisterMetaType<AutosaveTimings>();
    claimSlot();
    m_writer.setMaxThreadCount(1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SessionKeeper::requestAutosave);
    connect(m_document, &Document::configChanged, this, &SessionKeeper::onDocumentChanged);
    connect(m_document, &Document::datasetChanged, this, &SessionKeeper::onDocumentChanged);
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, &SessionKeeper::updateModified);
    connect(m_controller, &TrainingController::snapshotChanged, this, &SessionKeeper::onSnapshotChanged);
    connect(m_controller, &TrainingController::sessionReady, this, &SessionKeeper::onSessionReady);
    connect(m_controller, &TrainingController::weightEdited, this, [this] {
        m_weightsEdited = true;
        m_trainingModified = true;
        updateModified();
        if (m_enabled)
            m_timer.start(m_afterChangeMs);
    });
    // The window resets the trainer just after it builds the keeper.
    setBaseline(nullptr, true);
}

SessionKeeper::~SessionKeeper()
{
    // A write in flight finishes (it takes milliseconds), so the file is whole.
    m_writer.waitForDone();
}

QString SessionKeeper::autosavePath()
{
    return slotPath(1);
}

void SessionKeeper::claimSlot()
{
    QDir().mkpath(QFileInfo(slotPath(1)).path());
    // First a crashed window's slot (its work waits to be offered), then the first free one.
    for (const bool withWork : {true, false}) {
        for (int slot = 1; slot <= kMaxSlots; ++slot) {
            const QString path = slotPath(slot);
            if (withWork != QFileInfo::exists(path))
                continue;
            std::unique_ptr<QLockFile> lock = slotLock(path);
            if (lock->tryLock(0)) {
                m_path = path;
                m_slot = std::move(lock);
                return;
            }
        }
    }
    // Every slot held (or the folder unwritable): the first slot's path, unlocked; an
    // autosave that fails to write says so.
    m_path = slotPath(1);
}

int SessionKeeper::orphanedAutosaves() const
{
    int count = 0;
    for (int slot = 1; slot <= kMaxSlots; ++slot) {
        const QString path = slotPath(slot);
        if (path == m_path || !QFileInfo::exists(path))
            continue;
        std::unique_ptr<QLockFile> lock = slotLock(path);
        if (lock->tryLock(0))
            ++count;  // released at once: the next window takes it
    }
    return count;
}

bool SessionKeeper::hasAutosave() const
{
    return QFileInfo::exists(m_path);
}

SessionReadResult SessionKeeper::readAutosave() const
{
    return loadSession(m_path.toStdString());
}

QString SessionKeeper::autosaveOrigin() const
{
    QFile f(originPath(m_path));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

void SessionKeeper::discardAutosave()
{
    m_timer.stop();
    m_awaitingSession = 0;
    m_writer.waitForDone();
    QFile::remove(m_path);
    QFile::remove(originPath(m_path));
}

void SessionKeeper::setBaseline(const TrainerState *state, bool restarting, bool documentSaved)
{
    m_recovered = false;
    if (documentSaved)
        m_document->undoStack()->setClean();
    else
        m_document->undoStack()->resetClean();  // no step of the undo history is in the file
    m_staleGeneration.reset();
    if (restarting && m_controller->hasSnapshot())
        m_staleGeneration = m_controller->latest().generation;
    m_cleanStep = state ? state->step : 0;
    m_cleanParameters = state ? state->parameters : std::vector<Scalar>{};
    m_weightsEdited = false;
    m_trainingModified = false;
}

void SessionKeeper::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled) {
        m_timer.stop();
        m_awaitingSession = 0;
    } else if (isModified()) {
        m_timer.start(m_afterChangeMs);
    }
}

void SessionKeeper::setDelays(int afterChangeMs, int whileTrainingMs)
{
    m_afterChangeMs = afterChangeMs;
    m_whileTrainingMs = whileTrainingMs;
}

void SessionKeeper::markClean(const TrainerState *state, bool restarting, const QString &filePath)
{
    m_filePath = filePath;
    setBaseline(state, restarting);
    // The file holds everything now; an older autosave would only offer stale work after a
    // crash. While disabled, the autosave is a previous run's and waits for the user.
    if (m_enabled)
        discardAutosave();
    updateModified();
}

void SessionKeeper::markSaved(const Session &saved, const QString &filePath)
{
    m_filePath = filePath;
    const bool documentSaved = saved.config == m_document->config() && saved.dataset == m_document->dataset();
    setBaseline(saved.state ? &*saved.state : nullptr, false, documentSaved);
    if (m_enabled && documentSaved)
        discardAutosave();
    updateModified();
}

void SessionKeeper::markRecovered(const TrainerState *state, const QString &filePath)
{
    m_filePath = filePath;
    setBaseline(state, true);
    m_recovered = true;
    updateModified();
}

bool SessionKeeper::isModified() const
{
    return m_recovered || m_trainingModified || !m_document->undoStack()->isClean();
}

bool SessionKeeper::isDocumentModified() const
{
    return m_recovered || !m_document->undoStack()->isClean();
}

void SessionKeeper::updateModified()
{
    const bool modified = isModified();
    if (modified != m_modified) {
        m_modified = modified;
        emit modifiedChanged(modified);
    }
}

void SessionKeeper::onDocumentChanged()
{
    if (m_document->isResetting())
        return;  // whoever reset it marks it clean
    if (m_enabled)
        m_timer.start(m_afterChangeMs);
}

void SessionKeeper::onSnapshotChanged()
{
    const TrainingSnapshot &s = m_controller->latest();
    if (m_staleGeneration) {
        if (s.generation == *m_staleGeneration)
            return;  // from before the reset or restore that the last mark waits for
        m_staleGeneration.reset();
    }
    const bool trained = s.generation != m_seenGeneration || s.step != m_seenStep;
    m_seenGeneration = s.generation;
    m_seenStep = s.step;
    const bool wasModified = m_trainingModified;
    // Compared by content, not by generation: the worker may restart more than once (start-up,
    // then a file opened at once) before its snapshots arrive. Another run's snapshots may
    // differ for a moment, until the restart's own arrives.
    m_trainingModified = m_weightsEdited || s.step != m_cleanStep
                         || (!m_cleanParameters.empty() && s.model.parameters != m_cleanParameters);
    updateModified();
    if (m_trainingModified && (trained || !wasModified))
        scheduleAfterTraining();
}

void SessionKeeper::scheduleAfterTraining()
{
    // Unlike edits, progress does not restart the timer: it would never fire while training.
    if (!m_enabled || m_timer.isActive() || m_awaitingSession)
        return;
    const qint64 sinceWrite = m_sinceWrite.isValid() ? m_sinceWrite.elapsed() : m_whileTrainingMs;
    m_timer.start(int(std::max<qint64>(m_afterChangeMs, m_whileTrainingMs - sinceWrite)));
}

void SessionKeeper::requestAutosave()
{
    if (!m_enabled || !isModified())
        return;
    if (m_writing) {
        m_timer.start(100);  // the previous one is still being written
        return;
    }
    m_awaitingSession = m_controller->requestSession();
}

void SessionKeeper::onSessionReady(std::uint64_t request, const Session &answer)
{
    // The window's explicit saves ask too; any answer to our request or a later one will do.
    if (!m_awaitingSession || request < m_awaitingSession || !m_enabled)
        return;
    m_awaitingSession = 0;
    QElapsedTimer clock;
    clock.start();
    // The worker's own config, data and weights: they belong together even when the document
    // changed while it answered. A worker without a network yet has only the document to save.
    Session session = answer.state ? answer : Session{m_document->config(), m_document->dataset(), std::nullopt};
    session.sourceLink = m_document->sourceLink();
    AutosaveTimings timings;
    timings.copyMs = msSince(clock);
    m_writing = true;
    m_sinceWrite.start();
    m_writer.start([this, session = std::move(session), timings, origin = m_filePath, path = m_path]() mutable {
        QElapsedTimer clock;
        clock.start();
        const QByteArray json = sessionToJson(session);
        timings.serialiseMs = msSince(clock);
        timings.bytes = json.size();
        clock.restart();
        std::string error;
        std::error_code ec;
        std::filesystem::create_directories(QFileInfo(path).path().toStdString(), ec);
        if (ec)
            error = "cannot create the folder '" + QFileInfo(path).path().toStdString() + "': " + ec.message();
        if (error.empty()) {
            const QByteArray originBytes = origin.toUtf8();
            error = writeFileAtomically(originPath(path).toStdString(),
                                        std::string_view(originBytes.constData(), std::size_t(originBytes.size())));
        }
        if (error.empty())
            error = writeFileAtomically(path.toStdString(),
                                        std::string_view(json.constData(), std::size_t(json.size())));
        timings.writeMs = msSince(clock);
        // The keeper waits for this task before it goes, so `this` is alive here; a keeper
        // destroyed before the queued call runs takes the call with it.
        QMetaObject::invokeMethod(this, [this, error = QString::fromStdString(error), timings] {
            m_writing = false;
            emit autosaved(error, timings);
        }, Qt::QueuedConnection);
    });
}

QStringList recentFiles()
{
    return QSettings().value(kRecentFilesKey).toStringList();
}

void addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    QSettings().setValue(kRecentFilesKey, files);
}

void removeRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(QFileInfo(path).absoluteFilePath());
    QSettings().setValue(kRecentFilesKey, files);
}

void clearRecentFiles()
{
    QSettings().remove(kRecentFilesKey);
}

}  // namespace np
