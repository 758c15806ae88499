#include "threadpool.h"

#include <algorithm>

namespace np {

ThreadPool::ThreadPool()
    : ThreadPool(defaultHelpers())
{
}

ThreadPool::ThreadPool(int helpers)
{
    for (int w = 1; w <= helpers; ++w)
        m_threads.emplace_back([this, w] { helperLoop(w); });
}

ThreadPool::~ThreadPool()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    for (std::thread &t : m_threads)
        t.join();
}

int ThreadPool::defaultHelpers(unsigned hardwareThreads)
{
    return std::max(0, static_cast<int>(hardwareThreads) - 2);
}

bool ThreadPool::run(int count, const std::function<void(int, int)> &body, const Cancel &cancel)
{
    const std::lock_guard runLock(m_runMutex);
    m_count = count;
    m_next = 0;
    m_cancelled = false;
    m_body = &body;
    m_cancel = cancel ? &cancel : nullptr;
    if (!m_threads.empty() && count > 1) {
        {
            const std::lock_guard lock(m_mutex);
            m_busy = static_cast<int>(m_threads.size());
            ++m_generation;
        }
        m_wake.notify_all();
        work(0);
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_busy == 0; });
    } else {
        work(0);
    }
    m_body = nullptr;
    m_cancel = nullptr;
    return !m_cancelled;
}

void ThreadPool::work(int worker)
{
    for (;;) {
        if (m_cancel && (m_cancelled || (*m_cancel)())) {
            m_cancelled = true;
            return;
        }
        const int index = m_next.fetch_add(1);
        if (index >= m_count)
            return;
        (*m_body)(worker, index);
    }
}

void ThreadPool::helperLoop(int worker)
{
    std::uint64_t seen = 0;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
            if (m_stop)
                return;
            seen = m_generation;
        }
        work(worker);
        {
            const std::lock_guard lock(m_mutex);
            --m_busy;
        }
        m_done.notify_one();
    }
}

}  // namespace np
