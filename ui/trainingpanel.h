#pragma once

#include <QWidget>

namespace np {

class Document;

/// The training settings: algorithm, optimizer and its parameters, learning rate and
/// schedule, batch size, L1/L2, early stopping and stop conditions, training seed.
/// Every edit goes through the document as an undoable step; the controls follow the document.
class TrainingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPanel(Document *document, QWidget *parent = nullptr);

private:
    void syncFromDocument();

    Document *m_document;
};

}  // namespace np
