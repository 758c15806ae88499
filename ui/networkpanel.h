#pragma once

#include <QWidget>

namespace np {

class Document;

/// The network builder: input features and standardisation, hidden layers (add, remove,
/// units, activation with its α or pieces, batch norm, dropout), output head and loss,
/// initialisation and its seed, with the parameter count per layer.
/// Every edit goes through the document as an undoable step; the controls follow the document.
class NetworkPanel : public QWidget
{
    Q_OBJECT

public:
    explicit NetworkPanel(Document *document, QWidget *parent = nullptr);

private:
    void syncFromDocument();

    Document *m_document;
};

}  // namespace np
