#pragma once

#include "trainingsnapshot.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>

namespace np {

/// The newest snapshot waiting for the GUI thread. The worker overwrites it (appending history
/// rows the GUI has not taken yet); the GUI takes it when notified. So the worker never waits
/// for the GUI, and however slow the GUI is, only the newest weights are ever drawn.
class SnapshotMailbox
{
public:
    /// Worker side: stores the snapshot; true when the GUI must be notified (nothing was pending).
    bool post(TrainingSnapshot snapshot);
    /// GUI side: takes the pending snapshot, if any.
    bool take(TrainingSnapshot &out);

private:
    QMutex m_mutex;
    TrainingSnapshot m_pending;
    bool m_hasPending = false;
};

/// Trains on its own thread. Commands arrive as queued slot calls between bounded chunks of
/// training (a few milliseconds each), so pausing, stepping and setting changes take effect
/// promptly; snapshots go to the mailbox no more often than the screen refreshes.
class TrainingWorker : public QObject
{
    Q_OBJECT

public:
    enum StepKind { StepBatch, StepEpoch };
    Q_ENUM(StepKind)

    TrainingWorker(SnapshotMailbox *mailbox, QObject *notify);

public slots:
    void onResetRequested(const np::Config &config, const np::Dataset &dataset);
    void onConfigRequested(const np::Config &config);
    void onDataRequested(const np::Config &config, const np::Dataset &dataset);
    void onRestoreRequested(const np::Config &config, const np::Dataset &dataset, const np::TrainerState &state);
    void onPlayRequested();
    void onPauseRequested();
    void onStepRequested(int kind);
    /// Epochs per second; 0 means as fast as possible.
    void onSpeedRequested(double epochsPerSecond);
    void onStateRequested();
    void onWeightRequested(int layer, int row, int column, float value);

signals:
    void stateReady(const np::TrainerState &state);
    /// Something to tell the user: a re-initialisation, a stop and why, a refused setting.
    void messageReady(const QString &text);

private:
    void runChunk();
    void scheduleChunk(int delayMs);
    void publish(bool force);
    void stopped();
    std::int64_t stepsPerEpoch() const;

    SnapshotMailbox *m_mailbox;
    QObject *m_notify;  // the controller, told through a queued call when the mailbox fills
    Trainer m_trainer;
    bool m_ready = false;
    bool m_running = false;
    bool m_chunkScheduled = false;
    double m_epochsPerSecond = 0.0;
    std::uint64_t m_serial = 0;
    std::uint64_t m_generation = 0;
    std::size_t m_publishedHistory = 0;  // rows of the trainer's history already published
    std::int64_t m_publishedInterval = 1;
    bool m_historyReset = true;
    QElapsedTimer m_sincePublish;
    // Throttling and the samples/s figure.
    QElapsedTimer m_clock;
    qint64 m_throttleStartNs = 0;
    std::int64_t m_throttleStartStep = 0;
    qint64 m_rateStartNs = 0;
    std::int64_t m_rateStartSamples = 0;
    double m_samplesPerSecond = 0.0;
};

}  // namespace np
