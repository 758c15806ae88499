#include "boundarylegend.h"
#include "boundaryview.h"
#include "colors.h"
#include "document.h"
#include "geometry.h"
#include "painttool.h"

#include "data/generators.h"
#include "session/config.h"

#include <QtTest>
#include <QAction>
#include <QSettings>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

using np::BoundaryView;
using np::Config;
using np::DataPoint;
using np::Dataset;
using np::Document;
using np::PaintTool;
using np::Task;
using np::ViewFrame;

namespace {

constexpr QRgb kFrameColor = qRgb(40, 160, 90);

Config paintConfig(double validationFraction)
{
    Config config = np::defaultConfig();
    config.data.generator = np::Generator::Spiral;
    config.data.validationFraction = validationFraction;
    return config;
}

Dataset emptyDataset(Task task = Task::Classification, int classCount = 2)
{
    Dataset dataset;
    dataset.task = task;
    dataset.classCount = classCount;
    return dataset;
}

DataPoint point(double x1, double x2, int label = 0, bool validation = false)
{
    DataPoint p;
    p.x1 = x1;
    p.x2 = x2;
    p.label = label;
    p.validation = validation;
    return p;
}

/// A frame coloured `color` everywhere, with no outputs.
ViewFrame solidFrame(const BoundaryView &view, QRgb color)
{
    ViewFrame frame;
    frame.grid = view.grid();
    frame.boundary = QImage(frame.grid.columns, frame.grid.rows, QImage::Format_RGB32);
    frame.boundary.fill(color);
    return frame;
}

/// A document, a paint tool and the view, shown offscreen with a fixed light palette so colours
/// can be compared exactly.
struct Fixture
{
    Document document;
    PaintTool tool;
    std::unique_ptr<BoundaryView> view;

    explicit Fixture(const Config &config = paintConfig(0.0), const Dataset &dataset = emptyDataset(),
                     QSize size = {600, 600})
    {
        document.reset(config, dataset);
        view = std::make_unique<BoundaryView>(&document, &tool);
        QPalette palette = view->palette();
        palette.setColor(QPalette::Base, Qt::white);
        palette.setColor(QPalette::Window, QColor(240, 240, 240));
        palette.setColor(QPalette::Text, Qt::black);
        palette.setColor(QPalette::WindowText, Qt::black);
        view->setPalette(palette);
        view->resize(size);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    }

    QPoint pixel(double x1, double x2) const { return view->toPixel({x1, x2}).toPoint(); }
    QPointF plane(const QPoint &pixel) const { return view->toPlane(pixel); }

    /// Press at `from`, `moves` intermediate move events on the straight line, release at `to`.
    /// Returns the plane positions the stroke started and ended at (whole pixels).
    std::pair<QPointF, QPointF> stroke(QPointF from, QPointF to, int moves, Qt::MouseButton button = Qt::LeftButton,
                                       Qt::KeyboardModifiers modifiers = {})
    {
        const QPoint a = pixel(from.x(), from.y());
        const QPoint b = pixel(to.x(), to.y());
        QTest::mousePress(view.get(), button, modifiers, a);
        for (int i = 1; i <= moves; ++i) {
            // QTest::mouseMove does not carry held buttons in Qt 6; a plain event does.
            const QPointF at = QPointF(a) + (QPointF(b) - QPointF(a)) * (double(i) / (moves + 1));
            QMouseEvent move(QEvent::MouseMove, at, view->mapToGlobal(at), Qt::NoButton, button, modifiers);
            QApplication::sendEvent(view.get(), &move);
        }
        QMouseEvent last(QEvent::MouseMove, QPointF(b), view->mapToGlobal(QPointF(b)), Qt::NoButton, button, modifiers);
        QApplication::sendEvent(view.get(), &last);
        QTest::mouseRelease(view.get(), button, modifiers, b);
        return {plane(a), plane(b)};
    }

    QImage image() const { return view->grab().toImage().convertToFormat(QImage::Format_RGB32); }
    QRgb pixelAt(const QImage &image, double x1, double x2) const
    {
        const QPointF at = view->toPixel({x1, x2});
        return image.pixel(int(std::floor(at.x())), int(std::floor(at.y())));
    }
};

/// How many pixels of exactly `color` lie within `radius` pixels of the plane position.
int countNear(const Fixture &f, const QImage &image, double x1, double x2, double radius, QRgb color)
{
    const QPointF c = f.view->toPixel({x1, x2});
    int count = 0;
    for (int y = int(c.y() - radius); y <= int(c.y() + radius); ++y) {
        for (int x = int(c.x() - radius); x <= int(c.x() + radius); ++x) {
            if (std::hypot(x + 0.5 - c.x(), y + 0.5 - c.y()) <= radius && image.pixel(x, y) == color)
                ++count;
        }
    }
    return count;
}

}  // namespace

class TestBoundaryview : public QObject
{
    Q_OBJECT

private slots:
    // The plane's switches are remembered in the settings: the tests' own, not the user's.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void mappingIsExactInverse();
    void plotIsSquareCentredAndLeavesRoomForLargeFonts();
    void gridIsTheEvaluatorResolution();
    void paintStrokeAddsPointsAlongThePath();
    void paintDensityIgnoresMouseEventRate();
    void paintedPointsFollowValidationFraction();
    void paintClampsClassAndUsesRegressionTarget();
    void paintedPointsAreClippedIntoThePlane();
    void clickOutsidePlotChangesNothing();
    void rightDragErasesWithinRadiusOfThePath();
    void eraseSparesHiddenPoints();
    void shiftLeftErasesAndEmptyEraseLeavesNoUndoStep();
    void rendersFrameAndPoints();
    void rendersRegressionPointsWithDivergingColour();
    void marksMisclassifiedPoints();
    void misclassifiedRingsCanBeSwitchedOff();
    void pointsComeFromALayerDrawnOncePerData();
    void theKeyNamesColoursAndMarkersInTheFreestCorner();
    void readoutShowsOutputAtNearestGridPixel();
    void discretizeEmitsStyleChanged();
    void oneDimensionalDataSayWhereToLook();
};

void TestBoundaryview::mappingIsExactInverse()
{
    Fixture f(paintConfig(0.0), emptyDataset(), {700, 520});
    for (const QPointF p : {QPointF(0, 0), QPointF(-6, 6), QPointF(6, -6), QPointF(1.25, -3.5), QPointF(5.9, 0.1)}) {
        const QPointF back = f.view->toPlane(f.view->toPixel(p));
        QVERIFY2(std::abs(back.x() - p.x()) < 1e-12 && std::abs(back.y() - p.y()) < 1e-12,
                 qPrintable(QStringLiteral("(%1, %2) came back as (%3, %4)").arg(p.x()).arg(p.y()).arg(back.x()).arg(back.y())));
    }
    const QRectF plot = f.view->plotRect();
    QCOMPARE(f.view->toPlane(plot.topLeft()), QPointF(-6, 6));
    QCOMPARE(f.view->toPlane(plot.bottomRight()), QPointF(6, -6));
    QCOMPARE(f.view->toPlane(plot.topRight()), QPointF(6, 6));
    QCOMPARE(f.view->toPlane(plot.center()), QPointF(0, 0));
    // x1 grows to the right, x2 upwards.
    QVERIFY(f.view->toPixel({1, 0}).x() > f.view->toPixel({0, 0}).x());
    QVERIFY(f.view->toPixel({0, 1}).y() < f.view->toPixel({0, 0}).y());
}

void TestBoundaryview::plotIsSquareCentredAndLeavesRoomForLargeFonts()
{
    Fixture f(paintConfig(0.0), emptyDataset(), {900, 600});
    QRectF plot = f.view->plotRect();
    QCOMPARE(plot.width(), plot.height());
    QVERIFY(QRectF(f.view->rect()).contains(plot));
    // A wide view: the height limits the plot, and it sits in the middle horizontally.
    QVERIFY(std::abs(plot.center().x() - 450) <= 1.0);
    QVERIFY(plot.height() > 480);

    const double smallRadius = f.view->pointRadius();
    QFont font = f.view->font();
    font.setPixelSize(36);
    f.view->setFont(font);
    const QFontMetricsF fm(font);
    plot = f.view->plotRect();
    QCOMPARE(plot.width(), plot.height());
    // Room for the tick labels and the axis title left of the plot, two text lines below it.
    QVERIFY(plot.left() >= fm.horizontalAdvance(QStringLiteral("−6")) + fm.horizontalAdvance(QStringLiteral("x₂")));
    QVERIFY(f.view->height() - plot.bottom() >= 2 * fm.height());
    QVERIFY(f.view->pointRadius() >= smallRadius);
    QVERIFY(f.view->pointRadius() >= 0.25 * fm.height());

    f.view->setFont(QFont());
    f.view->resize(1200, 1200);
    QVERIFY(f.view->pointRadius() > smallRadius);
}

void TestBoundaryview::gridIsTheEvaluatorResolution()
{
    Fixture f;
    const np::GridSpec grid = f.view->grid();
    QCOMPARE(grid.xMin, -6.0);
    QCOMPARE(grid.xMax, 6.0);
    QCOMPARE(grid.yMin, -6.0);
    QCOMPARE(grid.yMax, 6.0);
    QCOMPARE(grid.columns, 256);
    QCOMPARE(grid.rows, 256);
}

void TestBoundaryview::paintStrokeAddsPointsAlongThePath()
{
    Fixture f;
    f.tool.setCurrentClass(1);
    f.tool.setDensity(5);
    const double radius = f.tool.brushRadius();
    const Dataset before = f.document.dataset();

    const auto [start, end] = f.stroke({-2, -1}, {2, 1.3}, 40);

    const std::vector<DataPoint> painted = f.document.dataset().points;
    // A dab at the press, then one every half radius along the path.
    const double length = std::hypot(end.x() - start.x(), end.y() - start.y());
    const int dabs = 1 + int(std::floor(length / (0.5 * radius)));
    QVERIFY2(std::abs(int(painted.size()) - 5 * dabs) <= 5,
             qPrintable(QStringLiteral("%1 points for %2 dabs").arg(painted.size()).arg(dabs)));
    QCOMPARE(painted.size() % 5, std::size_t(0));
    double sumDistance = 0;
    double minAlong = 1e9, maxAlong = -1e9;
    const QPointF direction = (end - start) / length;
    for (const DataPoint &p : painted) {
        QCOMPARE(p.label, 1);
        QCOMPARE(p.validation, false);
        const double d = np::distanceToSegment(QPointF(p.x1, p.x2), QLineF(start, end));
        QVERIFY2(d <= radius + 1e-9, qPrintable(QStringLiteral("point %1 from the path").arg(d)));
        sumDistance += d;
        const double along = QPointF::dotProduct(QPointF(p.x1, p.x2) - start, direction);
        minAlong = std::min(minAlong, along);
        maxAlong = std::max(maxAlong, along);
    }
    // Spread over the brush disc (not all at its centre) and over the whole path.
    QVERIFY(sumDistance / double(painted.size()) > 0.15 * radius);
    QVERIFY(minAlong < radius);
    QVERIFY(maxAlong > length - radius);

    QUndoStack *stack = f.document.undoStack();
    QCOMPARE(stack->count(), 1);
    QCOMPARE(stack->text(0), QStringLiteral("Paint Points"));
    stack->undo();
    QCOMPARE(f.document.dataset(), before);
    stack->redo();
    QCOMPARE(f.document.dataset().points, painted);
}

void TestBoundaryview::paintDensityIgnoresMouseEventRate()
{
    Fixture f;
    f.tool.setDensity(3);
    f.stroke({-4, 0.3}, {3.3, 2.1}, 200);
    const std::size_t many = f.document.dataset().points.size();
    f.document.undoStack()->undo();
    QCOMPARE(f.document.dataset().points.size(), std::size_t(0));
    // The same path in three big jumps: the same dabs, so the same number of points.
    f.stroke({-4, 0.3}, {3.3, 2.1}, 2);
    QCOMPARE(f.document.dataset().points.size(), many);
    QVERIFY(many > 3 * 15);
    QCOMPARE(f.document.undoStack()->count(), 1);
}

void TestBoundaryview::paintedPointsFollowValidationFraction()
{
    Fixture f(paintConfig(0.5));
    f.tool.setDensity(50);
    f.stroke({0, 0}, {2, 0}, 10);
    const Dataset &data = f.document.dataset();
    QVERIFY(data.points.size() >= 200);
    const double share = double(data.validationCount()) / double(data.points.size());
    QVERIFY2(share > 0.4 && share < 0.6, qPrintable(QString::number(share)));
}

void TestBoundaryview::paintClampsClassAndUsesRegressionTarget()
{
    {
        Fixture f;
        f.tool.setCurrentClass(5);
        QCOMPARE(f.tool.currentClass(), 5);
        f.stroke({1, 1}, {1.5, 1}, 3);
        QVERIFY(!f.document.dataset().points.empty());
        for (const DataPoint &p : f.document.dataset().points)
            QCOMPARE(p.label, 1);
    }
    {
        Config config = paintConfig(0.0);
        config.data.generator = np::Generator::Plane;
        Fixture f(config, emptyDataset(Task::Regression));
        f.tool.setTargetValue(0.25);
        f.tool.setCurrentClass(3);
        f.stroke({-1, -1}, {-1, 0}, 3);
        QVERIFY(!f.document.dataset().points.empty());
        for (const DataPoint &p : f.document.dataset().points) {
            QCOMPARE(p.target, 0.25);
            QCOMPARE(p.label, 0);
        }
    }
}

void TestBoundaryview::paintedPointsAreClippedIntoThePlane()
{
    Fixture f;
    f.tool.setBrushRadius(1.0);
    f.tool.setDensity(50);
    f.stroke({5.8, -5.8}, {5.8, -5.8}, 0);
    const std::vector<DataPoint> &points = f.document.dataset().points;
    QCOMPARE(points.size(), std::size_t(50));
    int onEdge = 0;
    for (const DataPoint &p : points) {
        QVERIFY(p.x1 >= -6 && p.x1 <= 6 && p.x2 >= -6 && p.x2 <= 6);
        onEdge += p.x1 == 6.0 || p.x2 == -6.0;
    }
    // Much of the disc lies outside: those points land on the border rather than vanish.
    QVERIFY(onEdge > 5);
}

void TestBoundaryview::clickOutsidePlotChangesNothing()
{
    Dataset dataset = emptyDataset();
    dataset.points = {point(-5.9, 0.0), point(0.0, -5.9)};
    Fixture f(paintConfig(0.0), dataset);
    const QRectF plot = f.view->plotRect();
    // Just outside the frame, on the axes: the brush would reach the points, but a press in the
    // margin is not a stroke.
    QTest::mouseClick(f.view.get(), Qt::LeftButton, {}, QPoint(int(plot.left()) - 3, int(plot.center().y())));
    QTest::mouseClick(f.view.get(), Qt::RightButton, {}, QPoint(int(plot.left()) - 3, int(plot.center().y())));
    QTest::mouseClick(f.view.get(), Qt::RightButton, {}, QPoint(int(plot.center().x()), int(plot.bottom()) + 3));
    QCOMPARE(f.document.dataset(), dataset);
    QCOMPARE(f.document.undoStack()->count(), 0);
}

void TestBoundaryview::eraseSparesHiddenPoints()
{
    Dataset dataset = emptyDataset();
    dataset.points = {point(1.0, 1.0), point(1.1, 1.0, 1, true), point(1.0, 1.1, 1)};
    Fixture f(paintConfig(0.0), dataset);
    f.view->setShowTraining(false);
    f.stroke({1.05, 1.05}, {1.05, 1.05}, 0, Qt::RightButton);
    QCOMPARE(f.document.dataset().points, (std::vector<DataPoint>{dataset.points[0], dataset.points[2]}));
}

void TestBoundaryview::rightDragErasesWithinRadiusOfThePath()
{
    Dataset dataset = emptyDataset();
    // Distances from the swept segment (0, 0)-(0, 1), brush radius 0.4, all clear of the edge
    // by more than a pixel's rounding.
    dataset.points = {
        point(0.0, 0.0),          // 0     erased
        point(0.3, 0.0, 1),       // 0.3   erased
        point(0.55, 0.2),         // 0.55  kept
        point(0.0, 1.3, 1, true), // 0.3   erased (validation points too)
        point(0.3, 1.4),          // 0.5   kept
        point(-0.35, 0.3),        // 0.35  erased: only the sweep between events reaches it
        point(-0.5, 0.5, 1),      // 0.5   kept
        point(3.0, -3.0),         //       kept
        point(0.0, -0.3, 0, true) // 0.3   erased
    };
    Fixture f(paintConfig(0.0), dataset);
    f.tool.setBrushRadius(0.4);

    // One move event in between: the cursor is never near (-0.35, 0.3) at an event.
    f.stroke({0, 0}, {0, 1}, 1, Qt::RightButton);

    const std::vector<DataPoint> expected = {dataset.points[2], dataset.points[4], dataset.points[6],
                                             dataset.points[7]};
    QCOMPARE(f.document.dataset().points, expected);
    QUndoStack *stack = f.document.undoStack();
    QCOMPARE(stack->count(), 1);
    QCOMPARE(stack->text(0), QStringLiteral("Erase Points"));
    stack->undo();
    QCOMPARE(f.document.dataset(), dataset);
    stack->redo();
    QCOMPARE(f.document.dataset().points, expected);
}

void TestBoundaryview::shiftLeftErasesAndEmptyEraseLeavesNoUndoStep()
{
    Dataset dataset = emptyDataset();
    dataset.points = {point(-2, 2), point(2, -2, 1)};
    Fixture f(paintConfig(0.0), dataset);

    f.stroke({4, 4}, {4.5, 4}, 2, Qt::RightButton);
    QCOMPARE(f.document.dataset(), dataset);
    QCOMPARE(f.document.undoStack()->count(), 0);

    f.stroke({2, -2}, {2, -2}, 0, Qt::LeftButton, Qt::ShiftModifier);
    QCOMPARE(f.document.dataset().points, std::vector<DataPoint>{dataset.points[0]});
    QCOMPARE(f.document.undoStack()->count(), 1);
    QCOMPARE(f.document.undoStack()->text(0), QStringLiteral("Erase Points"));
}

void TestBoundaryview::rendersFrameAndPoints()
{
    Dataset dataset = emptyDataset();
    dataset.points = {point(2, 2, 1), point(-2, -2, 0, true)};
    Fixture f(paintConfig(0.0), dataset);
    const double radius = f.view->pointRadius();

    QImage image = f.image();
    QCOMPARE(f.pixelAt(image, 0, 0), qRgb(255, 255, 255));  // no frame yet: the base colour

    f.view->setFrame(solidFrame(*f.view, kFrameColor));
    image = f.image();
    QCOMPARE(f.pixelAt(image, 0, 0), kFrameColor);
    QCOMPARE(f.pixelAt(image, -5.9, 5.9), kFrameColor);
    QCOMPARE(f.pixelAt(image, 2, 2), np::classColor(1).rgb());
    // A validation point: the base colour inside a ring of its class colour.
    QCOMPARE(f.pixelAt(image, -2, -2), qRgb(255, 255, 255));
    QVERIFY(countNear(f, image, -2, -2, radius, np::classColor(0).rgb()) > 5);

    f.view->setShowTraining(false);
    image = f.image();
    QCOMPARE(f.pixelAt(image, 2, 2), kFrameColor);
    QCOMPARE(f.pixelAt(image, -2, -2), qRgb(255, 255, 255));

    f.view->setShowValidation(false);
    image = f.image();
    QCOMPARE(f.pixelAt(image, -2, -2), kFrameColor);
    QCOMPARE(countNear(f, image, -2, -2, radius, np::classColor(0).rgb()), 0);

    // Points follow the document: a painted point appears without any other call.
    f.view->setShowTraining(true);
    f.document.addPoints({point(-3, 3, 1)});
    image = f.image();
    QCOMPARE(f.pixelAt(image, -3, 3), np::classColor(1).rgb());
}

void TestBoundaryview::rendersRegressionPointsWithDivergingColour()
{
    Dataset dataset = emptyDataset(Task::Regression);
    DataPoint high = point(2, 2);
    high.target = 0.5;
    DataPoint low = point(-2, 2);
    low.target = -1.0;
    dataset.points = {high, low};
    Fixture f(paintConfig(0.0), dataset);
    f.view->setFrame(solidFrame(*f.view, kFrameColor));
    const QImage image = f.image();
    QCOMPARE(f.pixelAt(image, 2, 2), np::divergingColor(0.5, qRgb(255, 255, 255)));
    QCOMPARE(f.pixelAt(image, -2, 2), np::classColor(0).rgb());
}

void TestBoundaryview::marksMisclassifiedPoints()
{
    Dataset dataset = emptyDataset();
    dataset.points = {point(-3, 0, 0), point(3, 0, 0), point(0, 3, 1, true)};
    Fixture f(paintConfig(0.0), dataset);
    const double around = 3 * f.view->pointRadius();
    const QRgb marker = qRgb(0, 0, 0);  // the palette's text colour

    ViewFrame frame = solidFrame(*f.view, kFrameColor);
    frame.predicted = {1, 0, 0};  // the first and the validation point are wrong
    frame.datasetVersion = f.document.datasetRevision();
    f.view->setFrame(frame);
    QImage image = f.image();
    QVERIFY(countNear(f, image, -3, 0, around, marker) > 10);
    QCOMPARE(countNear(f, image, 3, 0, around, marker), 0);
    QVERIFY(countNear(f, image, 0, 3, around, marker) > 10);

    // Predictions for another set of points (an edit since the frame) are not shown.
    frame.predicted = {1, 0};
    f.view->setFrame(frame);
    image = f.image();
    QCOMPARE(countNear(f, image, -3, 0, around, marker), 0);

    // Nor are predictions for data of an older revision, even with the same number of points.
    frame.predicted = {1, 0, 0};
    frame.datasetVersion = f.document.datasetRevision() - 1;
    f.view->setFrame(frame);
    image = f.image();
    QCOMPARE(countNear(f, image, -3, 0, around, marker), 0);
}

void TestBoundaryview::pointsComeFromALayerDrawnOncePerData()
{
    Dataset dataset = emptyDataset();
    dataset.points = {point(-3, 0, 0), point(3, 0, 0), point(0, 3, 1, true)};
    Fixture f(paintConfig(0.0), dataset);
    const double around = 3 * f.view->pointRadius();
    const QRgb marker = qRgb(0, 0, 0);
    ViewFrame frame = solidFrame(*f.view, kFrameColor);
    frame.predicted = {1, 0, 0};
    frame.datasetVersion = f.document.datasetRevision();
    f.view->setFrame(frame);
    QImage image = f.image();
    const int draws = f.view->pointLayerDraws();
    QVERIFY(draws >= 1);
    QVERIFY(countNear(f, image, -3, 0, around, marker) > 10);

    // New predictions: the rings move, the points are not drawn again.
    frame.predicted = {0, 0, 0};
    f.view->setFrame(frame);
    image = f.image();
    QCOMPARE(f.view->pointLayerDraws(), draws);
    QCOMPARE(countNear(f, image, -3, 0, around, marker), 0);
    QVERIFY(countNear(f, image, 0, 3, around, marker) > 10);
    QVERIFY(countNear(f, image, -3, 0, 0.5 * f.view->pointRadius(), np::classColor(0).rgb()) > 0);

    // New data: drawn once more, with the new point in it.
    f.stroke({-4, -4}, {-4, -4}, 0);
    image = f.image();
    QCOMPARE(f.view->pointLayerDraws(), draws + 1);
    QVERIFY(f.document.dataset().points.size() > 3);
}

void TestBoundaryview::misclassifiedRingsCanBeSwitchedOff()
{
    Dataset dataset = emptyDataset();
    dataset.points = {point(-3, 0, 0), point(3, 0, 0), point(0, 3, 1, true)};
    Fixture f(paintConfig(0.0), dataset);
    const double around = 3 * f.view->pointRadius();
    const QRgb marker = qRgb(0, 0, 0);
    ViewFrame frame = solidFrame(*f.view, kFrameColor);
    frame.predicted = {1, 0, 0};
    frame.datasetVersion = f.document.datasetRevision();
    f.view->setFrame(frame);
    QVERIFY(f.view->showMisclassified());
    QVERIFY(f.view->misclassifiedAction()->isCheckable());
    QCOMPARE(f.view->misclassifiedAction()->shortcut(), QKeySequence(QStringLiteral("M")));
    const QImage ringed = f.image();
    QVERIFY(countNear(f, ringed, -3, 0, around, marker) > 10);

    // The View menu's action turns them off (and is remembered); the points themselves stay.
    f.view->misclassifiedAction()->trigger();
    QVERIFY(!f.view->showMisclassified());
    QCOMPARE(QSettings().value(QStringLiteral("plane/misclassifiedRings")).toBool(), false);
    const QImage plain = f.image();
    QCOMPARE(countNear(f, plain, -3, 0, around, marker), 0);
    QCOMPARE(countNear(f, plain, 0, 3, around, marker), 0);
    QCOMPARE(f.pixelAt(plain, 3, 0), np::classColor(0).rgb());
    QVERIFY(plain != ringed);
    // A new view starts as the user left it.
    BoundaryView second(&f.document, &f.tool);
    QVERIFY(!second.showMisclassified());
    QVERIFY(!second.misclassifiedAction()->isChecked());
    f.view->misclassifiedAction()->trigger();
    QVERIFY(f.view->showMisclassified());
    QVERIFY(countNear(f, f.image(), -3, 0, around, marker) > 10);
}

void TestBoundaryview::theKeyNamesColoursAndMarkersInTheFreestCorner()
{
    // Points crowd the top right, where the key would go first: it takes the top left instead.
    Dataset dataset = emptyDataset();
    for (int i = 0; i < 6; ++i)
        dataset.points.push_back(point(5.5 - 0.3 * i, 5.5 - 0.2 * i, i % 2));
    dataset.points.push_back(point(-1, -1, 1, true));
    Fixture f(paintConfig(0.0), dataset);
    f.view->setFrame(solidFrame(*f.view, kFrameColor));
    const QRectF key = f.view->legendRect();
    const QRectF plot = f.view->plotRect();
    QVERIFY(plot.contains(key));
    QVERIFY2(key.left() < plot.center().x() && key.top() < plot.center().y(), qPrintable(QStringLiteral("%1 %2").arg(key.left()).arg(key.top())));
    // Small: at most a sixth of the plane.
    QVERIFY(key.width() * key.height() < plot.width() * plot.height() / 6);
    for (const DataPoint &p : dataset.points)
        QVERIFY(!key.contains(f.view->toPixel({p.x1, p.x2})));
    // It lists the classes, the validation ring and the misclassified mark, and shows the colours.
    const QPalette palette = f.view->palette();
    QCOMPARE(np::PlaneLegend(dataset, palette, true, true, true).lines(),
             (QStringList{QStringLiteral("class 1 2"), QStringLiteral("validation"), QStringLiteral("misclassified")}));
    QCOMPARE(np::PlaneLegend(dataset, palette, true, true, false).lines(),
             (QStringList{QStringLiteral("class 1 2"), QStringLiteral("validation")}));
    QImage image = f.image();
    const auto count = [&](const QImage &im, QRgb color) {
        int n = 0;
        for (int y = int(key.top()); y < int(key.bottom()); ++y)
            for (int x = int(key.left()); x < int(key.right()); ++x)
                n += im.pixel(x, y) == color;
        return n;
    };
    QVERIFY(count(image, np::classColor(0).rgb()) > 5);
    QVERIFY(count(image, np::classColor(1).rgb()) > 5);
    // Its own switch hides it: the plane shows through again.
    QCOMPARE(f.view->legendAction()->shortcut(), QKeySequence(QStringLiteral("K")));
    f.view->legendAction()->trigger();
    QVERIFY(f.view->legendRect().isEmpty());
    image = f.image();
    QCOMPARE(count(image, np::classColor(0).rgb()), 0);
    QVERIFY(count(image, kFrameColor) > key.width() * key.height() * 0.9);
    f.view->legendAction()->trigger();
    QVERIFY(!f.view->legendRect().isEmpty());
}

void TestBoundaryview::readoutShowsOutputAtNearestGridPixel()
{
    Fixture f;  // default config: sigmoid head, two classes
    QCOMPARE(f.document.config().network.head, np::OutputHead::Sigmoid);
    QCOMPARE(f.view->readout({1.5, -2.25}), QStringLiteral("x₁ 1.50, x₂ −2.25"));

    ViewFrame frame = solidFrame(*f.view, kFrameColor);
    const np::GridSpec &g = frame.grid;
    frame.output.resize(1, g.pixels());
    for (int row = 0; row < g.rows; ++row) {
        for (int column = 0; column < g.columns; ++column)
            frame.output(0, np::Index(row) * g.columns + column) = column < 128 ? 0.2f : 0.9f;
    }
    // One marked pixel: the column and row whose centres are nearest to (3.01, 1.0).
    const int column = int((3.01 + 6) / 12 * 256);
    const int row = int((6 - 1.0) / 12 * 256);
    frame.output(0, np::Index(row) * g.columns + column) = 0.55f;
    f.view->setFrame(frame);
    QCOMPARE(f.view->readout({-3, 1}), QStringLiteral("x₁ −3.00, x₂ 1.00\nClass 1: 80%"));
    QCOMPARE(f.view->readout({3, 2}), QStringLiteral("x₁ 3.00, x₂ 2.00\nClass 2: 90%"));
    QCOMPARE(f.view->readout({3.01, 1.0}), QStringLiteral("x₁ 3.01, x₂ 1.00\nClass 2: 55%"));

    // Softmax over three classes: the largest share.
    Config config = f.document.config();
    config.network.head = np::OutputHead::Softmax;
    config.network.loss = np::Loss::CategoricalCrossEntropy;
    f.document.reset(config, emptyDataset(Task::Classification, 3));
    QCOMPARE(f.view->readout({3, 2}), QStringLiteral("x₁ 3.00, x₂ 2.00"));  // a 1-output frame does not fit
    frame.output.resize(3, g.pixels());
    frame.output.row(0).setConstant(0.1f);
    frame.output.row(1).setConstant(0.2f);
    frame.output.row(2).setConstant(0.7f);
    f.view->setFrame(frame);
    QCOMPARE(f.view->readout({3, 2}), QStringLiteral("x₁ 3.00, x₂ 2.00\nClass 3: 70%"));

    // Regression: the value.
    config.network.head = np::OutputHead::Linear;
    config.network.loss = np::Loss::Squared;
    f.document.reset(config, emptyDataset(Task::Regression));
    frame.output.resize(1, g.pixels());
    frame.output.setConstant(-0.42f);
    f.view->setFrame(frame);
    QCOMPARE(f.view->readout({0, 0}), QStringLiteral("x₁ 0.00, x₂ 0.00\nValue −0.42"));
}

void TestBoundaryview::discretizeEmitsStyleChanged()
{
    Fixture f;
    QSignalSpy spy(f.view.get(), &BoundaryView::styleChanged);
    f.view->setDiscretize(true);
    QCOMPARE(spy.count(), 1);
    QVERIFY(f.view->discretize());
    f.view->setDiscretize(true);
    QCOMPARE(spy.count(), 1);
    f.view->setDiscretize(false);
    QCOMPARE(spy.count(), 2);
}

void TestBoundaryview::oneDimensionalDataSayWhereToLook()
{
    // 1-D data: the plane says it shows x1 only and points to the function view, across its top.
    Config config = np::defaultConfig();
    config.data.generator = np::Generator::CurveSin;
    config.features = {np::Feature::X1};
    config.network.head = np::OutputHead::Linear;
    config.network.loss = np::Loss::Squared;
    Fixture f(config, np::generateDataset(config.data));
    QVERIFY(f.view->oneDimensionalNote().contains("Function view"));
    const QImage image = f.view->grab().toImage();
    const QRect plot(f.pixel(-6, 6), f.pixel(6, -6));
    // The band over the plot's bottom holds dark text on the (veiled) background.
    int dark = 0;
    for (int y = plot.bottom() - 40; y < plot.bottom(); ++y)
        for (int x = plot.left(); x < plot.right(); ++x)
            dark += QColor(image.pixel(x, y)).value() < 80;
    QVERIFY2(dark > 100, qPrintable(QString::number(dark)));

    // 2-D data and a network reading x2 have no note.
    Fixture plain;
    QVERIFY(plain.view->oneDimensionalNote().isEmpty());
}

QTEST_MAIN(TestBoundaryview)
#include "test_boundaryview.moc"
