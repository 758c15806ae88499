#pragma once

#include "trainingsnapshot.h"

#include "session/config.h"
#include "training/history.h"

#include <cstdint>
#include <string>

namespace np {

class RunsModel;

/// Turns the stream of training snapshots into runs: it follows the current generation (one
/// reset-to-reset stretch of training) and records it when a new generation starts, if it
/// trained at least one epoch. recordNow() records the current one (on save); recording the
/// same generation again updates its row rather than adding a duplicate.
class RunRecorder
{
public:
    explicit RunRecorder(RunsModel *model) : m_model(model) {}

    /// After every TrainingController::snapshotChanged, with the document's settings and data.
    void observe(const TrainingSnapshot &snapshot, const History &history, const Config &config,
                 const Dataset &dataset, std::uint64_t datasetRevision);
    /// Records the current generation now (the app saves); returns the run's id or 0 when
    /// there is nothing new to record.
    int recordNow();
    /// The next generation (the one a lesson is about to start) is recorded under this title
    /// ("#4 XOR · Perceptron") instead of its settings; empty names it by its settings again.
    void setNextRunTitle(const std::string &title) { m_nextTitle = title; }

private:
    void appendRow(const HistoryRecord &row);

    RunsModel *m_model;
    bool m_active = false;
    std::uint64_t m_generation = 0;
    std::int64_t m_startEpoch = 0;     // the epoch the generation started at (a restored run's)
    TrainingSnapshot m_snapshot;       // the newest, without its history rows
    Config m_config;
    Dataset m_dataset;
    std::uint64_t m_datasetRevision = 0;
    bool m_haveDataset = false;
    History m_rows;                    // every m_stride-th row of the generation's history
    HistoryRecord m_lastRow;
    std::size_t m_seen = 0;            // rows of the controller's history consumed
    std::size_t m_stride = 1;
    int m_recordedId = 0;              // this generation's run, once recorded
    std::int64_t m_recordedEpoch = -1;
    std::string m_nextTitle;           // for the generation that starts next
    std::string m_title;               // this generation's, or empty
};

}  // namespace np
