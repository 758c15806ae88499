// A deliberate race, and a hand-off through Qt, for the test of tests/tsan/triage.py (tsan
// builds only): the triage must report the first as ours and count the second as Qt's.

#include <QCoreApplication>
#include <QThread>
#include <QTimer>

#include <cstddef>
#include <thread>
#include <vector>

namespace {

int unguarded = 0;  // written by two threads with nothing ordering them: a race of ours

[[gnu::noinline]] void writeUnguardedFromTheWorker()
{
    for (int i = 0; i < 1000; ++i)
        unguarded = unguarded + 1;
}

[[gnu::noinline]] void writeUnguardedFromASlot()
{
    unguarded = unguarded + 1;
}

class Receiver : public QObject
{
public:
    void take(const std::vector<int> &values) { total += values.size(); }
    std::size_t total = 0;
};

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);

    // Qt's hand-off: vectors made here and read on another thread in queued calls, ordered by
    // Qt's event queue, which TSan does not see.
    QThread thread;
    Receiver receiver;
    receiver.moveToThread(&thread);
    thread.start();
    for (int i = 1; i <= 50; ++i)
        QMetaObject::invokeMethod(&receiver, [&receiver, values = std::vector<int>(std::size_t(i), i)] {
            receiver.take(values);
        }, Qt::QueuedConnection);

    // Ours: a std::thread and a slot the event loop runs write the same int.
    std::thread worker(writeUnguardedFromTheWorker);
    QTimer::singleShot(0, &app, [&app] {
        writeUnguardedFromASlot();
        app.quit();
    });
    const int status = app.exec();
    worker.join();
    thread.quit();
    thread.wait();
    return status;
}
