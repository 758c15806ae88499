#include "trainersync.h"

#include "document.h"
#include "trainingcontroller.h"

namespace np {

TrainerSync::TrainerSync(Document *document, TrainingController *controller, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_controller(controller)
{
    // A document reset is not an edit: whoever reset it restarts the trainer (start()).
    connect(m_document, &Document::configChanged, this, [this] {
        if (!m_document->isResetting())
            schedule(false);
    });
    connect(m_document, &Document::datasetChanged, this, [this] {
        if (!m_document->isResetting())
            schedule(true);
    });
}

void TrainerSync::start(const Session &session)
{
    m_document->setSourceLink(session.sourceLink);
    m_document->reset(session.config, session.dataset);
    m_pending = m_pendingData = false;  // the trainer gets the whole document now
    m_sent = session.config;
    if (session.state)
        m_controller->restore(session.config, session.dataset, *session.state);
    else
        m_controller->reset(session.config, session.dataset);
    emit restarted();
}

void TrainerSync::restart()
{
    m_pending = m_pendingData = false;
    m_sent = m_document->config();
    m_controller->reset(m_document->config(), m_document->dataset());
    emit restarted();
}

void TrainerSync::schedule(bool dataChanged)
{
    m_pending = true;
    m_pendingData = m_pendingData || dataChanged;
    if (m_scheduled)
        return;
    m_scheduled = true;
    QMetaObject::invokeMethod(this, [this] {
        m_scheduled = false;
        flush();
    }, Qt::QueuedConnection);
}

void TrainerSync::flush()
{
    if (!m_pending)
        return;
    m_pending = false;
    const bool dataChanged = std::exchange(m_pendingData, false);
    if (dataChanged)
        m_controller->setData(m_document->config(), m_document->dataset());
    else
        m_controller->applyConfig(m_document->config());
    const Config before = std::exchange(m_sent, m_document->config());
    emit changesSent(before, m_sent, dataChanged);
}

}  // namespace np
