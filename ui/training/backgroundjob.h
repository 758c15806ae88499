#pragma once

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

namespace np {

/// Long work off the GUI thread, with progress and cancel: the gradient check, the regions'
/// depth comparison and the sweep. Each run gets its own thread, owned and joined by the job,
/// never detached: the owner keeps the job as a member (or child), so destroying the owner while
/// the work runs asks the work to stop and waits for it. Everything the work reports arrives on
/// the job's thread (the GUI), in the order reported, and finished() comes after all of it.
class BackgroundJob : public QObject
{
    Q_OBJECT

public:
    /// What the work sees of its run; valid while the work runs.
    class Control
    {
    public:
        bool isCancelled() const;
        /// The flag itself, for loops that poll a std::atomic<bool> (runSweep, the comparison).
        const std::atomic<bool> &cancelFlag() const;
        /// Reports `done` of `total`; arrives as progressChanged. Reports faster than the GUI
        /// takes them are coalesced: the owner sees the newest, never a queue of stale ones.
        void setProgress(qint64 done, qint64 total) const;
        /// Runs f on the job's thread, unless the run is stopped first (results, status text).
        void post(std::function<void()> f) const;

    private:
        friend class BackgroundJob;
        struct Run;
        explicit Control(std::shared_ptr<Run> run);
        std::shared_ptr<Run> m_run;
    };
    using Work = std::function<void(const Control &control)>;

    explicit BackgroundJob(QObject *parent = nullptr);
    /// Stops a running work: cancels it and waits until it returns.
    ~BackgroundJob() override;

    /// Runs `work` on a new thread. A run still going is stopped first (see stop()).
    void start(Work work);
    /// Asks the work to stop. It goes on reporting until it returns; then finished() follows.
    void cancel();
    /// Cancels and waits for the thread; nothing this run reports any more arrives, and no
    /// finished() is emitted for it.
    void stop();
    /// From start() until finished() (or stop()).
    bool isRunning() const { return m_run != nullptr; }

signals:
    void progressChanged(qint64 done, qint64 total);
    /// The work returned (cancelled or not); everything it reported has been delivered.
    void finished();

private:
    void deliver(const std::shared_ptr<Control::Run> &run, const std::function<void()> &f);
    void deliverProgress(const std::shared_ptr<Control::Run> &run);
    void finish(const std::shared_ptr<Control::Run> &run);

    std::shared_ptr<Control::Run> m_run;  ///< the current run; null when none
    std::thread m_thread;
};

}  // namespace np
