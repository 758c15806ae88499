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

#include <algorithm>

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
        FrameScratch scratch;
        const ViewFrame shared = computeViewFrame(model, data, BoundaryStyle{}, grid, everything(), scratch, &pool);
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
        FrameScratch scratch;
        const ViewFrame frame = computeViewFrame(trained(c, data), data, BoundaryStyle{}, GridSpec{}, everything(),
                                                 scratch, nullptr, false, [] { return true; });
        QVERIFY(frame.cancelled);
        QVERIFY(frame.boundary.isNull());
    }

    void regionsOnTheBoundarysPassAreTheirOwn()
    {
        // Paused over the regions' own grid, the regions are gathered from the boundary's forward
        // pass: the same ids as counting them alone.
        const Config c = deepConfig(3, 16);
        const Dataset data = generateDataset(c.data);
        const Model model = trained(c, data);
        const GridSpec grid{-6, 6, -6, 6, 64, 64};
        ViewNeeds needs;
        needs.regions = true;
        needs.regionResolution = 64;
        FrameScratch scratch;
        const ViewFrame frame = computeViewFrame(model, data, BoundaryStyle{}, grid, needs, scratch);
        const RegionMap alone = computeRegions(model, grid);
        QVERIFY(frame.regions && frame.regions->applies);
        QCOMPARE(frame.regions->map.grid, grid);
        QCOMPARE(frame.regions->map.countByLayer, alone.countByLayer);
        QVERIFY(frame.regions->map.regionByLayer == alone.regionByLayer);
        QVERIFY(alone.count() > 1);

        // Again with the scratch of that frame, and with another grid for the boundary: the same.
        const ViewFrame apart = computeViewFrame(model, data, BoundaryStyle{}, GridSpec{-3, 3, -3, 3, 40, 40}, needs,
                                                 scratch);
        QVERIFY(apart.regions->map.regionByLayer == alone.regionByLayer);
    }

    void aCostlyNetworkIsDrawnCoarserWhileTraining()
    {
        const Config small = deepConfig(2, 8);
        const Dataset data = generateDataset(small.data);
        QCOMPARE(trainingGrid(GridSpec{}, trained(small, data)), GridSpec{});

        // 8 x 64: about 29,000 multiply-adds a pixel, 1.9 G over 256 x 256; while training both
        // sides shrink to the 320 M budget, 256 * sqrt(320 / 1,900) = 104.7, down to a multiple of 8.
        const Config deep = deepConfig(8, 64);
        const Model model = trained(deep, data);
        QCOMPARE(trainingGrid(GridSpec{}, model).columns, 104);
        QCOMPARE(trainingGrid(GridSpec{}, model).rows, 104);
        QVERIFY(double(trainingGrid(GridSpec{}, model).pixels()) * double(model.parameters.size()) <= 320e6);
        // A wide grid keeps its shape; a tiny one is never below 64 a side.
        QCOMPARE(trainingGrid(GridSpec{-6, 6, -3, 3, 512, 256}, model).columns, 144);
        QCOMPARE(trainingGrid(GridSpec{-6, 6, -3, 3, 512, 256}, model).rows, 72);
        QCOMPARE(trainingGrid(GridSpec{-6, 6, -6, 6, 300, 70}, model).columns, 216);
        QCOMPARE(trainingGrid(GridSpec{-6, 6, -6, 6, 300, 70}, model).rows, 64);
        ViewNeeds needs;
        needs.regions = true;
        BoundaryStyle flat;
        flat.discretize = true;  // class colours, so a coarse pixel can equal fine ones
        FrameScratch scratch;
        const ViewFrame moving = computeViewFrame(model, data, flat, GridSpec{}, needs, scratch, nullptr, true);
        QCOMPARE(moving.grid.columns, 104);
        QCOMPARE(moving.boundary.size(), QSize(104, 104));
        QCOMPARE(moving.output.cols(), Index(104 * 104));
        // The regions ride on that pass, at its resolution.
        QVERIFY(moving.regions->coarse);
        QCOMPARE(moving.regions->map.grid, moving.grid);
        // The points are predicted the same either way.
        const ViewFrame paused = computeViewFrame(model, data, flat, GridSpec{}, needs, scratch);
        QCOMPARE(paused.grid, GridSpec{});
        QCOMPARE(paused.boundary.size(), QSize(256, 256));
        QVERIFY(!paused.regions->coarse);
        QCOMPARE(paused.regions->map.grid.columns, 256);
        QCOMPARE(paused.predicted, moving.predicted);
        QCOMPARE(paused.pointValue, moving.pointValue);
        // The same picture, coarser: a coarse pixel's centre lies in fine pixel (256 (r + 0.5) / 104,
        // 256 (c + 0.5) / 104); where that one and its eight neighbours show one class, so does the
        // coarse pixel (but for a few on the boundary).
        int agree = 0, compared = 0;
        for (int r = 0; r < 104; ++r) {
            for (int c = 0; c < 104; ++c) {
                const int fr = int((r + 0.5) * 256 / 104), fc = int((c + 0.5) * 256 / 104);
                const QRgb a = paused.boundary.pixel(fc, fr);
                bool uniform = true;
                for (int dr = -1; dr <= 1; ++dr) {
                    for (int dc = -1; dc <= 1; ++dc) {
                        const int y = std::clamp(fr + dr, 0, 255), x = std::clamp(fc + dc, 0, 255);
                        uniform = uniform && paused.boundary.pixel(x, y) == a;
                    }
                }
                if (!uniform)
                    continue;
                ++compared;
                agree += moving.boundary.pixel(c, r) == a;
            }
        }
        QVERIFY(compared > 104 * 104 / 2);
        QVERIFY2(agree > compared * 9 / 10, qPrintable(QStringLiteral("%1 of %2").arg(agree).arg(compared)));
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
