// The trainer end to end: the lecture's phenomena with fixed seeds, reproducibility, resuming,
// stop conditions, divergence and live setting changes.

#include "data/generators.h"
#include "training/trainer.h"

#include <QtTest>

#include <cmath>

using namespace np;

namespace {

Config xorConfig(std::vector<LayerSpec> hidden)
{
    Config c;
    c.data.generator = Generator::Xor;
    c.data.count = 200;
    c.data.noise = 0.0;
    c.data.seed = 3;
    c.network.hidden = std::move(hidden);
    c.network.head = OutputHead::Sigmoid;
    c.network.loss = Loss::BinaryCrossEntropy;
    c.training.optimizer.kind = OptimizerKind::Adam;
    c.training.optimizer.learningRate = 0.03;
    c.training.batchSize = 10;
    return c;
}

Config spiralConfig(std::vector<LayerSpec> hidden)
{
    Config c;
    c.data.generator = Generator::Spiral;
    c.data.count = 400;
    c.data.noise = 0.1;
    c.network.hidden = std::move(hidden);
    c.training.optimizer.learningRate = 0.01;
    return c;
}

// A config that exercises every source of state: dropout (rng), batch norm (running statistics),
// Adam (two accumulators and t), shuffling and a partial last batch.
Config statefulConfig()
{
    Config c;
    c.data.generator = Generator::Gaussians;
    c.data.classes = 3;
    c.data.count = 93;
    c.data.noise = 0.5;
    c.network.hidden = {LayerSpec{12, Activation::ReLU, 0.01, 2, true, 0.2},
                        LayerSpec{6, Activation::Maxout, 0.01, 2, false, 0.1}};
    c.network.head = OutputHead::Softmax;
    c.network.loss = Loss::CategoricalCrossEntropy;
    c.training.batchSize = 8;
    c.training.penalty = {0.001, 0.01};
    return c;
}

Trainer &trained(Trainer &t, const Config &c, std::int64_t steps)
{
    const std::string error = t.reset(c, generateDataset(c.data));
    if (!error.empty())
        qFatal("%s", error.c_str());
    t.train(steps);
    return t;
}

bool sameParameters(const Trainer &a, const Trainer &b)
{
    const auto pa = a.network().parameters(), pb = b.network().parameters();
    return pa.size() == pb.size() && std::memcmp(pa.data(), pb.data(), pa.size() * sizeof(Scalar)) == 0;
}

double maxAccuracy(const History &history)
{
    double best = 0;
    for (const HistoryRecord &r : history)
        best = std::max(best, r.train.accuracy);
    return best;
}

}  // namespace

class TestTraining : public QObject
{
    Q_OBJECT

private slots:
    void perceptronCannotSolveXor()
    {
        // No hidden layer: a line cannot separate XOR, however long it trains.
        Trainer logistic;
        Config c = xorConfig({});
        c.training.optimizer.learningRate = 0.05;
        logistic.reset(c, generateDataset(c.data));
        for (int e = 0; e < 400; ++e)
            logistic.trainEpoch();
        QVERIFY2(maxAccuracy(logistic.history()) <= 0.75, qPrintable(QString::number(maxAccuracy(logistic.history()))));

        Trainer rosenblatt;
        c.network.head = OutputHead::Step;
        c.network.loss = Loss::Perceptron;
        c.training.algorithm = Algorithm::Perceptron;
        c.training.batchSize = 1;
        c.training.optimizer.learningRate = 0.1;
        QCOMPARE(rosenblatt.reset(c, generateDataset(c.data)), std::string());
        for (int e = 0; e < 400; ++e)
            rosenblatt.trainEpoch();
        QVERIFY(maxAccuracy(rosenblatt.history()) <= 0.75);
        QCOMPARE(rosenblatt.epoch(), std::int64_t(400));
    }

    void oneHiddenLayerSolvesXor()
    {
        Trainer t;
        const Config c = xorConfig({LayerSpec{8, Activation::Tanh}});
        t.reset(c, generateDataset(c.data));
        int epochs = 0;
        while (t.history().back().train.accuracy < 1.0 && epochs < 1000) {
            t.trainEpoch();
            ++epochs;
        }
        QCOMPARE(t.history().back().train.accuracy, 1.0);
        qInfo("XOR reached 100%% training accuracy after %d epochs", epochs);
    }

    void spiralsNeedDepth()
    {
        Trainer deep;
        const Config c = spiralConfig({LayerSpec{16, Activation::Tanh}, LayerSpec{16, Activation::Tanh},
                                       LayerSpec{16, Activation::Tanh}});
        deep.reset(c, generateDataset(c.data));
        for (int e = 0; e < 400 && deep.history().back().train.accuracy < 0.97; ++e)
            deep.trainEpoch();
        QVERIFY2(deep.history().back().train.accuracy >= 0.97,
                 qPrintable(QString::number(deep.history().back().train.accuracy)));

        Trainer linear;
        const Config flat = spiralConfig({});
        linear.reset(flat, generateDataset(flat.data));
        for (int e = 0; e < 400; ++e)
            linear.trainEpoch();
        QVERIFY(maxAccuracy(linear.history()) < 0.75);
    }

    void zeroInitialisationKeepsHiddenUnitsIdentical_data()
    {
        QTest::addColumn<int>("activation");
        QTest::newRow("sigmoid") << int(Activation::Sigmoid);
        QTest::newRow("tanh") << int(Activation::Tanh);
        QTest::newRow("relu") << int(Activation::ReLU);
    }

    void zeroInitialisationKeepsHiddenUnitsIdentical()
    {
        QFETCH(int, activation);
        Config c = xorConfig({LayerSpec{5, Activation(activation)}, LayerSpec{4, Activation(activation)}});
        c.init.scheme = InitScheme::Zero;
        Trainer t;
        t.reset(c, generateDataset(c.data));
        t.train(500);
        const Network<Scalar> &net = t.network();
        for (int l = 0; l < 2; ++l) {
            const auto W = net.W(l);
            for (Index r = 1; r < W.rows(); ++r) {
                QCOMPARE(W.row(r), W.row(0));  // every unit of a layer computes the same thing
                QCOMPARE(net.b(l)(r), net.b(l)(0));
            }
        }
        const auto out = net.W(2);
        for (Index k = 1; k < out.cols(); ++k)
            QCOMPARE(out(0, k), out(0, 0));
        QVERIFY(t.history().back().train.accuracy <= 0.75);
    }

    void sameSeedGivesBitIdenticalRuns()
    {
        const Config c = statefulConfig();
        Trainer a, b, other;
        trained(a, c, 1000);
        trained(b, c, 1000);
        QVERIFY(sameParameters(a, b));
        QCOMPARE(a.history().size(), b.history().size());
        QCOMPARE(a.history().back().train.loss, b.history().back().train.loss);

        Config c2 = c;
        c2.training.seed = 2;  // same initial weights, other shuffling and dropout masks
        trained(other, c2, 1000);
        QVERIFY(!sameParameters(a, other));
    }

    void resumingFromAStateIsBitExact_data()
    {
        QTest::addColumn<int>("optimizer");
        QTest::addColumn<int>("first");
        QTest::newRow("adam, mid-epoch") << int(OptimizerKind::Adam) << 123;
        QTest::newRow("adamw, at an epoch end") << int(OptimizerKind::AdamW) << 120;
        QTest::newRow("nesterov") << int(OptimizerKind::Nesterov) << 7;
        QTest::newRow("rmsprop") << int(OptimizerKind::RMSProp) << 50;
        QTest::newRow("adagrad") << int(OptimizerKind::Adagrad) << 33;
    }

    void resumingFromAStateIsBitExact()
    {
        QFETCH(int, optimizer);
        QFETCH(int, first);
        Config c = statefulConfig();
        c.training.optimizer.kind = OptimizerKind(optimizer);
        Trainer straight;
        trained(straight, c, 300);

        Trainer before;
        trained(before, c, first);
        const TrainerState saved = before.state();
        Trainer after;
        QCOMPARE(after.reset(c, generateDataset(c.data)), std::string());
        QCOMPARE(after.restore(saved), std::string());
        after.train(300 - first);
        QVERIFY(sameParameters(straight, after));
        QVERIFY(std::equal(straight.network().buffers().begin(), straight.network().buffers().end(),
                           after.network().buffers().begin()));
        QCOMPARE(after.epoch(), straight.epoch());
        QCOMPARE(after.history().back().validation.loss, straight.history().back().validation.loss);
    }

    // A full batch large enough to be split into row blocks (about 8 x 10^7 columns x
    // parameters against kBlockWork): a step can be cut short between blocks and resumed.
    static Config blockedConfig(double dropout)
    {
        Config c;
        c.data.generator = Generator::Spiral;
        c.data.count = 4000;
        c.network.hidden = {LayerSpec{160, Activation::Tanh, 0.01, 2, false, dropout},
                            LayerSpec{160, Activation::ReLU, 0.01, 2, false, 0.0}};
        c.training.batchSize = 0;
        c.training.penalty = {0.0, 0.01};
        return c;
    }

    void aLongStepIsSplitIntoRowBlocks()
    {
        Trainer t;
        QCOMPARE(t.reset(blockedConfig(0.0), generateDataset(blockedConfig(0.0).data)), std::string());
        const Index n = t.trainInputs().cols();
        QVERIFY(t.blockColumns(n) < n);
        QVERIFY(t.blockColumns(10) == 10);  // a small batch stays whole, computed as before
        const long long work = static_cast<long long>(t.blockColumns(n)) * static_cast<long long>(t.network().parameters().size());
        QVERIFY(work <= kBlockWork);
    }

    // Cutting a step short (as Pause does) and resuming it gives the bits of the uncut run,
    // dropout masks included; so does saving in the middle of a step and loading it again.
    void aStepCutShortResumesToTheSameBits()
    {
        const Config c = blockedConfig(0.2);
        const Dataset data = generateDataset(c.data);
        Trainer straight;
        QCOMPARE(straight.reset(c, data), std::string());
        QCOMPARE(straight.train(3), std::int64_t(3));

        Trainer cut;
        QCOMPARE(cut.reset(c, data), std::string());
        int asked = 0;
        cut.setInterruption([&](double fraction) {
            [&] { QVERIFY(fraction > 0.0 && fraction < 1.0); }();
            return ++asked % 2 == 1;  // every other block boundary
        });
        int interruptions = 0;
        double fractionSeen = 0.0;
        while (cut.stepCount() < 3) {
            if (!cut.step()) {
                QVERIFY(cut.wasInterrupted());
                QVERIFY(!cut.isStopped());
                fractionSeen = std::max(fractionSeen, cut.stepFraction());
                ++interruptions;
            }
        }
        QVERIFY(interruptions >= 3);
        QVERIFY(fractionSeen > 0.0 && fractionSeen < 1.0);
        QVERIFY(sameParameters(straight, cut));
        QCOMPARE(cut.lastBatchLoss(), straight.lastBatchLoss());

        // Saved halfway through a step: the state holds the step's start, and it runs again.
        Trainer halfway;
        QCOMPARE(halfway.reset(c, data), std::string());
        halfway.setInterruption([](double) { return true; });
        QVERIFY(!halfway.step());
        QVERIFY(halfway.stepFraction() > 0.0);
        QVERIFY(halfway.epochFraction() > 0.0 && halfway.epochFraction() < 1.0);
        Trainer resumed;
        QCOMPARE(resumed.reset(c, data), std::string());
        QCOMPARE(resumed.restore(halfway.state()), std::string());
        QCOMPARE(resumed.train(3), std::int64_t(3));
        QVERIFY(sameParameters(straight, resumed));
    }

    // Pause must not wait for the epoch end's evaluation of a large network either: it stops
    // between chunks of points and goes on at the next step, to the same history and weights;
    // a state saved while the epoch end waits resumes to them too.
    void anEpochEndCutShortEndsTheSame()
    {
        Config c;
        c.data.generator = Generator::Spiral;
        c.data.count = 1200;
        c.network.hidden = {LayerSpec{400, Activation::Tanh}, LayerSpec{400, Activation::Tanh}};
        c.training.batchSize = 0;
        const Dataset data = generateDataset(c.data);
        Trainer straight;
        QCOMPARE(straight.reset(c, data), std::string());
        QVERIFY(straight.trainEpoch());
        QVERIFY(straight.trainEpoch());
        QCOMPARE(straight.history().size(), std::size_t(3));

        Trainer cut;
        QCOMPARE(cut.reset(c, data), std::string());
        int asked = 0, evaluationStops = 0;
        cut.setInterruption([&](double fraction) {
            if (fraction < 1.0)
                return false;  // a row block of the step
            const bool stop = ++asked % 2 == 1;
            evaluationStops += stop;
            return stop;
        });
        for (int guard = 0; cut.epoch() < 2 && guard < 1000; ++guard) {
            if (!cut.step()) {
                QVERIFY(cut.wasInterrupted());
                QVERIFY(!cut.isStopped());
                QCOMPARE(cut.epochFraction(), 1.0);
            }
        }
        QCOMPARE(cut.epoch(), std::int64_t(2));
        QVERIFY(evaluationStops >= 4);
        QVERIFY(sameParameters(straight, cut));
        QCOMPARE(cut.history().size(), straight.history().size());
        for (std::size_t i = 0; i < straight.history().size(); ++i) {
            const HistoryRecord &a = straight.history()[i], &b = cut.history()[i];
            QCOMPARE(b.epoch, a.epoch);
            QCOMPARE(b.step, a.step);
            QCOMPARE(b.train.loss, a.train.loss);
            QCOMPARE(b.train.accuracy, a.train.accuracy);
            QCOMPARE(b.validation.loss, a.validation.loss);
        }

        Trainer halfway;
        QCOMPARE(halfway.reset(c, data), std::string());
        halfway.setInterruption([](double fraction) { return fraction >= 1.0; });
        QVERIFY(!halfway.step());
        QVERIFY(halfway.wasInterrupted());
        QCOMPARE(halfway.epoch(), std::int64_t(0));
        QCOMPARE(halfway.stepCount(), std::int64_t(1));
        Trainer resumed;
        QCOMPARE(resumed.reset(c, data), std::string());
        QCOMPARE(resumed.restore(halfway.state()), std::string());
        QVERIFY(resumed.trainEpoch());
        QVERIFY(resumed.trainEpoch());
        QVERIFY(sameParameters(straight, resumed));
        QCOMPARE(resumed.history().back().train.loss, straight.history().back().train.loss);
        QCOMPARE(resumed.history().back().epoch, std::int64_t(2));
    }

    // The blocks' gradient is the whole batch's, to float rounding (the sums run in another order).
    void aBlockedStepHasTheWholeBatchsGradient()
    {
        const Config c = blockedConfig(0.0);
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        Network<Scalar> whole = t.network();
        const Index n = t.trainInputs().cols();
        whole.reserve(n);
        const ConstMatrixMap<Scalar> x(t.trainInputs().data(), t.trainInputs().rows(), n);
        const ConstMatrixMap<Scalar> y(t.trainTargets().data(), t.trainTargets().rows(), n);
        whole.forward(x, Mode::Train);
        const double loss = whole.loss(y, true);
        whole.backward(x, c.training.penalty);
        QVERIFY(t.step());
        QVERIFY(std::abs(t.lastBatchLoss() - loss) <= 1e-5 * std::abs(loss));
        double difference = 0.0, norm = 0.0;
        for (std::size_t i = 0; i < whole.gradients().size(); ++i) {
            difference += std::pow(double(t.network().gradients()[i]) - double(whole.gradients()[i]), 2);
            norm += std::pow(double(whole.gradients()[i]), 2);
        }
        QVERIFY2(std::sqrt(difference) <= 1e-4 * std::sqrt(norm), qPrintable(QString::number(std::sqrt(difference / norm))));
    }

    // A carried partial batch and the batch it joins, both long enough for row blocks: the step
    // has the gradient of all their points at the same weights, averaged over all of them.
    void aCarriedBatchInRowBlocksHasTheWholeGradient()
    {
        Config c = blockedConfig(0.0);
        c.training.batchSize = 1100;
        c.training.shuffle = false;
        c.training.carryPartialBatch = true;
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        const Index n = t.trainInputs().cols(), batch = c.training.batchSize, r = n % batch;
        const long long parameters = static_cast<long long>(t.network().parameters().size());
        QVERIFY2(r * parameters > kBlockWork && n > batch, qPrintable(QString("n %1 r %2").arg(n).arg(r)));
        QVERIFY(t.trainEpoch());
        QCOMPARE(t.state().carriedCount, std::int64_t(r));

        Network<Scalar> whole = t.network();
        Matrix<Scalar> x(t.trainInputs().rows(), batch + r), y(t.trainTargets().rows(), batch + r);
        x << t.trainInputs().leftCols(batch), t.trainInputs().rightCols(r);
        y << t.trainTargets().leftCols(batch), t.trainTargets().rightCols(r);
        whole.reserve(batch + r);
        whole.forward(ConstMatrixMap<Scalar>(x.data(), x.rows(), x.cols()), Mode::Train);
        whole.loss(ConstMatrixMap<Scalar>(y.data(), y.rows(), y.cols()), true);
        whole.backward(ConstMatrixMap<Scalar>(x.data(), x.rows(), x.cols()), c.training.penalty);
        QVERIFY(t.step());
        QCOMPARE(t.state().carriedCount, std::int64_t(0));
        double difference = 0.0, norm = 0.0;
        for (std::size_t i = 0; i < whole.gradients().size(); ++i) {
            difference += std::pow(double(t.network().gradients()[i]) - double(whole.gradients()[i]), 2);
            norm += std::pow(double(whole.gradients()[i]), 2);
        }
        QVERIFY2(std::sqrt(difference) <= 1e-4 * std::sqrt(norm), qPrintable(QString::number(std::sqrt(difference / norm))));
    }

    void aNonFiniteLossPausesAndRestoresTheLastGoodWeights()
    {
        Config c;
        c.data.generator = Generator::Plane;
        c.data.count = 100;
        c.network.hidden = {LayerSpec{4, Activation::Linear}};
        c.network.head = OutputHead::Linear;
        c.network.loss = Loss::Squared;
        c.training.optimizer.kind = OptimizerKind::SGD;
        c.training.optimizer.learningRate = 5.0;
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        for (int e = 0; e < 100 && !t.isStopped(); ++e)
            t.trainEpoch();
        QCOMPARE(t.stopReason(), StopReason::Diverged);
        QVERIFY2(t.stopMessage().find("learning rate") != std::string::npos, t.stopMessage().c_str());
        QVERIFY2(t.stopMessage().find("η = 5") != std::string::npos, t.stopMessage().c_str());
        for (Scalar p : t.network().parameters())
            QVERIFY(std::isfinite(p));
        const Metrics m = t.evaluate(false);
        QVERIFY(std::isfinite(m.loss));
        QCOMPARE(m.loss, t.history().back().train.loss);  // exactly the last recorded epoch's weights
        QVERIFY(!t.step());  // stays paused until cleared

        // Lowering the learning rate and continuing works from the restored weights.
        c.training.optimizer.learningRate = 0.01;
        QVERIFY(t.apply(c).error.empty());
        t.clearStop();
        QVERIFY(t.trainEpoch());
        QVERIFY(std::isfinite(t.history().back().train.loss));
    }

    void earlyStoppingRestoresTheBestWeights()
    {
        Config c;
        c.data.generator = Generator::Gaussians;
        c.data.count = 60;
        c.data.noise = 2.0;  // overlapping classes: a big net overfits
        c.data.validationFraction = 0.5;
        c.network.hidden = {LayerSpec{64, Activation::ReLU}, LayerSpec{64, Activation::ReLU}};
        c.training.optimizer.learningRate = 0.01;
        c.training.earlyStopping = {true, 30, 0.0, true};
        Trainer t;
        t.reset(c, generateDataset(c.data));
        for (int e = 0; e < 2000 && !t.isStopped(); ++e)
            t.trainEpoch();
        QCOMPARE(t.stopReason(), StopReason::EarlyStopping);
        const History &h = t.history();
        double best = h.front().validation.loss;
        std::int64_t bestEpoch = 0;
        for (const HistoryRecord &r : h) {
            if (r.validation.loss < best) {
                best = r.validation.loss;
                bestEpoch = r.epoch;
            }
        }
        QCOMPARE(t.state().earlyStopping.bestEpoch, bestEpoch);
        QCOMPARE(h.back().epoch, bestEpoch + 30);
        QCOMPARE(t.evaluate(true).loss, best);
    }

    void stopConditions()
    {
        Config c = xorConfig({LayerSpec{8, Activation::Tanh}});
        c.training.maxEpochs = 5;
        Trainer t;
        t.reset(c, generateDataset(c.data));
        t.train(1'000'000);
        QCOMPARE(t.stopReason(), StopReason::MaxEpochs);
        QCOMPARE(t.epoch(), std::int64_t(5));

        c.training.maxEpochs = 0;
        c.training.targetLoss = 0.3;
        Trainer u;
        u.reset(c, generateDataset(c.data));
        u.train(1'000'000);
        QCOMPARE(u.stopReason(), StopReason::TargetLoss);
        QVERIFY(u.history().back().train.loss <= 0.3);
        QVERIFY(u.history()[u.history().size() - 2].train.loss > 0.3);
    }

    void batchModes_data()
    {
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("stepsPerEpoch");
        // 200 XOR points, 40 held out: 160 training points.
        QTest::newRow("full batch") << 0 << 1;
        QTest::newRow("stochastic") << 1 << 160;
        QTest::newRow("mini-batch of 10") << 10 << 16;
        QTest::newRow("mini-batch of 50, last one partial") << 50 << 4;
    }

    void batchModes()
    {
        QFETCH(int, batch);
        QFETCH(int, stepsPerEpoch);
        Config c = xorConfig({LayerSpec{4, Activation::Tanh}});
        c.training.batchSize = batch;
        Trainer t;
        t.reset(c, generateDataset(c.data));
        t.trainEpoch();
        t.trainEpoch();
        QCOMPARE(t.stepCount(), std::int64_t(2 * stepsPerEpoch));
        QCOMPARE(t.samplesSeen(), std::int64_t(320));
        QCOMPARE(t.history().size(), std::size_t(3));
    }

    void reshufflesEveryEpoch()
    {
        const Config c = xorConfig({LayerSpec{4, Activation::Tanh}});
        Trainer t;
        t.reset(c, generateDataset(c.data));
        const std::vector<int> first = t.state().order;
        t.trainEpoch();
        const std::vector<int> second = t.state().order;
        QVERIFY(first != second);
        std::vector<int> sorted = second;
        std::sort(sorted.begin(), sorted.end());
        for (int i = 0; i < int(sorted.size()); ++i)
            QCOMPARE(sorted[std::size_t(i)], i);

        Config fixed = c;
        fixed.training.shuffle = false;
        Trainer u;
        u.reset(fixed, generateDataset(fixed.data));
        u.trainEpoch();
        QCOMPARE(u.state().order, sorted);
    }

    void settingChangesKeepOrReinitialiseWeights()
    {
        Config c = xorConfig({LayerSpec{6, Activation::Tanh}});
        Trainer t;
        t.reset(c, generateDataset(c.data));
        t.train(100);
        const std::vector<Scalar> before(t.network().parameters().begin(), t.network().parameters().end());
        const std::int64_t adamSteps = t.state().optimizer.t;

        // Learning rate, L2, batch size: same weights, same optimizer state.
        c.training.optimizer.learningRate = 0.001;
        c.training.penalty.l2 = 0.01;
        c.training.batchSize = 3;
        ApplyResult r = t.apply(c);
        QVERIFY(r.error.empty());
        QVERIFY(!r.reinitialized);
        QVERIFY(std::equal(before.begin(), before.end(), t.network().parameters().begin()));
        QCOMPARE(t.state().optimizer.t, adamSteps);
        QCOMPARE(t.learningRate(), 0.001);

        // Another activation has the same shape: the weights stay.
        c.network.hidden[0].activation = Activation::ReLU;
        r = t.apply(c);
        QVERIFY(!r.reinitialized);
        QVERIFY(std::equal(before.begin(), before.end(), t.network().parameters().begin()));

        // Another optimizer starts with fresh state but keeps the weights.
        c.training.optimizer.kind = OptimizerKind::Momentum;
        r = t.apply(c);
        QVERIFY(!r.reinitialized);
        QCOMPARE(t.state().optimizer.t, std::int64_t(0));

        // A wider layer changes the shape: new weights, history restarts.
        c.network.hidden[0].units = 7;
        r = t.apply(c);
        QVERIFY(r.reinitialized);
        QCOMPARE(t.network().parameters().size(), std::size_t(7 * 2 + 7 + 7 + 1));
        QCOMPARE(t.epoch(), std::int64_t(0));
        QCOMPARE(t.history().size(), std::size_t(1));

        // A bad combination is refused and changes nothing.
        Config bad = c;
        bad.network.loss = Loss::Hinge;
        r = t.apply(bad);
        QVERIFY(!r.error.empty());
        QCOMPARE(t.config().network.loss, Loss::BinaryCrossEntropy);
    }

    void newDataKeepsTheNetwork()
    {
        Config c = xorConfig({LayerSpec{6, Activation::Tanh}});
        Trainer t;
        t.reset(c, generateDataset(c.data));
        t.train(64);
        const std::vector<Scalar> before(t.network().parameters().begin(), t.network().parameters().end());
        DataSpec other = c.data;
        other.seed = 99;
        other.count = 120;
        const ApplyResult r = t.setDataset(generateDataset(other));
        QVERIFY(r.error.empty() && !r.reinitialized);
        QVERIFY(std::equal(before.begin(), before.end(), t.network().parameters().begin()));
        QCOMPARE(t.trainInputs().cols(), Index(96));
        QVERIFY(t.trainEpoch());

        // Three classes need a wider output: re-initialised.
        DataSpec three = other;
        three.generator = Generator::Gaussians;
        three.classes = 3;
        c.network.head = OutputHead::Softmax;
        c.network.loss = Loss::CategoricalCrossEntropy;
        QVERIFY(t.apply(c).error.empty());
        const ApplyResult r3 = t.setDataset(generateDataset(three));
        QVERIFY(r3.error.empty());
        QVERIFY(r3.reinitialized);
        QCOMPARE(t.network().outputs(), 3);
    }

    void regressionMetrics()
    {
        Config c;
        c.data.generator = Generator::Plane;
        c.data.count = 200;
        c.network.hidden = {};
        c.network.head = OutputHead::Linear;
        c.network.loss = Loss::Squared;
        c.training.optimizer.kind = OptimizerKind::SGD;
        c.training.optimizer.learningRate = 0.01;
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        for (int e = 0; e < 200; ++e)
            t.trainEpoch();
        const HistoryRecord &r = t.history().back();
        QVERIFY(std::isnan(r.train.accuracy));
        QVERIFY2(r.train.r2 > 0.999, qPrintable(QString::number(r.train.r2)));
        QVERIFY(r.train.rmse < 0.01);
        QVERIFY(std::abs(r.train.loss - 0.5 * r.train.rmse * r.train.rmse) < 1e-6);
    }

    void rosenblattRuleByHand()
    {
        // Two points, no shuffling, eta = 0.5, zero weights: the first point (label 1 at (1, 2))
        // is a mistake (z = 0 gives y_hat = 0), so w += 0.5 (1 - 0) x, b += 0.5.
        Dataset d;
        d.points = {{1, 2, 1, 0, false}, {-1, -1, 0, 0, false}};
        Config c;
        c.network.hidden = {};
        c.network.head = OutputHead::Step;
        c.network.loss = Loss::Perceptron;
        c.training.algorithm = Algorithm::Perceptron;
        c.training.batchSize = 1;
        c.training.shuffle = false;
        c.training.optimizer.learningRate = 0.5;
        c.init.scheme = InitScheme::Zero;
        Trainer t;
        QCOMPARE(t.reset(c, d), std::string());
        QVERIFY(t.step());
        QCOMPARE(t.network().W(0)(0, 0), 0.5f);
        QCOMPARE(t.network().W(0)(0, 1), 1.0f);
        QCOMPARE(t.network().b(0)(0), 0.5f);
        // Second point: z = -0.5 - 1 + 0.5 = -1 -> y_hat = 0 = label: no change.
        QVERIFY(t.step());
        QCOMPARE(t.network().W(0)(0, 0), 0.5f);
        QCOMPARE(t.history().back().train.accuracy, 1.0);
    }

    // TF Playground's partial batch by hand: 3 points, batches of 2, no shuffling, eta = 0.1, a
    // linear unit z = w.x + b from zero weights, loss 1/2 (z - t)^2 (gradient (z - t) x).
    void aPartialBatchCarriesIntoTheNextByHand()
    {
        Dataset d;
        d.task = Task::Regression;
        d.points = {{1, 0, 0, 1.0, false}, {0, 1, 0, 2.0, false}, {1, 1, 0, -1.0, false}};
        Config c;
        c.network.hidden = {};
        c.network.head = OutputHead::Linear;
        c.network.loss = Loss::Squared;
        c.init.scheme = InitScheme::Zero;
        c.training.optimizer.kind = OptimizerKind::SGD;
        c.training.optimizer.learningRate = 0.1;
        c.training.batchSize = 2;
        c.training.shuffle = false;
        c.training.carryPartialBatch = true;
        Trainer t;
        QCOMPARE(t.reset(c, d), std::string());
        const auto near = [](double a, double b) { return std::abs(a - b) <= 1e-6; };
        const auto weightsAre = [&](double w1, double w2, double b) {
            return near(t.network().W(0)(0, 0), w1) && near(t.network().W(0)(0, 1), w2) && near(t.network().b(0)(0), b);
        };
        // Epoch 1, batch {p0, p1} at 0: residuals -1, -2; gradient (-0.5, -1), -1.5.
        QVERIFY(t.step());
        QVERIFY(weightsAre(0.05, 0.1, 0.15));
        // p2 alone makes no step: its gradient (residual 1.3 at these weights) is carried.
        QVERIFY(t.step());
        QCOMPARE(t.epoch(), std::int64_t(1));
        QCOMPARE(t.stepCount(), std::int64_t(1));
        QVERIFY(weightsAre(0.05, 0.1, 0.15));
        const TrainerState mid = t.state();
        QCOMPARE(mid.carriedCount, std::int64_t(1));
        QCOMPARE(mid.carriedGradients.size(), std::size_t(3));
        QVERIFY(near(mid.carriedGradients[0], 1.3) && near(mid.carriedGradients[1], 1.3)
                && near(mid.carriedGradients[2], 1.3));
        // Epoch 2, batch {p0, p1} plus the carried p2, averaged over 3: residuals -0.8, -1.75, 1.3
        // give (0.5, -0.45, -1.25) / 3.
        QVERIFY(t.step());
        QCOMPARE(t.stepCount(), std::int64_t(2));
        QVERIFY(weightsAre(0.05 - 0.1 * 0.5 / 3, 0.1 + 0.1 * 0.45 / 3, 0.15 + 0.1 * 1.25 / 3));
        QCOMPARE(t.state().carriedCount, std::int64_t(0));

        // A trainer restored from the state taken mid-carry goes on to the same bits.
        Trainer resumed;
        QCOMPARE(resumed.reset(c, d), std::string());
        QCOMPARE(resumed.restore(mid), std::string());
        QVERIFY(resumed.step());
        QVERIFY(sameParameters(t, resumed));

        // Without the setting the last point is a batch of its own.
        c.training.carryPartialBatch = false;
        Trainer plain;
        QCOMPARE(plain.reset(c, d), std::string());
        plain.train(2);
        QCOMPARE(plain.stepCount(), std::int64_t(2));
        QVERIFY(!near(plain.network().b(0)(0), 0.15));
        QVERIFY(plain.state().carriedGradients.empty());
    }

    void l2ShrinksAndL1SparsifiesTheWeights()
    {
        Config c = spiralConfig({LayerSpec{16, Activation::Tanh}, LayerSpec{16, Activation::Tanh}});
        Trainer plain, l2, l1;
        trained(plain, c, 3000);
        Config withL2 = c;
        withL2.training.penalty.l2 = 0.01;
        trained(l2, withL2, 3000);
        Config withL1 = c;
        withL1.training.penalty.l1 = 0.003;
        withL1.training.optimizer.kind = OptimizerKind::SGD;
        withL1.training.optimizer.learningRate = 0.05;
        trained(l1, withL1, 3000);
        Config sgd = withL1;
        sgd.training.penalty.l1 = 0.0;
        Trainer plainSgd;
        trained(plainSgd, sgd, 3000);

        auto weightNorm = [](const Trainer &t) {
            double s = 0;
            for (int l = 0; l < t.network().layerCount(); ++l)
                s += t.network().W(l).cast<double>().squaredNorm();
            return std::sqrt(s);
        };
        auto smallShare = [](const Trainer &t) {
            int small = 0, all = 0;
            for (int l = 0; l < t.network().layerCount(); ++l) {
                const auto W = t.network().W(l);
                small += int((W.array().abs() < 0.01f).count());
                all += int(W.size());
            }
            return double(small) / all;
        };
        QVERIFY2(weightNorm(l2) < 0.7 * weightNorm(plain),
                 qPrintable(QString("%1 vs %2").arg(weightNorm(l2)).arg(weightNorm(plain))));
        QVERIFY2(smallShare(l1) > smallShare(plainSgd) + 0.2,
                 qPrintable(QString("%1 vs %2").arg(smallShare(l1)).arg(smallShare(plainSgd))));
    }

    void historyStaysBoundedOverLongRuns()
    {
        // Four points, full batch: one step per epoch, so 10,000 epochs take a moment.
        Dataset d;
        d.points = {{-1, -1, 0, 0, false}, {1, 1, 1, 0, false}, {-1, 1, 0, 0, false}, {1, -1, 1, 0, false}};
        Config c;
        c.network.hidden = {};
        c.training.batchSize = 0;
        Trainer t;
        QCOMPARE(t.reset(c, d), std::string());
        t.train(10'000);
        const History &h = t.history();
        QVERIFY(h.size() <= kMaxHistoryRows);
        QCOMPARE(t.state().historyInterval, std::int64_t(4));  // filled at 4,000 and at 8,000 epochs
        QCOMPARE(h.front().epoch, std::int64_t(0));
        QCOMPARE(h.back().epoch, std::int64_t(10'000));
        for (std::size_t i = 1; i < h.size(); ++i)
            QVERIFY(h[i].epoch > h[i - 1].epoch);
        // Older rows are coarser: the first ones are 4 epochs apart.
        QCOMPARE(h[1].epoch, std::int64_t(4));

        // A session saved under the earlier limit of 20,000 rows loads, thinned to the present one.
        TrainerState saved = t.state();
        saved.history.resize(12'000);
        saved.historyInterval = 1;
        for (std::size_t i = 0; i < saved.history.size(); ++i)
            saved.history[i].epoch = std::int64_t(i);
        saved.epoch = 11'999;
        Trainer loaded;
        QCOMPARE(loaded.reset(c, d), std::string());
        QCOMPARE(loaded.restore(saved), std::string());
        QVERIFY(loaded.history().size() < kMaxHistoryRows);
        QCOMPARE(loaded.history().front().epoch, std::int64_t(0));
        QCOMPARE(loaded.history().back().epoch, std::int64_t(11'999));
        QCOMPARE(loaded.historyInterval(), std::int64_t(4));
        saved.history.resize(kMaxSavedHistoryRows + 1);
        QVERIFY(!loaded.restore(saved).empty());
    }

    void gradientHealthShowsDeadSaturatedAndVanishing()
    {
        // Dying ReLUs: a bias far below zero switches every unit of the first layer off.
        Config relu = spiralConfig({LayerSpec{8, Activation::ReLU}, LayerSpec{8, Activation::ReLU}});
        relu.init.bias = -50;
        Trainer dead;
        trained(dead, relu, 32);
        const HistoryRecord &r = dead.history().back();
        QCOMPARE(r.healthLayers, 3);
        QCOMPARE(r.health[0].deadShare, 1.0f);
        QVERIFY(std::isnan(r.health[0].saturatedShare));
        QVERIFY(std::isnan(r.health[2].deadShare));  // the output layer has neither measure

        // Saturation: huge tanh weights pin every unit at +-1 on (nearly) every point.
        Config tanh = spiralConfig({LayerSpec{8, Activation::Tanh}});
        tanh.init.scheme = InitScheme::SmallUniform;
        tanh.init.scale = 50;
        Trainer saturated;
        trained(saturated, tanh, 32);
        QVERIFY(saturated.history().back().health[0].saturatedShare >= 0.75f);
        QCOMPARE(saturated.history().front().health[0].saturatedShare,
                 saturated.history().back().health[0].saturatedShare);  // measured at epoch 0 too
        QVERIFY(std::isnan(saturated.history().front().health[0].gradientNorm));  // no step yet

        // Vanishing gradients: in a deep sigmoid net the first layer's gradient is far smaller
        // than the last hidden layer's.
        std::vector<LayerSpec> deep(8, LayerSpec{8, Activation::Sigmoid});
        Trainer vanishing;
        trained(vanishing, spiralConfig(deep), 32);
        const auto &h = vanishing.history().back().health;
        QVERIFY2(h[0].gradientNorm < 0.01f * h[7].gradientNorm,
                 qPrintable(QString("%1 vs %2").arg(h[0].gradientNorm).arg(h[7].gradientNorm)));
        QVERIFY(h[0].gradientNorm > 0);
    }

    void badDataIsRefused()
    {
        Config c = xorConfig({});
        Dataset d = generateDataset(c.data);
        d.points[3].x1 = std::numeric_limits<double>::infinity();
        Trainer t;
        QCOMPARE(t.reset(c, d), std::string("Point 4 has a coordinate or target that is not a finite number."));
        d = generateDataset(c.data);
        d.points[0].label = 2;
        QCOMPARE(t.reset(c, d), std::string("Point 1 has class 2, outside 0..1."));
        d = generateDataset(c.data);
        for (DataPoint &p : d.points)
            p.validation = true;
        QCOMPARE(t.reset(c, d), std::string());
        QVERIFY(!t.step());
        QCOMPARE(t.stopReason(), StopReason::NoData);
    }
};

QTEST_APPLESS_MAIN(TestTraining)
#include "test_training.moc"
