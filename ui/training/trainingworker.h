#pragma once

#include "mailbox.h"
#include "trainingcommand.h"
#include "trainingmessage.h"
#include "trainingsnapshot.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <functional>

namespace np {

/// Trains on its own thread. Commands arrive as queued calls of onCommand() between chunks of
/// training sized by time (a few milliseconds each, however long one step takes); a step too
/// long for that is cut short between its row blocks as soon as a command waits (see
/// Trainer::setInterruption), so pausing, stepping and setting changes take effect within
/// milliseconds; snapshots go to the mailbox no more often than the screen refreshes.
class TrainingWorker : public QObject
{
    Q_OBJECT

public:
    /// commandsSent: the id of the newest command sent to this worker (the controller raises it
    /// before the queued call); a long step is cut short while it exceeds the last one handled.
    /// clock: nanoseconds on a steady clock, for the chunks' time and the speed throttle
    /// (called on the worker's thread); empty: the real one.
    using Clock = std::function<qint64()>;
    explicit TrainingWorker(Mailbox<TrainingSnapshot> *mailbox,
                            const std::atomic<std::uint64_t> *commandsSent = nullptr, Clock clock = {});

    void onCommand(const np::TrainingCommand &command);

signals:
    /// The answer to a RequestSession command: the worker's own config, data and state, which
    /// belong together whatever the GUI's document has become meanwhile. Without a state (and
    /// with a default config and no data) while the worker has no network yet.
    void sessionReady(std::uint64_t request, const np::Session &session);
    void messageReady(const np::TrainingMessage &message);

private:
    void reset(const Config &config, const Dataset &dataset);
    void applyConfig(const Config &config);
    void setData(const Config &config, const Dataset &dataset);
    void restore(const Config &config, const Dataset &dataset, const TrainerState &state);
    void play();
    void pause();
    void step(TrainingCommand::Kind kind);
    void setSpeed(double epochsPerSecond);
    void setWeight(int layer, int row, int column, float value);
    void answerSession(std::uint64_t request);

    void tell(TrainingMessage::Kind kind, const QString &text);
    void tell(TrainingMessage::Kind kind, const std::string &text);
    void restarted();
    void runChunk();
    void scheduleChunk(int delayMs);
    void publish(bool force);
    void stopped();
    std::int64_t stepsPerEpoch() const;
    bool commandWaiting() const;
    qint64 now() const;
    /// Steps that fit in `ns` at the measured time per step (at least one).
    std::int64_t stepsWithin(qint64 ns) const;
    /// Trains up to `steps` steps and updates the time per step.
    std::int64_t trainTimed(std::int64_t steps);

    Mailbox<TrainingSnapshot> *m_mailbox;
    const std::atomic<std::uint64_t> *m_commandsSent;
    double m_stepNs = 0.0;  // measured time per step; 0: not yet measured
    Trainer m_trainer;
    bool m_ready = false;
    bool m_running = false;
    bool m_chunkScheduled = false;
    double m_epochsPerSecond = 0.0;
    std::uint64_t m_serial = 0;
    std::uint64_t m_generation = 0;
    std::uint64_t m_command = 0;
    QElapsedTimer m_sincePublish;
    // The history rows the controller may lack. A snapshot carries the rows from
    // m_historyTaken on; when posting finds the mailbox empty, the previous snapshot was taken,
    // and with it the rows up to m_historyPosted. A replaced history starts a new version.
    std::uint64_t m_historyVersion = 0;
    std::size_t m_historyTaken = 0;
    std::size_t m_historyPosted = 0;
    std::int64_t m_historyInterval = 1;
    // Throttling and the samples/s figure.
    QElapsedTimer m_clock;
    Clock m_now;
    qint64 m_throttleStartNs = 0;
    std::int64_t m_throttleStartStep = 0;
    qint64 m_rateStartNs = 0;
    std::int64_t m_rateStartSamples = 0;
    double m_samplesPerSecond = 0.0;
};

}  // namespace np
