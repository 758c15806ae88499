#pragma once

#include "figure.h"
#include "trainingsnapshot.h"

#include "training/runrecord.h"

#include <QAbstractTableModel>
#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace np {

/// "#3 Adam lr 0.01, 2×8 tanh": the run's number and the settings people compare runs by.
QString runName(int id, const Config &config);
/// "Spiral, 2 classes, 400 points (80 validation)".
QString dataDescription(const Config &config, const Dataset &dataset);
/// A trainer state that continues the run from its final weights, epoch, step and history (the
/// optimizer's moments and the shuffling start afresh: a run keeps only its weights).
TrainerState restoredState(const RunRecord &run);
/// The colour of the n-th curve in the comparison: Okabe-Ito hues, strongest first.
QColor runColor(int index);

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
};

/// The loss curves of several runs on one plot: training solid, validation dashed, one colour
/// per run, a legend with the run names, linear or log scale.
class RunCurves : public QWidget, public Figure
{
    Q_OBJECT

public:
    explicit RunCurves(QWidget *parent = nullptr);

    /// The runs to overlay (copied: a run's history is at most kMaxRunHistoryRows rows).
    void setRuns(const std::vector<RunRecord> &runs);
    bool logScale() const { return m_logScale; }
    void setLogScale(bool logScale);

    /// Curves drawn: per run, one for the training loss and one for validation when it has any.
    int curveCount() const;
    /// The run names in the legend, in drawing order.
    QStringList legendLabels() const;

    QSize sizeHint() const override;

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Curve
    {
        QString name;
        std::vector<QPointF> train;       // (epoch, loss)
        std::vector<QPointF> validation;
    };

    void draw(QPainter &painter, const QRectF &rect, const QFontMetricsF &fm, const FigureOptions &options) const;

    std::vector<Curve> m_curves;
    bool m_logScale = false;
};

/// The runs table with the selected runs' curves under it, and Restore / Delete. Selecting runs
/// overlays them; double-clicking a run (or Restore) asks the main window to continue it.
class RunsView : public QWidget, public Figure
{
    Q_OBJECT

public:
    explicit RunsView(RunsModel *model, QWidget *parent = nullptr);

    RunsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    RunCurves *curves() const { return m_curves; }
    /// The selected rows, top to bottom.
    std::vector<int> selectedRows() const;
    /// Restores the run in this row (as the button does).
    void restoreRow(int row);

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

signals:
    /// Continue this run: the main window loads its settings and data and restores the state.
    void restoreRequested(const np::Config &config, const np::Dataset &dataset, const np::TrainerState &state);

private:
    void updateSelection();
    void deleteSelected();

    RunsModel *m_model;
    QTableView *m_table;
    RunCurves *m_curves;
    QLabel *m_hint;
    QPushButton *m_restore;
    QPushButton *m_delete;
    QCheckBox *m_logScale;
};

}  // namespace np
