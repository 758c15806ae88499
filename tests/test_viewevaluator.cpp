// The view evaluator's frames: the same pictures with the grid work on a pool as on one thread,
// regions coarse while training and refined when paused, a stopped frame never shown, and a
// closed or tabbed-away view costing nothing (no maps, no regions, no folding animation).

#include "foldingview.h"
#include "mainwindow.h"
#include "regionsview.h"
#include "viewevaluator.h"

#include "data/generators.h"
#include "training/trainer.h"

#include <QApplication>
#include <QDockWidget>
#include <QSettings>
#include <QtTest>

using namespace np;

namespace {

Config deepConfig(int layers, int units)
{
    Config c = defaultConfig();
    c.network.hidden.assign(std::size_t(layers), LayerSpec{units, Activation::ReLU});
    return c;
}

Model trained(const Config &c, const Dataset &data)
{
    Trainer t;
    if (t.reset(c, data) != std::string())
        qFatal("the config was refused");
    t.train(100);
    return t.model();
}

bool sameImage(const QImage &a, const QImage &b)
{
    return a.size() == b.size() && a.format() == b.format() && a == b;
}

ViewNeeds everything()
{
    ViewNeeds needs;
    needs.neuronMaps = true;
    needs.regions = true;
    needs.folding = true;
    return needs;
}

}  // namespace

class TestViewEvaluator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("NeuralPlaygroundTests"));
        QApplication::setApplicationName(QStringLiteral("test_viewevaluator"));
        QSettings().clear();
    }

    void aFrameOnThePoolIsTheSamePicture()
    {
        const Config c = deepConfig(4, 24);
        const Dataset data = generateDataset(c.data);
        const Model model = trained(c, data);
        const GridSpec grid{-6, 6, -6, 6, 96, 80};
        const ViewFrame serial = computeViewFrame(model, data, BoundaryStyle{}, grid, everything());

        ThreadPool pool(3);
        GridEvaluator evaluator;
        GridEvaluation evaluation;
        const ViewFrame shared = computeViewFrame(model, data, BoundaryStyle{}, grid, everything(), evaluator,
                                                  evaluation, &pool);
        QVERIFY(!shared.cancelled);
        QVERIFY(sameImage(shared.boundary, serial.boundary));
        QVERIFY(shared.output == serial.output);
        QCOMPARE(shared.predicted, serial.predicted);
        QCOMPARE(shared.neurons->layers.size(), serial.neurons->layers.size());
        for (std::size_t l = 0; l < serial.neurons->layers.size(); ++l) {
            QCOMPARE(shared.neurons->layers[l].size(), serial.neurons->layers[l].size());
            for (std::size_t u = 0; u < serial.neurons->layers[l].size(); ++u)
                QVERIFY(sameImage(shared.neurons->layers[l][u], serial.neurons->layers[l][u]));
        }
        QCOMPARE(shared.regions->map.countByLayer, serial.regions->map.countByLayer);
        for (std::size_t l = 0; l < serial.regions->images.size(); ++l)
            QVERIFY(sameImage(shared.regions->images[l], serial.regions->images[l]));
        QCOMPARE(shared.folding->cellClass, serial.folding->cellClass);
    }

    void aCancelledFrameSaysSo()
    {
        const Config c = deepConfig(2, 8);
        const Dataset data = generateDataset(c.data);
        GridEvaluator evaluator;
        GridEvaluation evaluation;
        const ViewFrame frame = computeViewFrame(trained(c, data), data, BoundaryStyle{}, GridSpec{}, everything(),
                                                 evaluator, evaluation, nullptr, false, [] { return true; });
        QVERIFY(frame.cancelled);
        QVERIFY(frame.boundary.isNull());
    }

    void regionsAreCoarseWhileTrainingAndRefinedWhenPaused()
    {
        const Config c = deepConfig(3, 16);
        const Dataset data = generateDataset(c.data);
        const Model model = trained(c, data);
        ViewEvaluator evaluator;
        ViewNeeds needs;
        needs.regions = true;
        evaluator.setNeeds(needs);
        evaluator.setGrid(GridSpec{-6, 6, -6, 6, 32, 32});
        evaluator.setDataset(data, 1);

        evaluator.submit(model, 1, true);
        QTRY_COMPARE(evaluator.frame().serial, std::uint64_t(1));
        const RegionFrame &coarse = *evaluator.frame().regions;
        QVERIFY(coarse.coarse);
        QCOMPARE(coarse.map.grid.columns, needs.regionTrainingResolution);
        RegionsView view;
        view.setFrame(evaluator.frame());
        QVERIFY(view.isCoarse());
        QCOMPARE(view.resolution(), 128);
        QVERIFY(view.shownText().join(QLatin1Char('\n')).contains(QStringLiteral("128×128 pixels over [−6, 6]² while training (refined when paused)")));

        evaluator.submit(model, 2, false);  // paused: the same weights, refined
        QTRY_COMPARE(evaluator.frame().serial, std::uint64_t(2));
        const RegionFrame &fine = *evaluator.frame().regions;
        QVERIFY(!fine.coarse);
        QCOMPARE(fine.map.grid.columns, 256);
        view.setFrame(evaluator.frame());
        QVERIFY(!view.isCoarse());
        QCOMPARE(view.resolution(), 256);
        QVERIFY(!view.shownText().join(QLatin1Char('\n')).contains(QStringLiteral("while training")));
    }

    void hiddenViewsCostNothing()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *evaluator = window.findChild<ViewEvaluator *>();
        auto *folding = window.findChild<QDockWidget *>(QStringLiteral("foldingDock"));
        auto *regions = window.findChild<QDockWidget *>(QStringLiteral("regionsDock"));
        auto *diagram = window.findChild<QDockWidget *>(QStringLiteral("networkDiagramDock"));
        auto *foldingView = window.findChild<FoldingView *>();
        QVERIFY(evaluator && folding && regions && diagram && foldingView);

        // A first start: the diagram's maps only.
        QVERIFY(evaluator->needs().neuronMaps);
        QVERIFY(!evaluator->needs().folding);
        QVERIFY(!evaluator->needs().regions);

        folding->show();
        folding->raise();
        QTRY_VERIFY(evaluator->needs().folding);
        foldingView->setPlaying(true);
        QTRY_VERIFY(foldingView->isAnimating());

        // Tabbed away behind the regions view: the folding mesh is not computed, its animation
        // waits, the regions are.
        regions->show();
        regions->raise();
        QTRY_VERIFY(evaluator->needs().regions);
        QTRY_VERIFY(!evaluator->needs().folding);
        QVERIFY(!foldingView->isAnimating());
        QVERIFY(foldingView->isPlaying());  // still playing, for when it is back
        const double morph = foldingView->morph();
        QCoreApplication::processEvents();  // no animation step is pending
        QCOMPARE(foldingView->morph(), morph);

        folding->raise();
        QTRY_VERIFY(foldingView->isAnimating());
        QTRY_VERIFY(evaluator->needs().folding);

        // Floated beside the window (tabs cannot cover it there): still on screen.
        folding->setFloating(true);
        folding->setGeometry(0, 0, 640, 480);
        regions->setFloating(true);
        regions->setGeometry(60, 0, 640, 480);
        QTRY_VERIFY(evaluator->needs().folding && evaluator->needs().regions);
        QTRY_VERIFY(foldingView->isAnimating());

        // Closed: nothing.
        folding->close();
        regions->close();
        diagram->close();
        QTRY_VERIFY(!evaluator->needs().folding);
        QVERIFY(!evaluator->needs().regions);
        QVERIFY(!evaluator->needs().neuronMaps);
        QVERIFY(!foldingView->isAnimating());
    }
};

QTEST_MAIN(TestViewEvaluator)
#include "test_viewevaluator.moc"
