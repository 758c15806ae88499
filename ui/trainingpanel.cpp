#include "trainingpanel.h"

#include "document.h"

namespace np {

TrainingPanel::TrainingPanel(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    connect(m_document, &Document::configChanged, this, &TrainingPanel::syncFromDocument);
}

void TrainingPanel::syncFromDocument()
{
}

}  // namespace np
