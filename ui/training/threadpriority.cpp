#include "threadpriority.h"

#include <QThread>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace np {

void runInBackground(QThread *thread, int niceIncrement)
{
#ifdef __linux__
    // started() is emitted on the new thread, so a direct connection runs there.
    QObject::connect(thread, &QThread::started, thread, [niceIncrement] {
        const id_t tid = static_cast<id_t>(gettid());
        errno = 0;
        const int current = getpriority(PRIO_PROCESS, tid);
        if (errno == 0)
            setpriority(PRIO_PROCESS, tid, current + niceIncrement);
    }, Qt::DirectConnection);
#else
    thread->setPriority(QThread::LowPriority);
    Q_UNUSED(niceIncrement)
#endif
}

}  // namespace np
