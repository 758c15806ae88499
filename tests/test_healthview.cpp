// The gradient-health view: log-scale norms and dead/saturated shares of constructed histories
// where they must land, decimation of long histories, the read-out, and the gradient check.

#include "healthview.h"
#include "trainedmodel.h"

#include "data/generators.h"

#include <QPainter>
#include <QtTest>

#include <cmath>

using namespace np;
using np::test::train;
using np::test::Trained;

namespace {

/// Two hidden layers and the output: norms 1e-6, 1e-3 and 0.1 (none at epoch 0, as the trainer
/// records it); layer 1 ReLU dying from 0 to 50%, layer 2 sigmoid with a quarter saturated.
History constructedHistory(int rows)
{
    History history;
    for (int i = 0; i < rows; ++i) {
        HistoryRecord r;
        r.epoch = i;
        r.healthLayers = 3;
        if (i > 0) {
            r.health[0].gradientNorm = 1e-6f;
            r.health[1].gradientNorm = 1e-3f;
            r.health[2].gradientNorm = 0.1f;
        }
        r.health[0].deadShare = float(0.5 * i / std::max(rows - 1, 1));
        r.health[1].saturatedShare = 0.25f;
        history.push_back(r);
    }
    return history;
}

bool near(QRgb a, const QColor &b, int tolerance = 40)
{
    return std::abs(qRed(a) - b.red()) <= tolerance && std::abs(qGreen(a) - b.green()) <= tolerance
           && std::abs(qBlue(a) - b.blue()) <= tolerance;
}

/// Pixels of `color` within a few pixels of `at`.
int colorAround(const QImage &image, QPointF at, const QColor &color, int radius = 3)
{
    int count = 0;
    for (int y = int(at.y()) - radius; y <= int(at.y()) + radius; ++y)
        for (int x = int(at.x()) - radius; x <= int(at.x()) + radius; ++x)
            count += image.rect().contains(x, y) && near(image.pixel(x, y), color) ? 1 : 0;
    return count;
}

Config healthConfig(std::vector<LayerSpec> hidden, OptimizerKind optimizer, double learningRate)
{
    Config config = defaultConfig();
    config.data.generator = Generator::Spiral;
    config.network.hidden = std::move(hidden);
    config.training.optimizer.kind = optimizer;
    config.training.optimizer.learningRate = learningRate;
    return config;
}

}  // namespace

class TestHealthView : public QObject
{
    Q_OBJECT

private slots:
    void normsLandOnTheLogScale()
    {
        HealthView view;
        view.resize(700, 500);
        view.setHistory(constructedHistory(100), true);
        QCOMPARE(view.layerCount(), 3);
        QCOMPARE(view.legendLabels(), (QStringList{"layer 1", "layer 2", "output"}));
        QCOMPARE(view.normRange(), std::make_pair(1e-6, 0.1));
        const QRectF plot = view.normPlotArea();
        // 1e-3 lies 3 of the 5 decades up.
        const QPointF p = view.normToPixel(50, 1e-3);
        QVERIFY(std::abs((plot.bottom() - p.y()) / plot.height() - 0.6) < 1e-9);
        QCOMPARE(view.normToPixel(50, 1e-6).y(), plot.bottom());
        QCOMPARE(view.normToPixel(50, 0.1).y(), plot.top());
        QCOMPARE(view.normToPixel(0, 1).x(), plot.left());
        QCOMPARE(view.normToPixel(99, 1).x(), plot.right());
        // Each layer's curve is drawn where its value maps, in its colour.
        const QImage image = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY(colorAround(image, view.normToPixel(50, 1e-6), view.layerColor(0)) > 0);
        QVERIFY(colorAround(image, view.normToPixel(50, 1e-3), view.layerColor(1)) > 0);
        QVERIFY(colorAround(image, view.normToPixel(50, 0.1), view.layerColor(2)) > 0);
        QCOMPARE(colorAround(image, view.normToPixel(50, 1e-3), view.layerColor(0)), 0);

        // The export draws the same curves: each layer's colour appears in it.
        QImage figure(900, 600, QImage::Format_RGB32);
        QPainter painter(&figure);
        view.paintFigure(painter, QRectF(0, 0, 900, 600), FigureOptions{});
        painter.end();
        for (int layer = 0; layer < 3; ++layer) {
            int pixels = 0;
            for (int y = 0; y < figure.height(); ++y)
                for (int x = 0; x < figure.width(); ++x)
                    pixels += near(figure.pixel(x, y), view.layerColor(layer)) ? 1 : 0;
            QVERIFY2(pixels > 200, qPrintable(QStringLiteral("layer %1: %2").arg(layer).arg(pixels)));
        }
        QCOMPARE(view.figureName(), QStringLiteral("health"));
    }

    void deadAndSaturatedSharesAreShown()
    {
        HealthView view;
        view.resize(700, 500);
        view.setHistory(constructedHistory(101), true);
        QVERIFY(view.hasDeadCurve(0));
        QVERIFY(!view.hasSaturatedCurve(0));
        QVERIFY(view.hasSaturatedCurve(1));
        QVERIFY(!view.hasDeadCurve(1));
        QVERIFY(!view.hasDeadCurve(2) && !view.hasSaturatedCurve(2));
        const QRectF share = view.sharePlotArea();
        QCOMPARE(view.shareToPixel(0, 0.0).y(), share.bottom());
        QCOMPARE(view.shareToPixel(0, 1.0).y(), share.top());
        const QImage image = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY(colorAround(image, view.shareToPixel(100, 0.5), view.layerColor(0)) > 0);  // 50% dead at the end
        QVERIFY(colorAround(image, view.shareToPixel(20, 0.1), view.layerColor(0)) > 0);  // 10% a fifth of the way
        QCOMPARE(colorAround(image, view.shareToPixel(50, 0.5), view.layerColor(0)), 0);
        // The saturated share is dashed: along its line some pixels are its colour, some not.
        int on = 0;
        const double y = view.shareToPixel(0, 0.25).y();
        for (int x = int(share.left()) + 5; x < int(share.right()) - 5; ++x)
            on += near(image.pixel(x, int(std::round(y))), view.layerColor(1)) ? 1 : 0;
        QVERIFY2(on > share.width() / 5 && on < share.width() * 0.9, qPrintable(QString::number(on)));

        QCOMPARE(view.readoutAt(50.2), QStringLiteral("epoch 50\nlayer 1: |dW| 1e-06, 25% dead\n"
                                                      "layer 2: |dW| 0.001, 25% saturated\noutput: |dW| 0.1"));
        QCOMPARE(view.readoutAt(0), QStringLiteral("epoch 0\nlayer 1: 0% dead\nlayer 2: 25% saturated\noutput: –"));
    }

    void hoverShowsTheReadout()
    {
        HealthView view;
        view.resize(700, 500);
        view.setHistory(constructedHistory(100), true);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::mouseMove(&view, view.normToPixel(30, 1e-4).toPoint());
        QTRY_VERIFY(view.hoverText().startsWith(QStringLiteral("epoch 30\n")));
    }

    void longHistoriesAreDecimated()
    {
        HealthView view;
        History history = constructedHistory(20000);
        view.setHistory(History(history.begin(), history.begin() + 100), true);
        QCOMPARE(view.rowCount(), std::size_t(100));
        view.setHistory(history, false);  // appended
        QCOMPARE(view.rowCount(), std::size_t(20000));
        QVERIFY(view.bucketCount() <= HealthView::kMaxBuckets);
        QVERIFY(view.bucketCount() >= HealthView::kMaxBuckets / 2);
        QVERIFY(view.readoutAt(12345).startsWith(QStringLiteral("epoch 12345\n")));
        // A different run replaces the rows (the controller says reset).
        History other = constructedHistory(10);
        for (HistoryRecord &r : other)
            r.epoch += 7;
        view.setHistory(other, true);
        QCOMPARE(view.rowCount(), std::size_t(10));
        QVERIFY(view.readoutAt(0).startsWith(QStringLiteral("epoch 7\n")));
    }

    void gradientCheckRunsInTheBackgroundAndShowsTheThreshold()
    {
        // The report itself is tested in test_gradientreport; here the view runs it off the GUI.
        const Trained t = train(healthConfig({LayerSpec{8, Activation::Tanh}, LayerSpec{8, Activation::ReLU}},
                                             OptimizerKind::Adam, 0.01), 5);
        HealthView view;
        view.resize(900, 600);
        view.setModel(t.model);
        view.setDataset(t.dataset);
        QSignalSpy done(&view, &HealthView::gradientCheckFinished);
        view.startGradientCheck();
        QVERIFY(view.isChecking());
        QVERIFY(done.wait(30000));
        QVERIFY(!view.isChecking());
        QVERIFY(view.lastCheck().has_value());
        QVERIFY(view.lastCheck()->error.empty());
        QCOMPARE(view.lastCheck()->points, 32);
        QCOMPARE(view.lastCheck()->result.layers.size(), std::size_t(3));
        QCOMPARE(view.lastCheck()->failingLayers(), 0);
        QVERIFY(view.lastCheck()->result.maxRelativeError() < kGradientCheckThreshold);
        // Starting again while a check runs replaces it: one result, for the newest.
        view.startGradientCheck();
        view.startGradientCheck();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.count(), 2);
        QVERIFY(!view.isChecking());
    }

    void gradientCheckSaysWhatItCannotCheck()
    {
        HealthView view;
        QSignalSpy done(&view, &HealthView::gradientCheckFinished);
        view.startGradientCheck();  // no model yet
        QVERIFY(done.wait(30000));
        QVERIFY(view.lastCheck().has_value());
        QVERIFY(QString::fromStdString(view.lastCheck()->error).contains(QStringLiteral("no model")));
        QCOMPARE(view.lastCheck()->failingLayers(), 0);
    }

};

QTEST_MAIN(TestHealthView)
#include "test_healthview.moc"
