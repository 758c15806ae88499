#include "trainingcontroller.h"
#include "trainingworker.h"
#include "workerthread.h"

#include <utility>

namespace np {

void registerMetaTypes()
{
    qRegisterMetaType<Config>();
    qRegisterMetaType<Dataset>();
    qRegisterMetaType<TrainerState>();
    qRegisterMetaType<Model>();
    qRegisterMetaType<Session>();
    qRegisterMetaType<TrainingCommand>();
    qRegisterMetaType<TrainingMessage>();
}

TrainingController::TrainingController(QObject *parent, std::function<qint64()> clock)
    : QObject(parent)
{
    registerMetaTypes();
    m_worker = new TrainingWorker(&m_mailbox, &m_commandsSent, std::move(clock));
    // Nice 6 here and 10 for the view evaluator: on two busy cores the GUI thread's 99th
    // percentile of timer gaps in np-uibenchmark's deep scenario fell from 11.7 to 10.2 ms
    // (medians of five runs, lower in each pair) at 2 and 5, with training no slower.
    m_thread = std::make_unique<WorkerThread>(m_worker, QStringLiteral("training"), 6);

    connect(this, &TrainingController::commandRequested, m_worker, &TrainingWorker::onCommand,
            Qt::QueuedConnection);
    connect(&m_mailbox, &MailboxSignal::posted, this, &TrainingController::onSnapshotPosted, Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::sessionReady, this, &TrainingController::sessionReady);
    connect(m_worker, &TrainingWorker::messageReady, this, &TrainingController::message);
    m_thread->start();
}

TrainingController::~TrainingController()
{
    // The worker checks for interruption between bursts of a fraction of a millisecond and
    // returns to its event loop at least every few milliseconds, so this returns promptly. It
    // is destroyed on its own thread, before the mailbox it posts to.
    m_thread->stop();
    m_worker = nullptr;
}

std::uint64_t TrainingController::send(TrainingCommand command)
{
    command.id = ++m_lastCommand;
    m_commandsSent.store(command.id, std::memory_order_release);  // before the call is queued
    emit commandRequested(command);
    return command.id;
}

std::uint64_t TrainingController::send(TrainingCommand::Kind kind)
{
    TrainingCommand command;
    command.kind = kind;
    return send(std::move(command));
}

void TrainingController::reset(const Config &config, const Dataset &dataset)
{
    send({.kind = TrainingCommand::Kind::Reset, .config = config, .dataset = dataset});
}

void TrainingController::applyConfig(const Config &config)
{
    send({.kind = TrainingCommand::Kind::ApplyConfig, .config = config});
}

void TrainingController::setData(const Config &config, const Dataset &dataset)
{
    send({.kind = TrainingCommand::Kind::SetData, .config = config, .dataset = dataset});
}

void TrainingController::restore(const Config &config, const Dataset &dataset, const TrainerState &state)
{
    send({.kind = TrainingCommand::Kind::Restore, .config = config, .dataset = dataset, .state = state});
}

void TrainingController::play()
{
    m_playRequested = true;
    m_playCommand = send(TrainingCommand::Kind::Play);
}

void TrainingController::pause()
{
    m_playRequested = false;
    m_playCommand = send(TrainingCommand::Kind::Pause);
}

void TrainingController::togglePlay()
{
    // Decide from what was last asked, not from the (slightly older) snapshot, so two quick
    // presses of Space do what they say.
    if (m_playRequested)
        pause();
    else
        play();
}

void TrainingController::stepBatch()
{
    m_playRequested = false;
    m_playCommand = send(TrainingCommand::Kind::StepBatch);
}

void TrainingController::stepEpoch()
{
    m_playRequested = false;
    m_playCommand = send(TrainingCommand::Kind::StepEpoch);
}

void TrainingController::setSpeed(double epochsPerSecond)
{
    send({.kind = TrainingCommand::Kind::SetSpeed, .speed = epochsPerSecond});
}

void TrainingController::setWeight(int layer, int row, int column, float value)
{
    send({.kind = TrainingCommand::Kind::SetWeight, .layer = layer, .row = row, .column = column, .value = value});
    emit weightEdited();
}

std::uint64_t TrainingController::requestSession()
{
    return send(TrainingCommand::Kind::RequestSession);
}

bool TrainingController::takeHistory(TrainingSnapshot &s)
{
    std::vector<HistoryRecord> rows = std::exchange(s.newHistory, {});
    if (s.historyVersion != m_historyVersion) {
        m_historyVersion = s.historyVersion;
        m_history = std::move(rows);
        return true;
    }
    // The worker sends again what it cannot know arrived: skip the rows already here.
    Q_ASSERT(s.historyFrom <= m_history.size());
    const std::size_t known = std::min(m_history.size() - std::min(s.historyFrom, m_history.size()), rows.size());
    m_history.insert(m_history.end(), std::make_move_iterator(rows.begin() + std::ptrdiff_t(known)),
                     std::make_move_iterator(rows.end()));
    return false;
}

void TrainingController::onSnapshotPosted()
{
    std::optional<TrainingSnapshot> taken = m_mailbox.take();
    if (!taken)
        return;
    const bool wasRunning = m_latest.running;
    const std::size_t rowsBefore = m_history.size();
    const bool historyReplaced = takeHistory(*taken);
    m_latest = std::move(*taken);
    // Stopped on its own (diverged, finished): the next toggle plays. A snapshot from before
    // the worker handled the last play says nothing about it.
    if (!m_latest.running && m_latest.command >= m_playCommand)
        m_playRequested = false;
    if (historyReplaced)
        emit historyReset();
    else if (m_history.size() > rowsBefore)
        emit historyAppended(rowsBefore);
    emit snapshotChanged();
    if (wasRunning != m_latest.running)
        emit runningChanged(m_latest.running);
}

}  // namespace np
