#include "workerthread.h"

#ifdef __linux__
#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <utility>

namespace np {

WorkerThread::WorkerThread(QObject *worker, const QString &name, int niceIncrement)
    : m_worker(worker), m_niceIncrement(niceIncrement)
{
    setObjectName(name);
    m_worker->moveToThread(this);
#ifndef __linux__
    setPriority(QThread::LowPriority);
#endif
}

WorkerThread::~WorkerThread()
{
    stop();
}

void WorkerThread::stop()
{
    requestInterruption();
    quit();
    wait();
    // A thread that never started never ran the worker: it goes here. Otherwise run() deleted it.
    if (!m_workerGone.load(std::memory_order_acquire)) {
        delete std::exchange(m_worker, nullptr);
        m_workerGone.store(true, std::memory_order_relaxed);
    }
}

void WorkerThread::run()
{
#ifdef __linux__
    const id_t tid = static_cast<id_t>(gettid());
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, tid);
    if (errno == 0)
        setpriority(PRIO_PROCESS, tid, current + m_niceIncrement);
#endif
    exec();
    delete std::exchange(m_worker, nullptr);
    m_workerGone.store(true, std::memory_order_release);
}

}  // namespace np
