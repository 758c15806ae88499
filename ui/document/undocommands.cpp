#include "undocommands.h"

#include "document.h"
#include "trainingcontroller.h"

namespace np {

namespace {

constexpr int kChangeDocumentId = 1;
constexpr qint64 kMergeWindowMs = 1000;

}  // namespace

ChangeDocument::ChangeDocument(Document *document, const QString &text, std::optional<Config> config,
                               std::optional<Dataset> dataset, const QString &mergeKey)
    : QUndoCommand(text)
    , m_document(document)
    , m_configAfter(std::move(config))
    , m_datasetAfter(std::move(dataset))
    , m_mergeKey(mergeKey)
{
    if (m_configAfter)
        m_configBefore = document->config();
    if (m_datasetAfter)
        m_datasetBefore = document->dataset();
    m_lastChangeMs = document->nowMs();
}

void ChangeDocument::undo()
{
    if (m_configBefore)
        m_document->setConfigDirect(*m_configBefore);
    if (m_datasetBefore)
        m_document->setDatasetDirect(*m_datasetBefore);
}

void ChangeDocument::redo()
{
    if (m_configAfter)
        m_document->setConfigDirect(*m_configAfter);
    if (m_datasetAfter)
        m_document->setDatasetDirect(*m_datasetAfter);
}

int ChangeDocument::id() const
{
    return m_mergeKey.isEmpty() ? -1 : kChangeDocumentId;
}

bool ChangeDocument::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const ChangeDocument *>(other);
    if (next->m_mergeKey != m_mergeKey || next->m_lastChangeMs - m_lastChangeMs > kMergeWindowMs)
        return false;
    if (next->m_configAfter.has_value() != m_configAfter.has_value()
        || next->m_datasetAfter.has_value() != m_datasetAfter.has_value())
        return false;
    m_configAfter = next->m_configAfter;
    m_datasetAfter = next->m_datasetAfter;
    m_lastChangeMs = next->m_lastChangeMs;
    setObsolete(m_configAfter == m_configBefore && m_datasetAfter == m_datasetBefore);
    return true;
}

AddPoints::AddPoints(Document *document, std::vector<DataPoint> points, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_points(std::move(points))
{
}

void AddPoints::undo()
{
    m_document->removeLastPointsDirect(m_points.size());
}

void AddPoints::redo()
{
    m_document->appendPointsDirect(m_points);
}

RemovePoints::RemovePoints(Document *document, std::vector<std::pair<int, DataPoint>> removed,
                           const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_removed(std::move(removed))
{
}

void RemovePoints::undo()
{
    m_document->insertPointsDirect(m_removed);
}

void RemovePoints::redo()
{
    std::vector<int> indices;
    indices.reserve(m_removed.size());
    for (const auto &[index, point] : m_removed)
        indices.push_back(index);
    m_document->erasePointsDirect(indices);
}

EditWeight::EditWeight(TrainingController *controller, int layer, int row, int column, float before, float after,
                       const QString &text)
    : QUndoCommand(text)
    , m_controller(controller)
    , m_generation(controller->latest().generation)
    , m_layer(layer)
    , m_row(row)
    , m_column(column)
    , m_before(before)
    , m_after(after)
{
}

void EditWeight::undo()
{
    apply(m_before);
}

void EditWeight::redo()
{
    apply(m_after);
}

void EditWeight::apply(float value)
{
    if (m_controller->latest().generation == m_generation)
        m_controller->setWeight(m_layer, m_row, m_column, value);
}

}  // namespace np
