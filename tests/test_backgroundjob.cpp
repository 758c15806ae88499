// The background job the views run long work with: progress and results reach the owner on the
// GUI thread in order, cancel stops the work, stop and restart drop what an old run reports,
// and destroying the owner while the work runs joins it. Every wait is for an event.

#include "backgroundjob.h"

#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using np::BackgroundJob;

namespace {

/// Work that reports it has started, then spins until cancelled (yielding its core).
BackgroundJob::Work untilCancelled(std::atomic<bool> &sawCancel)
{
    return [&sawCancel](const BackgroundJob::Control &control) {
        control.setProgress(1, 2);
        while (!control.isCancelled())
            std::this_thread::yield();
        sawCancel = true;
    };
}

}  // namespace

class TestBackgroundJob : public QObject
{
    Q_OBJECT

private slots:
    void progressAndResultsReachTheOwnerOnTheGuiThreadInOrder()
    {
        BackgroundJob job;
        std::vector<qint64> progress;
        bool allOnGui = true;
        bool totalsRight = true;
        connect(&job, &BackgroundJob::progressChanged, this, [&](qint64 done, qint64 total) {
            allOnGui = allOnGui && QThread::currentThread() == QCoreApplication::instance()->thread();
            totalsRight = totalsRight && total == 1000;
            progress.push_back(done);
        });
        std::vector<int> results;
        QSignalSpy finished(&job, &BackgroundJob::finished);
        job.start([&results, &allOnGui](const BackgroundJob::Control &control) {
            for (int i = 1; i <= 1000; ++i) {
                control.setProgress(i, 1000);
                if (i % 100 == 0)
                    control.post([&results, &allOnGui, i] {
                        allOnGui = allOnGui && QThread::currentThread() == QCoreApplication::instance()->thread();
                        results.push_back(i);
                    });
            }
        });
        QVERIFY(job.isRunning());
        QVERIFY(finished.wait());
        QCOMPARE(finished.count(), 1);
        QVERIFY(!job.isRunning());
        QVERIFY(allOnGui);
        QVERIFY(totalsRight);
        // Every result, in order, before finished; progress coalesced but never going back,
        // and the last report is the final one.
        QCOMPARE(results, (std::vector<int>{100, 200, 300, 400, 500, 600, 700, 800, 900, 1000}));
        QVERIFY(!progress.empty());
        QVERIFY(progress.size() <= 1000);
        QVERIFY(std::is_sorted(progress.begin(), progress.end()));
        QCOMPARE(progress.back(), qint64(1000));
    }

    void cancelStopsTheWorkAndFinishedFollows()
    {
        BackgroundJob job;
        std::atomic<bool> sawCancel = false;
        QSignalSpy started(&job, &BackgroundJob::progressChanged);
        QSignalSpy finished(&job, &BackgroundJob::finished);
        job.start(untilCancelled(sawCancel));
        QVERIFY(started.wait());
        QVERIFY(job.isRunning());
        QVERIFY(!sawCancel);
        job.cancel();
        QVERIFY(finished.wait());
        QVERIFY(sawCancel);
        QVERIFY(!job.isRunning());
    }

    void stopWaitsAndDropsWhatTheRunStillReports()
    {
        BackgroundJob job;
        QSignalSpy started(&job, &BackgroundJob::progressChanged);
        QSignalSpy finished(&job, &BackgroundJob::finished);
        bool delivered = false;
        std::atomic<bool> posted = false;
        job.start([&](const BackgroundJob::Control &control) {
            control.setProgress(1, 2);
            while (!control.isCancelled())
                std::this_thread::yield();
            control.post([&delivered] { delivered = true; });
            control.setProgress(2, 2);
            posted = true;
        });
        QVERIFY(started.wait());
        job.stop();
        QVERIFY(posted);  // stop() returned after the work did
        QVERIFY(!job.isRunning());
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
        QCOMPARE(started.count(), 1);
        QCOMPARE(finished.count(), 0);
    }

    void startingAgainStopsTheOldRun()
    {
        BackgroundJob job;
        std::atomic<bool> firstSawCancel = false;
        QSignalSpy progress(&job, &BackgroundJob::progressChanged);
        QSignalSpy finished(&job, &BackgroundJob::finished);
        job.start(untilCancelled(firstSawCancel));
        QVERIFY(progress.wait());
        job.start([](const BackgroundJob::Control &control) { control.setProgress(7, 7); });
        QVERIFY(firstSawCancel);  // the first run was cancelled and joined before the second began
        QVERIFY(finished.wait());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(progress.last().at(0).toLongLong(), qint64(7));
    }

    void destroyingTheOwnerWhileTheWorkRunsJoinsIt()
    {
        auto owner = std::make_unique<QObject>();
        auto *job = new BackgroundJob(owner.get());
        std::atomic<bool> sawCancel = false;
        QSignalSpy started(job, &BackgroundJob::progressChanged);
        job->start(untilCancelled(sawCancel));
        QVERIFY(started.wait());
        owner.reset();  // deletes the job: it cancels and joins, so this returns
        QVERIFY(sawCancel);
        QCoreApplication::processEvents();  // the run's queued calls died with the job
    }
};

QTEST_GUILESS_MAIN(TestBackgroundJob)
#include "test_backgroundjob.moc"
