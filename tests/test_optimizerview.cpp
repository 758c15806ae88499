// The Optimizers view offscreen: it paints contours, paths and points in the optimizers'
// colours; dragging on the plane moves the start; stepping and playing move through the paths;
// the compact table edits an optimizer; a lesson's scene arrives whole; the figure shows the formula.
#include "figureexport.h"
#include "optimizercanvas.h"
#include "optimizertable.h"
#include "optimizerview.h"

#include "session/lesson.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace np;

namespace {

// Pixels within `radius` of `at` whose colour is within `tolerance` of `color` in every channel.
int pixelsNear(const QImage &image, QPoint at, int radius, QColor color, int tolerance = 12)
{
    int count = 0;
    for (int y = at.y() - radius; y <= at.y() + radius; ++y) {
        for (int x = at.x() - radius; x <= at.x() + radius; ++x) {
            if (!image.rect().contains(x, y))
                continue;
            const QColor c = image.pixelColor(x, y);
            count += std::abs(c.red() - color.red()) <= tolerance && std::abs(c.green() - color.green()) <= tolerance &&
                     std::abs(c.blue() - color.blue()) <= tolerance;
        }
    }
    return count;
}

}  // namespace

class TestOptimizerView : public QObject
{
    Q_OBJECT

private slots:
    void paintsPathsInTheirColours()
    {
        OptimizerView view;
        view.resize(1000, 520);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.scene().optimizers.size(), std::size_t(3));
        view.setStep(5);
        const QImage image = view.canvas()->grab().toImage();
        const PlaneMapping m = view.canvas()->currentLayout().plane;
        const qreal dpr = image.devicePixelRatio();
        // Each optimizer's current point is a disc of its colour where its path is at step 5.
        for (int i = 0; i < 3; ++i) {
            const Point2 p = view.picture().paths[std::size_t(i)].positions[5];
            const QPoint at = (m.toPixel(p) * dpr).toPoint();
            QVERIFY2(pixelsNear(image, at, 2, optimizerColor(i)) >= 3, qPrintable(QString::number(i)));
        }
        // The contour lines: darker than the shading they are drawn on, many of them.
        int dark = 0;
        for (int y = int(m.rect.top() * dpr) + 2; y < int(m.rect.bottom() * dpr) - 2; y += 3) {
            for (int x = int(m.rect.left() * dpr) + 2; x < int(m.rect.right() * dpr) - 2; x += 3)
                dark += qGray(image.pixel(x, y)) < 190;
        }
        QVERIFY2(dark > 200, qPrintable(QString::number(dark)));
        // The plane keeps equal scales: the quadratic's box (8 x 6) is drawn 4:3.
        QVERIFY(std::abs(m.rect.width() / m.rect.height() - 8.0 / 6.0) < 1e-9);
    }

    void dragMovesTheStart()
    {
        OptimizerView view;
        view.resize(1000, 520);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const PlaneMapping m = view.canvas()->currentLayout().plane;
        const QPoint from = m.toPixel(view.scene().start).toPoint();
        const QPoint to = m.toPixel({1.5, -2.0}).toPoint();
        QTest::mousePress(view.canvas(), Qt::LeftButton, {}, from);
        QVERIFY(view.canvas()->isDragging());
        QMouseEvent move(QEvent::MouseMove, QPointF(to), view.canvas()->mapToGlobal(QPointF(to)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.canvas(), &move);
        QTest::mouseRelease(view.canvas(), Qt::LeftButton, {}, to);
        QVERIFY(!view.canvas()->isDragging());
        const double pixel = (m.box.xMax - m.box.xMin) / m.rect.width();
        QVERIFY(std::abs(view.scene().start.x - 1.5) <= pixel);
        QVERIFY(std::abs(view.scene().start.y + 2.0) <= pixel);
        // Every path starts there now (in the engine's float), and shows whole while paused.
        for (const Trajectory &path : view.picture().paths) {
            QCOMPARE(path.positions.front().x, double(float(view.scene().start.x)));
            QCOMPARE(path.positions.front().y, double(float(view.scene().start.y)));
        }
        QCOMPARE(view.step(), view.scene().steps);
    }

    void stepsPlaysAndResets()
    {
        OptimizerView view;
        QSignalSpy steps(&view, &OptimizerView::stepChanged);
        QCOMPARE(view.step(), 0);
        view.stepOnce();
        QCOMPARE(view.step(), 1);
        view.stepOnce();
        QCOMPARE(view.step(), 2);
        QCOMPARE(steps.count(), 2);
        QCOMPARE(steps.last().at(0).toInt(), 2);
        view.reset();
        QCOMPARE(view.step(), 0);
        OptimizerScene shorter = view.scene();
        shorter.steps = 40;  // one step per tick: the run ends after 40 ticks
        view.setScene(shorter);
        view.play();
        QVERIFY(view.isPlaying());
        QTRY_COMPARE_WITH_TIMEOUT(view.step(), view.scene().steps, 30000);  // stops by itself at the end
        QVERIFY(!view.isPlaying());
        view.reset();
        view.runToEnd();
        QCOMPARE(view.step(), view.scene().steps);
        view.setStep(view.scene().steps + 100);
        QCOMPARE(view.step(), view.scene().steps);
    }

    void tableEditsAnOptimizer()
    {
        OptimizerView view;
        OptimizerTable *table = view.table();
        QCOMPARE(table->rowCount(), 3);
        // SGD uses η only: its μ cell is blank and cannot be edited.
        QCOMPARE(view.scene().optimizers[0].kind, OptimizerKind::SGD);
        QVERIFY(table->item(0, OptimizerTable::Momentum)->text().isEmpty());
        QVERIFY(!(table->item(0, OptimizerTable::Momentum)->flags() & Qt::ItemIsEditable));
        QVERIFY(table->item(1, OptimizerTable::Momentum)->flags() & Qt::ItemIsEditable);

        const std::vector<Point2> before = view.picture().paths[0].positions;
        table->item(0, OptimizerTable::LearningRate)->setText(QStringLiteral("0.02"));
        QCOMPARE(view.scene().optimizers[0].learningRate, 0.02);
        QVERIFY(view.picture().paths[0].positions != before);
        // Not a number, or out of range: the cell goes back.
        table->item(0, OptimizerTable::LearningRate)->setText(QStringLiteral("fast"));
        QCOMPARE(view.scene().optimizers[0].learningRate, 0.02);
        QCOMPARE(table->item(0, OptimizerTable::LearningRate)->text(), QStringLiteral("0.02"));
        table->item(1, OptimizerTable::Momentum)->setText(QStringLiteral("1.5"));
        QCOMPARE(view.scene().optimizers[1].momentum, 0.9);
        QCOMPARE(table->item(1, OptimizerTable::Momentum)->text(), QStringLiteral("0.9"));
        // Another kind: the row shows that kind's parameters.
        auto *kind = qobject_cast<QComboBox *>(table->cellWidget(0, OptimizerTable::Kind));
        QVERIFY(kind);
        kind->setCurrentIndex(int(OptimizerKind::RMSProp));
        emit kind->activated(int(OptimizerKind::RMSProp));
        QCOMPARE(view.scene().optimizers[0].kind, OptimizerKind::RMSProp);
        QVERIFY(!table->item(0, OptimizerTable::Rho)->text().isEmpty());
        QVERIFY(table->item(0, OptimizerTable::Momentum)->text().isEmpty());
    }

    void lessonSceneArrivesWhole()
    {
        const LessonReadResult read = loadLesson(std::string(NP_LESSONS_DIR) + "/20-adam-rosenbrock.json");
        QCOMPARE(QString::fromStdString(read.error), QString());
        QVERIFY(read.lesson->optimizerScene);
        OptimizerView view;
        view.runToEnd();
        view.setScene(*read.lesson->optimizerScene);
        QVERIFY(view.scene() == *read.lesson->optimizerScene);
        QCOMPARE(view.step(), 0);
        QCOMPARE(view.picture().paths.size(), read.lesson->optimizerScene->optimizers.size());
        QCOMPARE(view.table()->rowCount(), int(read.lesson->optimizerScene->optimizers.size()));
        QCOMPARE(view.figureTitle(), QStringLiteral("Optimizers on Rosenbrock"));

        // The figure carries the formula as text (SVG), and the legend each optimizer's η.
        QTemporaryDir dir;
        const QString path = dir.filePath("optimizers.svg");
        view.runToEnd();
        QCOMPARE(exportFigure(view, path, {}), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(file.readAll());
        QVERIFY(svg.contains(QStringLiteral("f = (1 − x)² + 100 (y − x²)²")));
        // (Qt writes a run of Greek apart from the Latin before it.)
        QVERIFY(svg.contains(QStringLiteral(">Adam  </text>")));
        QVERIFY(svg.contains(QStringLiteral(">η 0.1  β")));
        QVERIFY(svg.contains(QStringLiteral(">η 0.002")));
        QVERIFY(svg.contains(QStringLiteral("diverged")));  // SGD with η 0.0025 is thrown out
    }

    void surfaceControlsChangeTheScene()
    {
        OptimizerView view;
        auto *surface = view.findChild<QComboBox *>(QStringLiteral("optimizerSurface"));
        QVERIFY(surface);
        surface->setCurrentIndex(int(SurfaceKind::Himmelblau));
        emit surface->activated(int(SurfaceKind::Himmelblau));
        QCOMPARE(view.scene().surface.kind, SurfaceKind::Himmelblau);
        QVERIFY(view.scene().start == surfaceDefaultStart(view.scene().surface));
        QCOMPARE(view.step(), 0);
        auto *noise = view.findChild<QDoubleSpinBox *>(QStringLiteral("optimizerNoise"));
        QVERIFY(noise);
        const std::vector<Point2> clean = view.picture().paths[0].positions;
        noise->setValue(0.5);
        QCOMPARE(view.scene().surface.noise, 0.5);
        QVERIFY(view.picture().paths[0].positions != clean);
    }
};

QTEST_MAIN(TestOptimizerView)
#include "test_optimizerview.moc"
