// Sweeps: every value trained with its own config, in order, reproducibly and independently of
// the number of threads; divergence reported as such; cancel; the best value.

#include "data/generators.h"
#include "training/sweep.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <mutex>

using namespace np;

namespace {

Config spiralConfig()
{
    Config c;
    c.data.generator = Generator::Spiral;
    c.data.count = 200;
    c.data.noise = 0.1;
    c.network.hidden = {LayerSpec{6, Activation::Tanh}, LayerSpec{6, Activation::Tanh}};
    c.training.optimizer.kind = OptimizerKind::Adam;
    c.training.batchSize = 10;
    return c;
}

// A linear regression with plain SGD: learning rates above ~1 blow up within a few epochs.
Config planeConfig()
{
    Config c;
    c.data.generator = Generator::Plane;
    c.data.count = 100;
    c.network.hidden = {LayerSpec{4, Activation::Linear}};
    c.network.head = OutputHead::Linear;
    c.network.loss = Loss::Squared;
    c.training.optimizer.kind = OptimizerKind::SGD;
    return c;
}

SweepSpec spec(SweepSetting setting, std::vector<double> values, std::int64_t epochs, int threads)
{
    SweepSpec s;
    s.setting = setting;
    s.values = std::move(values);
    s.epochs = epochs;
    s.threads = threads;
    return s;
}

}  // namespace

class TestSweep : public QObject
{
    Q_OBJECT

private slots:
    void eachValueIsTrainedWithItsOwnConfigInOrder()
    {
        const Config c = spiralConfig();
        const std::vector<double> rates = {0.1, 0.001, 0.03};
        const auto results = runSweep(spec(SweepSetting::LearningRate, rates, 3, 2), c, generateDataset(c.data));
        QCOMPARE(results.size(), std::size_t(3));
        for (std::size_t i = 0; i < rates.size(); ++i) {
            QCOMPARE(results[i].value, rates[i]);
            QCOMPARE(results[i].config.training.optimizer.learningRate, rates[i]);
            QCOMPARE(results[i].status, SweepStatus::Finished);
            QCOMPARE(results[i].epochs, std::int64_t(3));
            QCOMPARE(results[i].config.network, c.network);  // nothing else changed
            QVERIFY(std::isfinite(results[i].train.loss));
            QCOMPARE(results[i].validation.count, 40);
            QCOMPARE(results[i].model.parameters.size(), std::size_t(2 * 6 + 6 + 6 * 6 + 6 + 6 + 1));
        }
        // Different learning rates really trained differently.
        QVERIFY(results[0].train.loss != results[1].train.loss);
    }

    void settingsOtherThanTheLearningRate_data()
    {
        QTest::addColumn<int>("setting");
        QTest::addColumn<double>("value");
        QTest::newRow("width") << int(SweepSetting::HiddenWidth) << 3.0;
        QTest::newRow("activation") << int(SweepSetting::Activation) << double(Activation::ReLU);
        QTest::newRow("optimizer") << int(SweepSetting::Optimizer) << double(OptimizerKind::Momentum);
        QTest::newRow("batch") << int(SweepSetting::BatchSize) << 0.0;
        QTest::newRow("layers") << int(SweepSetting::LayerCount) << 3.0;
    }

    void settingsOtherThanTheLearningRate()
    {
        QFETCH(int, setting);
        QFETCH(double, value);
        const auto s = static_cast<SweepSetting>(setting);
        Config c = withSweepValue(spiralConfig(), s, value);
        switch (s) {
        case SweepSetting::HiddenWidth:
            QCOMPARE(c.network.hidden[0].units, 3);
            QCOMPARE(c.network.hidden[1].units, 3);
            break;
        case SweepSetting::Activation:
            QCOMPARE(c.network.hidden[1].activation, Activation::ReLU);
            QCOMPARE(sweepValueLabel(s, value), std::string("ReLU"));
            break;
        case SweepSetting::Optimizer:
            QCOMPARE(c.training.optimizer.kind, OptimizerKind::Momentum);
            QCOMPARE(sweepValueLabel(s, value), std::string("Momentum"));
            break;
        case SweepSetting::BatchSize:
            QCOMPARE(c.training.batchSize, 0);
            QCOMPARE(sweepValueLabel(s, value), std::string("full batch"));
            break;
        case SweepSetting::LayerCount:
            QCOMPARE(c.network.hidden.size(), std::size_t(3));
            QCOMPARE(c.network.hidden[2], spiralConfig().network.hidden[1]);
            break;
        default:
            QFAIL("unexpected setting");
        }
        const Config base = spiralConfig();
        const auto results = runSweep(spec(s, {value}, 2, 1), base, generateDataset(base.data));
        QCOMPARE(results[0].status, SweepStatus::Finished);
        QCOMPARE(results[0].epochs, std::int64_t(2));
        c.training.maxEpochs = 2;  // the sweep's epochs
        QCOMPARE(results[0].config, c);
    }

    void aSeedReproducesTheResultsBitForBit()
    {
        const Config c = spiralConfig();
        const Dataset data = generateDataset(c.data);
        const SweepSpec s = spec(SweepSetting::LearningRate, {0.003, 0.03}, 5, 2);
        const auto first = runSweep(s, c, data);
        const auto second = runSweep(s, c, data);
        for (std::size_t i = 0; i < first.size(); ++i) {
            QCOMPARE(std::memcmp(&first[i].train.loss, &second[i].train.loss, sizeof(double)), 0);
            QVERIFY(first[i].model.parameters == second[i].model.parameters);
        }
    }

    void manyThreadsGiveTheSameResultsAsOne()
    {
        const Config c = spiralConfig();
        const Dataset data = generateDataset(c.data);
        const std::vector<double> widths = {2, 4, 6, 8, 3};
        const auto single = runSweep(spec(SweepSetting::HiddenWidth, widths, 4, 1), c, data);
        const auto pooled = runSweep(spec(SweepSetting::HiddenWidth, widths, 4, 4), c, data);
        QCOMPARE(pooled.size(), single.size());
        for (std::size_t i = 0; i < single.size(); ++i) {
            QCOMPARE(pooled[i].value, widths[i]);
            QCOMPARE(pooled[i].train.loss, single[i].train.loss);
            QCOMPARE(pooled[i].validation.loss, single[i].validation.loss);
            QVERIFY(pooled[i].model.parameters == single[i].model.parameters);
        }
    }

    void aDivergingLearningRateIsReportedNotFatal()
    {
        const Config c = planeConfig();
        const auto results = runSweep(spec(SweepSetting::LearningRate, {0.01, 5.0}, 50, 2), c, generateDataset(c.data));
        QCOMPARE(results[0].status, SweepStatus::Finished);
        QCOMPARE(results[1].status, SweepStatus::Diverged);
        QVERIFY(results[1].epochs < 50);
        QVERIFY2(results[1].message.find("learning rate") != std::string::npos, results[1].message.c_str());
        for (Scalar p : results[1].model.parameters)
            QVERIFY(std::isfinite(p));  // the last good weights, drawable
        QCOMPARE(bestSweepResult(results), 0);
    }

    void cancelStopsEarly()
    {
        const Config c = spiralConfig();
        std::atomic<bool> cancel = false;
        std::mutex mutex;
        std::vector<int> finished;
        SweepControl control;
        control.cancel = &cancel;
        // Cancel as soon as 3 epochs are reported; every value asks for 1000.
        control.progress = [&](const SweepProgress &p) {
            if (p.epochsDone >= 3)
                cancel = true;
        };
        control.result = [&](int index, const SweepResult &) {
            const std::lock_guard lock(mutex);
            finished.push_back(index);
        };
        const auto results = runSweep(spec(SweepSetting::LearningRate, {0.001, 0.01, 0.1, 1}, 1000, 2), c,
                                      generateDataset(c.data), control);
        int cancelled = 0, pending = 0;
        for (const SweepResult &r : results) {
            QVERIFY(r.status == SweepStatus::Cancelled || r.status == SweepStatus::Pending);
            QVERIFY(r.epochs < 100);
            cancelled += r.status == SweepStatus::Cancelled;
            pending += r.status == SweepStatus::Pending;
        }
        // The values being trained when cancel came (one per thread that had started) stop
        // part-way; the rest never start.
        QVERIFY(cancelled >= 1 && cancelled <= 2);
        QCOMPARE(cancelled + pending, 4);
        QCOMPARE(int(finished.size()), cancelled);
        QCOMPARE(bestSweepResult(results), -1);
    }

    void progressCountsEveryEpoch()
    {
        const Config c = spiralConfig();
        SweepProgress last;
        SweepControl control;
        control.progress = [&](const SweepProgress &p) { last = p; };
        runSweep(spec(SweepSetting::LearningRate, {0.01, 0.1, 0.3}, 7, 2), c, generateDataset(c.data), control);
        QCOMPARE(last.epochsTotal, std::int64_t(21));
        QCOMPARE(last.epochsDone, std::int64_t(21));
        QCOMPARE(last.valuesDone, 3);
    }

    void theBestIsTheLowestValidationLossElseTrainingLoss()
    {
        std::vector<SweepResult> results(4);
        for (SweepResult &r : results) {
            r.status = SweepStatus::Finished;
            r.validation.count = 10;
        }
        results[0].validation.loss = 0.5;
        results[0].train.loss = 0.01;  // overfitted: the training loss must not decide
        results[1].validation.loss = 0.2;
        results[2].status = SweepStatus::Diverged;
        results[2].validation.loss = 0.1;  // the last good weights, but it diverged
        results[3].validation.loss = std::nan("");
        QCOMPARE(bestSweepResult(results), 1);

        for (SweepResult &r : results) {
            r.validation = {};
            r.train.loss = 1.0;
        }
        results[3].train.loss = 0.3;
        QCOMPARE(bestSweepResult(results), 3);
        QCOMPARE(bestSweepResult({}), -1);
    }

    void presetsAreValidValues()
    {
        QCOMPARE(sweepPreset(SweepSetting::LearningRate),
                 (std::vector<double>{0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3}));
        const Config base = spiralConfig();
        for (const SweepSettingInfo &info : sweepSettings()) {
            QCOMPARE(&sweepSettingInfo(info.setting), &info);
            for (double v : sweepPreset(info.setting)) {
                const Config c = withSweepValue(base, info.setting, v);
                QVERIFY2(validateConfig(c, Task::Classification, 2).empty(),
                         (std::string(info.key) + " " + sweepValueLabel(info.setting, v)).c_str());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "test_sweep.moc"
