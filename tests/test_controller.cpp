// The training controller and its worker thread: commands take effect, snapshots arrive, live
// setting changes keep or re-initialise the weights as promised, divergence pauses with a
// message, and destroying the controller mid-training returns at once.

#include "data/generators.h"
#include "trainingcontroller.h"
#include "uitestsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

using namespace np;
using namespace np::test;

class TestController : public QObject
{
    Q_OBJECT

private slots:
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
        QVERIFY(messages.constLast().at(0).toString().contains("initialised afresh"));
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
        QVERIFY(messages.constLast().at(0).toString().contains("NaN"));
        for (Scalar p : c.latest().model.parameters)
            QVERIFY(std::isfinite(p));
    }

    void destroyingWhileTrainingReturnsAtOnce()
    {
        auto c = std::make_unique<TrainingController>();
        Config config = xorConfig();
        config.network.hidden = {LayerSpec{64, Activation::Tanh}, LayerSpec{64, Activation::Tanh}};
        config.data.count = 5000;
        config.training.batchSize = 0;  // big full-batch steps: the worst case for a prompt stop
        c->reset(config, generateDataset(config.data));
        c->play();
        QVERIFY(waitFor(*c, [](const TrainingSnapshot &s) { return s.running && s.step > 3; }));
        QElapsedTimer t;
        t.start();
        c.reset();
        const qint64 ms = t.elapsed();
        qInfo("controller destroyed %lld ms after the request, mid-training", ms);
        QVERIFY2(ms < 200, qPrintable(QString::number(ms)));
    }

    void throttledSpeedIsRespected()
    {
        TrainingController c;
        const Config config = xorConfig();
        c.reset(config, generateDataset(config.data));
        c.setSpeed(20.0);
        c.play();
        QElapsedTimer t;
        t.start();
        QTest::qWait(1000);
        c.pause();
        QVERIFY(waitFor(c, [](const TrainingSnapshot &s) { return !s.running; }));
        const double seconds = t.elapsed() / 1000.0;
        const double rate = double(c.latest().epoch) / seconds;
        QVERIFY2(rate > 10 && rate < 30, qPrintable(QString("%1 epochs/s").arg(rate)));
    }

    void stateRequestsAnswerWithTheFullState()
    {
        TrainingController c;
        QSignalSpy states(&c, &TrainingController::stateReady);
        const Config config = xorConfig();
        c.reset(config, generateDataset(config.data));
        c.stepEpoch();
        c.requestState();
        QTRY_COMPARE(states.count(), 1);
        const auto state = states.first().at(0).value<TrainerState>();
        QCOMPARE(state.epoch, std::int64_t(1));
        QCOMPARE(state.history.size(), std::size_t(2));
    }
};

QTEST_MAIN(TestController)
#include "test_controller.moc"
