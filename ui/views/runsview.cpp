#include "runsview.h"
#include "plotaxis.h"

#include "colors.h"

#include "data/generators.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace np {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kLogFloor = 1e-8;  // as the loss plot: zeros sit on the floor of a log axis

/// "tanh", "sigmoid", "ReLU", "leaky ReLU": the title, its first word lowercase unless it is an acronym.
QString activationName(Activation activation)
{
    QString title = QString::fromUtf8(activationInfo(activation).title);
    const QString first = title.section(QLatin1Char(' '), 0, 0);
    if (first.mid(1) == first.mid(1).toLower())
        title[0] = title[0].toLower();
    return title;
}

/// "2×8", "8-4"; empty without hidden layers.
QString layersText(const NetworkSpec &network)
{
    const auto &hidden = network.hidden;
    if (hidden.empty())
        return {};
    const bool same = std::all_of(hidden.begin(), hidden.end(),
                                  [&](const LayerSpec &l) { return l.units == hidden.front().units; });
    if (same)
        return QStringLiteral("%1×%2").arg(hidden.size()).arg(hidden.front().units);
    QStringList widths;
    for (const LayerSpec &l : hidden)
        widths << QString::number(l.units);
    return widths.join(QLatin1Char('-'));
}

/// "tanh", or "tanh/ReLU" when the layers differ.
QString activationsText(const NetworkSpec &network)
{
    QStringList names;
    for (const LayerSpec &l : network.hidden) {
        const QString name = activationName(l.activation);
        if (!names.contains(name))
            names << name;
    }
    return names.join(QLatin1Char('/'));
}

QString optimizerText(const Config &config)
{
    if (config.training.algorithm == Algorithm::Perceptron)
        return RunsModel::tr("Perceptron");
    return QString::fromUtf8(optimizerTitle(config.training.optimizer.kind));
}

/// Accuracy (classification) or RMSE (regression), on validation points when there are any.
double quality(const RunRecord &run)
{
    const Metrics &m = run.validation.count > 0 ? run.validation : run.train;
    return run.dataset.isClassification() ? m.accuracy : m.rmse;
}

double columnValue(const RunRecord &run, int column)
{
    switch (column) {
    case RunsModel::LearningRate:
        return run.config.training.optimizer.learningRate;
    case RunsModel::Epochs:
        return double(run.epochs);
    case RunsModel::TrainLoss:
        return run.train.loss;
    case RunsModel::ValidationLoss:
        return run.validation.loss;
    case RunsModel::Quality:
        return quality(run);
    default:
        return kNaN;
    }
}

QString columnText(const RunRecord &run, int column)
{
    const auto number = [](double v) { return std::isfinite(v) ? QString::number(v, 'g', 4) : QStringLiteral("–"); };
    switch (column) {
    case RunsModel::Name:
        return QString::fromStdString(run.name);
    case RunsModel::Optimizer:
        return optimizerText(run.config);
    case RunsModel::LearningRate:
        return QString::number(run.config.training.optimizer.learningRate, 'g', 4);
    case RunsModel::Layers:
        return run.config.network.hidden.empty() ? RunsModel::tr("none") : layersText(run.config.network);
    case RunsModel::ActivationColumn:
        return activationsText(run.config.network);
    case RunsModel::Epochs:
        return QString::number(run.epochs);
    case RunsModel::TrainLoss:
        return number(run.train.loss);
    case RunsModel::ValidationLoss:
        return number(run.validation.loss);
    case RunsModel::Quality: {
        const double q = quality(run);
        if (!std::isfinite(q))
            return QStringLiteral("–");
        return run.dataset.isClassification() ? QString::number(100.0 * q, 'f', 1) + QLatin1Char('%') : number(q);
    }
    default:
        return {};
    }
}

bool isNumeric(int column)
{
    return column == RunsModel::LearningRate || column == RunsModel::Epochs || column == RunsModel::TrainLoss
           || column == RunsModel::ValidationLoss || column == RunsModel::Quality;
}

/// A log axis over whole decades from the smallest positive value (zeros sit on kLogFloor).
PlotScale decadeAxis(double lowPositive, double high, int count)
{
    const int bottom =
        std::isfinite(lowPositive) ? int(std::floor(std::log10(std::max(lowPositive, kLogFloor)) + 1e-9)) : -2;
    const int top = std::isfinite(high) && high > 0 ? int(std::ceil(std::log10(high) - 1e-9)) : 0;
    return decadeScale(bottom, top, count);
}

}  // namespace

QString runName(int id, const Config &config)
{
    QString name = QStringLiteral("#%1 %2 lr %3, ").arg(id).arg(optimizerText(config))
                       .arg(QString::number(config.training.optimizer.learningRate, 'g', 4));
    if (config.network.hidden.empty())
        return name + RunsModel::tr("no hidden layer");
    return name + layersText(config.network) + QLatin1Char(' ') + activationsText(config.network);
}

QString dataDescription(const Config &config, const Dataset &dataset)
{
    QString text = QString::fromUtf8(generatorInfo(config.data.generator).title);
    if (dataset.isClassification())
        text += RunsModel::tr(", %1 classes").arg(dataset.classCount);
    return text + RunsModel::tr(", %1 points (%2 validation)").arg(dataset.points.size()).arg(dataset.validationCount());
}

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

QColor runColor(int index)
{
    // Blue, vermillion, bluish green, reddish purple, orange, sky blue, grey, yellow: the pale
    // yellow last, as it is the hardest to see on a light background.
    static constexpr int kOrder[] = {1, 3, 2, 4, 0, 5, 7, 6};
    return classColor(kOrder[index % 8]);
}

// --- RunsModel

RunsModel::RunsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int RunsModel::record(RunRecord run)
{
    run.id = m_nextId++;
    if (run.name.empty())
        run.name = runName(run.id, run.config).toStdString();
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_runs.push_back(std::move(run));
    endInsertRows();
    return m_runs.back().id;
}

bool RunsModel::update(int id, RunRecord run)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    run.id = id;
    if (run.name.empty())
        run.name = runName(id, run.config).toStdString();
    m_runs[std::size_t(row)] = std::move(run);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

void RunsModel::remove(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_runs.erase(m_runs.begin() + row);
    endRemoveRows();
}

void RunsModel::clear()
{
    beginResetModel();
    m_runs.clear();
    endResetModel();
}

int RunsModel::rowOf(int id) const
{
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        if (m_runs[i].id == id)
            return int(i);
    }
    return -1;
}

int RunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const RunRecord &r = run(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return columnText(r, index.column());
    case Qt::TextAlignmentRole:
        return isNumeric(index.column()) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole: {
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(
            std::chrono::duration_cast<std::chrono::milliseconds>(r.time.time_since_epoch()).count());
        return tr("%1\n%2\nrecorded %3").arg(QString::fromStdString(r.name), QString::fromStdString(r.dataDescription),
                                             QLocale().toString(time, QLocale::ShortFormat));
    }
    default:
        return {};
    }
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Run");
    case Optimizer:
        return tr("Optimizer");
    case LearningRate:
        return tr("η");
    case Layers:
        return tr("Layers");
    case ActivationColumn:
        return tr("Activation");
    case Epochs:
        return tr("Epochs");
    case TrainLoss:
        return tr("Train loss");
    case ValidationLoss:
        return tr("Val. loss");
    case Quality:
        return tr("Accuracy / RMSE");
    default:
        return {};
    }
}

void RunsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> ids;
    for (const QModelIndex &i : before)
        ids.push_back(run(i.row()).id);

    const bool ascending = order == Qt::AscendingOrder;
    std::stable_sort(m_runs.begin(), m_runs.end(), [&](const RunRecord &a, const RunRecord &b) {
        if (isNumeric(column)) {
            const double x = columnValue(a, column);
            const double y = columnValue(b, column);
            if (std::isnan(x) || std::isnan(y))
                return !std::isnan(x) && std::isnan(y);
            return ascending ? x < y : y < x;
        }
        if (column == Name)  // by number, so #10 follows #9
            return ascending ? a.id < b.id : b.id < a.id;
        const int c = QString::localeAwareCompare(columnText(a, column), columnText(b, column));
        return ascending ? c < 0 : c > 0;
    });

    QModelIndexList after;
    for (std::size_t i = 0; i < ids.size(); ++i)
        after << index(rowOf(ids[i]), before[qsizetype(i)].column());
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// --- RunRecorder

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
    if (m_recordedId != 0 && m_model->update(m_recordedId, run))
        return m_recordedId;
    if (m_recordedId != 0)
        return 0;  // the user deleted this run's row; do not bring it back
    m_recordedId = m_model->record(std::move(run));
    return m_recordedId;
}

// --- RunCurves

RunCurves::RunCurves(QWidget *parent)
    : QWidget(parent)
{
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void RunCurves::setRuns(const std::vector<RunRecord> &runs)
{
    m_curves.clear();
    for (const RunRecord &run : runs) {
        Curve c;
        c.name = QString::fromStdString(run.name);
        for (const HistoryRecord &row : run.history) {
            if (std::isfinite(row.train.loss))
                c.train.emplace_back(double(row.epoch), row.train.loss);
            if (row.validation.count > 0 && std::isfinite(row.validation.loss))
                c.validation.emplace_back(double(row.epoch), row.validation.loss);
        }
        m_curves.push_back(std::move(c));
    }
    update();
}

void RunCurves::setLogScale(bool logScale)
{
    m_logScale = logScale;
    update();
}

int RunCurves::curveCount() const
{
    int n = 0;
    for (const Curve &c : m_curves)
        n += int(!c.train.empty()) + int(!c.validation.empty());
    return n;
}

QStringList RunCurves::legendLabels() const
{
    QStringList labels;
    for (const Curve &c : m_curves)
        labels << c.name;
    return labels;
}

QSize RunCurves::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 60, fm.height() * 16};
}

QString RunCurves::figureName() const
{
    return QStringLiteral("runs");
}

QString RunCurves::figureTitle() const
{
    return tr("Loss of the compared runs");
}

void RunCurves::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.fillRect(rect, palette().color(QPalette::Base));
    draw(painter, rect, QFontMetricsF(font(), painter.device()), options);
}

void RunCurves::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    FigureOptions options;
    options.title = false;
    draw(painter, rect(), QFontMetricsF(font()), options);
}

void RunCurves::draw(QPainter &p, const QRectF &rect, const QFontMetricsF &fm, const FigureOptions &options) const
{
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(font());
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    const double line = fm.height();
    const double pad = 0.5 * line;
    const double width = std::max(1.5, line / 9.0);
    const double sample = 2.0 * line;

    QRectF area = rect.adjusted(pad, pad, -pad, -pad);
    if (options.title) {
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(text);
        const QString title = options.titleText.isEmpty() ? figureTitle() : options.titleText;
        p.drawText(QRectF(area.left(), area.top(), area.width(), line * 1.2), Qt::AlignCenter, title);
        p.setFont(font());
        area.setTop(area.top() + 1.5 * line);
    }
    if (m_curves.empty()) {
        p.setPen(QColor(blend(base.rgb(), text.rgb(), 0.6)));
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, tr("Select runs in the table to compare their loss curves."));
        return;
    }

    // The legend flows in rows under the plot, so it never hides a curve: first the key of the
    // two line styles, then a line sample and the name of every run.
    struct Entry
    {
        QString label;
        QColor color;
        bool dashed = false;
        QPointF at;  // top-left of its sample
    };
    std::vector<Entry> legend;
    if (options.legend) {
        legend.push_back({tr("train"), text, false, {}});
        legend.push_back({tr("validation"), text, true, {}});
        for (std::size_t i = 0; i < m_curves.size(); ++i)
            legend.push_back({m_curves[i].name, runColor(int(i)), false, {}});
        double x = area.left(), y = 0.0;
        for (Entry &e : legend) {
            const double w = sample + pad / 2 + fm.horizontalAdvance(e.label) + 1.5 * line;
            if (x > area.left() && x + w > area.right()) {
                x = area.left();
                y += line;
            }
            e.at = QPointF(x, y);
            x += w;
        }
        const double height = y + line + pad;
        for (Entry &e : legend)
            e.at.ry() += area.bottom() - height + pad;
        area.setBottom(area.bottom() - height);
    }

    double maxEpoch = 1.0, high = 0.0, lowPositive = std::numeric_limits<double>::infinity();
    for (const Curve &c : m_curves) {
        for (const auto *points : {&c.train, &c.validation}) {
            for (const QPointF &q : *points) {
                maxEpoch = std::max(maxEpoch, q.x());
                high = std::max(high, q.y());
                if (q.y() > 0)
                    lowPositive = std::min(lowPositive, q.y());
            }
        }
    }
    const int yTicks = std::max(2, int(area.height() / (2.5 * line)));
    const PlotScale y = m_logScale ? decadeAxis(lowPositive, high, yTicks) : linearScale(0.0, high, yTicks);
    double labelWidth = 0.0;
    for (double v : y.ticks)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(y.label(v)));
    // The epoch axis spans exactly the longest run; room on the right for its last label.
    const double right = fm.horizontalAdvance(QString::number(std::llround(maxEpoch))) / 2;
    const QRectF plot(area.left() + labelWidth + pad, area.top() + 0.5 * line, area.width() - labelWidth - pad - right,
                      area.height() - 2.7 * line);
    PlotScale x;
    x.hi = maxEpoch;
    x.step = std::max(1.0, niceStep(maxEpoch, std::max(2, int(plot.width() / (fm.averageCharWidth() * 10)))));
    for (double v = 0.0; v <= maxEpoch + 1e-9; v += x.step)
        x.ticks.push_back(v);
    const auto toPixel = [&](const QPointF &q) {
        return QPointF(plot.left() + x.fraction(q.x()) * plot.width(),
                       plot.bottom() - std::clamp(y.fraction(q.y()), 0.0, 1.0) * plot.height());
    };

    // Grid and tick labels.
    const QColor grid(blend(base.rgb(), text.rgb(), 0.12));
    p.setPen(QPen(grid, 1));
    for (double v : y.ticks) {
        const double py = plot.bottom() - y.fraction(v) * plot.height();
        p.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
    }
    for (double v : x.ticks) {
        const double px = plot.left() + x.fraction(v) * plot.width();
        p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
    }
    p.setPen(QPen(QColor(blend(base.rgb(), text.rgb(), 0.5)), 1));
    p.drawRect(plot);
    p.setPen(text);
    for (double v : y.ticks) {
        const double py = plot.bottom() - y.fraction(v) * plot.height();
        p.drawText(QRectF(area.left(), py - line / 2, labelWidth, line), Qt::AlignRight | Qt::AlignVCenter, y.label(v));
    }
    for (double v : x.ticks) {
        const double px = plot.left() + x.fraction(v) * plot.width();
        p.drawText(QRectF(px - 4 * line, plot.bottom() + 0.2 * line, 8 * line, line), Qt::AlignHCenter | Qt::AlignTop,
                   x.label(v));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + 1.2 * line, plot.width(), line), Qt::AlignHCenter | Qt::AlignTop,
               tr("epoch"));

    const auto penFor = [&](const QColor &color, bool dashed) {
        QPen pen(color, width);
        if (dashed)
            pen.setDashPattern({3.0, 2.0});
        pen.setCapStyle(Qt::FlatCap);
        return pen;
    };
    // Curves: validation first, so the solid training line is on top where they meet.
    p.setClipRect(plot.adjusted(-width, -width, width, width));
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < m_curves.size(); ++i) {
            const auto &points = pass == 0 ? m_curves[i].validation : m_curves[i].train;
            if (points.empty())
                continue;
            QPolygonF polyline;
            polyline.reserve(qsizetype(points.size()));
            for (const QPointF &q : points)
                polyline << toPixel(q);
            p.setPen(penFor(runColor(int(i)), pass == 0));
            p.drawPolyline(polyline);
        }
    }
    p.setClipping(false);

    for (const Entry &e : legend) {
        p.setPen(penFor(e.color, e.dashed));
        p.drawLine(QPointF(e.at.x(), e.at.y() + line / 2), QPointF(e.at.x() + sample, e.at.y() + line / 2));
        p.setPen(text);
        p.drawText(QRectF(e.at.x() + sample + pad / 2, e.at.y(), fm.horizontalAdvance(e.label) + pad, line),
                   Qt::AlignLeft | Qt::AlignVCenter, e.label);
    }
}

// --- RunsView

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
    m_restore->setToolTip(tr("Continue the selected run: its settings, data and final weights"));
    m_delete->setToolTip(tr("Remove the selected runs from the table"));
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
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
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
