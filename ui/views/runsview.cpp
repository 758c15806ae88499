#include "runsview.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace np {

TrainerState restoredState(const RunRecord &run)
{
    Trainer trainer;
    if (!trainer.reset(run.config, run.dataset).empty())
        return {};
    TrainerState s = trainer.state();
    if (run.model.parameters.size() == s.parameters.size() && run.model.buffers.size() == s.buffers.size()) {
        s.parameters = run.model.parameters;
        s.buffers = run.model.buffers;
    }
    s.epoch = run.epochs;
    s.step = run.steps;
    if (!run.history.empty())
        s.history = run.history;
    return s;
}

RunsView::RunsView(RunsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_table(new QTableView(this))
    , m_curves(new RunCurves(this))
    , m_hint(new QLabel(this))
    , m_restore(new QPushButton(tr("&Restore"), this))
    , m_delete(new QPushButton(tr("&Delete"), this))
    , m_logScale(new QCheckBox(tr("&Log scale"), this))
{
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RunsModel::Name, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    // Rows as tall as a line of text and a little air, and room for at least four of them: a
    // comparison needs a few runs in view, not one and a scroll bar.
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setMinimumHeight(minimumTableHeight(4));
    m_restore->setToolTip(tr("Continue the selected run: its settings, data and final weights"));
    m_delete->setToolTip(tr("Remove the selected runs from the table"));
    m_logScale->setToolTip(tr("Draw the runs' loss curves on a logarithmic scale"));
    m_hint->setText(tr("Runs are recorded when you reset or re-initialise after training, and when you save."));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_restore);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    buttons->addWidget(m_logScale);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_curves);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_hint);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsView::updateSelection);
    connect(model, &QAbstractItemModel::dataChanged, this, &RunsView::updateSelection);
    connect(model, &QAbstractItemModel::layoutChanged, this, &RunsView::updateSelection);
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        m_table->resizeColumnsToContents();
        updateSelection();
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) { restoreRow(index.row()); });
    connect(m_restore, &QPushButton::clicked, this, [this] {
        const auto rows = selectedRows();
        if (!rows.empty())
            restoreRow(rows.front());
    });
    connect(m_delete, &QPushButton::clicked, this, &RunsView::deleteSelected);
    connect(m_logScale, &QCheckBox::toggled, m_curves, &RunCurves::setLogScale);
    m_table->resizeColumnsToContents();
    updateSelection();
}

int RunsView::minimumTableHeight(int rows) const
{
    const int header = m_table->horizontalHeader()->sizeHint().height();
    const int frame = 2 * m_table->frameWidth();
    // A horizontal scroll bar may take a row's place when the columns are wide.
    const int scrollBar = m_table->horizontalScrollBar()->sizeHint().height();
    return header + rows * m_table->verticalHeader()->defaultSectionSize() + frame + scrollBar;
}

int RunsView::visibleRows() const
{
    const int viewport = m_table->viewport()->height();
    return viewport / std::max(1, m_table->verticalHeader()->defaultSectionSize());
}

std::vector<int> RunsView::selectedRows() const
{
    std::vector<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.push_back(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void RunsView::restoreRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const RunRecord &run = m_model->run(row);
    emit restoreRequested(run.config, run.dataset, restoredState(run));
}

void RunsView::updateSelection()
{
    const auto rows = selectedRows();
    std::vector<RunRecord> runs;
    for (int row : rows)
        runs.push_back(m_model->run(row));
    m_curves->setRuns(runs);
    m_restore->setEnabled(rows.size() == 1);
    m_delete->setEnabled(!rows.empty());
    m_hint->setVisible(m_model->rowCount() == 0);
}

void RunsView::deleteSelected()
{
    auto rows = selectedRows();
    for (auto it = rows.rbegin(); it != rows.rend(); ++it)
        m_model->remove(*it);
}

QString RunsView::figureName() const
{
    return m_curves->figureName();
}

QString RunsView::figureTitle() const
{
    return m_curves->figureTitle();
}

void RunsView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    m_curves->paintFigure(painter, rect, options);
}

}  // namespace np
