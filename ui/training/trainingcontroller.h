#pragma once

#include "mailbox.h"
#include "trainingcommand.h"
#include "trainingmessage.h"
#include "trainingsnapshot.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace np {

class TrainingWorker;
class WorkerThread;

/// The GUI thread's handle on training: owns the worker thread, sends it numbered commands,
/// and keeps the newest snapshot and the history for the views. It is the one place that says
/// whether the history was replaced or extended. Never trains and never waits for the worker
/// (except when it is destroyed, which stops it at once).
class TrainingController : public QObject
{
    Q_OBJECT

public:
    /// clock: nanoseconds on a steady clock for the worker's chunks and speed throttle, read
    /// on the worker's thread (tests pass their own); empty: the real one.
    explicit TrainingController(QObject *parent = nullptr, std::function<qint64()> clock = {});
    ~TrainingController() override;

    /// Starts afresh: new weights from config.init.seed, empty history, paused.
    void reset(const Config &config, const Dataset &dataset);
    /// Changed settings: kept weights when the shape allows, re-initialised otherwise (message()).
    void applyConfig(const Config &config);
    /// Changed data, with the settings that go with it (a switch between classification and
    /// regression changes both at once): the network is kept when its shape still fits.
    void setData(const Config &config, const Dataset &dataset);
    /// Continues a saved session.
    void restore(const Config &config, const Dataset &dataset, const TrainerState &state);

    void play();
    void pause();
    void togglePlay();
    void stepBatch();
    void stepEpoch();
    /// Epochs per second; 0 trains as fast as possible.
    void setSpeed(double epochsPerSecond);
    /// Sets one weight (column -1: the bias) of the running network.
    void setWeight(int layer, int row, int column, float value);
    /// Asks the worker for the session it trains (for saving); answered by sessionReady() with
    /// the id returned here.
    std::uint64_t requestSession();

    /// The newest snapshot (weights, counters, status) and the history of this generation.
    const TrainingSnapshot &latest() const { return m_latest; }
    const History &history() const { return m_history; }
    bool isRunning() const { return m_latest.running; }
    bool hasSnapshot() const { return m_latest.serial > 0; }
    /// The id of the last command sent; latest().command reaches it once the worker caught up.
    std::uint64_t lastCommand() const { return m_lastCommand; }

signals:
    /// latest() changed; views schedule a repaint. After historyReset() or historyAppended().
    void snapshotChanged();
    /// history() was replaced: a reset, a restore, a re-initialisation, or the trainer thinned it out.
    void historyReset();
    /// history() gained rows from `first` on; the rows before it are unchanged.
    void historyAppended(std::size_t first);
    void runningChanged(bool running);
    /// Something the user should read (a re-initialisation, why training stopped, a refusal).
    void message(const np::TrainingMessage &message);
    /// The answer to requestSession(): config, data and state that belong together.
    void sessionReady(std::uint64_t request, const np::Session &session);
    /// The user set a weight (setWeight()).
    void weightEdited();

    /// Every command, numbered, for the worker (queued to its thread).
    void commandRequested(const np::TrainingCommand &command);

private:
    std::uint64_t send(TrainingCommand command);
    std::uint64_t send(TrainingCommand::Kind kind);
    void onSnapshotPosted();
    bool takeHistory(TrainingSnapshot &snapshot);

    Mailbox<TrainingSnapshot> m_mailbox;
    TrainingWorker *m_worker = nullptr;  ///< lives on m_thread, which owns it
    std::unique_ptr<WorkerThread> m_thread;
    TrainingSnapshot m_latest;
    History m_history;
    std::uint64_t m_historyVersion = 0;
    std::uint64_t m_lastCommand = 0;
    std::atomic<std::uint64_t> m_commandsSent{0};  // read by the worker between a long step's blocks
    // What the user last asked for (play, or pause/step), and its command: a snapshot tells
    // that training stopped on its own only once the worker has handled that command.
    bool m_playRequested = false;
    std::uint64_t m_playCommand = 0;
};

}  // namespace np
