#pragma once

#include "data/dataset.h"
#include "session/config.h"

#include <QElapsedTimer>
#include <QUndoCommand>

#include <optional>
#include <vector>

namespace np {

class Document;

/// Replaces the settings and/or the data. Consecutive commands with the same merge key merge
/// (within a second of each other), and a merge that returns to the start becomes obsolete.
class ChangeDocument : public QUndoCommand
{
public:
    ChangeDocument(Document *document, const QString &text, std::optional<Config> config,
                   std::optional<Dataset> dataset, const QString &mergeKey);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    Document *m_document;
    std::optional<Config> m_configBefore, m_configAfter;
    std::optional<Dataset> m_datasetBefore, m_datasetAfter;
    QString m_mergeKey;
    QElapsedTimer m_lastChange;
};

/// Points appended (by a paint stroke: several of these form one macro step).
class AddPoints : public QUndoCommand
{
public:
    AddPoints(Document *document, std::vector<DataPoint> points, const QString &text);

    void undo() override;
    void redo() override;

private:
    Document *m_document;
    std::vector<DataPoint> m_points;
};

/// Points removed by an erase stroke, remembered with their indices so undo puts them back in place.
class RemovePoints : public QUndoCommand
{
public:
    RemovePoints(Document *document, std::vector<std::pair<int, DataPoint>> removed, const QString &text);

    void undo() override;
    void redo() override;

private:
    Document *m_document;
    std::vector<std::pair<int, DataPoint>> m_removed;  // ascending index
};

}  // namespace np
