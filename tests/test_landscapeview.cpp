// The Landscape and Closed Form views offscreen: a background computation that reports progress,
// can be cancelled and draws a contour map through the current weights; the ridge solution
// beside gradient descent with its distance curve; the loss plot's reference line.

#include "closedformview.h"
#include "landscapepainter.h"
#include "landscapeview.h"
#include "lossplot.h"

#include "data/generators.h"
#include "training/trainer.h"

#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>
#include <set>

using namespace np;

namespace {

Config moons(std::vector<LayerSpec> hidden)
{
    Config c;
    c.data.generator = Generator::Moons;
    c.data.count = 300;
    c.data.noise = 0.1;
    c.standardize = true;
    c.network.hidden = std::move(hidden);
    c.training.optimizer.kind = OptimizerKind::Adam;
    c.training.optimizer.learningRate = 0.01;
    c.training.batchSize = 16;
    return c;
}

Config linear()
{
    Config c;
    c.data.generator = Generator::Plane;
    c.data.count = 200;
    c.data.noise = 0.5;
    c.standardize = true;
    c.network.hidden = {};
    c.network.head = OutputHead::Linear;
    c.network.loss = Loss::Squared;
    c.training.optimizer.kind = OptimizerKind::SGD;
    c.training.optimizer.learningRate = 0.1;
    c.training.batchSize = 0;
    c.training.penalty.l2 = 0.01;
    return c;
}

/// Trains for `epochs` epochs, recording the weights at every epoch end.
void run(Trainer &t, WeightTrajectory &trajectory, int epochs)
{
    trajectory.record(t.stepCount(), t.network().parameters());
    for (int e = 0; e < epochs; ++e) {
        t.trainEpoch();
        trajectory.record(t.stepCount(), t.network().parameters());
    }
}

int distinctColours(const QImage &image, const QRect &area)
{
    std::set<QRgb> colours;
    for (int y = area.top(); y <= area.bottom(); y += 2)
        for (int x = area.left(); x <= area.right(); x += 2)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

}  // namespace

class TestLandscapeView : public QObject
{
    Q_OBJECT

private slots:
    void computesInTheBackgroundWithProgress()
    {
        const Config c = moons({LayerSpec{8, Activation::Tanh}, LayerSpec{8, Activation::Tanh}});
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        WeightTrajectory trajectory;
        run(t, trajectory, 40);
        LandscapeView view;
        view.resize(600, 700);
        view.setDataset(t.dataset());
        view.setModel(t.model());
        view.setTrajectory(&trajectory);
        view.setResolution(21);
        QVERIFY(!view.currentPoint());  // nothing computed yet
        QSignalSpy done(&view, &LandscapeView::computed);
        auto *compute = view.findChild<QPushButton *>();
        QVERIFY(compute && compute->text() == QStringLiteral("Compute"));
        compute->click();
        QVERIFY(view.isComputing());
        QVERIFY(!compute->isEnabled());
        QVERIFY(done.wait(20000));
        QTRY_VERIFY(!view.isComputing());  // the job ends right after delivering its result
        QVERIFY(compute->isEnabled());
        QVERIFY(view.result() && view.result()->landscape.isComplete());
        QCOMPARE(view.result()->landscape.grid.resolution, 21);
        auto *progress = view.findChild<QProgressBar *>();
        QCOMPARE(progress->value(), 21);
        QCOMPARE(progress->maximum(), 21);
        // The centre is the trainer's current loss, and the current weights lie there.
        const double current = t.history().back().train.loss;
        QVERIFY(std::abs(view.result()->landscape.at(10, 10) - current) <= 1e-6 * std::max(1.0, current));
        QVERIFY(std::abs(view.result()->originLoss - current) <= 1e-6 * std::max(1.0, current));
        QVERIFY(view.currentPoint() && std::abs(view.currentPoint()->x()) < 1e-9 && std::abs(view.currentPoint()->y()) < 1e-9);
        // Training on moves the current point off the centre; the map stays as computed.
        for (int e = 0; e < 5; ++e)
            t.trainEpoch();
        view.setModel(t.model());
        QVERIFY(view.currentPoint() && std::hypot(view.currentPoint()->x(), view.currentPoint()->y()) > 1e-6);
        QVERIFY(view.caption().contains(QStringLiteral("Random")));

        // Drawn: the map has many bands' colours (and more from contour lines and antialiasing).
        const QImage image = view.grab().toImage();
        const QRect plot = view.plotArea().toRect().adjusted(2, 2, -2, -2);
        QVERIFY(plot.width() > 200 && plot.height() > 200);
        QVERIFY2(distinctColours(image, plot) > LandscapePainter::kLevels,
                 qPrintable(QString::number(distinctColours(image, plot))));
        // The lowest band's colour is on the map: a basin around the trained weights.
        const QRgb lowest = landscapeBandColor(0, int(landscapeLevels(view.result()->landscape, LandscapePainter::kLevels).size()) + 1).rgb();
        bool found = false;
        for (int y = plot.top(); y <= plot.bottom() && !found; ++y)
            for (int x = plot.left(); x <= plot.right() && !found; ++x)
                found = image.pixel(x, y) == lowest;
        QVERIFY(found);

        // The principal directions of the run: orthonormal, the first explains the most.
        view.setDirections(LandscapeDirections::Trajectory);
        view.computeNow();
        QVERIFY(view.result()->directions == LandscapeDirections::Trajectory);
        QVERIFY(view.result()->plane.explained[0] > view.result()->plane.explained[1]);
        // The recorded run, then the current weights (trained on since the last record).
        QCOMPARE(view.result()->trajectory.size(), trajectory.size() + 1);
        QVERIFY(view.caption().contains(QStringLiteral("Principal")));
    }

    void cancelStopsBetweenRows()
    {
        // A large grid on a wider network: seconds of work, cancelled at once.
        const Config c = moons({LayerSpec{32, Activation::Tanh}, LayerSpec{32, Activation::Tanh}});
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        LandscapeView view;
        view.setDataset(t.dataset());
        view.setModel(t.model());
        view.setResolution(201);
        QSignalSpy done(&view, &LandscapeView::computed);
        view.compute();
        view.cancel();
        QVERIFY(done.wait(20000));
        QVERIFY(view.result());
        QVERIFY(view.result()->landscape.cancelled);
        QVERIFY(view.result()->landscape.rowsDone < 201);
        QVERIFY(std::isnan(view.result()->landscape.loss.back()));
    }

    void aViewWithoutANetworkSaysSo()
    {
        LandscapeView view;
        view.computeNow();
        QVERIFY(!view.result());
        QVERIFY(view.findChild<QProgressBar *>());
        // The figure still draws (a frame and the sentence).
        QImage image(400, 400, QImage::Format_ARGB32);
        QPainter p(&image);
        view.paintFigure(p, QRectF(0, 0, 400, 400), {});
        p.end();
        QVERIFY(distinctColours(image, image.rect()) > 2);
    }

    void closedFormSitsBesideGradientDescent()
    {
        const Config c = linear();
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        WeightTrajectory trajectory;
        ClosedFormView view;
        view.resize(500, 600);
        view.setSource(c, t.dataset());
        view.setModel(t.model());
        view.setTrajectory(&trajectory);
        QVERIFY(view.applies());
        QVERIFY(view.solveAction()->isEnabled());
        QSignalSpy reference(&view, &ClosedFormView::referenceChanged);
        view.solveAction()->trigger();  // in the background
        QVERIFY(reference.wait(10000));
        QTRY_VERIFY(!view.isSolving());
        QVERIFY(view.solution());
        QCOMPARE(reference.count(), 1);
        const ClosedFormSolution direct = solveClosedForm(t.model(), t.dataset(), 0.01);
        QCOMPARE(view.solution()->W, direct.W);
        QCOMPARE(reference.at(0).at(0).toDouble(), direct.dataLoss);
        QVERIFY(reference.at(0).at(1).toString().startsWith(QStringLiteral("closed form")));

        // Training closes the gap at a constant rate: about 1 - eta = 0.9 per step.
        run(t, trajectory, 60);
        view.setModel(t.model());
        const std::vector<QPointF> curve = view.distanceCurve();
        QCOMPARE(curve.size(), trajectory.size());
        QVERIFY(curve.back().y() < 1e-2 * curve.front().y());
        QCOMPARE(view.currentDistance(), distanceToSolution(t.model(), *view.solution()));
        QVERIFY2(std::abs(view.convergenceRate() - 0.9) < 0.01, qPrintable(QString::number(view.convergenceRate())));
        const QImage image = view.grab().toImage();
        QVERIFY(distinctColours(image, image.rect()) > 10);

        // A new L2 strength: solved again, so the marker stays true.
        Config stronger = c;
        stronger.training.penalty.l2 = 0.5;
        view.setSource(stronger, t.dataset());
        QTRY_COMPARE(reference.count(), 2);
        QVERIFY(view.solution()->W.norm() < direct.W.norm());
        // A hidden layer: no closed form, no marker, no button.
        Config hidden = c;
        hidden.network.hidden = {LayerSpec{}};
        view.setSource(hidden, t.dataset());
        QVERIFY(!view.applies());
        QVERIFY(!view.solveAction()->isEnabled());
        QVERIFY(!view.note().isEmpty());
        Trainer th;
        QCOMPARE(th.reset(hidden, t.dataset()), std::string());
        view.setModel(th.model());
        QVERIFY(!view.solution());
        QCOMPARE(reference.count(), 3);
        QVERIFY(std::isnan(reference.at(2).at(0).toDouble()));
    }

    void lossPlotShowsTheReferenceLine()
    {
        const Config c = linear();
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        for (int e = 0; e < 20; ++e)
            t.trainEpoch();
        LossPlot plot;
        plot.resize(600, 400);
        plot.setClassification(false);
        plot.setHistory(t.history(), true);
        // A reference far below the curve widens the (log) loss axis to include it.
        plot.setLogScale(true);
        const double below = t.history().back().train.loss / 1000;
        QVERIFY(plot.leftRange().first > below);
        plot.setReferenceLoss(below, QStringLiteral("closed form"));
        QCOMPARE(plot.referenceLoss(), below);
        QVERIFY(plot.leftRange().first <= below);
        // Drawn dotted in the training loss colour across the plot.
        const QImage image = plot.grab().toImage();
        const int y = int(std::round(plot.toPixel(0, below).y()));
        const QColor train = plot.seriesColor(LossPlot::TrainLoss);
        int hits = 0;
        const QRectF area = plot.plotArea();
        for (int x = int(area.left()) + 2; x < int(area.right()) - 2; ++x)
            for (int dy = -1; dy <= 1; ++dy)
                hits += QColor(image.pixel(x, y + dy)) == train ? 1 : 0;
        QVERIFY2(hits > area.width() / 5, qPrintable(QString::number(hits)));
        plot.setReferenceLoss(std::numeric_limits<double>::quiet_NaN(), {});
        QVERIFY(std::isnan(plot.referenceLoss()));
        QVERIFY(plot.referenceLabel().isEmpty());
    }
};

QTEST_MAIN(TestLandscapeView)
#include "test_landscapeview.moc"
