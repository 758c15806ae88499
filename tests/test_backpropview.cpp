// The Backprop view, offscreen: stepping with → ← Home End, inputs edited in place, the network
// walk of the document's points, Apply as one undo step, and the figure in its states.
#include "backpropcontrols.h"
#include "backpropstyle.h"
#include "backpropview.h"
#include "document.h"
#include "trainingcontroller.h"
#include "uitestsupport.h"

#include "analysis/graphexamples.h"
#include "data/generators.h"

#include <QComboBox>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QUndoStack>
#include <QtTest>

using namespace np;
using namespace np::test;

namespace {

ViewFrame frameFor(const Model &model)
{
    ViewFrame frame;
    frame.model = model;
    frame.grid = GridSpec{-6, 6, -6, 6, 64, 64};
    return frame;
}

// Pixels of the figure close to a colour (the view's gradient colour marks backward numbers).
int pixelsNear(const QImage &image, QColor color)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) + std::abs(c.blue() - color.blue()) < 40)
                ++n;
        }
    }
    return n;
}

QImage render(const BackpropView &view)
{
    QImage image(900, 600, QImage::Format_RGB32);
    QPainter painter(&image);
    view.paintFigure(painter, QRectF(0, 0, 900, 600), FigureOptions{});
    return image;
}

}  // namespace

class TestBackpropView : public QObject
{
    Q_OBJECT

private slots:
    void numbersReadAsInTheNotes()
    {
        QCOMPARE(backpropNumber(-0.19661193), QStringLiteral("\u22120.1966"));
        QCOMPARE(backpropNumber(3.0), QStringLiteral("3"));
        QCOMPARE(backpropNumber(0.5), QStringLiteral("0.5"));
        QCOMPARE(backpropNumber(-0.0), QStringLiteral("0"));
        QCOMPARE(backpropNumber(2.5e-5), QStringLiteral("2.5e-5"));
    }

    void keysStepThroughTheGraph()
    {
        Document document;
        BackpropView view(&document);
        view.resize(800, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.mode(), BackpropView::Graph);
        QCOMPARE(view.exampleKey(), QStringLiteral("add-multiply"));
        QCOMPARE(view.lastStep(), 4);
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.step(), 1);
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.step(), 4);
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.step(), 4);
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.step(), 3);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.step(), 0);
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.step(), 0);
        // The sigmoid neuron has eight gates: 16 steps, and its step resets.
        QVERIFY(view.setExample(QStringLiteral("sigmoid-neuron")));
        QCOMPARE(view.controls()->exampleCombo()->currentData().toString(), QStringLiteral("sigmoid-neuron"));
        QCOMPARE(view.lastStep(), 16);
        QVERIFY(!view.setExample(QStringLiteral("nope")));
    }

    void inputsAreEditedInPlace()
    {
        Document document;
        BackpropView view(&document);
        view.resize(800, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int x = view.graph().inputs()[0];
        QTest::mouseClick(view.canvas(), Qt::LeftButton, {}, view.graphBox(x).center().toPoint());
        auto *editor = view.canvas()->findChild<QLineEdit *>();
        QVERIFY(editor && editor->isVisible());
        QCOMPARE(editor->text(), QStringLiteral("-2"));
        editor->setText(QStringLiteral("\u22121.5"));
        QTest::keyClick(editor, Qt::Key_Return);
        QVERIFY(!editor->isVisible());
        QCOMPARE(view.graph().node(x).value, -1.5);
        // f = (x + y) z = (−1.5 + 5)(−4).
        QCOMPARE(view.graph().forward().back(), -14.0);
        // Escape leaves the value alone.
        QTest::mouseClick(view.canvas(), Qt::LeftButton, {}, view.graphBox(x).center().toPoint());
        editor->setText(QStringLiteral("9"));
        QTest::keyClick(editor, Qt::Key_Escape);
        QCOMPARE(view.graph().node(x).value, -1.5);
    }

    void figureShowsGradientsOnlyOnceBackwardStarts()
    {
        Document document;
        BackpropView view(&document);
        view.resize(900, 600);
        const QColor gradient = BackpropColors::from(view.palette()).gradient;
        view.setStep(2);  // forward done
        QCOMPARE(pixelsNear(render(view), gradient), 0);
        view.setStep(4);
        QVERIFY(pixelsNear(render(view), gradient) > 50);
    }

    void walksTheDocumentsPointsThroughTheNetwork()
    {
        const Config config = xorConfig();
        const Dataset dataset = generateDataset(config.data);
        Document document;
        document.reset(config, dataset);
        TrainingController controller;
        controller.reset(config, dataset);
        QVERIFY(waitFor(controller, [](const TrainingSnapshot &s) { return s.serial > 0; }));

        BackpropView view(&document);
        view.resize(900, 600);
        view.setEditTarget(&controller);
        view.setFrame(frameFor(controller.latest().model));
        view.setMode(BackpropView::Network);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.walk());
        QCOMPARE(view.lastStep(), 6);  // point, 2 forward, loss, 2 backward, update
        const int first = view.pointIndex();
        QVERIFY(!dataset.points[std::size_t(first)].validation);
        // The walk is the engine's for the point, with the controller's learning rate.
        const DataPoint &p = dataset.points[std::size_t(first)];
        const PointBackprop expected = backpropPoint(controller.latest().model, p.x1, p.x2, p.label, p.target,
                                                     controller.latest().learningRate);
        QCOMPARE(view.walk()->layers[0].dW, expected.layers[0].dW);
        QCOMPARE(view.walk()->lossAfter, expected.lossAfter);

        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.step(), 6);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.step(), 0);

        view.nextPoint();
        QVERIFY(view.pointIndex() != first);
        QVERIFY(!dataset.points[std::size_t(view.pointIndex())].validation);
        // A click in the plane walks the nearest training point.
        int target = -1;
        for (int i = int(dataset.points.size()) - 1; i >= 0 && target < 0; --i) {
            if (!dataset.points[std::size_t(i)].validation)
                target = i;
        }
        const DataPoint &t = dataset.points[std::size_t(target)];
        QTest::mouseClick(view.canvas(), Qt::LeftButton, {}, view.planePixel(t.x1, t.x2).toPoint());
        const DataPoint &picked = dataset.points[std::size_t(view.pointIndex())];
        // Within a pixel or so of the click (about 0.05 in data units at this size).
        QVERIFY2(std::hypot(picked.x1 - t.x1, picked.x2 - t.x2) < 0.15,
                 qPrintable(QStringLiteral("%1 %2 vs %3 %4").arg(picked.x1).arg(picked.x2).arg(t.x1).arg(t.x2)));
    }

    void applyIsOneUndoStep()
    {
        const Config config = xorConfig();
        const Dataset dataset = generateDataset(config.data);
        Document document;
        document.reset(config, dataset);
        TrainingController controller;
        controller.reset(config, dataset);
        QVERIFY(waitFor(controller, [](const TrainingSnapshot &s) { return s.serial > 0; }));
        BackpropView view(&document);
        view.resize(900, 600);
        view.setEditTarget(&controller);
        const Model before = controller.latest().model;
        view.setFrame(frameFor(before));
        view.setMode(BackpropView::Network);
        view.setStep(view.lastStep());
        QVERIFY(view.controls()->applyButton()->isEnabled());
        const std::vector<Scalar> after = view.walk()->parametersAfter;
        QTest::mouseClick(view.controls()->applyButton(), Qt::LeftButton);
        QCOMPARE(document.undoStack()->count(), 1);
        QVERIFY(document.undoStack()->text(0).startsWith(QStringLiteral("Apply SGD step")));
        QVERIFY(waitFor(controller, [&](const TrainingSnapshot &s) { return s.model.parameters == after; }));
        document.undoStack()->undo();
        QVERIFY(waitFor(controller, [&](const TrainingSnapshot &s) { return s.model.parameters == before.parameters; }));
        // The walk follows the new weights: its loss is the applied step's loss after.
        document.undoStack()->redo();
        QVERIFY(waitFor(controller, [&](const TrainingSnapshot &s) { return s.model.parameters == after; }));
        const double lossAfter = view.walk()->lossAfter;
        view.setFrame(frameFor(controller.latest().model));
        QVERIFY(std::abs(view.walk()->loss - lossAfter) < 1e-6);
    }

    void batchNormIsSaidToDiffer()
    {
        Config config = xorConfig();
        config.network.hidden = {LayerSpec{.units = 3, .activation = Activation::ReLU, .batchNorm = true}};
        const Dataset dataset = generateDataset(config.data);
        Document document;
        document.reset(config, dataset);
        TrainingController controller;
        controller.reset(config, dataset);
        QVERIFY(waitFor(controller, [](const TrainingSnapshot &s) { return s.serial > 0; }));
        BackpropView view(&document);
        view.setFrame(frameFor(controller.latest().model));
        view.setMode(BackpropView::Network);
        QVERIFY(view.walk() && view.walk()->usesBatchNorm());
        BackpropNetworkPainter painter(*view.walk(), controller.latest().model, 0, {}, view.palette());
        QVERIFY(painter.explanation().join(QLatin1Char('\n')).contains(QStringLiteral("a batch's step differs")));
    }
};

QTEST_MAIN(TestBackpropView)
#include "test_backpropview.moc"
