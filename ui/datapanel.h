#pragma once

#include <QWidget>

namespace np {

class Document;
class PaintTool;

/// The data settings: generator, classes, count, noise, validation share and seed (with
/// Regenerate, which keeps the network), clearing, and the paint tool (class palette or target
/// value, brush size and density).
/// Every edit goes through the document as an undoable step; the controls follow the document.
class DataPanel : public QWidget
{
    Q_OBJECT

public:
    DataPanel(Document *document, PaintTool *tool, QWidget *parent = nullptr);

private:
    void syncFromDocument();

    Document *m_document;
    PaintTool *m_tool;
};

}  // namespace np
