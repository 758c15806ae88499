// The training controller and its worker thread: commands take effect, snapshots arrive and
// echo the last command handled, live setting changes keep or re-initialise the weights as
// promised, divergence pauses with a message of its kind, the history arrives whole through
// "reset" and "appended", a session request is answered by the worker's own session, and
// destroying the controller mid-training returns at once.

#include "data/generators.h"
#include "mailbox.h"
#include "trainingcontroller.h"
#include "trainingmessage.h"
#include "uitestsupport.h"
#include "workerthread.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QtTest>

#include <atomic>
#include <optional>
#include <vector>

using namespace np;
using namespace np::test;

class TestController : public QObject
{
    Q_OBJECT

private slots:
    void theMailboxKeepsTheNewestAndNotifiesOnlyWhenNothingWasPending()
    {
        Mailbox<int> box;
        QSignalSpy posted(&box, &MailboxSignal::posted);
        QVERIFY(box.post(1));
        QVERIFY(!box.post(2));
        QVERIFY(!box.post(3));
        QCOMPARE(posted.count(), 1);
        QCOMPARE(box.take(), std::optional<int>(3));
        QCOMPARE(box.take(), std::optional<int>());
        QVERIFY(box.post(4));
        QCOMPARE(posted.count(), 2);
    }

    void aWorkerLivesAndDiesOnItsOwnThread()
    {
        // Where the worker was destroyed, and what that thread was, recorded by the worker.
        struct Worker : QObject
        {
            std::atomic<QThread *> *diedOn;
            explicit Worker(std::atomic<QThread *> *diedOn) : diedOn(diedOn) {}
            ~Worker() override { diedOn->store(QThread::currentThread()); }
        };
        std::atomic<QThread *> diedOn{nullptr};
        auto *worker = new Worker(&diedOn);
        QPointer<QObject> watched = worker;
        WorkerThread thread(worker, QStringLiteral("test"), 0);
        QCOMPARE(worker->thread(), &thread);
        QCOMPARE(thread.objectName(), QStringLiteral("test"));
        thread.start();
        std::atomic<QThread *> ranOn{nullptr};
        QMetaObject::invokeMethod(worker, [&ranOn] { ranOn.store(QThread::currentThread()); },
                                  Qt::QueuedConnection);
        QTRY_COMPARE(ranOn.load(), &thread);
        thread.stop();
        QVERIFY(thread.isFinished());
        QVERIFY(watched.isNull());
        QCOMPARE(diedOn.load(), &thread);
        thread.stop();  // a second stop does nothing
    }

    void aWorkerWhoseThreadNeverStartedIsDestroyedByItsOwner()
    {
        std::atomic<QThread *> diedOn{nullptr};
        QPointer<QObject> watched;
        {
            auto *worker = new QObject;
            watched = worker;
            QObject::connect(worker, &QObject::destroyed, [&diedOn] { diedOn.store(QThread::currentThread()); });
            WorkerThread thread(worker, QStringLiteral("never started"), 0);
        }
        QVERIFY(watched.isNull());
        QCOMPARE(diedOn.load(), QThread::currentThread());
    }

    void aCopiedPostReusesTheValueTheReaderGaveBack()
    {
        Mailbox<std::vector<double>> box;
        QSignalSpy posted(&box, &MailboxSignal::posted);
        const std::vector<double> weights(1000, 0.5);
        QVERIFY(box.postCopy(weights));
        std::optional<std::vector<double>> taken = box.take();
        QVERIFY(taken);
        QCOMPARE(*taken, weights);
        const double *memory = taken->data();
        box.recycle(std::move(*taken));
        // The next copy goes into the same memory, and a second one before a take replaces it.
        const std::vector<double> newer(1000, 0.25);
        QVERIFY(box.postCopy(newer));
        QVERIFY(!box.postCopy(newer));
        QCOMPARE(posted.count(), 2);
        taken = box.take();
        QVERIFY(taken);
        QCOMPARE(*taken, newer);
        QCOMPARE(taken->data(), memory);
        // Nothing given back: a fresh copy.
        QVERIFY(box.postCopy(weights));
        QCOMPARE(*box.take(), weights);
    }

    void resetPublishesTheInitialNetwork()
    {
        TrainingController c;
        const Config config = xorConfig();
        c.reset(config, generateDataset(config.data));
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.serial > 0; }));
        QCOMPARE(c.latest().epoch, std::int64_t(0));
        QVERIFY(!c.latest().running);
        QCOMPARE(c.history().size(), std::size_t(1));
        QCOMPARE(c.latest().model.parameters.size(), std::size_t(8 * 2 + 8 + 8 + 1));
    }

    void playTrainsAndTheLossFalls()
    {
        TrainingController c;
        const Config config = xorConfig();
        c.reset(config, generateDataset(config.data));
        c.play();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.epoch >= 200; }));
        c.pause();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return !s.running; }));
        const History &h = c.history();
        QVERIFY(h.size() >= 200);
        QVERIFY2(h.back().train.loss < 0.5 * h.front().train.loss,
                 qPrintable(QString("%1 -> %2").arg(h.front().train.loss).arg(h.back().train.loss)));
        // The GUI side's history is every row, in order.
        for (std::size_t i = 1; i < h.size(); ++i)
            QCOMPARE(h[i].epoch, h[i - 1].epoch + 1);
    }

    void stepsTrainOneBatchOrOneEpoch()
    {
        TrainingController c;
        const Config config = xorConfig();  // 160 training points, batch 10
        c.reset(config, generateDataset(config.data));
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.serial > 0; }));
        c.stepBatch();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.step == 1; }));
        c.stepEpoch();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.epoch == 1; }));
        QCOMPARE(c.latest().step, std::int64_t(16));  // the rest of the first epoch
        QVERIFY(!c.latest().running);
    }

    void aLearningRateChangeWhileRunningKeepsTheWeights()
    {
        TrainingController c;
        Config config = xorConfig();
        c.reset(config, generateDataset(config.data));
        c.play();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.epoch >= 20; }));
        c.pause();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return !s.running; }));
        const std::uint64_t generation = c.latest().generation;
        const std::vector<Scalar> before = c.latest().model.parameters;
        const std::int64_t epoch = c.latest().epoch;

        config.training.optimizer.learningRate = 0.001;
        c.applyConfig(config);
        const std::uint64_t serial = c.latest().serial;
        QVERIFY(waitFor(c, [serial](const TrainingSnapshot &s) { return s.serial > serial; }));
        QCOMPARE(c.latest().generation, generation);
        QCOMPARE(c.latest().model.parameters, before);
        QCOMPARE(c.latest().epoch, epoch);
        QCOMPARE(c.latest().learningRate, 0.001);

        // And training goes on from there.
        c.play();
        QVERIFY(waitFor(c, [epoch](const TrainingSnapshot &s) { return s.epoch > epoch + 5; }));
        c.pause();
    }

    void aShapeChangeReinitialisesAndSaysSo()
    {
        TrainingController c;
        QSignalSpy messages(&c, &TrainingController::message);
        Config config = xorConfig();
        c.reset(config, generateDataset(config.data));
        c.play();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.epoch >= 10; }));
        const std::uint64_t generation = c.latest().generation;
        config.network.hidden.push_back(LayerSpec{4, Activation::ReLU});
        c.applyConfig(config);
        QVERIFY(waitFor(c, [generation](const TrainingSnapshot &s) { return s.generation > generation; }));
        QVERIFY(messages.count() >= 1);
        QCOMPARE(messages.constLast().at(0).value<TrainingMessage>().kind, TrainingMessage::Kind::Reinitialised);
        QCOMPARE(c.latest().model.network.hidden.size(), std::size_t(2));
        c.pause();
    }

    void aNonFiniteLossPausesWithAnExplanation()
    {
        TrainingController c;
        QSignalSpy messages(&c, &TrainingController::message);
        Config config;
        config.data.generator = Generator::Plane;
        config.data.count = 100;
        config.network.hidden = {LayerSpec{4, Activation::Linear}};
        config.network.head = OutputHead::Linear;
        config.network.loss = Loss::Squared;
        config.training.optimizer.kind = OptimizerKind::SGD;
        config.training.optimizer.learningRate = 5.0;
        c.reset(config, generateDataset(config.data));
        c.play();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.stopReason == StopReason::Diverged; }));
        QVERIFY(!c.latest().running);
        QVERIFY(c.latest().stopMessage.contains("learning rate"));
        QVERIFY(messages.count() >= 1);
        const auto message = messages.constLast().at(0).value<TrainingMessage>();
        QCOMPARE(message.kind, TrainingMessage::Kind::Diverged);
        QCOMPARE(message.text, c.latest().stopMessage);
        for (Scalar p : c.latest().model.parameters)
            QVERIFY(std::isfinite(p));
    }

    // The worker returns to its event loop between bounded bursts even when one step is a big
    // full-batch step: commands are handled mid-run, and so is the destructor's quit(). How
    // long that takes is measured (and printed), not asserted: a loaded machine slows it down.
    void commandsAreHandledMidTrainingAndDestroyingReturns()
    {
        auto c = std::make_unique<TrainingController>();
        Config config = xorConfig();
        config.network.hidden = {LayerSpec{64, Activation::Tanh}, LayerSpec{64, Activation::Tanh}};
        config.data.count = 5000;
        config.training.batchSize = 0;  // big full-batch steps: the worst case for a prompt stop
        c->reset(config, generateDataset(config.data));
        c->play();
        QVERIFY(waitFor(*c, [](const TrainingSnapshot &s) { return s.running && s.step > 3; }));
        QSignalSpy sessions(c.get(), &TrainingController::sessionReady);
        c->requestSession();
        QVERIFY(waitFor([&] { return sessions.count() == 1; }));
        QVERIFY(sessions.first().at(1).value<Session>().state->step > 3);
        QVERIFY(c->latest().running);  // answered without stopping the run
        QElapsedTimer t;
        t.start();
        c.reset();
        qInfo("controller destroyed %lld ms after the request, mid-training", t.elapsed());
    }

    // Training can be slower than asked (a loaded machine) but never faster: on the worker's
    // clock (injected: it moves only when the test moves it), nothing is due while no time
    // passes, and half a second at 20 epochs per second is 10 epochs, not one step more.
    void throttledSpeedIsNeverExceeded()
    {
        std::atomic<qint64> clock{1'000'000'000};
        TrainingController c(nullptr, [&clock] { return clock.load(); });
        const Config config = xorConfig();
        c.reset(config, generateDataset(config.data));
        c.setSpeed(20.0);
        c.play();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.running; }));
        // The worker's own count, after it has looked for due steps many times.
        auto workerState = [&c] {
            TrainerState state;
            for (int i = 0; i < 20; ++i) {
                QSignalSpy sessions(&c, &TrainingController::sessionReady);
                const std::uint64_t id = c.requestSession();
                if (!sessions.wait(5000) || sessions.first().at(0).value<std::uint64_t>() != id)
                    return TrainerState{};
                state = *sessions.first().at(1).value<Session>().state;
            }
            return state;
        };
        QCOMPARE(workerState().step, std::int64_t(0));
        clock += 501'000'000;  // 10.02 epochs due, so 10 whole epochs and no more
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.epoch >= 10; }));
        const TrainerState state = workerState();
        QCOMPARE(state.epoch, std::int64_t(10));
        QCOMPARE(state.cursor, std::int64_t(0));
        c.pause();
    }

    void aSessionRequestIsAnsweredWithTheWorkersOwnSession()
    {
        TrainingController c;
        QSignalSpy sessions(&c, &TrainingController::sessionReady);
        const Config config = xorConfig();
        const Dataset dataset = generateDataset(config.data);
        c.reset(config, dataset);
        c.stepEpoch();
        const std::uint64_t request = c.requestSession();
        // Whatever is sent after the request is not in the answer.
        Config wider = config;
        wider.network.hidden.push_back(LayerSpec{3, Activation::ReLU});
        c.applyConfig(wider);
        QTRY_COMPARE(sessions.count(), 1);
        QCOMPARE(sessions.first().at(0).value<std::uint64_t>(), request);
        const auto session = sessions.first().at(1).value<Session>();
        QCOMPARE(session.config, config);
        QCOMPARE(session.dataset, dataset);
        QVERIFY(session.state);
        QCOMPARE(session.state->epoch, std::int64_t(1));
        QCOMPARE(session.state->history.size(), std::size_t(2));
        QCOMPARE(session.state->parameters.size(), std::size_t(8 * 2 + 8 + 8 + 1));
    }

    void aSessionRequestBeforeAnyNetworkIsAnsweredWithoutAState()
    {
        TrainingController c;
        QSignalSpy sessions(&c, &TrainingController::sessionReady);
        const std::uint64_t request = c.requestSession();
        QTRY_COMPARE(sessions.count(), 1);
        QCOMPARE(sessions.first().at(0).value<std::uint64_t>(), request);
        QVERIFY(!sessions.first().at(1).value<Session>().state);
    }

    void snapshotsEchoTheLastCommandHandled()
    {
        TrainingController c;
        const Config config = xorConfig();
        c.reset(config, generateDataset(config.data));
        c.stepBatch();
        c.setSpeed(10);
        const std::uint64_t request = c.requestSession();  // commands are numbered in order
        QCOMPARE(c.lastCommand(), request);
        c.stepBatch();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.step == 2; }));
        QCOMPARE(c.latest().command, request + 1);
    }

    // A quick second Space: the first press's play is still on its way while the worker posts
    // a snapshot from before it (here: after the first of two long steps queued ahead of it).
    // That snapshot is not running, yet the second press must pause, not play again.
    void aQuickSecondToggleAfterAStaleSnapshotPauses()
    {
        TrainingController c;
        Config config = xorConfig();
        config.data.count = 20000;
        config.network.hidden = {LayerSpec{32, Activation::Tanh}, LayerSpec{32, Activation::Tanh}};
        config.training.batchSize = 1;  // 16000 steps per epoch: a step command takes a while
        c.reset(config, generateDataset(config.data));
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.serial > 0; }));
        c.stepEpoch();
        c.stepEpoch();
        c.togglePlay();  // play, queued behind the two epochs
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.epoch >= 1; }));
        c.togglePlay();  // pause
        QVERIFY(waitFor(c, [&](const TrainingSnapshot &s) { return s.command == c.lastCommand(); }));
        QVERIFY(!c.latest().running);
        QVERIFY(!c.isRunning());
    }

    void theHistoryArrivesWholeThroughResetAndAppended()
    {
        TrainingController c;
        History mirror;  // kept from the two signals alone, as a view keeps it
        connect(&c, &TrainingController::historyReset, &c, [&] { mirror = c.history(); });
        connect(&c, &TrainingController::historyAppended, &c, [&](std::size_t first) {
            QCOMPARE(first, mirror.size());
            mirror.insert(mirror.end(), c.history().begin() + std::ptrdiff_t(first), c.history().end());
        });
        QSignalSpy resets(&c, &TrainingController::historyReset);
        Config config = xorConfig();
        c.reset(config, generateDataset(config.data));
        c.play();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.epoch >= 300; }));
        c.pause();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return !s.running; }));
        QCOMPARE(resets.count(), 1);
        QCOMPARE(mirror.size(), c.history().size());
        QCOMPARE(mirror.back().epoch, c.latest().epoch);
        for (std::size_t i = 0; i < mirror.size(); ++i)
            QCOMPARE(mirror[i].epoch, std::int64_t(i));

        // Compacting (every other row dropped when the history is full) replaces the rows too.
        c.setSpeed(0);
        c.play();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return s.epoch > std::int64_t(kMaxHistoryRows) + 10; },
                        120'000));
        c.pause();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return !s.running; }));
        QVERIFY(resets.count() >= 2);
        QVERIFY(c.history().size() < kMaxHistoryRows);
        QCOMPARE(mirror.size(), c.history().size());
        for (std::size_t i = 0; i < mirror.size(); ++i)
            QCOMPARE(mirror[i].epoch, c.history()[i].epoch);
        QCOMPARE(c.history()[1].epoch, std::int64_t(2));  // recorded every other epoch now
        const int resetsBefore = resets.count();

        // A new shape replaces the history.
        config.network.hidden.push_back(LayerSpec{4, Activation::ReLU});
        c.applyConfig(config);
        QVERIFY(waitFor([&] { return resets.count() == resetsBefore + 1; }));
        QCOMPARE(c.history().size(), std::size_t(1));
        QCOMPARE(mirror.size(), std::size_t(1));
    }
};

QTEST_MAIN(TestController)
#include "test_controller.moc"
