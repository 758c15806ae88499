#pragma once

#include <QThread>

#include <atomic>

namespace np {

/// A thread that runs one worker object's event loop in the background and is always joined.
///
/// The worker is made on the owner's thread and handed over: it lives on this thread, handles
/// its queued calls here and is destroyed here when the event loop ends, at the end of run(),
/// so nothing of it is touched by two threads. stop() (or the destructor) interrupts, quits
/// and waits. The end of the thread is also published with an atomic that stop() acquires after
/// wait(): wait() orders everything the thread did before what follows, but inside Qt, which
/// ThreadSanitizer cannot see unless Qt is built with it, and freeing what the thread wrote
/// (mailboxes, connections) would otherwise be reported as a race.
///
/// On Linux the thread runs `niceIncrement` steps nicer than the thread that started it, so on
/// busy cores the GUI thread is scheduled first (Qt's priorities do nothing under SCHED_OTHER).
class WorkerThread : public QThread
{
public:
    /// Takes `worker` (which must have no parent) and moves it to this thread.
    WorkerThread(QObject *worker, const QString &name, int niceIncrement);
    ~WorkerThread() override;

    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    /// Asks the worker to stop (isInterruptionRequested()), ends the event loop and waits for
    /// the thread; the worker is gone afterwards. Safe to call more than once, or before start().
    void stop();

protected:
    void run() override;

private:
    QObject *m_worker;
    int m_niceIncrement;
    std::atomic<bool> m_workerGone{false};  ///< released by run() after deleting the worker
};

}  // namespace np
