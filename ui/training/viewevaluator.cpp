#include "viewevaluator.h"
#include "workerthread.h"

#include <QThread>

#include <utility>

namespace np {

// Lives on the evaluation thread; keeps the evaluator's scratch space between frames.
class ViewEvaluator::Worker : public QObject
{
public:
    explicit Worker(ViewEvaluator *owner)
        : m_owner(owner)
    {
    }

    void run()
    {
        // Whatever is newest when the work starts; requests posted meanwhile replace each other.
        std::optional<Request> request = m_owner->m_requests.take();
        if (!request)
            return;
        // Made here, so its threads inherit this thread's background priority.
        if (!m_pool)
            m_pool = std::make_unique<ThreadPool>();
        const std::uint64_t configuration = request->configuration;
        const ThreadPool::Cancel cancel = [this, configuration] {
            return m_owner->m_configuration.load(std::memory_order_relaxed) != configuration
                   || QThread::currentThread()->isInterruptionRequested();
        };
        ViewFrame frame = computeViewFrame(request->model, *request->dataset, request->style, request->grid,
                                           request->needs, m_scratch, m_pool.get(),
                                           request->training, cancel);
        frame.serial = request->serial;
        frame.datasetVersion = request->datasetVersion;
        // Given back, the next request is copied into its memory: the GUI thread posts one per
        // snapshot, which was a fresh copy of the weights each time (117 KB for 8 x 64).
        m_owner->m_requests.recycle(std::move(*request));
        if (frame.cancelled)
            return;  // the newer request is posted already
        m_owner->m_frames.post(std::move(frame));
    }

private:
    ViewEvaluator *m_owner;
    std::unique_ptr<ThreadPool> m_pool;  ///< declared before the scratch, whose evaluator points at it
    FrameScratch m_scratch;
};

ViewEvaluator::ViewEvaluator(QObject *parent)
    : QObject(parent)
{
    m_worker = new Worker(this);
    m_thread = std::make_unique<WorkerThread>(m_worker, QStringLiteral("view evaluation"), 10);  // below the trainer
    connect(&m_requests, &MailboxSignal::posted, m_worker, &Worker::run, Qt::QueuedConnection);
    connect(&m_frames, &MailboxSignal::posted, this, &ViewEvaluator::onFramePosted, Qt::QueuedConnection);
    m_thread->start();
}

ViewEvaluator::~ViewEvaluator()
{
    // The worker (and its pool) is destroyed on its own thread, before the mailboxes it uses.
    m_thread->stop();
    m_worker = nullptr;
}

void ViewEvaluator::submit(const Model &model, std::uint64_t serial, bool training)
{
    // New weights of the same network only replace the frame not yet started.
    const bool reshaped = !m_haveModel || !(model.network == m_request.model.network)
                          || model.inputs != m_request.model.inputs || model.outputs != m_request.model.outputs
                          || !(model.features == m_request.model.features);
    const bool refine = m_request.training && !training;
    m_request.model = model;
    m_request.serial = serial;
    m_request.training = training;
    m_haveModel = true;
    post(reshaped || refine);
}

void ViewEvaluator::setDataset(const Dataset &dataset, std::uint64_t revision)
{
    m_request.dataset = std::make_shared<const Dataset>(dataset);
    m_request.datasetVersion = revision;
    post();
}

void ViewEvaluator::setStyle(const BoundaryStyle &style)
{
    if (m_request.style == style)
        return;
    m_request.style = style;
    post();
}

void ViewEvaluator::setGrid(const GridSpec &grid)
{
    if (m_request.grid == grid)
        return;
    m_request.grid = grid;
    post();
}

void ViewEvaluator::setNeeds(const ViewNeeds &needs)
{
    if (m_request.needs == needs)
        return;
    m_request.needs = needs;
    post();
}

void ViewEvaluator::post(bool reconfigured)
{
    if (reconfigured)
        m_request.configuration = ++m_configuration;
    if (m_haveModel)
        m_requests.postCopy(m_request);
}

void ViewEvaluator::onFramePosted()
{
    std::optional<ViewFrame> frame = m_frames.take();
    if (!frame)
        return;
    m_frame = std::move(*frame);
    emit frameReady();
}

}  // namespace np
