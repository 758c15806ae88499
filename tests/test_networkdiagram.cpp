// The network diagram: its maps are the core's grid evaluation, hit testing finds the unit, bias
// or edge under the pointer, an edit is one undo step that reaches the trainer and comes back on
// undo, dead and saturated units are marked, and 8 x 64 units lay out without overlaps (and paint
// fast; the time is printed, not asserted).

#include "colors.h"
#include "diagramcontrols.h"
#include "document.h"
#include "lessonpanel.h"
#include "diagramedges.h"
#include "diagramlayout.h"
#include "diagrampainter.h"
#include "networkdiagram.h"
#include "trainingcontroller.h"
#include "uitestsupport.h"

#include "analysis/gridevaluation.h"
#include "data/generators.h"
#include "training/trainer.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>
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

// A diagram that edits `document`, showing the model its settings give (as the evaluator would).
struct EditableDiagram
{
    Document document;
    TrainingController controller;
    NetworkDiagram view;

    explicit EditableDiagram(const Config &config, QSize size)
    {
        const Dataset dataset = generateDataset(config.data);
        document.reset(config, dataset);
        view.setEditTarget(&controller, &document);
        QObject::connect(&document, &Document::configChanged, &view, [this] { showDocument(); });
        view.resize(size);
        showDocument();
    }
    void showDocument()
    {
        const Config &c = document.config();
        Model model = trainedModel(c, document.dataset(), 0);
        view.setFrame(frameFor(model, document.dataset()));
    }
    template <typename T>
    T *control(const QString &name) const
    {
        T *w = view.findChild<T *>(name);
        if (!w)
            qFatal("no control %s", qPrintable(name));
        return w;
    }
    QString lastStep() const { return document.undoStack()->text(document.undoStack()->index() - 1); }
};

// The diagram's share of the main window in its default layout (measured under Xvfb with the
// default font): the full width below the plane, and the height applyDefaultLayout gives it
// (at 1920x1080 after View › Reset Layout on a maximised window).
constexpr QSize kDiagramAt1280x800(1280, 346);
constexpr QSize kDiagramAt1920x1080(1920, 420);

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

    void theScreenStampsTheMarksAnExportDraws()
    {
        // A deep ReLU network early in training: dead units and biases of both signs.
        const Config config = trainConfig(Generator::Spiral, std::vector<LayerSpec>(4, LayerSpec{16, Activation::ReLU}));
        const Dataset data = generateDataset(config.data);
        const ViewFrame frame = frameFor(trainedModel(config, data, 3), data);
        DiagramNetwork net;
        net.setModel(frame.model);
        const QPalette palette;
        const QFont font;
        FigureOptions options;
        options.title = false;
        const DiagramLayout layout = DiagramLayout::compute(QRectF(0, 0, 700, 600), QFontMetricsF(font), options, net,
                                                            DiagramPainter::legendItems(net));
        DiagramEdges edges;
        edges.select(layout, net);
        DiagramStamps stamps;
        const auto draw = [&](DiagramStamps *with) {
            QImage image(700, 600, QImage::Format_RGB32);
            image.fill(palette.color(QPalette::Base));
            QPainter p(&image);
            p.setFont(font);
            DiagramPainter(net, frame, palette, with).drawDiagram(p, layout, edges, true);
            return image;
        };
        const QImage stamped = draw(&stamps);
        const QImage drawn = draw(nullptr);
        QCOMPARE(stamps.dead.size(), 1);
        QVERIFY(stamps.bias.size() > 4);  // a stamp per shade met

        int dead = 0, markers = 0;
        for (int c = 1; c < net.columnCount(); ++c) {
            const DiagramColumn &column = layout.columns[std::size_t(c)];
            for (int u = 0; u < column.units; ++u) {
                if (DiagramPainter::unitState(frame, c, u) == UnitState::Dead) {
                    const QPoint centre = column.rect(u).center().toPoint();
                    QVERIFY2(near(stamped.pixel(centre), drawn.pixel(centre), 3), qPrintable(rgb(stamped.pixel(centre))));
                    ++dead;
                }
                // The marker's centre pixel: its shade, a 128th of the strength at most apart.
                const QPointF at = column.rect(u).bottomLeft();
                const QPoint pixel(int(std::floor(at.x())), int(std::floor(at.y())));
                QVERIFY2(near(stamped.pixel(pixel), drawn.pixel(pixel), 2),
                         qPrintable(rgb(stamped.pixel(pixel)) + " vs " + rgb(drawn.pixel(pixel))));
                ++markers;
            }
        }
        QVERIFY(dead > 0);
        QCOMPARE(markers, 4 * 16 + 1);
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

    void mapsAreSizedFromTheSpace_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("units");
        QTest::addColumn<double>("smallest");
        QTest::newRow("1280x800, 8 units") << kDiagramAt1280x800 << 8 << 32.0;
        QTest::newRow("1280x800, 2 units") << kDiagramAt1280x800 << 2 << 32.0;
        QTest::newRow("1920x1080, 8 units") << kDiagramAt1920x1080 << 8 << 40.0;
        QTest::newRow("1920x1080, 4 units") << kDiagramAt1920x1080 << 4 << 40.0;
        QTest::newRow("1920x1080, 64 units") << kDiagramAt1920x1080 << 64 << 4.0;
    }

    void mapsAreSizedFromTheSpace()
    {
        QFETCH(QSize, size);
        QFETCH(int, units);
        QFETCH(double, smallest);
        const Config config = trainConfig(Generator::Spiral, {LayerSpec{units, Activation::Tanh},
                                                              LayerSpec{units, Activation::Tanh}});
        EditableDiagram d(config, size);
        NetworkDiagram &view = d.view;
        view.resize(size.expandedTo(view.minimumSizeHint()));
        QCOMPARE(view.columnCount(), 4);
        for (int c = 1; c <= 2; ++c) {
            const QRectF r = view.neuronRect(c, 0);
            QVERIFY2(r.width() >= smallest, qPrintable(QStringLiteral("column %1: %2 px").arg(c).arg(r.width())));
            QVERIFY(view.neuronRect(c, units - 1).bottom() <= view.height());
        }
        // Columns spread sensibly: no gap between maps wider than a few maps and a column of text.
        for (int c = 1; c < view.columnCount(); ++c) {
            const double gap = view.neuronRect(c, 0).left() - view.neuronRect(c - 1, 0).right();
            QVERIFY2(gap > view.neuronRect(c, 0).width(), qPrintable(QString::number(gap)));
            double largest = 0;
            for (int k = 0; k < view.columnCount(); ++k)
                largest = std::max(largest, view.neuronRect(k, 0).width());
            QVERIFY2(gap <= std::max(12.0 * view.fontMetrics().height(), 6.0 * largest),
                     qPrintable(QStringLiteral("gap %1 before column %2").arg(gap).arg(c)));
        }
        // Every header control and input label stands inside the widget, none over another.
        QList<QWidget *> controls;
        for (QWidget *w : view.findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            if (!w->isHidden() && !w->objectName().startsWith(QLatin1String("feature.")))
                controls.append(w);
        QVERIFY(controls.size() >= 5);  // + Layer, per layer: ✕, activation, units
        for (QWidget *a : controls) {
            QVERIFY2(view.rect().contains(a->geometry()), qPrintable(a->objectName()));
            for (QWidget *b : controls)
                QVERIFY2(a == b || !a->geometry().intersects(b->geometry()),
                         qPrintable(a->objectName() + QStringLiteral(" over ") + b->objectName()));
        }
        auto *activation = d.control<QToolButton>(QStringLiteral("layer0.activation"));
        QVERIFY(activation->width() >= activation->fontMetrics().horizontalAdvance(activation->text()));
    }

    void theNetworkIsBuiltOnTheDiagram()
    {
        Config config = trainConfig(Generator::Xor, {LayerSpec{3, Activation::Tanh}});
        EditableDiagram d(config, kDiagramAt1280x800);
        QUndoStack *undo = d.document.undoStack();
        d.view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d.view));

        // + and − on a layer: one step each, named as the Network panel names them. The + stays
        // where it was, so clicking on grows the layer further.
        const QRect plusAt = d.control<QToolButton>(QStringLiteral("layer0.unitsPlus"))->geometry();
        QTest::mouseClick(d.control<QToolButton>(QStringLiteral("layer0.unitsPlus")), Qt::LeftButton);
        QCOMPARE(d.control<QToolButton>(QStringLiteral("layer0.unitsPlus"))->geometry(), plusAt);
        QCOMPARE(d.document.config().network.hidden[0].units, 4);
        QCOMPARE(undo->count(), 1);
        QCOMPARE(d.lastStep(), QStringLiteral("Change units of layer 1"));
        QCOMPARE(d.view.unitCount(1), 4);
        QCOMPARE(d.control<QWidget>(QStringLiteral("layer0.units"))->findChild<QLabel *>()->text(), QStringLiteral("4"));
        undo->undo();
        QCOMPARE(d.document.config().network.hidden[0].units, 3);
        QCOMPARE(d.view.unitCount(1), 3);

        // + Layer appends a copy of the last layer; ✕ removes its layer.
        QTest::mouseClick(d.control<QToolButton>(QStringLiteral("addLayer")), Qt::LeftButton);
        QCOMPARE(d.document.config().network.hidden.size(), std::size_t(2));
        QCOMPARE(d.lastStep(), QStringLiteral("Add hidden layer"));
        QCOMPARE(d.view.columnCount(), 4);
        const int steps = undo->index();
        QTest::mouseClick(d.control<QToolButton>(QStringLiteral("layer0.remove")), Qt::LeftButton);
        QCOMPARE(d.document.config().network.hidden.size(), std::size_t(1));
        QCOMPARE(d.lastStep(), QStringLiteral("Remove hidden layer 1"));
        QCOMPARE(undo->index(), steps + 1);
        undo->undo();
        QCOMPARE(d.document.config().network.hidden.size(), std::size_t(2));
        undo->undo();
        QCOMPARE(d.document.config().network.hidden.size(), std::size_t(1));

        // The activation menu.
        auto *activation = d.control<QToolButton>(QStringLiteral("layer0.activation"));
        QAction *relu = nullptr;
        auto *menu = activation->findChild<QMenu *>();
        QVERIFY(menu);
        activation->click();  // the chooser opens under the button
        QTRY_VERIFY(menu->isVisible());
        QVERIFY(menu->geometry().top() >= activation->mapToGlobal(QPoint(0, activation->height())).y() - 1);
        menu->hide();
        for (QAction *action : menu->actions())
            if (action->data().toInt() == static_cast<int>(Activation::ReLU))
                relu = action;
        QVERIFY(relu);
        relu->trigger();
        QCOMPARE(d.document.config().network.hidden[0].activation, Activation::ReLU);
        QCOMPARE(d.lastStep(), QStringLiteral("Change activation of layer 1"));
        QCOMPARE(activation->text(), QStringLiteral("ReLU ▾"));
        undo->undo();
        QCOMPARE(d.document.config().network.hidden[0].activation, Activation::Tanh);
        QCOMPARE(activation->text(), QStringLiteral("Tanh ▾"));

        // Over an input's tile the diagram still shows the input's enlarged map.
        {
            auto *x1 = d.control<QAbstractButton>(QStringLiteral("feature.x1"));
            const QRectF r = d.view.neuronRect(0, 0);
            QTest::mouseMove(x1, x1->mapFrom(&d.view, r.center().toPoint()));
            const QPoint inPopup(int(r.right() + d.view.fontMetrics().height() + 4), int(r.center().y()));
            QTRY_COMPARE(d.view.grab().toImage().pixel(inPopup), d.view.palette().color(QPalette::ToolTipBase).rgb());
            QTest::mouseMove(&d.view, QPoint(2, 2));
        }

        // A click on an input's tile switches it on, and off again.
        const auto tile = [&](Feature f) {
            return d.control<QAbstractButton>(QStringLiteral("feature.") + QLatin1String(featureKey(f)));
        };
        QAbstractButton *square = tile(Feature::X1Squared);
        QVERIFY(square->isVisible());
        QTest::mouseClick(square, Qt::LeftButton, {}, square->rect().center());
        QVERIFY(d.document.config().features.has(Feature::X1Squared));
        QCOMPARE(d.lastStep(), QStringLiteral("Add input x1²"));
        QCOMPARE(d.view.unitCount(0), 3);
        const int before = undo->count();
        QTest::mouseClick(tile(Feature::X1), Qt::LeftButton, {}, tile(Feature::X1)->rect().center());
        QVERIFY(!d.document.config().features.has(Feature::X1));
        QCOMPARE(d.lastStep(), QStringLiteral("Remove input x1"));
        QCOMPARE(undo->count(), before + 1);
        undo->undo();
        QVERIFY(d.document.config().features.has(Feature::X1));
        undo->undo();
        QCOMPARE(d.document.config().features, FeatureSet::plain());

        // The last input stays on: refused with the reason, no step, no dialog.
        QTest::mouseClick(tile(Feature::X1), Qt::LeftButton, {}, tile(Feature::X1)->rect().center());
        const int count = undo->count();
        QTest::mouseClick(tile(Feature::X2), Qt::LeftButton, {}, tile(Feature::X2)->rect().center());
        QCOMPARE(d.document.config().features, FeatureSet{Feature::X2});
        QCOMPARE(undo->count(), count);
        QVERIFY(d.view.controls()->lastRefusal().contains(QStringLiteral("x2")));
        QVERIFY(tile(Feature::X2)->isChecked());
        QVERIFY(!QApplication::activeModalWidget());

        // One unit is the least: − is disabled there.
        Config one = d.document.config();
        one.network.hidden[0].units = 1;
        d.document.changeConfig(one, QStringLiteral("test"));
        QVERIFY(!d.control<QToolButton>(QStringLiteral("layer0.unitsMinus"))->isEnabled());
    }

    void lessonLocksReachTheDiagram()
    {
        EditableDiagram d(trainConfig(Generator::Xor, {LayerSpec{4, Activation::Tanh}}), kDiagramAt1280x800);
        d.view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d.view));
        // The names a lesson locks in the Network panel lock the diagram's twins.
        const QStringList unmatched = applyLessonControls(&d.view, {"feature.*", "layer*.units"}, {});
        QVERIFY(unmatched.isEmpty());
        auto *square = d.control<QAbstractButton>(QStringLiteral("feature.x1sq"));
        auto *plus = d.control<QToolButton>(QStringLiteral("layer0.unitsPlus"));
        QVERIFY(!square->isEnabled());
        QVERIFY(!plus->isEnabled());
        QTest::mouseClick(square, Qt::LeftButton, {}, square->rect().center());
        QTest::mouseClick(plus, Qt::LeftButton);
        QCOMPARE(d.document.undoStack()->count(), 0);
        // Other controls stay free, and a change does not unlock the locked ones.
        QTest::mouseClick(d.control<QToolButton>(QStringLiteral("addLayer")), Qt::LeftButton);
        QCOMPARE(d.document.undoStack()->count(), 1);
        QVERIFY(!square->isEnabled());
        QVERIFY(!plus->isEnabled());
        clearLessonControls(&d.view);
        QVERIFY(square->isEnabled());
        QVERIFY(plus->isEnabled());
    }

    void controlsCarryTheLessonNamesAndTooltips()
    {
        EditableDiagram d(trainConfig(Generator::Xor, {LayerSpec{4, Activation::Tanh}}), kDiagramAt1280x800);
        for (const char *name : {"addLayer", "layer0.remove", "layer0.activation", "layer0.units", "layer0.unitsMinus",
                                 "layer0.unitsPlus", "feature.x1", "feature.theta"}) {
            auto *w = d.view.findChild<QWidget *>(QLatin1String(name));
            QVERIFY2(w, name);
            if (qstrcmp(name, "layer0.units") != 0)
                QVERIFY2(!w->toolTip().isEmpty(), name);
        }
        // A read-only diagram (an export, no document) has none.
        NetworkDiagram plain;
        plain.setFrame(frameFor(tinyModel(), Dataset{}));
        QVERIFY(!plain.findChild<QToolButton *>(QStringLiteral("addLayer")));
    }

    void outputTilesHaveTheClassColours()
    {
        for (ColorScheme scheme : {ColorScheme::Standard, ColorScheme::HighContrast}) {
            setColorScheme(scheme);
            // Binary sigmoid, the perceptron's step and a 3-class softmax: where the plane shows a
            // class, the output tiles show its colour.
            struct Case { Generator generator; int classes; OutputHead head; Loss loss; Algorithm algorithm; };
            for (const Case &k : {Case{Generator::Xor, 2, OutputHead::Sigmoid, Loss::BinaryCrossEntropy, Algorithm::GradientDescent},
                                  Case{Generator::Gaussians, 2, OutputHead::Step, Loss::Perceptron, Algorithm::Perceptron},
                                  Case{Generator::Gaussians, 3, OutputHead::Softmax, Loss::CategoricalCrossEntropy, Algorithm::GradientDescent}}) {
                Config config = trainConfig(k.generator, k.head == OutputHead::Sigmoid ? std::vector<LayerSpec>{LayerSpec{4, Activation::Tanh}}
                                                                                  : std::vector<LayerSpec>{});
                config.data.classes = k.classes;
                config.network.head = k.head;
                config.network.loss = k.loss;
                config.training.algorithm = k.algorithm;
                const Dataset dataset = generateDataset(config.data);
                const Model model = trainedModel(config, dataset, 30);
                const ViewFrame frame = frameFor(model, dataset);
                NetworkDiagram view;
                view.setFrame(frame);
                const int out = view.columnCount() - 1;
                const QImage &plane = frame.boundary;
                const QRgb background = BoundaryStyle{}.background;
                int compared = 0;
                const auto classOf = [&](QRgb p) {
                    int best = 0;
                    const auto distance = [p](QColor c) {
                        return std::abs(qRed(p) - c.red()) + std::abs(qGreen(p) - c.green()) + std::abs(qBlue(p) - c.blue());
                    };
                    for (int c = 1; c < k.classes; ++c)
                        best = distance(classColor(c)) < distance(classColor(best)) ? c : best;
                    return best;
                };
                for (int u = 0; u < view.unitCount(out); ++u) {
                    const QImage &tile = view.neuronImage(out, u);
                    QVERIFY(!tile.isNull());
                    for (int y = 1; y < tile.height(); y += 4) {
                        for (int x = 1; x < tile.width(); x += 4) {
                            const QRgb p = tile.pixel(x, y);
                            if (near(p, background, 60))
                                continue;  // only where the tile is clearly coloured
                            if (view.unitCount(out) > 1) {
                                // Unit u shows class u's share: a blend of the background and its colour.
                                const QColor c = classColor(u);
                                const double dr = c.red() - qRed(background), dg = c.green() - qGreen(background),
                                             db = c.blue() - qBlue(background);
                                const double t = ((qRed(p) - qRed(background)) * dr + (qGreen(p) - qGreen(background)) * dg
                                                  + (qBlue(p) - qBlue(background)) * db) / (dr * dr + dg * dg + db * db);
                                QVERIFY2(near(p, blend(background, c.rgb(), t), 3), qPrintable(rgb(p)));
                                ++compared;
                                continue;
                            }
                            const int best = classOf(p);
                            // One output: the class the plane shows there, away from the boundary.
                            const int px = x * plane.width() / tile.width(), py = y * plane.height() / tile.height();
                            const int there = classOf(plane.pixel(px, py));
                            bool inside = true;
                            for (int dy = -2; dy <= 2; ++dy)
                                for (int dx = -2; dx <= 2; ++dx)
                                    inside = inside && classOf(plane.pixel(std::clamp(px + dx, 0, plane.width() - 1),
                                                                           std::clamp(py + dy, 0, plane.height() - 1))) == there;
                            if (!inside)
                                continue;
                            QCOMPARE(best, there);
                            ++compared;
                        }
                    }
                }
                QVERIFY(compared > 10);
                // Fully certain pixels are the class colour itself.
                if (k.head == OutputHead::Step) {
                    const QImage &tile = view.neuronImage(out, 0);
                    bool sawClass0 = false, sawClass1 = false;
                    for (int y = 0; y < tile.height(); ++y)
                        for (int x = 0; x < tile.width(); ++x) {
                            sawClass0 = sawClass0 || tile.pixel(x, y) == classColor(0).rgb();
                            sawClass1 = sawClass1 || tile.pixel(x, y) == classColor(1).rgb();
                        }
                    QVERIFY(sawClass0 && sawClass1);
                }
            }
        }
        setColorScheme(ColorScheme::Standard);
    }

};

QTEST_MAIN(TestNetworkDiagram)
#include "test_networkdiagram.moc"
