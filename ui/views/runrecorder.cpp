#include "runrecorder.h"
#include "runsmodel.h"

#include <chrono>
#include <utility>

namespace np {

void RunRecorder::observe(const TrainingSnapshot &snapshot, const History &history, const Config &config,
                          const Dataset &dataset, std::uint64_t datasetRevision)
{
    if (snapshot.serial == 0)
        return;  // the worker has not trained anything yet
    if (!m_active || snapshot.generation != m_generation) {
        recordNow();
        m_active = true;
        m_generation = snapshot.generation;
        m_startEpoch = snapshot.epoch;
        m_rows.clear();
        m_seen = 0;
        m_stride = 1;
        m_recordedId = 0;
        m_recordedEpoch = -1;
        m_haveDataset = false;
        m_config = config;
        m_title = std::exchange(m_nextTitle, {});
    }
    // The document runs ahead of the worker: settings that re-initialise the network reach the
    // document before the last snapshots of the old network arrive. Only settings and data that
    // fit the snapshot's network belong to this run.
    const Model &model = snapshot.model;
    if (config.network == model.network && config.features == model.features)
        m_config = config;
    if ((!m_haveDataset || datasetRevision != m_datasetRevision) && dataset.task == model.task
        && (dataset.task == Task::Regression || dataset.classCount == model.classCount)) {
        m_dataset = dataset;
        m_datasetRevision = datasetRevision;
        m_haveDataset = true;
    }

    if (history.size() < m_seen) {  // the trainer compacted its history: take it afresh
        m_rows.clear();
        m_seen = 0;
        m_stride = 1;
    }
    for (; m_seen < history.size(); ++m_seen)
        appendRow(history[m_seen]);

    m_snapshot = snapshot;
    m_snapshot.newHistory.clear();
}

void RunRecorder::appendRow(const HistoryRecord &row)
{
    m_lastRow = row;
    if (m_seen % m_stride != 0)
        return;
    m_rows.push_back(row);
    // Keep every other row and take half as many from now on: the whole run stays covered
    // evenly in at most kMaxRunHistoryRows - 1 rows (the newest row is added when recording).
    if (m_rows.size() + 1 >= kMaxRunHistoryRows) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < m_rows.size(); i += 2)
            m_rows[kept++] = m_rows[i];
        m_rows.resize(kept);
        m_stride *= 2;
    }
}

int RunRecorder::recordNow()
{
    if (!m_active || m_snapshot.epoch <= m_startEpoch || m_snapshot.epoch == m_recordedEpoch || !m_haveDataset)
        return 0;
    RunRecord run;
    run.config = m_config;
    run.dataset = m_dataset;
    run.dataDescription = dataDescription(m_config, m_dataset).toStdString();
    run.epochs = m_snapshot.epoch;
    run.steps = m_snapshot.step;
    run.stopReason = m_snapshot.stopReason;
    run.history = m_rows;
    if (m_seen > 0 && (run.history.empty() || run.history.back().epoch != m_lastRow.epoch))
        run.history.push_back(m_lastRow);
    if (!run.history.empty()) {
        run.train = run.history.back().train;
        run.validation = run.history.back().validation;
    }
    run.model = m_snapshot.model;
    run.time = std::chrono::system_clock::now();

    m_recordedEpoch = m_snapshot.epoch;
    auto titled = [this](int id) { return "#" + std::to_string(id) + " " + m_title; };
    if (m_recordedId != 0 && !m_title.empty())
        run.name = titled(m_recordedId);
    if (m_recordedId != 0 && m_model->update(m_recordedId, run))
        return m_recordedId;
    if (m_recordedId != 0)
        return 0;  // the user deleted this run's row; do not bring it back
    if (m_title.empty()) {
        m_recordedId = m_model->record(std::move(run));
    } else {
        // The id comes from the model: the title follows it in a second step.
        m_recordedId = m_model->record(run);
        run.name = titled(m_recordedId);
        m_model->update(m_recordedId, std::move(run));
    }
    return m_recordedId;
}

}  // namespace np
