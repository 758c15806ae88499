#pragma once

#include "diagramhit.h"

#include <QObject>
#include <QPointer>

class QLineEdit;
class QPointF;
class QRect;
class QWidget;

namespace np {

class DiagramNetwork;
class Document;
class TrainingController;

/// The network diagram's inline editor of one weight or bias: a line edit over the edge or the
/// bias marker holding the value in the shortest text that reads back as the same float. Enter
/// applies a changed value as one undo step of the document (EditWeight through the training
/// controller); Escape or clicking elsewhere cancels, as in a spreadsheet cell.
class WeightEditor : public QObject
{
    Q_OBJECT

public:
    /// The line edit is a child of `host`, which takes the focus back when it closes; the values
    /// and names come from `net`.
    WeightEditor(QWidget *host, const DiagramNetwork &net);

    /// Where edits go; without both nothing can be edited.
    void setTarget(TrainingController *controller, Document *document);
    bool isEnabled() const;

    /// Opens the editor for a weight or bias, centred on anchor and kept inside area; em is the
    /// diagram's line height, spare room beside the longest value.
    void open(const DiagramHit &hit, const QPointF &anchor, const QRect &area, double em);
    void close();
    /// The line edit; null until the editor first opens.
    QLineEdit *lineEdit() const { return m_editor; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void commit();

    QWidget *m_host;
    const DiagramNetwork &m_net;
    QPointer<TrainingController> m_controller;
    QPointer<Document> m_document;
    DiagramHit m_editing;
    QLineEdit *m_editor = nullptr;
};

}  // namespace np
