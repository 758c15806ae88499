#include "networkpanel.h"

#include "document.h"

namespace np {

NetworkPanel::NetworkPanel(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    connect(m_document, &Document::configChanged, this, &NetworkPanel::syncFromDocument);
}

void NetworkPanel::syncFromDocument()
{
}

}  // namespace np
