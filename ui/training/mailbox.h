#pragma once

#include <QObject>

#include <mutex>
#include <optional>
#include <utility>

namespace np {

/// The signal half of Mailbox: a class template cannot declare signals of its own.
class MailboxSignal : public QObject
{
    Q_OBJECT

signals:
    /// A value arrived while none was pending. Emitted on the writer's thread: connect it
    /// queued to a reader's slot that calls take().
    void posted();
};

/// Cross-thread "newest value wins": the writer posts without waiting, the reader takes the
/// newest when told. A value not taken in time is replaced, so a slow reader never builds a
/// queue and never sees an old value after a newer one.
template <typename T>
class Mailbox : public MailboxSignal
{
public:
    /// Writer side: stores the value, replacing one not yet taken. True when nothing was
    /// pending (so any previous value was taken); posted() is emitted then, and only then.
    bool post(T value)
    {
        bool wasEmpty = false;
        {
            const std::lock_guard lock(m_mutex);
            wasEmpty = !m_value.has_value();
            m_value = std::move(value);
        }
        if (wasEmpty)
            emit posted();
        return wasEmpty;
    }

    /// Writer side, as post(), but copying `value` into the one the reader last gave back
    /// (recycle()) or into the one pending: a value of the same shape then reuses that memory
    /// instead of a new copy being allocated for every post.
    bool postCopy(const T &value)
    {
        bool wasEmpty = false;
        {
            const std::lock_guard lock(m_mutex);
            wasEmpty = !m_value.has_value();
            if (wasEmpty)
                m_value = std::exchange(m_spare, std::nullopt);
            if (m_value)
                *m_value = value;
            else
                m_value.emplace(value);
        }
        if (wasEmpty)
            emit posted();
        return wasEmpty;
    }

    /// Reader side: gives a taken value back for postCopy() to overwrite.
    void recycle(T &&value)
    {
        const std::lock_guard lock(m_mutex);
        m_spare = std::move(value);
    }

    /// Reader side: the newest value, if one is pending.
    std::optional<T> take()
    {
        const std::lock_guard lock(m_mutex);
        return std::exchange(m_value, std::nullopt);
    }

private:
    // A std::mutex rather than a QMutex: its pthread calls are what ThreadSanitizer sees, so the
    // hand-off between the threads is checked (Debian's Qt is not built with TSan).
    std::mutex m_mutex;
    std::optional<T> m_value;
    std::optional<T> m_spare;  ///< given back by the reader, for postCopy()
};

}  // namespace np
