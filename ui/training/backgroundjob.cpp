#include "backgroundjob.h"

#include <QMetaObject>

#include <mutex>
#include <utility>

namespace np {

/// One run's state, shared by the work's thread and the job.
struct BackgroundJob::Control::Run
{
    BackgroundJob *job = nullptr;
    std::atomic<bool> cancel{false};
    std::mutex progressMutex;
    qint64 done = 0;
    qint64 total = 0;
    bool progressPending = false;  ///< a delivery is queued; newer values ride along with it
};

BackgroundJob::Control::Control(std::shared_ptr<Run> run)
    : m_run(std::move(run))
{
}

bool BackgroundJob::Control::isCancelled() const
{
    return m_run->cancel.load(std::memory_order_relaxed);
}

const std::atomic<bool> &BackgroundJob::Control::cancelFlag() const
{
    return m_run->cancel;
}

void BackgroundJob::Control::setProgress(qint64 done, qint64 total) const
{
    {
        const std::lock_guard lock(m_run->progressMutex);
        m_run->done = done;
        m_run->total = total;
        if (std::exchange(m_run->progressPending, true))
            return;
    }
    QMetaObject::invokeMethod(m_run->job, [job = m_run->job, run = m_run] { job->deliverProgress(run); },
                              Qt::QueuedConnection);
}

void BackgroundJob::Control::post(std::function<void()> f) const
{
    QMetaObject::invokeMethod(m_run->job, [job = m_run->job, run = m_run, f = std::move(f)] { job->deliver(run, f); },
                              Qt::QueuedConnection);
}

BackgroundJob::BackgroundJob(QObject *parent)
    : QObject(parent)
{
}

BackgroundJob::~BackgroundJob()
{
    // Joined before QObject's destructor drops the events the run has queued to this object.
    stop();
}

void BackgroundJob::start(Work work)
{
    stop();
    auto run = std::make_shared<Control::Run>();
    run->job = this;
    m_run = run;
    m_thread = std::thread([run, work = std::move(work)] {
        work(Control(run));
        // Queued after everything the work posted, so finished() comes last.
        QMetaObject::invokeMethod(run->job, [job = run->job, run] { job->finish(run); }, Qt::QueuedConnection);
    });
}

void BackgroundJob::cancel()
{
    if (m_run)
        m_run->cancel.store(true);
}

void BackgroundJob::stop()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
    m_run.reset();  // what the run queued is now for a run that is no longer current: dropped
}

void BackgroundJob::deliver(const std::shared_ptr<Control::Run> &run, const std::function<void()> &f)
{
    if (run == m_run)
        f();
}

void BackgroundJob::deliverProgress(const std::shared_ptr<Control::Run> &run)
{
    qint64 done = 0, total = 0;
    {
        const std::lock_guard lock(run->progressMutex);
        run->progressPending = false;
        done = run->done;
        total = run->total;
    }
    if (run == m_run)
        emit progressChanged(done, total);
}

void BackgroundJob::finish(const std::shared_ptr<Control::Run> &run)
{
    if (run != m_run)
        return;
    if (m_thread.joinable())
        m_thread.join();  // it has queued this call and is returning
    m_run.reset();
    emit finished();
}

}  // namespace np
