#include "runsmodel.h"

#include "data/generators.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace np {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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

}  // namespace np
