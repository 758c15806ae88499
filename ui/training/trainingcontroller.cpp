#include "trainingcontroller.h"
#include "threadpriority.h"

namespace np {

void registerMetaTypes()
{
    qRegisterMetaType<Config>();
    qRegisterMetaType<Dataset>();
    qRegisterMetaType<TrainerState>();
    qRegisterMetaType<Model>();
}

TrainingController::TrainingController(QObject *parent)
    : QObject(parent)
{
    registerMetaTypes();
    m_worker = new TrainingWorker(&m_mailbox, this);
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("training"));
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(this, &TrainingController::resetRequested, m_worker, &TrainingWorker::onResetRequested);
    connect(this, &TrainingController::configRequested, m_worker, &TrainingWorker::onConfigRequested);
    connect(this, &TrainingController::dataRequested, m_worker, &TrainingWorker::onDataRequested);
    connect(this, &TrainingController::restoreRequested, m_worker, &TrainingWorker::onRestoreRequested);
    connect(this, &TrainingController::playRequested, m_worker, &TrainingWorker::onPlayRequested);
    connect(this, &TrainingController::pauseRequested, m_worker, &TrainingWorker::onPauseRequested);
    connect(this, &TrainingController::stepRequested, m_worker, &TrainingWorker::onStepRequested);
    connect(this, &TrainingController::speedRequested, m_worker, &TrainingWorker::onSpeedRequested);
    connect(this, &TrainingController::stateRequested, m_worker, &TrainingWorker::onStateRequested);
    connect(this, &TrainingController::weightRequested, m_worker, &TrainingWorker::onWeightRequested);
    connect(m_worker, &TrainingWorker::stateReady, this, &TrainingController::stateReady);
    connect(m_worker, &TrainingWorker::messageReady, this, &TrainingController::message);

    runInBackground(&m_thread, 2);
    m_thread.start();
}

TrainingController::~TrainingController()
{
    // The worker checks for interruption between bursts of a fraction of a millisecond and
    // returns to its event loop at least every few milliseconds, so this returns promptly.
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

void TrainingController::reset(const Config &config, const Dataset &dataset)
{
    emit resetRequested(config, dataset);
}

void TrainingController::applyConfig(const Config &config)
{
    emit configRequested(config);
}

void TrainingController::setData(const Config &config, const Dataset &dataset)
{
    emit dataRequested(config, dataset);
}

void TrainingController::restore(const Config &config, const Dataset &dataset, const TrainerState &state)
{
    emit restoreRequested(config, dataset, state);
}

void TrainingController::play()
{
    m_playRequested = true;
    emit playRequested();
}

void TrainingController::pause()
{
    m_playRequested = false;
    emit pauseRequested();
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
    emit stepRequested(TrainingWorker::StepBatch);
}

void TrainingController::stepEpoch()
{
    m_playRequested = false;
    emit stepRequested(TrainingWorker::StepEpoch);
}

void TrainingController::setSpeed(double epochsPerSecond)
{
    emit speedRequested(epochsPerSecond);
}

void TrainingController::setWeight(int layer, int row, int column, float value)
{
    emit weightRequested(layer, row, column, value);
}

void TrainingController::requestState()
{
    emit stateRequested();
}

void TrainingController::onSnapshotPosted()
{
    TrainingSnapshot s;
    if (!m_mailbox.take(s))
        return;
    const bool wasRunning = m_latest.running;
    if (s.historyReset || s.generation != m_latest.generation)
        m_history = std::move(s.newHistory);
    else
        m_history.insert(m_history.end(), s.newHistory.begin(), s.newHistory.end());
    s.newHistory.clear();
    m_latest = std::move(s);
    if (!m_latest.running)
        m_playRequested = false;
    emit snapshotChanged();
    if (wasRunning != m_latest.running)
        emit runningChanged(m_latest.running);
}

}  // namespace np
