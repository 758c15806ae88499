// The gradient check the health view and `gradcheck` share: which training points it takes,
// its threshold and the absolute floor under it, a real network passing, and the reasons it
// gives when it cannot run.

#include "trainedmodel.h"

#include "analysis/gradientreport.h"

#include <QtTest>

#include <set>

using namespace np;
using np::test::train;
using np::test::Trained;

namespace {

Config spiralConfig(std::vector<LayerSpec> hidden)
{
    Config config = defaultConfig();
    config.data.generator = Generator::Spiral;
    config.network.hidden = std::move(hidden);
    config.training.optimizer.kind = OptimizerKind::Adam;
    config.training.optimizer.learningRate = 0.01;
    return config;
}

LayerGradientCheck layer(double relativeError, double maxAbsError)
{
    LayerGradientCheck l;
    l.relativeError = relativeError;
    l.maxAbsError = maxAbsError;
    return l;
}

}  // namespace

class TestGradientReport : public QObject
{
    Q_OBJECT

private slots:
    void oneThresholdWithAnAbsoluteFloor()
    {
        QCOMPARE(kGradientCheckThreshold, 1e-5);
        QVERIFY(GradientReport::passes(layer(1e-8, 1e-7)));
        QVERIFY(GradientReport::passes(layer(9.9e-6, 1e-3)));
        QVERIFY(!GradientReport::passes(layer(1e-5, 1e-3)));
        QVERIFY(!GradientReport::passes(layer(2e-3, 1e-4)));
        // A vanishing gradient: large relative error, but the difference is rounding noise.
        QVERIFY(GradientReport::passes(layer(1.6e-4, 2.5e-10)));
        QVERIFY(!GradientReport::passes(layer(1.6e-4, 1e-9)));

        GradientReport report;
        report.result.layers = {layer(1e-8, 0), layer(1e-2, 1e-3), layer(3e-5, 1e-6)};
        QCOMPARE(report.failingLayers(), 2);
        report.error = "cannot run";
        QCOMPARE(report.failingLayers(), 0);
    }

    void pointsAreSpreadOverTheTrainingData()
    {
        // 100 points, the first half class 0, every fourth a validation point, two of a class
        // the model does not have.
        Dataset data;
        for (int i = 0; i < 100; ++i) {
            DataPoint p;
            p.x1 = i;
            p.label = i < 50 ? 0 : 1;
            p.validation = i % 4 == 3;
            data.points.push_back(p);
        }
        data.points[10].label = 2;
        data.points[60].label = 5;
        Model model;
        model.classCount = 2;

        const std::vector<std::size_t> batch = gradientCheckPoints(model, data, 8);
        QCOMPARE(batch.size(), std::size_t(8));
        std::set<int> labels;
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const DataPoint &p = data.points[batch[k]];
            QVERIFY(!p.validation);
            QVERIFY(p.label < 2);
            labels.insert(p.label);
            if (k > 0)
                QVERIFY(batch[k] > batch[k - 1]);
        }
        QCOMPARE(labels.size(), std::size_t(2));  // not the first eight points, all class 0
        QCOMPARE(batch.front(), std::size_t(0));
        QVERIFY(batch.back() >= 80);  // reaches into the last fifth

        // Fewer training points than asked for: all of them.
        QCOMPARE(gradientCheckPoints(model, data, 1000).size(), std::size_t(73));
        QCOMPARE(gradientCheckPoints(model, data, 0).size(), std::size_t(0));
    }

    void aTrainedNetworkPasses()
    {
        const Trained t = train(spiralConfig({LayerSpec{8, Activation::Tanh}, LayerSpec{8, Activation::ReLU}}), 5);
        Penalty penalty;
        penalty.l2 = 1e-3;
        const GradientReport report = gradientReport(t.model, t.dataset, penalty);
        QVERIFY2(report.error.empty(), report.error.c_str());
        QCOMPARE(report.points, kGradientCheckPoints);
        QCOMPARE(report.result.layers.size(), std::size_t(3));
        // The budget caps the parameters per layer at 100 (this network is small).
        QCOMPARE(report.maxPerLayer, 100);
        for (const LayerGradientCheck &l : report.result.layers) {
            QVERIFY2(l.relativeError < kGradientCheckThreshold, qPrintable(QString::number(l.relativeError)));
            QVERIFY(l.checked > 0);
        }
        QCOMPARE(report.failingLayers(), 0);
        QVERIFY(report.milliseconds >= 0);

        // Without a budget every parameter is compared: 2·8 + 8, 8·8 + 8, 8 + 1.
        GradientReportOptions all;
        all.budget = 0;
        all.maxPoints = 4;
        const GradientReport full = gradientReport(t.model, t.dataset, penalty, all);
        QCOMPARE(full.points, 4);
        QCOMPARE(full.maxPerLayer, 0);
        QCOMPARE(full.result.layers[0].checked, 24);
        QCOMPARE(full.result.layers[1].checked, 72);
        QCOMPARE(full.result.layers[2].checked, 9);
        QCOMPARE(full.failingLayers(), 0);
    }

    void itSaysWhyItCannotRun()
    {
        const Trained t = train(spiralConfig({LayerSpec{4, Activation::ReLU}}), 1);
        QVERIFY(gradientReport(Model{}, t.dataset, {}).error.find("no model") != std::string::npos);
        Model step = t.model;
        step.network.head = OutputHead::Step;
        QVERIFY(gradientReport(step, t.dataset, {}).error.find("step output") != std::string::npos);
        Dataset regression = t.dataset;
        regression.task = Task::Regression;
        QVERIFY(gradientReport(t.model, regression, {}).error.find("changed task") != std::string::npos);
        Dataset validationOnly = t.dataset;
        for (DataPoint &p : validationOnly.points)
            p.validation = true;
        QVERIFY(gradientReport(t.model, validationOnly, {}).error.find("no training points") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestGradientReport)
#include "test_gradientreport.moc"
