// The network diagram: its maps are the core's grid evaluation, hit testing finds the unit, bias
// or edge under the pointer, an edit is one undo step that reaches the trainer and comes back on
// undo, dead and saturated units are marked, and 8 x 64 units lay out without overlaps (and paint
// fast; the time is printed, not asserted).

#include "colors.h"
#include "document.h"
#include "networkdiagram.h"
#include "trainingcontroller.h"
#include "uitestsupport.h"

#include "analysis/gridevaluation.h"
#include "data/generators.h"
#include "training/trainer.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QPainter>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

using namespace np;
using namespace np::test;

namespace {

// 2 inputs -> 2 tanh -> 1 sigmoid, weights set by hand.
Model tinyModel()
{
    Model m;
    m.network.hidden = {LayerSpec{2, Activation::Tanh}};
    m.network.head = OutputHead::Sigmoid;
    m.inputs = 2;
    m.outputs = 1;
    // [W1 (2 x 2, column-major), b1, W2 (1 x 2), b2]
    m.parameters = {0.53f, 0.3f, -1.2f, 0.8f, 0.1f, -0.4f, 1.5f, -2.0f, 0.25f};
    return m;
}

Dataset pointsDataset(const std::vector<std::pair<double, double>> &xy)
{
    Dataset d;
    for (const auto &[x1, x2] : xy) {
        DataPoint p;
        p.x1 = x1;
        p.x2 = x2;
        d.points.push_back(p);
    }
    return d;
}

ViewFrame frameFor(const Model &model, const Dataset &dataset)
{
    const GridSpec grid{-6, 6, -6, 6, 32, 32};
    return computeViewFrame(model, dataset, BoundaryStyle{}, grid, NetworkDiagram::addNeeds(ViewNeeds{}));
}

bool near(QRgb a, QRgb b, int tolerance)
{
    return std::abs(qRed(a) - qRed(b)) <= tolerance && std::abs(qGreen(a) - qGreen(b)) <= tolerance
           && std::abs(qBlue(a) - qBlue(b)) <= tolerance;
}

QString rgb(QRgb c)
{
    return QStringLiteral("(%1, %2, %3)").arg(qRed(c)).arg(qGreen(c)).arg(qBlue(c));
}

Config trainConfig(Generator generator, std::vector<LayerSpec> hidden)
{
    Config c = defaultConfig();
    c.data.generator = generator;
    c.network.hidden = std::move(hidden);
    return c;
}

Model trainedModel(const Config &config, const Dataset &dataset, int epochs)
{
    Trainer trainer;
    const std::string error = trainer.reset(config, dataset);
    if (!error.empty())
        qFatal("%s", error.c_str());
    for (int e = 0; e < epochs && trainer.trainEpoch(); ++e) {
    }
    return trainer.model();
}

}  // namespace

class TestNetworkDiagram : public QObject
{
    Q_OBJECT

private slots:
    void mapsAreTheGridEvaluation()
    {
        const Model model = tinyModel();
        const ViewFrame frame = frameFor(model, pointsDataset({{1, 1}, {-2, 3}}));
        NetworkDiagram view;
        view.resize(600, 400);
        view.setFrame(frame);

        QVERIFY(frame.neurons);
        const NeuronMaps &maps = *frame.neurons;
        GridEvaluator evaluator;
        evaluator.setModel(model);
        GridEvaluation grid;
        evaluator.evaluate(maps.grid, true, grid);
        const QRgb background = BoundaryStyle{}.background;
        QCOMPARE(view.columnCount(), 3);
        for (int u = 0; u < 2; ++u) {
            const QImage &image = view.neuronImage(1, u);
            QCOMPARE(image.size(), QSize(maps.grid.columns, maps.grid.rows));
            for (int row = 0; row < maps.grid.rows; row += 7) {
                for (int column = 0; column < maps.grid.columns; column += 5) {
                    const float a = grid.hidden[0](u, Index(row) * maps.grid.columns + column);
                    const QRgb expected = divergingColor(a / maps.layerScale[0], background);
                    QVERIFY2(near(image.pixel(column, row), expected, 1),
                             qPrintable(rgb(image.pixel(column, row)) + " vs " + rgb(expected)));
                }
            }
        }
        // The sigmoid output maps P = 0..1 onto orange..blue.
        const QImage &out = view.neuronImage(2, 0);
        const float p = grid.output(0, 5 * maps.grid.columns + 9);
        QVERIFY(near(out.pixel(9, 5), divergingColor(2.0 * p - 1.0, background), 1));

        // What is drawn on screen is that image: the map's centre pixel has the image's centre colour.
        const QImage shot = view.grab().toImage();
        for (int u = 0; u < 2; ++u) {
            const QRectF r = view.neuronRect(1, u);
            const QImage &image = view.neuronImage(1, u);
            const QPoint at((r.center() + QPointF(r.width() / 8, r.height() / 8)).toPoint());
            const QPointF rel = (QPointF(at) + QPointF(0.5, 0.5) - r.topLeft());
            const QRgb expected = image.pixel(int(rel.x() / r.width() * image.width()),
                                              int(rel.y() / r.height() * image.height()));
            QVERIFY2(near(shot.pixel(at), expected, 24), qPrintable(rgb(shot.pixel(at)) + " vs " + rgb(expected)));
        }
    }

    void formulaAndWeightTexts()
    {
        NetworkDiagram view;
        view.setFrame(frameFor(tinyModel(), Dataset{}));
        QCOMPARE(view.formula(1, 0), QStringLiteral("a[1]₁ = tanh(0.53·x1 − 1.2·x2 + 0.1)"));
        QCOMPARE(view.formula(2, 0), QStringLiteral("a[2]₁ = σ(1.5·a[1]₁ − 2·a[1]₂ + 0.25)"));
        NetworkDiagram::Hit edge{NetworkDiagram::Hit::Edge, 2, 0, 1, 0};
        QCOMPARE(view.valueText(edge), QStringLiteral("W[2]₍₁,₂₎ = −2"));
        NetworkDiagram::Hit bias{NetworkDiagram::Hit::Bias, 1, 1, -1, 1};
        QCOMPARE(view.valueText(bias), QStringLiteral("b[1]₂ = −0.4"));

        // Many inputs: the three largest terms and an ellipsis.
        Model wide;
        wide.network.hidden = {LayerSpec{1, Activation::ReLU}};
        wide.features = FeatureSet{Feature::X1, Feature::X2, Feature::X1Squared, Feature::X2Squared, Feature::X1X2};
        wide.inputs = 5;
        wide.parameters = {0.1f, -3.0f, 0.2f, 2.0f, -0.05f, 0.5f, 1.0f, 0.0f};
        view.setFrame(frameFor(wide, Dataset{}));
        QCOMPARE(view.formula(1, 0), QStringLiteral("a[1]₁ = ReLU(−3·x2 + 2·x2² + 0.2·x1² + … + 0.5)"));
    }

    void hitTestingFindsUnitsBiasesAndEdges()
    {
        NetworkDiagram view;
        view.resize(600, 400);
        view.setFrame(frameFor(tinyModel(), Dataset{}));
        using Hit = NetworkDiagram::Hit;

        QCOMPARE(view.hitTest(view.neuronRect(1, 0).center()), (Hit{Hit::Neuron, 1, 0, -1, 0}));
        QCOMPARE(view.hitTest(view.neuronRect(0, 1).center()), (Hit{Hit::Neuron, 0, 1, -1, 1}));
        QCOMPARE(view.hitTest(view.biasCentre(1, 1)), (Hit{Hit::Bias, 1, 1, -1, 1}));
        QCOMPARE(view.hitTest(view.biasCentre(2, 0)), (Hit{Hit::Bias, 2, 0, -1, 0}));
        QVERIFY(view.biasCentre(0, 0).isNull());  // inputs have none

        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 2; ++j)
                QCOMPARE(view.hitTest(view.edgeLine(1, i, j).pointAt(0.3)), (Hit{Hit::Edge, 1, i, j, i}));
        QCOMPARE(view.hitTest(view.edgeLine(2, 0, 1).pointAt(0.5)), (Hit{Hit::Edge, 2, 0, 1, 0}));
        QCOMPARE(view.value(Hit{Hit::Edge, 2, 0, 1, 0}), -2.0f);

        // Between the edges and in the header: nothing.
        const QLineF a = view.edgeLine(1, 0, 0);
        const QLineF b = view.edgeLine(1, 1, 0);
        const QPointF between = (a.pointAt(0.8) + b.pointAt(0.8)) / 2;
        QCOMPARE(view.hitTest(between).kind, Hit::None);
        QCOMPARE(view.hitTest(QPointF(300, 2)).kind, Hit::None);
    }

    void anEditIsOneUndoStep()
    {
        Config config = trainConfig(Generator::Xor, {LayerSpec{4, Activation::Tanh}});
        const Dataset dataset = generateDataset(config.data);
        Document document;
        document.reset(config, dataset);
        TrainingController controller;
        controller.reset(config, dataset);
        QVERIFY(waitFor(controller, [](const TrainingSnapshot &s) { return s.serial > 0; }));

        NetworkDiagram view;
        view.resize(700, 450);
        view.setEditTarget(&controller, &document);
        view.setFrame(frameFor(controller.latest().model, dataset));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        // Click the edge from x2 to hidden unit 3, type a value, press Enter.
        const QPointF click = view.edgeLine(1, 2, 1).pointAt(0.25);
        const auto W = [&controller](int row, int column) {
            return controller.latest().model.instantiate().W(0)(row, column);
        };
        const float before = W(2, 1);
        QTest::mouseClick(&view, Qt::LeftButton, {}, click.toPoint());
        QVERIFY(view.editor() && view.editor()->isVisible());
        QCOMPARE(view.editor()->text().toFloat(), before);
        view.editor()->setText(QStringLiteral("−0.75"));
        QTest::keyClick(view.editor(), Qt::Key_Return);
        QVERIFY(!view.editor()->isVisible());
        QCOMPARE(document.undoStack()->count(), 1);
        QCOMPARE(document.undoStack()->text(0), QStringLiteral("Edit weight W[1]₍₃,₂₎"));
        QVERIFY(waitFor(controller, [&](const TrainingSnapshot &) { return W(2, 1) == -0.75f; }));

        document.undoStack()->undo();
        QVERIFY(waitFor(controller, [&](const TrainingSnapshot &) { return W(2, 1) == before; }));
        document.undoStack()->redo();
        QVERIFY(waitFor(controller, [&](const TrainingSnapshot &) { return W(2, 1) == -0.75f; }));

        // A bias, through its marker; Escape cancels an edit without a step.
        const auto b = [&controller](int row) { return controller.latest().model.instantiate().b(0)(row); };
        view.setFrame(frameFor(controller.latest().model, dataset));
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.biasCentre(1, 0).toPoint());
        QVERIFY(view.editor()->isVisible());
        QTest::keyClick(view.editor(), Qt::Key_Escape);
        QVERIFY(!view.editor()->isVisible());
        QCOMPARE(document.undoStack()->count(), 1);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.biasCentre(1, 0).toPoint());
        view.editor()->setText(QStringLiteral("0.5"));
        QTest::keyClick(view.editor(), Qt::Key_Return);
        QCOMPARE(document.undoStack()->count(), 2);
        QVERIFY(waitFor(controller, [&](const TrainingSnapshot &) { return b(0) == 0.5f; }));
        document.undoStack()->undo();
        QVERIFY(waitFor(controller, [&](const TrainingSnapshot &) { return b(0) == 0.0f; }));
    }

    void deadAndSaturatedUnitsAreMarked()
    {
        // Hidden ReLU unit 1 has z = -1 everywhere (dead); tanh unit 1 of the next layer has
        // z = 50 a[1]₂, far beyond 1 on every point (saturated).
        Model m;
        m.network.hidden = {LayerSpec{2, Activation::ReLU}, LayerSpec{2, Activation::Tanh}};
        m.inputs = 2;
        m.outputs = 1;
        m.parameters = {
            0.0f, 0.0f, 0.0f, 0.0f, 1.0f, -1.0f,  // W1: unit 1 = relu(1) alive, unit 2 = relu(-1) dead
            50.0f, 0.1f, 0.0f, 0.0f, 0.0f, 0.0f,  // W2: tanh unit 1 = tanh(50 a[1]₁), unit 2 = tanh(0.1 a[1]₁)
            1.0f, 1.0f, 0.0f,                     // W3, b3
        };
        NetworkDiagram view;
        view.resize(600, 400);
        view.setFrame(frameFor(m, pointsDataset({{1, 1}, {-2, 3}, {4, -1}, {0, -5}})));
        QCOMPARE(view.unitState(1, 0), UnitState::Normal);
        QCOMPARE(view.unitState(1, 1), UnitState::Dead);
        QCOMPARE(view.unitState(2, 0), UnitState::Saturated);
        QCOMPARE(view.unitState(2, 1), UnitState::Normal);

        const QImage shot = view.grab().toImage();
        const QRgb grey = qRgb(120, 120, 120);
        const QRgb red = qRgb(214, 39, 40);
        // The dead unit's cross runs through its centre; the live unit's centre is its map.
        QVERIFY2(near(shot.pixel(view.neuronRect(1, 1).center().toPoint()), grey, 40),
                 qPrintable(rgb(shot.pixel(view.neuronRect(1, 1).center().toPoint()))));
        QVERIFY(!near(shot.pixel(view.neuronRect(1, 0).center().toPoint()), grey, 40));
        // The saturated unit is outlined in red, the normal one not.
        const auto outline = [&](int unit) {
            const QRectF r = view.neuronRect(2, unit);
            return shot.pixel(QPoint(int(r.center().x()), int(std::floor(r.top())) - 1));
        };
        QVERIFY2(near(outline(0), red, 40), qPrintable(rgb(outline(0))));
        QVERIFY(!near(outline(1), red, 40));
    }

    void wideAndDeepLaysOutWithoutOverlaps()
    {
        std::vector<LayerSpec> hidden(8, LayerSpec{64, Activation::ReLU});
        Config config = trainConfig(Generator::Spiral, hidden);
        config.features = FeatureSet{Feature::X1, Feature::X2, Feature::X1Squared, Feature::X2Squared,
                                     Feature::X1X2, Feature::SinX1, Feature::SinX2, Feature::Radius, Feature::Angle};
        const Dataset dataset = generateDataset(config.data);
        const Model model = trainedModel(config, dataset, 0);
        QElapsedTimer clock;
        clock.start();
        const ViewFrame frame = frameFor(model, dataset);
        const double frameMs = clock.nsecsElapsed() * 1e-6;

        NetworkDiagram view;
        view.setFrame(frame);
        QCOMPARE(view.columnCount(), 10);
        for (QSize size : {view.minimumSizeHint(), QSize(1200, 900)}) {
            view.resize(size.expandedTo(view.minimumSizeHint()));
            double previousRight = -1;
            for (int c = 0; c < view.columnCount(); ++c) {
                for (int u = 0; u + 1 < view.unitCount(c); ++u)
                    QVERIFY(view.neuronRect(c, u).bottom() < view.neuronRect(c, u + 1).top());
                const QRectF first = view.neuronRect(c, 0);
                const QRectF last = view.neuronRect(c, view.unitCount(c) - 1);
                QVERIFY(first.top() >= 0 && last.bottom() <= view.height());
                // Each column clear of the previous one, with room for edges between them.
                QVERIFY2(first.left() > previousRight + first.width(),
                         qPrintable(QStringLiteral("column %1 at %2, previous ends at %3").arg(c).arg(first.left()).arg(previousRight)));
                QVERIFY(first.right() <= view.width());
                previousRight = first.right();
            }
        }
        // Wide layers draw each unit's strongest few inputs; a narrow one (64 -> 1) all of them.
        int total = 0;
        for (int c = 1; c < view.columnCount(); ++c)
            total += view.drawnEdgeCount(c);
        QVERIFY2(total <= 2400, qPrintable(QString::number(total)));
        QVERIFY(view.drawnEdgeCount(3) >= 64 * 3);
        QVERIFY(view.drawnEdgeCount(1) < 9 * 64);
        QCOMPARE(view.drawnEdgeCount(9), 64);

        QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
        view.render(&image);  // warm up: geometry and edge selection
        constexpr int kRuns = 20;
        clock.restart();
        for (int i = 0; i < kRuns; ++i)
            view.render(&image);
        const double paintMs = clock.nsecsElapsed() * 1e-6 / kRuns;
        clock.restart();
        for (int i = 0; i < kRuns; ++i) {
            view.setFrame(frame);  // new weights: edges re-sorted on the next paint
            view.render(&image);
        }
        const double framePaintMs = clock.nsecsElapsed() * 1e-6 / kRuns;
        qInfo("8 x 64 ReLU at %dx%d: paint %.2f ms, new weights + paint %.2f ms (frame with maps computed in %.1f ms)",
              view.width(), view.height(), paintMs, framePaintMs, frameMs);
    }

    void zeroWeightsDrawOnlyTheQuota()
    {
        // All-zero initialisation (the symmetry lesson): every weight ties, and a wide layer
        // must still draw only its share (1600 lines over 3 layers: 8 per unit), not all 4096.
        Model m;
        m.network.hidden = {LayerSpec{64, Activation::Tanh}, LayerSpec{64, Activation::Tanh}};
        m.parameters.assign(std::size_t(2 * 64 + 64 + 64 * 64 + 64 + 64 + 1), 0.0f);
        NetworkDiagram view;
        view.setFrame(frameFor(m, Dataset{}));
        view.resize(view.minimumSizeHint());
        QCOMPARE(view.drawnEdgeCount(1), 2 * 64);
        QCOMPARE(view.drawnEdgeCount(2), 8 * 64);
        QCOMPARE(view.drawnEdgeCount(3), 64);
    }

    void exportFitsAnyRectangle()
    {
        std::vector<LayerSpec> hidden(8, LayerSpec{64, Activation::Tanh});
        const Config config = trainConfig(Generator::Spiral, hidden);
        const Dataset dataset = generateDataset(config.data);
        NetworkDiagram view;
        view.setFrame(frameFor(trainedModel(config, dataset, 0), dataset));
        QCOMPARE(view.figureName(), QStringLiteral("network"));
        QCOMPARE(view.figureTitle(), QStringLiteral("Network"));

        // Smaller than legible: scaled down into the rectangle, nothing drawn outside it.
        const QColor magenta(255, 0, 255);
        QImage image(500, 400, QImage::Format_RGB32);
        image.fill(magenta);
        const QRectF target(50, 40, 300, 250);
        {
            QPainter painter(&image);
            view.paintFigure(painter, target, FigureOptions{});
        }
        int inside = 0;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3) {
                const bool in = target.adjusted(-1, -1, 1, 1).contains(QPointF(x + 0.5, y + 0.5));
                const bool painted = image.pixel(x, y) != magenta.rgb();
                QVERIFY2(in || !painted, qPrintable(QStringLiteral("painted at %1, %2").arg(x).arg(y)));
                inside += in && painted;
            }
        }
        QVERIFY(inside > 0.9 * (target.width() / 3) * (target.height() / 3));
    }

};

QTEST_MAIN(TestNetworkDiagram)
#include "test_networkdiagram.moc"
