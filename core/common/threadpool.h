#pragma once

#include <atomic>
#include <cstdint>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace np {

/// A fixed set of helper threads that share the iterations of a loop with the calling thread,
/// for the evaluator's grid work. The pool owns and joins its threads; nothing is detached.
/// One loop runs at a time (callers from several threads take turns).
class ThreadPool
{
public:
    /// A check between iterations: true stops handing out new ones.
    using Cancel = std::function<bool()>;

    /// helpers: threads besides the caller (0: the caller does everything, serially). Threads
    /// inherit the creating thread's scheduling priority (its nice value on Linux).
    ThreadPool();  ///< defaultHelpers() for this machine
    explicit ThreadPool(int helpers);
    ~ThreadPool();
    ThreadPool(const ThreadPool &) = delete;
    ThreadPool &operator=(const ThreadPool &) = delete;

    /// How many threads take part in a loop: the helpers and the caller.
    int workers() const { return static_cast<int>(m_threads.size()) + 1; }

    /// Calls body(worker, index) for every index in [0, count), worker in [0, workers()) naming
    /// the thread (for per-thread scratch space; the caller is worker 0), and returns when all
    /// calls have returned. Once cancel() is true no new index starts; returns false then.
    bool run(int count, const std::function<void(int worker, int index)> &body, const Cancel &cancel = {});

    /// Helpers for a machine with this many hardware threads: all but two, so the calling
    /// thread and the training thread keep a core each.
    static int defaultHelpers(unsigned hardwareThreads = std::thread::hardware_concurrency());

private:
    void helperLoop(int worker);
    void work(int worker);

    std::vector<std::thread> m_threads;
    std::mutex m_runMutex;  // one loop at a time
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::uint64_t m_generation = 0;  // a new loop was posted
    bool m_stop = false;
    int m_busy = 0;  // helpers still inside the current loop

    // The current loop.
    const std::function<void(int, int)> *m_body = nullptr;
    const Cancel *m_cancel = nullptr;
    int m_count = 0;
    std::atomic<int> m_next{0};
    std::atomic<bool> m_cancelled{false};
};

}  // namespace np
