#include "trainingworker.h"

#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

// A chunk trains this long before returning to the event loop to handle commands.
constexpr qint64 kChunkNs = 4'000'000;
// Snapshots no more often than a 60 Hz screen shows them.
constexpr qint64 kPublishIntervalMs = 16;

}  // namespace

bool SnapshotMailbox::post(TrainingSnapshot snapshot)
{
    QMutexLocker lock(&m_mutex);
    const bool notify = !m_hasPending;
    if (m_hasPending && !snapshot.historyReset && snapshot.generation == m_pending.generation) {
        // The GUI has not taken the previous one: keep its history rows in front of the new ones.
        std::vector<HistoryRecord> rows = std::move(m_pending.newHistory);
        rows.insert(rows.end(), snapshot.newHistory.begin(), snapshot.newHistory.end());
        snapshot.newHistory = std::move(rows);
        snapshot.historyReset = m_pending.historyReset;
    }
    m_pending = std::move(snapshot);
    m_hasPending = true;
    return notify;
}

bool SnapshotMailbox::take(TrainingSnapshot &out)
{
    QMutexLocker lock(&m_mutex);
    if (!m_hasPending)
        return false;
    out = std::move(m_pending);
    m_pending = TrainingSnapshot{};
    m_hasPending = false;
    return true;
}

TrainingWorker::TrainingWorker(SnapshotMailbox *mailbox, QObject *notify)
    : m_mailbox(mailbox)
    , m_notify(notify)
{
    m_clock.start();
    m_sincePublish.start();
}

void TrainingWorker::onResetRequested(const Config &config, const Dataset &dataset)
{
    const std::string error = m_trainer.reset(config, dataset);
    if (!error.empty()) {
        emit messageReady(QString::fromStdString(error));
        return;
    }
    m_ready = true;
    ++m_generation;
    m_historyReset = true;
    m_publishedHistory = 0;
    m_throttleStartNs = m_clock.nsecsElapsed();
    m_throttleStartStep = 0;
    publish(true);
}

void TrainingWorker::onConfigRequested(const Config &config)
{
    if (!m_ready) {
        onResetRequested(config, m_trainer.dataset());
        return;
    }
    const ApplyResult result = m_trainer.apply(config);
    if (!result.error.empty()) {
        emit messageReady(QString::fromStdString(result.error));
        return;
    }
    if (result.reinitialized) {
        ++m_generation;
        m_historyReset = true;
        m_publishedHistory = 0;
        m_throttleStartNs = m_clock.nsecsElapsed();
        m_throttleStartStep = 0;
        emit messageReady(tr("The network's shape changed, so its weights were initialised afresh."));
    }
    // A raised epoch limit or target lets a stopped run go on.
    if (m_trainer.stopReason() == StopReason::MaxEpochs || m_trainer.stopReason() == StopReason::TargetLoss)
        m_trainer.clearStop();
    publish(true);
}

void TrainingWorker::onDataRequested(const Config &config, const Dataset &dataset)
{
    if (!m_ready) {
        onResetRequested(config, dataset);
        return;
    }
    if (std::string error = validateConfig(config, dataset.task, dataset.classCount); !error.empty()) {
        emit messageReady(QString::fromStdString(error));
        return;
    }
    const Dataset &current = m_trainer.dataset();
    const bool taskChanged = dataset.task != current.task;
    const bool headFits = outputUnits(config.network.head, dataset.task,
                                             dataset.task == Task::Classification ? dataset.classCount : 1)
                          == m_trainer.network().outputs();
    if (taskChanged || !headFits) {
        // Settings and data change together; the old network cannot serve the new problem.
        onResetRequested(config, dataset);
        if (m_ready)
            emit messageReady(tr("The data now needs a different output layer, so the network was initialised afresh."));
        return;
    }
    ApplyResult result = m_trainer.setDataset(dataset);
    if (!result.error.empty()) {
        emit messageReady(QString::fromStdString(result.error));
        return;
    }
    m_throttleStartNs = m_clock.nsecsElapsed();
    m_throttleStartStep = m_trainer.stepCount();
    onConfigRequested(config);
}

void TrainingWorker::onRestoreRequested(const Config &config, const Dataset &dataset, const TrainerState &state)
{
    std::string error = m_trainer.reset(config, dataset);
    if (error.empty())
        error = m_trainer.restore(state);
    if (!error.empty()) {
        emit messageReady(QString::fromStdString(error));
        return;
    }
    m_ready = true;
    m_running = false;
    ++m_generation;
    m_historyReset = true;
    m_publishedHistory = 0;
    publish(true);
}

void TrainingWorker::onPlayRequested()
{
    if (!m_ready)
        return;
    if (m_trainer.isStopped()) {
        // Playing again after a stop: a diverged run continues from the restored weights (after
        // the user changed something, presumably); a finished one continues past its limit only
        // if the limit was raised, so those stay stopped.
        if (m_trainer.stopReason() == StopReason::MaxEpochs || m_trainer.stopReason() == StopReason::NoData) {
            emit messageReady(QString::fromStdString(m_trainer.stopMessage()));
            publish(true);
            return;
        }
        m_trainer.clearStop();
    }
    m_running = true;
    m_throttleStartNs = m_clock.nsecsElapsed();
    m_throttleStartStep = m_trainer.stepCount();
    m_rateStartNs = m_throttleStartNs;
    m_rateStartSamples = m_trainer.samplesSeen();
    scheduleChunk(0);
    publish(true);
}

void TrainingWorker::onPauseRequested()
{
    m_running = false;
    m_samplesPerSecond = 0;
    publish(true);
}

void TrainingWorker::onStepRequested(int kind)
{
    if (!m_ready)
        return;
    m_running = false;
    if (m_trainer.isStopped() && m_trainer.stopReason() != StopReason::MaxEpochs)
        m_trainer.clearStop();
    if (kind == StepEpoch)
        m_trainer.trainEpoch();
    else
        m_trainer.step();
    if (m_trainer.isStopped())
        stopped();
    publish(true);
}

void TrainingWorker::onSpeedRequested(double epochsPerSecond)
{
    m_epochsPerSecond = std::max(0.0, epochsPerSecond);
    m_throttleStartNs = m_clock.nsecsElapsed();
    m_throttleStartStep = m_trainer.stepCount();
}

void TrainingWorker::onStateRequested()
{
    emit stateReady(m_trainer.state());
}

void TrainingWorker::onWeightRequested(int layer, int row, int column, float value)
{
    if (!m_ready || layer < 0 || layer >= m_trainer.network().layerCount())
        return;
    auto W = m_trainer.network().W(layer);
    if (row < 0 || row >= W.rows() || column < -1 || column >= W.cols() || !std::isfinite(value))
        return;
    if (column == -1) {
        auto b = m_trainer.network().b(layer);
        if (b.size() == 0)
            return;
        b(row) = value;  // column -1 addresses the bias
    } else {
        W(row, column) = value;
    }
    m_trainer.parametersEdited();
    publish(true);
}

std::int64_t TrainingWorker::stepsPerEpoch() const
{
    const std::int64_t n = m_trainer.trainInputs().cols();
    const int batch = m_trainer.config().training.batchSize;
    if (n == 0)
        return 1;
    if (batch <= 0 || m_trainer.config().training.algorithm == Algorithm::Perceptron)
        return batch <= 0 ? 1 : (n + batch - 1) / batch;
    return (n + batch - 1) / batch;
}

void TrainingWorker::scheduleChunk(int delayMs)
{
    if (m_chunkScheduled)
        return;
    m_chunkScheduled = true;
    if (delayMs <= 0)
        QMetaObject::invokeMethod(this, &TrainingWorker::runChunk, Qt::QueuedConnection);
    else
        QTimer::singleShot(delayMs, this, &TrainingWorker::runChunk);
}

void TrainingWorker::runChunk()
{
    m_chunkScheduled = false;
    if (!m_running || QThread::currentThread()->isInterruptionRequested())
        return;

    const qint64 start = m_clock.nsecsElapsed();
    int nextDelayMs = 0;
    if (m_epochsPerSecond <= 0) {
        // As fast as possible: small batches of steps until the chunk's time is used up.
        std::int64_t burst = 16;
        while (m_clock.nsecsElapsed() - start < kChunkNs) {
            const qint64 before = m_clock.nsecsElapsed();
            if (m_trainer.train(burst) < burst)
                break;
            // Aim for bursts of about a quarter of a millisecond between clock reads.
            const qint64 took = std::max<qint64>(m_clock.nsecsElapsed() - before, 1);
            burst = std::clamp<std::int64_t>(burst * 250'000 / took, 1, 1 << 20);
        }
    } else {
        // Throttled: the steps due by now at the chosen speed, at most a chunk's worth of time.
        const double stepsPerSecond = m_epochsPerSecond * double(stepsPerEpoch());
        const double elapsed = double(start - m_throttleStartNs) * 1e-9;
        const auto due = static_cast<std::int64_t>(elapsed * stepsPerSecond) - (m_trainer.stepCount() - m_throttleStartStep);
        if (due > 0) {
            std::int64_t done = 0;
            while (done < due && m_clock.nsecsElapsed() - start < kChunkNs) {
                const std::int64_t n = std::min<std::int64_t>(due - done, 64);
                const std::int64_t ran = m_trainer.train(n);
                done += ran;
                if (ran < n)
                    break;
            }
            if (done < due && !m_trainer.isStopped()) {
                // Cannot keep up: stop owing steps instead of accumulating a debt.
                m_throttleStartNs = m_clock.nsecsElapsed();
                m_throttleStartStep = m_trainer.stepCount();
            }
        }
        const double secondsPerStep = 1.0 / std::max(stepsPerSecond, 1e-9);
        nextDelayMs = static_cast<int>(std::clamp(secondsPerStep * 1000.0, 1.0, 16.0));
    }

    const qint64 now = m_clock.nsecsElapsed();
    if (now - m_rateStartNs > 500'000'000) {
        m_samplesPerSecond = double(m_trainer.samplesSeen() - m_rateStartSamples) / (double(now - m_rateStartNs) * 1e-9);
        m_rateStartNs = now;
        m_rateStartSamples = m_trainer.samplesSeen();
    }
    if (m_trainer.isStopped()) {
        stopped();
        publish(true);
        return;
    }
    publish(false);
    scheduleChunk(nextDelayMs);
}

void TrainingWorker::stopped()
{
    m_running = false;
    m_samplesPerSecond = 0;
    emit messageReady(QString::fromStdString(m_trainer.stopMessage()));
}

void TrainingWorker::publish(bool force)
{
    if (!m_ready || (!force && m_sincePublish.elapsed() < kPublishIntervalMs))
        return;
    m_sincePublish.start();

    TrainingSnapshot s;
    s.serial = ++m_serial;
    s.generation = m_generation;
    s.model = m_trainer.model();
    s.epoch = m_trainer.epoch();
    s.step = m_trainer.stepCount();
    s.samples = m_trainer.samplesSeen();
    s.learningRate = m_trainer.learningRate();
    s.lastBatchLoss = m_trainer.lastBatchLoss();
    s.samplesPerSecond = m_running ? m_samplesPerSecond : 0.0;
    s.running = m_running;
    s.stopReason = m_trainer.stopReason();
    s.stopMessage = QString::fromStdString(m_trainer.stopMessage());

    const History &history = m_trainer.history();
    // When the trainer compacts its history (its interval doubles) the rows change: send all again.
    if (m_trainer.historyInterval() != m_publishedInterval || history.size() < m_publishedHistory)
        m_historyReset = true;
    if (m_historyReset) {
        s.historyReset = true;
        s.newHistory = history;
    } else {
        s.newHistory.assign(history.begin() + static_cast<std::ptrdiff_t>(m_publishedHistory), history.end());
    }
    m_historyReset = false;
    m_publishedHistory = history.size();
    m_publishedInterval = m_trainer.historyInterval();

    if (m_mailbox->post(std::move(s)))
        QMetaObject::invokeMethod(m_notify, "onSnapshotPosted", Qt::QueuedConnection);
}

}  // namespace np
