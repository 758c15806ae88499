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

TrainingWorker::TrainingWorker(Mailbox<TrainingSnapshot> *mailbox, const std::atomic<std::uint64_t> *commandsSent,
                               Clock clock)
    : m_mailbox(mailbox)
    , m_commandsSent(commandsSent)
    , m_now(std::move(clock))
{
    m_clock.start();
    m_sincePublish.start();
    // Between the row blocks of a long step: leave it (it resumes later) when a command waits
    // or the thread is to end; otherwise let the window see how far the step has come.
    m_trainer.setInterruption([this](double) {
        if (commandWaiting() || QThread::currentThread()->isInterruptionRequested())
            return true;
        publish(false);
        return false;
    });
}

qint64 TrainingWorker::now() const
{
    return m_now ? m_now() : m_clock.nsecsElapsed();
}

bool TrainingWorker::commandWaiting() const
{
    return m_commandsSent && m_commandsSent->load(std::memory_order_acquire) > m_command;
}

std::int64_t TrainingWorker::stepsWithin(qint64 ns) const
{
    if (m_stepNs <= 0.0)
        return 1;  // the first step measures
    return std::clamp<std::int64_t>(static_cast<std::int64_t>(double(ns) / m_stepNs), 1, 1 << 20);
}

std::int64_t TrainingWorker::trainTimed(std::int64_t steps)
{
    const qint64 before = now();
    const std::int64_t ran = m_trainer.train(steps);
    const qint64 took = std::max<qint64>(now() - before, 1);
    // A step cut short says nothing about its length; a full burst does.
    if (ran > 0 && !m_trainer.wasInterrupted())
        m_stepNs = m_stepNs <= 0.0 ? double(took) / double(ran) : 0.5 * m_stepNs + 0.5 * double(took) / double(ran);
    return ran;
}

void TrainingWorker::onCommand(const TrainingCommand &command)
{
    m_command = command.id;
    using Kind = TrainingCommand::Kind;
    switch (command.kind) {
    case Kind::Reset: reset(command.config, command.dataset); return;
    case Kind::ApplyConfig: applyConfig(command.config); return;
    case Kind::SetData: setData(command.config, command.dataset); return;
    case Kind::Restore: restore(command.config, command.dataset, command.state); return;
    case Kind::Play: play(); return;
    case Kind::Pause: pause(); return;
    case Kind::StepBatch:
    case Kind::StepEpoch: step(command.kind); return;
    case Kind::SetSpeed: setSpeed(command.speed); return;
    case Kind::SetWeight: setWeight(command.layer, command.row, command.column, command.value); return;
    case Kind::RequestSession: answerSession(command.id); return;
    }
}

void TrainingWorker::tell(TrainingMessage::Kind kind, const QString &text)
{
    emit messageReady(TrainingMessage{kind, text});
}

void TrainingWorker::tell(TrainingMessage::Kind kind, const std::string &text)
{
    tell(kind, QString::fromStdString(text));
}

void TrainingWorker::restarted()
{
    // A new network, or a saved one restored: new weights and a new history.
    ++m_generation;
    ++m_historyVersion;
    m_historyTaken = 0;
    m_historyPosted = 0;
    m_throttleStartNs = now();
    m_throttleStartStep = m_trainer.stepCount();
}

void TrainingWorker::reset(const Config &config, const Dataset &dataset)
{
    const std::string error = m_trainer.reset(config, dataset);
    if (!error.empty()) {
        tell(TrainingMessage::Kind::Refused, error);
        return;
    }
    m_ready = true;
    restarted();
    publish(true);
}

void TrainingWorker::applyConfig(const Config &config)
{
    if (!m_ready) {
        reset(config, m_trainer.dataset());
        return;
    }
    const ApplyResult result = m_trainer.apply(config);
    if (!result.error.empty()) {
        tell(TrainingMessage::Kind::Refused, result.error);
        return;
    }
    if (result.reinitialized) {
        restarted();
        tell(TrainingMessage::Kind::Reinitialised,
             tr("The network's shape changed, so its weights were initialised afresh."));
    }
    // A raised epoch limit or target lets a stopped run go on.
    if (m_trainer.stopReason() == StopReason::MaxEpochs || m_trainer.stopReason() == StopReason::TargetLoss)
        m_trainer.clearStop();
    publish(true);
}

void TrainingWorker::setData(const Config &config, const Dataset &dataset)
{
    if (!m_ready) {
        reset(config, dataset);
        return;
    }
    if (std::string error = validateConfig(config, dataset.task, dataset.classCount); !error.empty()) {
        tell(TrainingMessage::Kind::Refused, error);
        return;
    }
    const Dataset &current = m_trainer.dataset();
    const bool taskChanged = dataset.task != current.task;
    const bool headFits = outputUnits(config.network.head, dataset.task,
                                      dataset.task == Task::Classification ? dataset.classCount : 1)
                          == m_trainer.network().outputs();
    if (taskChanged || !headFits) {
        // Settings and data change together; the old network cannot serve the new problem.
        reset(config, dataset);
        if (m_ready)
            tell(TrainingMessage::Kind::Reinitialised,
                 tr("The data now needs a different output layer, so the network was initialised afresh."));
        return;
    }
    ApplyResult result = m_trainer.setDataset(dataset);
    if (!result.error.empty()) {
        tell(TrainingMessage::Kind::Refused, result.error);
        return;
    }
    m_throttleStartNs = now();
    m_throttleStartStep = m_trainer.stepCount();
    applyConfig(config);
}

void TrainingWorker::restore(const Config &config, const Dataset &dataset, const TrainerState &state)
{
    std::string error = m_trainer.reset(config, dataset);
    if (error.empty())
        error = m_trainer.restore(state);
    if (!error.empty()) {
        tell(TrainingMessage::Kind::Refused, error);
        return;
    }
    m_ready = true;
    m_running = false;
    restarted();
    publish(true);
}

void TrainingWorker::play()
{
    if (!m_ready)
        return;
    if (m_trainer.isStopped()) {
        // Playing again after a stop: a diverged run continues from the restored weights (after
        // the user changed something, presumably); a finished one continues past its limit only
        // if the limit was raised, so those stay stopped.
        if (m_trainer.stopReason() == StopReason::MaxEpochs || m_trainer.stopReason() == StopReason::NoData) {
            tell(TrainingMessage::Kind::Stopped, m_trainer.stopMessage());
            publish(true);
            return;
        }
        m_trainer.clearStop();
    }
    m_running = true;
    m_throttleStartNs = now();
    m_throttleStartStep = m_trainer.stepCount();
    m_rateStartNs = m_throttleStartNs;
    m_rateStartSamples = m_trainer.samplesSeen();
    scheduleChunk(0);
    publish(true);
}

void TrainingWorker::pause()
{
    m_running = false;
    m_samplesPerSecond = 0;
    publish(true);
}

void TrainingWorker::step(TrainingCommand::Kind kind)
{
    if (!m_ready)
        return;
    m_running = false;
    if (m_trainer.isStopped() && m_trainer.stopReason() != StopReason::MaxEpochs)
        m_trainer.clearStop();
    if (kind == TrainingCommand::Kind::StepEpoch)
        m_trainer.trainEpoch();
    else
        m_trainer.step();
    if (m_trainer.isStopped())
        stopped();
    publish(true);
}

void TrainingWorker::setSpeed(double epochsPerSecond)
{
    m_epochsPerSecond = std::max(0.0, epochsPerSecond);
    m_throttleStartNs = now();
    m_throttleStartStep = m_trainer.stepCount();
}

void TrainingWorker::answerSession(std::uint64_t request)
{
    // Config, data and state from the one trainer that owns them: they always belong together.
    Session session;
    if (m_ready)
        session = Session{m_trainer.config(), m_trainer.dataset(), m_trainer.state()};
    emit sessionReady(request, session);
}

void TrainingWorker::setWeight(int layer, int row, int column, float value)
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

    const qint64 start = now();
    int nextDelayMs = 0;
    if (m_epochsPerSecond <= 0) {
        // As fast as possible: bursts of about a quarter of a millisecond, sized by the measured
        // time per step, until the chunk's time is used up.
        while (now() - start < kChunkNs) {
            const std::int64_t burst = stepsWithin(250'000);
            if (trainTimed(burst) < burst)
                break;
        }
    } else {
        // Throttled: the steps due by now at the chosen speed, at most a chunk's worth of time.
        const double stepsPerSecond = m_epochsPerSecond * double(stepsPerEpoch());
        const double elapsed = double(start - m_throttleStartNs) * 1e-9;
        const auto due = static_cast<std::int64_t>(elapsed * stepsPerSecond) - (m_trainer.stepCount() - m_throttleStartStep);
        if (due > 0) {
            std::int64_t done = 0;
            while (done < due && now() - start < kChunkNs) {
                const std::int64_t n = std::min<std::int64_t>(due - done, stepsWithin(250'000));
                const std::int64_t ran = trainTimed(n);
                done += ran;
                if (ran < n)
                    break;
            }
            if (done < due && !m_trainer.isStopped()) {
                // Cannot keep up: stop owing steps instead of accumulating a debt.
                m_throttleStartNs = now();
                m_throttleStartStep = m_trainer.stepCount();
            }
        }
        const double secondsPerStep = 1.0 / std::max(stepsPerSecond, 1e-9);
        nextDelayMs = m_trainer.wasInterrupted() ? 0 : static_cast<int>(std::clamp(secondsPerStep * 1000.0, 1.0, 16.0));
    }

    const qint64 end = now();
    if (end - m_rateStartNs > 500'000'000) {
        m_samplesPerSecond = double(m_trainer.samplesSeen() - m_rateStartSamples) / (double(end - m_rateStartNs) * 1e-9);
        m_rateStartNs = end;
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
    tell(m_trainer.stopReason() == StopReason::Diverged ? TrainingMessage::Kind::Diverged
                                                        : TrainingMessage::Kind::Stopped,
         m_trainer.stopMessage());
}

void TrainingWorker::publish(bool force)
{
    if (!m_ready || (!force && m_sincePublish.elapsed() < kPublishIntervalMs))
        return;
    m_sincePublish.start();

    TrainingSnapshot s;
    s.serial = ++m_serial;
    s.generation = m_generation;
    s.command = m_command;
    s.model = m_trainer.model();
    s.epoch = m_trainer.epoch();
    s.step = m_trainer.stepCount();
    s.samples = m_trainer.samplesSeen();
    s.learningRate = m_trainer.learningRate();
    s.lastBatchLoss = m_trainer.lastBatchLoss();
    s.samplesPerSecond = m_running ? m_samplesPerSecond : 0.0;
    s.epochFraction = m_trainer.epochFraction();
    s.running = m_running;
    s.stopReason = m_trainer.stopReason();
    s.stopMessage = QString::fromStdString(m_trainer.stopMessage());

    const History &history = m_trainer.history();
    // Compacting (its interval doubles) rewrites the trainer's rows: a new version of them.
    if (m_trainer.historyInterval() != m_historyInterval || history.size() < m_historyPosted) {
        ++m_historyVersion;
        m_historyTaken = 0;
        m_historyPosted = 0;
    }
    m_historyInterval = m_trainer.historyInterval();
    s.historyVersion = m_historyVersion;
    s.historyFrom = m_historyTaken;
    s.newHistory.assign(history.begin() + static_cast<std::ptrdiff_t>(m_historyTaken), history.end());

    if (m_mailbox->post(std::move(s)))
        m_historyTaken = m_historyPosted;  // the previous snapshot was taken, and its rows with it
    m_historyPosted = history.size();
}

}  // namespace np
