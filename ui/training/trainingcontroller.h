#pragma once

#include "trainingsnapshot.h"
#include "trainingworker.h"

#include <QObject>
#include <QThread>

namespace np {

/// The GUI thread's handle on training: owns the worker thread, sends it commands as queued
/// signals, and keeps the newest snapshot and the accumulated history for the views. Never
/// trains and never waits for the worker (except when it is destroyed, which stops it at once).
class TrainingController : public QObject
{
    Q_OBJECT

public:
    explicit TrainingController(QObject *parent = nullptr);
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
    /// Asks the worker for its full state (for saving); answered by stateReady().
    void requestState();

    /// The newest snapshot (weights, counters, status) and the history of this generation.
    const TrainingSnapshot &latest() const { return m_latest; }
    const History &history() const { return m_history; }
    bool isRunning() const { return m_latest.running; }
    bool hasSnapshot() const { return m_latest.serial > 0; }

signals:
    /// latest() and history() changed; views schedule a repaint.
    void snapshotChanged();
    void runningChanged(bool running);
    /// Something the user should read (a re-initialisation, why training stopped, an error).
    void message(const QString &text);
    void stateReady(const np::TrainerState &state);

    // Commands for the worker (queued to its thread).
    void resetRequested(const np::Config &config, const np::Dataset &dataset);
    void configRequested(const np::Config &config);
    void dataRequested(const np::Config &config, const np::Dataset &dataset);
    void restoreRequested(const np::Config &config, const np::Dataset &dataset, const np::TrainerState &state);
    void playRequested();
    void pauseRequested();
    void stepRequested(int kind);
    void speedRequested(double epochsPerSecond);
    void stateRequested();
    void weightRequested(int layer, int row, int column, float value);

private slots:
    void onSnapshotPosted();

private:
    QThread m_thread;
    SnapshotMailbox m_mailbox;
    TrainingWorker *m_worker = nullptr;
    TrainingSnapshot m_latest;
    History m_history;
    bool m_playRequested = false;
};

}  // namespace np
