// The folding view: the mesh it draws in a layer's space, the morph from the layer before, the
// choice of axes, the fixed and fitted scales, the layer list, and what it says with nothing to draw.

#include "document.h"
#include "foldingmodels.h"
#include "foldingview.h"
#include "boundarypainter.h"
#include "markerstamps.h"

#include "analysis/projection.h"
#include "network/init.h"
#include "session/config.h"

#include <QComboBox>
#include <QImage>
#include <QPainter>
#include <QPicture>
#include <QSignalSpy>
#include <QtTest>

using namespace np;
using namespace np::test;

namespace {

struct Fixture
{
    Document document;
    FoldingView view{&document};

    explicit Fixture(const Dataset &dataset = somePoints())
    {
        document.reset(defaultConfig(), dataset);
        QPalette palette = view.palette();
        palette.setColor(QPalette::Base, Qt::white);
        palette.setColor(QPalette::Window, QColor(240, 240, 240));
        palette.setColor(QPalette::Text, Qt::black);
        palette.setColor(QPalette::WindowText, Qt::black);
        view.setPalette(palette);
        view.resize(600, 650);
    }

    ViewFrame frame(const Model &model) const
    {
        ViewFrame f = computeViewFrame(model, document.dataset(), BoundaryStyle{}, GridSpec{-6, 6, -6, 6, 16, 16},
                                       FoldingView::requiredNeeds(ViewNeeds{}));
        f.datasetVersion = document.datasetRevision();
        return f;
    }

    const FoldingMesh &show(const Model &model)
    {
        const ViewFrame f = frame(model);
        view.setFrame(f);
        meshes.push_back(f.folding);
        return *meshes.back();
    }

    std::vector<std::shared_ptr<const FoldingMesh>> meshes;  ///< keeps every shown mesh alive for the caller
};

}  // namespace

class TestFoldingView : public QObject
{
    Q_OBJECT

private slots:
    void needsAskForTheMesh()
    {
        ViewNeeds needs;
        needs.regions = true;
        const ViewNeeds required = FoldingView::requiredNeeds(needs);
        QVERIFY(required.folding);
        QCOMPARE(required.foldingSide, 31);
        QVERIFY(required.regions);  // what other views need stays
    }

    void anIdentityLayerDrawsTheInputGrid()
    {
        Fixture f;
        const FoldingMesh &mesh = f.show(identityModel());
        QCOMPARE(f.view.layer(), 1);
        QVERIFY(f.view.message().isEmpty());
        QVERIFY(!f.view.usesPrincipalComponents());  // two units: the units themselves
        QCOMPARE(f.view.meshPositions().cols(), Index(31 * 31));
        // Drawn where the input grid is, up to the engine's single precision.
        QVERIFY(maxDifference(f.view.meshPositions(), mesh.vertices[0]) < 1e-6);
        QVERIFY(maxDifference(f.view.pointPositions(), mesh.points[0]) < 1e-6);
        QCOMPARE(f.view.meshPositions()(0, 0), -6.0);  // the top-left vertex
        QCOMPARE(f.view.meshPositions()(1, 0), 6.0);
        QCOMPARE(f.view.pointPositions()(0, 1), -3.0);
        QCOMPARE(f.view.axisLabel(0), QStringLiteral("a₁ of hidden layer 1"));
        QCOMPARE(f.view.axisLabel(1), QStringLiteral("a₂ of hidden layer 1"));
        // And the morph from the plane does not move anything.
        f.view.setMorph(0.0);
        QVERIFY(maxDifference(f.view.meshPositions(), mesh.vertices[0]) < 1e-6);
        QCOMPARE(f.view.axisLabel(0), QStringLiteral("x₁"));
    }

    void theMorphRunsFromThePreviousLayerToThisOne()
    {
        Fixture f;
        const FoldingMesh &mesh = f.show(randomModel({3, 4}, Activation::Tanh));
        f.view.setPrincipalComponents(false);
        f.view.setLayer(2);
        f.view.setUnits(1, 3);
        QCOMPARE(f.view.units(), std::make_pair(1, 3));

        f.view.setMorph(1.0);
        const Matrix<double> end = unitAxes(4, 1, 3).apply(mesh.vertices[2]);
        QVERIFY(maxDifference(f.view.meshPositions(), end) < 1e-12);
        QVERIFY(maxDifference(f.view.pointPositions(), unitAxes(4, 1, 3).apply(mesh.points[2])) < 1e-12);
        // t = 0: hidden layer 1 on its own axes (units a1, a2 unless chosen otherwise).
        f.view.setMorph(0.0);
        const Matrix<double> start = unitAxes(3, 0, 1).apply(mesh.vertices[1]);
        QVERIFY(maxDifference(f.view.meshPositions(), start) < 1e-12);
        QCOMPARE(f.view.axisLabel(0), QStringLiteral("a₁ of hidden layer 1"));
        f.view.setMorph(0.5);
        QVERIFY(maxDifference(f.view.meshPositions(), 0.5 * (start + end)) < 1e-12);
        QCOMPARE(f.view.axisLabel(1), QStringLiteral("a₂ of hidden layer 1 → a₄ of hidden layer 2"));
        QCOMPARE(f.view.figureTitle(), QStringLiteral("Hidden layer 1 → hidden layer 2 (folding, 50%)"));
        // The range moves with the picture: it holds every position on the way.
        const QRectF range = f.view.dataRange();
        for (Index i = 0; i < f.view.meshPositions().cols(); ++i)
            QVERIFY(range.adjusted(-1e-9, -1e-9, 1e-9, 1e-9)
                        .contains(QPointF(f.view.meshPositions()(0, i), f.view.meshPositions()(1, i))));
    }

    void zeroOfALayerIsTheLayerBeforeAtFull()
    {
        // With principal components the two ends are each layer's own picture, so stepping back
        // one layer shows at 100% exactly what 0% showed.
        Fixture f;
        f.show(randomModel({5, 6, 4}, Activation::ReLU));
        for (int layer = 2; layer <= 4; ++layer) {
            f.view.setLayer(layer);
            f.view.setMorph(0.0);
            const Matrix<double> start = f.view.meshPositions();
            const QString label = f.view.axisLabel(0);
            f.view.setLayer(layer - 1);
            f.view.setMorph(1.0);
            QVERIFY(maxDifference(f.view.meshPositions(), start) < 1e-12);
            QCOMPARE(f.view.axisLabel(0), label);
        }
    }

    void principalComponentsFollowTheToggle()
    {
        Fixture f;
        const FoldingMesh &mesh = f.show(randomModel({3}, Activation::Tanh));
        QVERIFY(f.view.principalComponents());  // the default for wide layers
        QVERIFY(f.view.usesPrincipalComponents());
        const Projection2D pca = principalAxes(mesh.vertices[1]);
        const Matrix<double> expected = pca.apply(mesh.vertices[1]);
        for (int k = 0; k < 2; ++k) {
            // Equal up to the sign the view chose.
            const double same = (f.view.meshPositions().row(k) - expected.row(k)).cwiseAbs().maxCoeff();
            const double flipped = (f.view.meshPositions().row(k) + expected.row(k)).cwiseAbs().maxCoeff();
            QVERIFY(std::min(same, flipped) < 1e-9);
        }
        const QString percent = QString::number(std::lround(100 * pca.explained[0]));
        QCOMPARE(f.view.axisLabel(0), QStringLiteral("PC1 of hidden layer 1 (%1% of variance)").arg(percent));

        f.view.setPrincipalComponents(false);
        QVERIFY(!f.view.usesPrincipalComponents());
        QVERIFY(maxDifference(f.view.meshPositions(), mesh.vertices[1].topRows(2)) < 1e-12);
        QCOMPARE(f.view.axisLabel(0), QStringLiteral("a₁ of hidden layer 1"));

        // A layer of two units is always shown on its units.
        f.view.setPrincipalComponents(true);
        f.show(identityModel());
        QVERIFY(f.view.principalComponents());
        QVERIFY(!f.view.usesPrincipalComponents());
    }

    void fixedScaleKeepsTheRangeAndAutoFitFollows()
    {
        Fixture f;
        QVERIFY(f.view.fixedScale());
        f.show(identityModel(1.0));
        const QRectF first = f.view.dataRange();
        QCOMPARE(first, QRectF(QPointF(-6, -6), QPointF(6, 6)));
        f.show(identityModel(0.5));  // shrinks: the range stays
        QCOMPARE(f.view.dataRange(), first);
        f.show(identityModel(2.0));  // grows: the range grows to keep every point inside
        QCOMPARE(f.view.dataRange(), QRectF(QPointF(-12, -12), QPointF(12, 12)));
        f.show(identityModel(0.5));
        QCOMPARE(f.view.dataRange().width(), 24.0);
        f.view.resetScale();
        QCOMPARE(f.view.dataRange(), QRectF(QPointF(-3, -3), QPointF(3, 3)));

        f.view.setFixedScale(false);
        f.show(identityModel(1.0));
        QCOMPARE(f.view.dataRange(), first);
        f.show(identityModel(0.5));
        QCOMPARE(f.view.dataRange(), QRectF(QPointF(-3, -3), QPointF(3, 3)));
    }

    void theLayerComboListsHiddenLayersAndTheOutput()
    {
        Fixture f;
        f.show(randomModel({8, 8, 8}, Activation::ReLU));
        const QStringList names = f.view.layerNames();
        QCOMPARE(names.size(), 4);
        QCOMPARE(names.front(), QStringLiteral("Hidden layer 1 — 8 × ReLU"));
        QCOMPARE(names.back(), QStringLiteral("Output layer — 1 × Sigmoid (binary)"));
        auto *combo = f.view.findChildren<QComboBox *>().front();  // the first control
        QCOMPARE(combo->count(), 4);
        QCOMPARE(combo->itemText(3), names.back());
        QCOMPARE(combo->currentIndex(), 0);

        f.view.setLayer(4);
        QCOMPARE(combo->currentIndex(), 3);
        QCOMPARE(f.view.figureName(), QStringLiteral("folding"));
        QCOMPARE(f.view.figureTitle(), QStringLiteral("Output layer (folding)"));
        // One output unit: a line, the vertical axis unused.
        QCOMPARE(f.view.meshPositions().row(1).cwiseAbs().maxCoeff(), 0.0);
        f.view.setLayer(2);
        QCOMPARE(f.view.figureTitle(), QStringLiteral("Hidden layer 2 (folding)"));
        // A network of the same shape keeps the choice; another shape keeps what still exists.
        f.show(randomModel({8, 8, 8}, Activation::ReLU, 9));
        QCOMPARE(f.view.layer(), 2);
        f.show(randomModel({4}, Activation::ReLU));
        QCOMPARE(f.view.layer(), 2);  // now the output layer
        QCOMPARE(f.view.layerNames().size(), 2);
    }

    void saysWhyWhenThereIsNothingToDraw()
    {
        Fixture f;
        QVERIFY(f.view.message().contains(QStringLiteral("once the network has been evaluated")));
        ViewFrame noMesh = f.frame(identityModel());
        noMesh.folding.reset();
        f.view.setFrame(noMesh);
        QVERIFY(f.view.message().contains(QStringLiteral("once the network has been evaluated")));
        f.show(randomModel({}, Activation::ReLU));
        QVERIFY(f.view.message().contains(QStringLiteral("no hidden layer")));
        QCOMPARE(f.view.layerNames(), QStringList{QStringLiteral("Output layer — 1 × Sigmoid (binary)")});

        // The message is drawn, not an empty plot: dark text pixels in the middle band.
        QImage image(600, 400, QImage::Format_RGB32);
        QPainter painter(&image);
        f.view.paintFigure(painter, QRectF(0, 0, 600, 400), FigureOptions{});
        painter.end();
        int dark = 0;
        for (int x = 0; x < 600; ++x)
            for (int y = 150; y < 250; ++y)
                dark += qGray(image.pixel(x, y)) < 100;
        QVERIFY(dark > 100);
    }

    void aFrameWithoutMeshKeepsTheChoices()
    {
        // The main window asks for the mesh only while the view is shown; hiding and showing it
        // again must not forget the units or the fixed range.
        Fixture f;
        f.show(randomModel({4}, Activation::Tanh));
        f.view.setPrincipalComponents(false);
        f.view.setUnits(2, 3);
        f.show(identityModel(3.0));  // another shape: back to a1, a2 and a new range
        QCOMPARE(f.view.units(), std::make_pair(0, 1));
        const QRectF range = f.view.dataRange();
        QCOMPARE(range.width(), 36.0);
        f.view.setUnits(1, 0);
        ViewFrame noMesh = f.frame(identityModel());
        noMesh.folding.reset();
        f.view.setFrame(noMesh);
        QVERIFY(!f.view.message().isEmpty());
        f.show(identityModel(1.0));
        QVERIFY(f.view.message().isEmpty());
        QCOMPARE(f.view.units(), std::make_pair(1, 0));
        QCOMPARE(f.view.dataRange(), range);
    }

    void cellsAreTintedWithThePredictedClass()
    {
        Fixture f(Dataset{});
        f.show(identityModel());
        QImage image(600, 600, QImage::Format_RGB32);
        QPainter painter(&image);
        FigureOptions options;
        options.title = false;
        options.legend = false;
        f.view.paintFigure(painter, QRectF(0, 0, 600, 600), options);
        painter.end();
        // Class 1 (blue) where x1 > x2: the lower right; class 0 (orange) the upper left. The
        // plot is square and about centred, so these blocks lie well inside each half; averaged
        // over a block, so a mesh line through a pixel does not decide it.
        const auto mean = [&image](int x0, int y0) {
            double r = 0, g = 0, b = 0;
            for (int x = x0 - 10; x <= x0 + 10; ++x)
                for (int y = y0 - 10; y <= y0 + 10; ++y)
                    r += qRed(image.pixel(x, y)), g += qGreen(image.pixel(x, y)), b += qBlue(image.pixel(x, y));
            return qRgb(int(r / 441), int(g / 441), int(b / 441));
        };
        const QRgb lowerRight = mean(450, 420);
        const QRgb upperLeft = mean(190, 170);
        QVERIFY2(qBlue(lowerRight) > qRed(lowerRight) + 30, qPrintable(QColor(lowerRight).name()));
        QVERIFY2(qRed(upperLeft) > qBlue(upperLeft) + 30, qPrintable(QColor(upperLeft).name()));
        // Light: the white base still shows through.
        QVERIFY(qGray(lowerRight) > 150);
    }

    void theViewAsksForTheComponentsOfTheLayerItShows()
    {
        Fixture f;
        f.show(randomModel({5, 4, 3}, Activation::Tanh));
        QSignalSpy changed(&f.view, &FoldingView::needsChanged);
        QCOMPARE(f.view.addNeeds({}).foldingPrincipal, 1);
        QVERIFY(f.view.addNeeds({}).folding);
        f.view.setLayer(3);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(f.view.addNeeds({}).foldingPrincipal, 3);
        f.view.setPrincipalComponents(false);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(f.view.addNeeds({}).foldingPrincipal, 0);
        f.view.setPrincipalComponents(true);
        // A network with fewer layers moves the view to its last one, and the needs with it.
        f.show(randomModel({5}, Activation::Tanh));
        QCOMPARE(f.view.layer(), 2);
        QCOMPARE(changed.count(), 4);
        QCOMPARE(f.view.addNeeds({}).foldingPrincipal, 2);
    }

    void componentsFromTheEvaluatorDrawTheSamePicture()
    {
        // Spaces 1..foldingPrincipal wider than two units come with their principal axes.
        const Model first = randomModel({5, 4, 3}, Activation::Tanh, 5);
        const Model second = randomModel({5, 4, 3}, Activation::Tanh, 6);
        Fixture f, g;
        ViewNeeds needs = FoldingView::requiredNeeds({});
        needs.foldingPrincipal = 3;
        const auto withAxes = [&](const Model &model) {
            ViewFrame frame = computeViewFrame(model, f.document.dataset(), BoundaryStyle{},
                                               GridSpec{-6, 6, -6, 6, 16, 16}, needs);
            frame.datasetVersion = f.document.datasetRevision();
            return frame;
        };
        const ViewFrame a = withAxes(first);
        QCOMPARE(a.folding->principal.size(), std::size_t(4));
        QCOMPARE(a.folding->principal[0].axes.size(), Index(0));  // the input plane is drawn as it is
        for (int s = 1; s <= 3; ++s)
            QCOMPARE(a.folding->principal[std::size_t(s)].axes.cols(), a.folding->vertices[std::size_t(s)].rows());

        // The same pictures, frame after frame (signs kept across frames and layers), whether the
        // view computes the axes itself or takes them from the frame.
        for (Fixture *x : {&f, &g})
            x->view.setLayer(3);
        for (const Model *model : {&first, &second, &first}) {
            f.view.setFrame(withAxes(*model));
            g.view.setFrame(g.frame(*model));
            QCOMPARE(maxDifference(f.view.meshPositions(), g.view.meshPositions()), 0.0);
            QCOMPARE(maxDifference(f.view.pointPositions(), g.view.pointPositions()), 0.0);
            QCOMPARE(f.view.axisLabel(0), g.view.axisLabel(0));
            QCOMPARE(f.view.axisLabel(1), g.view.axisLabel(1));
        }

        // And the view does use the frame's axes: given other ones, it draws along them.
        ViewFrame other = withAxes(second);
        auto mesh = std::make_shared<FoldingMesh>(*other.folding);
        mesh->principal[1] = unitAxes(5, 3, 4);
        other.folding = mesh;
        Fixture h;
        h.view.setFrame(other);
        QCOMPARE(h.view.layer(), 1);
        for (int k = 0; k < 2; ++k) {
            // Up to the sign that agrees with the input plane's picture.
            const RowVector<double> along = h.view.meshPositions().row(k), unit = mesh->vertices[1].row(3 + k);
            QCOMPARE(std::min((along - unit).cwiseAbs().maxCoeff(), (along + unit).cwiseAbs().maxCoeff()), 0.0);
        }
    }

    void aStampedMarkerIsTheDrawnOne()
    {
        // A stamp is drawPointMarker's picture moved by whole device pixels: drawn at a pixel's
        // centre, the two differ only by the rounding of blending twice. At ratio 1 and 2, for a
        // disc and a validation ring.
        for (const double ratio : {1.0, 2.0}) {
            for (const bool validation : {false, true}) {
                const auto paint = [ratio](auto &&draw) {
                    QImage image(int(40 * ratio), int(40 * ratio), QImage::Format_ARGB32_Premultiplied);
                    image.setDevicePixelRatio(ratio);
                    image.fill(QColor(250, 240, 200));
                    QPainter painter(&image);
                    painter.setRenderHint(QPainter::Antialiasing);
                    painter.translate(3, 5);  // a whole-pixel offset, as a widget's painter has
                    draw(painter);
                    return image;
                };
                // The centre of a device pixel, in the translated painter's coordinates.
                const QPointF centre((17 * ratio + 0.5) / ratio - 3, (14 * ratio + 0.5) / ratio - 5);
                const QColor fill(30, 110, 220), base(Qt::white), text(Qt::black);
                MarkerStamps stamps;
                const QImage stamped = paint([&](QPainter &p) { stamps.draw(p, centre, 4.5, fill, validation, base, text); });
                const QImage drawn = paint([&](QPainter &p) { drawPointMarker(p, centre, 4.5, fill, validation, base, text); });
                QCOMPARE(stamps.size(), 1);
                int worst = 0, changed = 0;
                for (int y = 0; y < drawn.height(); ++y) {
                    for (int x = 0; x < drawn.width(); ++x) {
                        const QRgb a = stamped.pixel(x, y), b = drawn.pixel(x, y);
                        worst = std::max({worst, std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                                          std::abs(qBlue(a) - qBlue(b))});
                        changed += b != qRgb(250, 240, 200);
                    }
                }
                QVERIFY(changed > 40);  // the marker was drawn at all
                QVERIFY2(worst <= 3, qPrintable(QStringLiteral("ratio %1 validation %2: %3").arg(ratio).arg(validation).arg(worst)));
            }
        }
    }

    void stampsAreKeptPerColourAndStartAnewWhenTheLookChanges()
    {
        QImage image(50, 50, QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        MarkerStamps stamps;
        const QColor base(Qt::white), text(Qt::black);
        for (int i = 0; i < 5; ++i) {
            stamps.draw(painter, QPointF(10 + i, 10), 3, Qt::red, false, base, text);
            stamps.draw(painter, QPointF(20, 10 + i), 3, Qt::blue, false, base, text);
            stamps.draw(painter, QPointF(30, 30), 3, Qt::blue, true, base, text);
        }
        QCOMPARE(stamps.size(), 3);
        stamps.draw(painter, QPointF(10, 10), 5, Qt::red, false, base, text);  // presentation mode's larger points
        QCOMPARE(stamps.size(), 1);
        stamps.draw(painter, QPointF(10, 10), 5, Qt::red, false, Qt::black, Qt::white);  // a dark theme
        QCOMPARE(stamps.size(), 1);
        stamps.draw(painter, QPointF(10, 10), 5, Qt::green, false, Qt::black, Qt::white);
        QCOMPARE(stamps.size(), 2);
        painter.end();

        // Vector figures get vector markers, and a scaled painter the exact shape: no stamp.
        MarkerStamps vector;
        QPicture picture;
        QPainter recorder(&picture);
        vector.draw(recorder, QPointF(10, 10), 3, Qt::red, false, base, text);
        recorder.end();
        QCOMPARE(vector.size(), 0);
        // drawn where asked, as the marker it is (a disc of radius 3 and its outline)
        QVERIFY(picture.boundingRect().contains(QPoint(10, 10)));
        QVERIFY(picture.boundingRect().width() <= 10);
        QImage scaled(50, 50, QImage::Format_ARGB32_Premultiplied);
        QPainter zoomed(&scaled);
        zoomed.scale(2, 2);
        vector.draw(zoomed, QPointF(10, 10), 3, Qt::red, false, base, text);
        QCOMPARE(vector.size(), 0);
    }

    void playRunsTheAnimation()
    {
        Fixture f;
        f.show(randomModel({3}, Activation::Tanh));
        f.view.show();  // a hidden view does not animate
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        QVERIFY(!f.view.isPlaying());
        f.view.setPlaying(true);
        QVERIFY(f.view.isPlaying());
        QTRY_VERIFY(f.view.morph() < 1.0);  // it moves on its own
        f.view.setPlaying(false);
        QVERIFY(!f.view.isPlaying());
        const double t = f.view.morph();
        QCoreApplication::processEvents();  // no animation step is pending any more
        QCOMPARE(f.view.morph(), t);
    }

    void aHiddenViewKeepsPlayingButDoesNotAnimate()
    {
        Fixture f;
        f.show(randomModel({3}, Activation::Tanh));
        f.view.setPlaying(true);  // not on screen yet
        QVERIFY(f.view.isPlaying());
        QVERIFY(!f.view.isAnimating());
        f.view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        QVERIFY(f.view.isAnimating());
        QTRY_VERIFY(f.view.morph() < 1.0);
        f.view.hide();
        QVERIFY(!f.view.isAnimating());
        QVERIFY(f.view.isPlaying());
        const double t = f.view.morph();
        QCoreApplication::processEvents();  // no animation step is pending
        QCOMPARE(f.view.morph(), t);
        f.view.setPlaying(false);
        f.view.show();
        QVERIFY(!f.view.isAnimating());
    }
};

QTEST_MAIN(TestFoldingView)
#include "test_foldingview.moc"
