#include "document.h"

#include "undocommands.h"

#include <QUndoStack>

#include <algorithm>

namespace np {

Document::Document(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
{
    m_steady.start();
}

Document::~Document()
{
    // A dying document announces nothing. The undo stack goes first, while this is still a
    // whole Document, and silently: its destructor clears it, which would otherwise tell the
    // clean-state and index listeners about a document that is half gone.
    m_undoStack->blockSignals(true);
    delete m_undoStack;
    m_undoStack = nullptr;
}

void Document::changeConfig(const Config &config, const QString &text, const QString &mergeKey)
{
    if (config == m_config)
        return;
    m_undoStack->push(new ChangeDocument(this, text, config, std::nullopt, mergeKey));
}

void Document::changeDataset(const Dataset &dataset, const QString &text, const Config *config,
                             const QString &mergeKey)
{
    std::optional<Config> newConfig;
    if (config && *config != m_config)
        newConfig = *config;
    if (dataset == m_dataset && !newConfig)
        return;
    m_undoStack->push(new ChangeDocument(this, text, newConfig, dataset, mergeKey));
}

void Document::beginStroke(const QString &text)
{
    if (m_strokeOpen)
        endStroke();
    // The macro is opened lazily by the stroke's first change, so a click that changes nothing
    // leaves no empty undo step behind.
    m_strokeOpen = true;
    m_strokeText = text;
    m_strokeMacroOpen = false;
}

void Document::openStrokeMacro()
{
    if (m_strokeOpen && !m_strokeMacroOpen) {
        m_undoStack->beginMacro(m_strokeText);
        m_strokeMacroOpen = true;
    }
}

void Document::addPoints(const std::vector<DataPoint> &points)
{
    if (points.empty())
        return;
    if (!m_strokeOpen) {
        m_undoStack->push(new AddPoints(this, points, tr("Add points")));
        return;
    }
    openStrokeMacro();
    m_undoStack->push(new AddPoints(this, points, {}));
}

void Document::removePoints(std::vector<int> indices)
{
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    std::vector<std::pair<int, DataPoint>> removed;
    for (int i : indices) {
        if (i >= 0 && static_cast<std::size_t>(i) < m_dataset.points.size())
            removed.emplace_back(i, m_dataset.points[static_cast<std::size_t>(i)]);
    }
    if (removed.empty())
        return;
    if (!m_strokeOpen) {
        m_undoStack->push(new RemovePoints(this, std::move(removed), tr("Erase points")));
        return;
    }
    openStrokeMacro();
    m_undoStack->push(new RemovePoints(this, std::move(removed), {}));
}

void Document::endStroke()
{
    if (m_strokeMacroOpen)
        m_undoStack->endMacro();
    m_strokeOpen = false;
    m_strokeMacroOpen = false;
}

void Document::reset(const Config &config, const Dataset &dataset)
{
    m_undoStack->clear();
    m_config = config;
    m_dataset = dataset;
    ++m_datasetRevision;
    m_resetting = true;
    emit configChanged();
    emit datasetChanged();
    m_resetting = false;
}

void Document::setConfigDirect(const Config &config)
{
    m_config = config;
    emit configChanged();
}

void Document::setDatasetDirect(const Dataset &dataset)
{
    m_dataset = dataset;
    ++m_datasetRevision;
    emit datasetChanged();
}

void Document::appendPointsDirect(const std::vector<DataPoint> &points)
{
    ++m_datasetRevision;
    m_dataset.points.insert(m_dataset.points.end(), points.begin(), points.end());
    emit datasetChanged();
}

void Document::removeLastPointsDirect(std::size_t count)
{
    ++m_datasetRevision;
    count = std::min(count, m_dataset.points.size());
    m_dataset.points.resize(m_dataset.points.size() - count);
    emit datasetChanged();
}

void Document::insertPointsDirect(const std::vector<std::pair<int, DataPoint>> &indexed)
{
    ++m_datasetRevision;
    // Ascending indices: inserting in order restores every point at its original index.
    for (const auto &[index, point] : indexed) {
        const auto at = std::min<std::size_t>(static_cast<std::size_t>(index), m_dataset.points.size());
        m_dataset.points.insert(m_dataset.points.begin() + static_cast<std::ptrdiff_t>(at), point);
    }
    emit datasetChanged();
}

void Document::erasePointsDirect(const std::vector<int> &sortedIndices)
{
    ++m_datasetRevision;
    std::vector<DataPoint> kept;
    kept.reserve(m_dataset.points.size());
    std::size_t next = 0;
    for (std::size_t i = 0; i < m_dataset.points.size(); ++i) {
        if (next < sortedIndices.size() && static_cast<std::size_t>(sortedIndices[next]) == i) {
            ++next;
            continue;
        }
        kept.push_back(m_dataset.points[i]);
    }
    m_dataset.points = std::move(kept);
    emit datasetChanged();
}

}  // namespace np
