#include "datapanel.h"

#include "document.h"

namespace np {

DataPanel::DataPanel(Document *document, PaintTool *tool, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_tool(tool)
{
    connect(m_document, &Document::configChanged, this, &DataPanel::syncFromDocument);
}

void DataPanel::syncFromDocument()
{
}

}  // namespace np
