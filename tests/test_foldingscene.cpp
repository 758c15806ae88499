// The folding scene without any widget: it runs under a QCoreApplication only. What it computes
// from a frame: the picture of a layer's space, the morph, the axes' labels, the cells and the
// mesh lines it hands the painter, the kept choices and ranges, and what it says instead.

#include "foldingmodels.h"
#include "foldingscene.h"

#include "analysis/projection.h"

#include <QtTest>

#include <set>

using namespace np;
using namespace np::test;

namespace {

ViewFrame frameOf(const Model &model)
{
    ViewNeeds needs;
    needs.folding = true;
    needs.foldingSide = 31;
    return computeViewFrame(model, somePoints(), BoundaryStyle{}, GridSpec{-6, 6, -6, 6, 16, 16}, needs);
}

}  // namespace

class TestFoldingScene : public QObject
{
    Q_OBJECT

private slots:
    void noWidgetIsNeeded()
    {
        QVERIFY(qobject_cast<QCoreApplication *>(QCoreApplication::instance()));
        QVERIFY(!QCoreApplication::instance()->inherits("QGuiApplication"));
    }

    void withoutAMeshItSaysSo()
    {
        FoldingScene scene;
        QVERIFY(scene.message().contains(QStringLiteral("once the network has been evaluated")));
        QCOMPARE(scene.title(), QStringLiteral("Folding"));
        QCOMPARE(scene.axisLabel(0), QString());
        QCOMPARE(scene.meshPositions().cols(), Index(0));
        QVERIFY(scene.cells().empty());

        scene.setFrame(frameOf(randomModel({}, Activation::ReLU)));
        QVERIFY(scene.message().contains(QStringLiteral("no hidden layer")));
        QCOMPARE(scene.layerNames(), QStringList{QStringLiteral("Output layer — 1 × Sigmoid (binary)")});
    }

    void anIdentityLayerCarriesTheGridUnchanged()
    {
        FoldingScene scene;
        const ViewFrame frame = frameOf(identityModel());
        scene.setFrame(frame);
        QVERIFY(scene.message().isEmpty());
        QCOMPARE(scene.spaceCount(), 3);  // the plane, the hidden layer, the output
        QCOMPARE(scene.layer(), 1);
        QVERIFY(!scene.usesPrincipalComponents());
        QVERIFY(maxDifference(scene.meshPositions(), frame.folding->vertices[0]) < 1e-6);
        QVERIFY(maxDifference(scene.pointPositions(), frame.folding->points[0]) < 1e-6);
        QCOMPARE(scene.axisLabel(0), QStringLiteral("a₁ of hidden layer 1"));
        QCOMPARE(scene.title(), QStringLiteral("Hidden layer 1 (folding)"));
        QCOMPARE(scene.dataRange(), QRectF(QPointF(-6, -6), QPointF(6, 6)));

        // Setters say whether anything changed.
        QVERIFY(!scene.setLayer(1));
        QVERIFY(!scene.setMorph(1.5));  // clamped to 1, where it is
        QVERIFY(scene.setMorph(0.0));
        QCOMPARE(scene.axisLabel(0), QStringLiteral("x₁"));
        QCOMPARE(scene.title(), QStringLiteral("Input plane → hidden layer 1 (folding, 0%)"));
        QVERIFY(maxDifference(scene.meshPositions(), frame.folding->vertices[0]) < 1e-6);
    }

    void cellsAndLinesAreBuiltInDataCoordinates()
    {
        FoldingScene scene;
        scene.setFrame(frameOf(identityModel()));
        // The mesh lines: every row and every column of the 31 x 31 grid, one move and 30 lines each.
        QCOMPARE(scene.lines().elementCount(), 2 * 31 * 31);
        QCOMPARE(scene.lines().boundingRect(), QRectF(QPointF(-6, -6), QPointF(6, 6)));
        // Two classes, split along x1 = x2; every cell is two triangles of three points.
        std::set<int> keys;
        qsizetype points = 0;
        for (const auto &[key, triangles] : scene.cells()) {
            keys.insert(key);
            QCOMPARE(triangles.size() % 3, qsizetype(0));
            points += triangles.size();
        }
        QCOMPARE(keys, (std::set<int>{0, 1}));
        QCOMPARE(points, qsizetype(30 * 30 * 2 * 3));
        QVERIFY(!scene.isRegression());
    }

    void theMorphBlendsTheTwoEnds()
    {
        FoldingScene scene;
        const ViewFrame frame = frameOf(randomModel({3, 4}, Activation::Tanh));
        scene.setFrame(frame);
        QVERIFY(scene.setPrincipalComponents(false));
        QVERIFY(scene.setLayer(2));
        QVERIFY(scene.setUnits(1, 3));
        QCOMPARE(scene.units(), std::make_pair(1, 3));
        const Matrix<double> end = unitAxes(4, 1, 3).apply(frame.folding->vertices[2]);
        const Matrix<double> start = unitAxes(3, 0, 1).apply(frame.folding->vertices[1]);
        QVERIFY(maxDifference(scene.meshPositions(), end) < 1e-12);
        scene.setMorph(0.25);
        QVERIFY(maxDifference(scene.meshPositions(), 0.75 * start + 0.25 * end) < 1e-12);
        QCOMPARE(scene.axisLabel(1), QStringLiteral("a₂ of hidden layer 1 → a₄ of hidden layer 2"));
    }

    void theFixedRangeOnlyGrowsAndResetFits()
    {
        FoldingScene scene;
        scene.setFrame(frameOf(identityModel(1.0)));
        scene.setFrame(frameOf(identityModel(0.5)));
        QCOMPARE(scene.dataRange(), QRectF(QPointF(-6, -6), QPointF(6, 6)));
        scene.setFrame(frameOf(identityModel(2.0)));
        QCOMPARE(scene.dataRange(), QRectF(QPointF(-12, -12), QPointF(12, 12)));
        scene.resetScale();
        QCOMPARE(scene.dataRange(), QRectF(QPointF(-12, -12), QPointF(12, 12)));
        scene.setFrame(frameOf(identityModel(0.5)));
        scene.resetScale();
        QCOMPARE(scene.dataRange(), QRectF(QPointF(-3, -3), QPointF(3, 3)));
        QVERIFY(scene.setFixedScale(false));
        scene.setFrame(frameOf(identityModel(1.0)));
        QCOMPARE(scene.dataRange(), QRectF(QPointF(-6, -6), QPointF(6, 6)));
    }

    void principalComponentSignsStayAcrossFrames()
    {
        // Training moves the weights a little each frame; the picture must not flip.
        FoldingScene scene;
        const Model model = randomModel({5}, Activation::Tanh);
        scene.setFrame(frameOf(model));
        QVERIFY(scene.usesPrincipalComponents());
        const Matrix<double> before = scene.meshPositions();
        Model nudged = model;
        for (Scalar &p : nudged.parameters)
            p *= Scalar(1.01);
        scene.setFrame(frameOf(nudged));
        for (int k = 0; k < 2; ++k) {
            const double same = (scene.meshPositions().row(k) - before.row(k)).cwiseAbs().maxCoeff();
            const double flipped = (scene.meshPositions().row(k) + before.row(k)).cwiseAbs().maxCoeff();
            QVERIFY2(same < flipped, qPrintable(QStringLiteral("axis %1 flipped").arg(k)));
        }
    }
};

QTEST_GUILESS_MAIN(TestFoldingScene)
#include "test_foldingscene.moc"
