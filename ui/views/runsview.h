#pragma once

#include "figure.h"
#include "runcurves.h"
#include "runrecorder.h"
#include "runsmodel.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace np {

/// A trainer state that continues the run from its final weights, epoch, step and history (the
/// optimizer's moments and the shuffling start afresh: a run keeps only its weights).
TrainerState restoredState(const RunRecord &run);

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
    /// Whole table rows the table's viewport has room for now (at least 4 once laid out).
    int visibleRows() const;
    /// Restores the run in this row (as the button does).
    void restoreRow(int row);

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

signals:
    /// Continue this run: the main window loads its settings and data and restores the state.
    void restoreRequested(const np::Config &config, const np::Dataset &dataset, const np::TrainerState &state);

private:
    /// The table's height for a header and this many rows (and a horizontal scroll bar).
    int minimumTableHeight(int rows) const;
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
