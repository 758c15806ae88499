#pragma once

#include "data/dataset.h"
#include "session/config.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>

#include <vector>

class QUndoStack;

namespace np {

/// What the user edits: the settings and the data, with undo. Training progress is not part of
/// it (training is not an undoable edit); the training controller owns that.
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);
    /// Emits nothing: whoever watches the document is expected to be gone first (the window
    /// tears down against the order of dependence), and the undo stack is destroyed silently.
    ~Document() override;

    const Config &config() const { return m_config; }
    const Dataset &dataset() const { return m_dataset; }
    /// The TensorFlow Playground link the session was opened from (empty otherwise); saved with it.
    const std::string &sourceLink() const { return m_sourceLink; }
    void setSourceLink(const std::string &link) { m_sourceLink = link; }
    QUndoStack *undoStack() const { return m_undoStack; }

    /// Changes settings as one undoable step named `text` ("Change learning rate"). Consecutive
    /// changes with the same non-empty mergeKey within a second merge into one step, so a slider
    /// drag or typing into a spin box is undone at once.
    void changeConfig(const Config &config, const QString &text, const QString &mergeKey = {});
    /// Replaces the data (generate, import, clear), optionally with a new config (generator
    /// settings) in the same step. mergeKey works as for changeConfig.
    void changeDataset(const Dataset &dataset, const QString &text, const Config *config = nullptr,
                       const QString &mergeKey = {});

    /// Milliseconds on a steady clock, for merging edits; tests set their own.
    qint64 nowMs() const { return m_clock ? m_clock() : m_steady.elapsed(); }
    void setClock(std::function<qint64()> milliseconds) { m_clock = std::move(milliseconds); }

    /// A paint or erase stroke: everything between begin and end is one undo step.
    void beginStroke(const QString &text);
    void addPoints(const std::vector<DataPoint> &points);
    /// Removes points by index (any order, duplicates ignored).
    void removePoints(std::vector<int> indices);
    void endStroke();
    bool isInStroke() const { return m_strokeOpen; }

    /// Starts over with new content, clearing the undo history (new document, file loaded).
    /// The change signals are emitted with isResetting() true: listeners that follow edits (the
    /// trainer) leave a reset to whoever started it.
    void reset(const Config &config, const Dataset &dataset);
    bool isResetting() const { return m_resetting; }
    /// Increases with every change of the data, so a frame computed from older data can be told apart.
    std::uint64_t datasetRevision() const { return m_datasetRevision; }

    // Used by the undo commands; they emit the change signals but push nothing.
    void setConfigDirect(const Config &config);
    void setDatasetDirect(const Dataset &dataset);
    void appendPointsDirect(const std::vector<DataPoint> &points);
    void removeLastPointsDirect(std::size_t count);
    void insertPointsDirect(const std::vector<std::pair<int, DataPoint>> &indexed);
    void erasePointsDirect(const std::vector<int> &sortedIndices);

signals:
    /// After any settings change, including undo and redo.
    void configChanged();
    /// After any data change, including undo and redo.
    void datasetChanged();

private:
    void openStrokeMacro();

    Config m_config;
    Dataset m_dataset;
    std::string m_sourceLink;
    QUndoStack *m_undoStack = nullptr;
    bool m_strokeOpen = false;
    bool m_strokeMacroOpen = false;
    bool m_resetting = false;
    std::uint64_t m_datasetRevision = 0;
    QString m_strokeText;
    QElapsedTimer m_steady;
    std::function<qint64()> m_clock;
};

}  // namespace np
