#pragma once

#include "session/config.h"
#include "training/runrecord.h"

#include <QAbstractTableModel>

#include <vector>

namespace np {

/// "#3 Adam lr 0.01, 2×8 tanh": the run's number and the settings people compare runs by.
QString runName(int id, const Config &config);
/// "Spiral, 2 classes, 400 points (80 validation)".
QString dataDescription(const Config &config, const Dataset &dataset);

/// The recorded runs as a table: name, optimizer, learning rate, layers, activation, epochs,
/// train and validation loss, and accuracy (classification) or RMSE (regression).
class RunsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Optimizer, LearningRate, Layers, ActivationColumn, Epochs, TrainLoss, ValidationLoss, Quality,
                  ColumnCount };

    explicit RunsModel(QObject *parent = nullptr);

    /// Adds a run at the end, giving it the next id and (when empty) its name; returns the id.
    int record(RunRecord run);
    /// Replaces the run with this id (the same run, trained further); false when it was deleted.
    bool update(int id, RunRecord run);
    void remove(int row);
    void clear();

    const RunRecord &run(int row) const { return m_runs[static_cast<std::size_t>(row)]; }
    /// The row of a run id, or -1.
    int rowOf(int id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// Numbers sort as numbers; runs without a value (no validation set) go last either way.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    std::vector<RunRecord> m_runs;
    int m_nextId = 1;
};

}  // namespace np
