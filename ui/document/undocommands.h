#pragma once

#include "data/dataset.h"
#include "session/config.h"

#include <QUndoCommand>

#include <cstdint>
#include <optional>
#include <vector>

namespace np {

class Document;
class TrainingController;

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
    qint64 m_lastChangeMs = 0;  // on the document's clock
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

/// One weight (column -1: the bias) of the running network typed in by the user. Training is not
/// undoable, but this edit is: undo puts back the value it replaced. After the network has been
/// re-initialised the indices address other weights, so the command then does nothing.
class EditWeight : public QUndoCommand
{
public:
    EditWeight(TrainingController *controller, int layer, int row, int column, float before, float after,
               const QString &text);

    void undo() override;
    void redo() override;

private:
    void apply(float value);

    TrainingController *m_controller;
    std::uint64_t m_generation;  // of the network the indices belong to
    int m_layer, m_row, m_column;
    float m_before, m_after;
};

}  // namespace np
