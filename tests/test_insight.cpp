// The numbers behind the views that look inside the network: linear-region counts against the
// hyperplane-arrangement formula, the bounds, principal axes of known clouds, and the folding mesh.

#include "analysis/folding.h"
#include "analysis/projection.h"
#include "analysis/regions.h"
#include "foldingmodels.h"
#include "network/init.h"

#include <QtTest>

#include <map>
#include <numbers>
#include <string>

using namespace np;

namespace {

// One ReLU layer whose units switch on across n lines tangent to the unit circle: n lines in
// general position (no two parallel, no three through a point), every crossing inside the view.
Model tangentLines(int n)
{
    Model m;
    m.network.hidden = {LayerSpec{n, Activation::ReLU}};
    m.network.head = OutputHead::Sigmoid;
    m.inputs = 2;
    m.outputs = 1;
    Network<Scalar> net(m.network, 2, 1);
    for (int k = 0; k < n; ++k) {
        const double theta = std::numbers::pi * (k + 0.25) / n;
        net.W(0)(k, 0) = Scalar(std::cos(theta));
        net.W(0)(k, 1) = Scalar(std::sin(theta));
        net.b(0)(k) = -1;
    }
    net.W(1).setOnes();
    m.parameters.assign(net.parameters().begin(), net.parameters().end());
    return m;
}

// A network of the given hidden layers with He-initialised weights and biases drawn from
// N(0, biasSd^2), so that its units switch across the view.
Model randomNetwork(std::vector<LayerSpec> hidden, std::uint64_t seed, double biasSd)
{
    Model m;
    m.network.hidden = std::move(hidden);
    m.network.head = OutputHead::Sigmoid;
    m.inputs = 2;
    m.outputs = 1;
    Network<Scalar> net(m.network, 2, 1);
    Rng rng(seed);
    InitSpec init;
    init.scheme = InitScheme::He;
    initialize(net, init, rng);
    for (int l = 0; l < int(m.network.hidden.size()); ++l)
        for (Index i = 0; i < net.b(l).size(); ++i)
            net.b(l)(i) = Scalar(rng.normal(0, biasSd));
    m.parameters.assign(net.parameters().begin(), net.parameters().end());
    return m;
}

}  // namespace

class TestInsight : public QObject
{
    Q_OBJECT

private slots:
    void linesInGeneralPositionMakeTheArrangementCount_data()
    {
        QTest::addColumn<int>("lines");
        for (int n = 1; n <= 6; ++n)
            QTest::addRow("%d lines", n) << n;
    }

    void linesInGeneralPositionMakeTheArrangementCount()
    {
        QFETCH(int, lines);
        const RegionMap map = computeRegions(tangentLines(lines), GridSpec{-6, 6, -6, 6, 512, 512});
        const int expected = 1 + lines + lines * (lines - 1) / 2;
        QCOMPARE(map.count(), expected);
        QCOMPARE(map.countByLayer.size(), std::size_t(1));
        QCOMPARE(int(regionUpperBound({lines})), expected);
        // Every pixel has a region id below the count.
        QVERIFY(*std::max_element(map.region().begin(), map.region().end()) < std::uint32_t(expected));
    }

    void parallelLinesMakeFewerRegions()
    {
        Model m = tangentLines(3);
        Network<Scalar> net = m.instantiate();
        net.W(0) << 1, 0, 1, 0, 1, 0;  // three vertical lines x = 1, 2, 3
        net.b(0) << -1, -2, -3;
        m.parameters.assign(net.parameters().begin(), net.parameters().end());
        QCOMPARE(computeRegions(m, GridSpec{-6, 6, -6, 6, 256, 256}).count(), 4);
    }

    void deeperLayersRefineTheRegions()
    {
        const Model m = randomNetwork({LayerSpec{6, Activation::ReLU}, LayerSpec{6, Activation::ReLU}}, 7, 1.0);
        const RegionMap map = computeRegions(m, GridSpec{});
        QCOMPARE(map.countByLayer.size(), std::size_t(2));
        QVERIFY(map.countByLayer[1] >= map.countByLayer[0]);
        QVERIFY(map.countByLayer[0] <= int(regionUpperBound({6})));
        QVERIFY(map.count() <= int(regionUpperBound({6, 6})));
        QVERIFY(map.count() > 1);
    }

    void regionsAreTheDistinctOnOffPatternsOfTheLayersSoFar()
    {
        // Widths around the 64 units the patterns are packed by: less than a word, exactly one,
        // one and a bit, two and a bit (and a dead unit or two among them).
        const Model m = randomNetwork({LayerSpec{5, Activation::ReLU}, LayerSpec{64, Activation::LeakyReLU},
                                       LayerSpec{70, Activation::ReLU}, LayerSpec{130, Activation::AbsReLU}},
                                      11, 0.5);
        const GridSpec grid{-6, 6, -6, 6, 48, 40};
        const RegionMap map = computeRegions(m, grid);

        // By hand: each pixel's on/off string over the layers so far, numbered as first seen.
        Matrix<Scalar> x(2, grid.pixels());
        for (int row = 0; row < grid.rows; ++row)
            for (int column = 0; column < grid.columns; ++column) {
                x(0, Index(row) * grid.columns + column) = Scalar(grid.x(column));
                x(1, Index(row) * grid.columns + column) = Scalar(grid.y(row));
            }
        Network<Scalar> net(m.network, 2, 1);
        m.loadInto(net);
        net.forward(ConstMatrixMap<Scalar>(x.data(), 2, x.cols()), Mode::Eval);
        std::vector<std::string> patterns(std::size_t(grid.pixels()));
        QCOMPARE(map.regionByLayer.size(), std::size_t(4));
        for (int l = 0; l < 4; ++l) {
            std::map<std::string, std::uint32_t> ids;
            for (Index p = 0; p < grid.pixels(); ++p) {
                for (Index u = 0; u < net.z(l).rows(); ++u)
                    patterns[std::size_t(p)] += net.z(l)(u, p) > 0 ? '1' : '0';
                const auto id = ids.emplace(patterns[std::size_t(p)], std::uint32_t(ids.size())).first->second;
                QCOMPARE(map.regionByLayer[std::size_t(l)][std::size_t(p)], id);
            }
            QCOMPARE(map.countByLayer[std::size_t(l)], int(ids.size()));
        }
        QVERIFY(map.count() > 50);
    }

    void maxoutPiecesAreRegionsToo()
    {
        Model m;
        m.network.hidden = {LayerSpec{1, Activation::Maxout, 0.0, 3, false, 0.0}};
        m.outputs = 1;
        Network<Scalar> net(m.network, 2, 1);
        net.W(0) << 1, 0, -1, 0, 0, 1;  // pieces x1, -x1, x2: three wedges meeting at the origin
        m.parameters.assign(net.parameters().begin(), net.parameters().end());
        QCOMPARE(computeRegions(m, GridSpec{}).count(), 3);
        QCOMPARE(regionWidths(m.network), std::vector<int>{3});
    }

    void boundsFollowTheFormulas()
    {
        QCOMPARE(regionUpperBound({20}), 211.0);            // 1 + 20 + 190
        QCOMPARE(regionUpperBound({10, 10}), 56.0 * 56.0);  // each layer at most 1 + 10 + 45
        QCOMPARE(montufarLowerBound({20}), 211.0);
        QCOMPARE(montufarLowerBound({10, 10}), 25.0 * 56.0);  // floor(10/2)^2 * (1 + 10 + 45)
        QCOMPARE(regionUpperBound({1, 8}), 2.0 * 9.0);       // a width-1 layer leaves a line: d = 1 after it
        QVERIFY(regionsApply(NetworkSpec{{LayerSpec{4, Activation::LeakyReLU}, LayerSpec{4, Activation::AbsReLU}}}));
        QVERIFY(!regionsApply(NetworkSpec{{LayerSpec{4, Activation::ReLU}, LayerSpec{4, Activation::Tanh}}}));
    }

    void principalAxesOfAKnownCloud()
    {
        // Variance 9 along (1, 1, 0)/sqrt 2, 1 along (0, 0, 1), 0.01 along (1, -1, 0)/sqrt 2.
        Rng rng(3);
        const int n = 20000;
        Matrix<double> points(3, n);
        const Vector<double> a = Vector<double>::Ones(3).cwiseProduct(Vector<double>::Unit(3, 0) + Vector<double>::Unit(3, 1)) / std::sqrt(2.0);
        const Vector<double> b = Vector<double>::Unit(3, 2);
        const Vector<double> c = (Vector<double>::Unit(3, 0) - Vector<double>::Unit(3, 1)) / std::sqrt(2.0);
        for (int i = 0; i < n; ++i)
            points.col(i) = Vector<double>::Constant(3, 5.0) + 3 * rng.normal() * a + rng.normal() * b + 0.1 * rng.normal() * c;
        const Projection2D p = principalAxes(points);
        QVERIFY(std::abs(p.axes.row(0).dot(a.transpose())) > 0.999);
        QVERIFY(std::abs(p.axes.row(1).dot(b.transpose())) > 0.999);
        QVERIFY(std::abs(p.explained[0] - 9.0 / 10.01) < 0.01);
        QVERIFY(std::abs(p.explained[1] - 1.0 / 10.01) < 0.01);
        QVERIFY((p.mean - Vector<double>::Constant(3, 5.0)).norm() < 0.1);
        // Signs: the largest entry positive, and kept when a previous projection is given.
        for (int k = 0; k < 2; ++k) {
            Index largest = 0;
            p.axes.row(k).cwiseAbs().maxCoeff(&largest);
            QVERIFY(p.axes(k, largest) > 0);
        }
        Projection2D flipped = p;
        flipped.axes.row(0) *= -1;
        const Projection2D follow = principalAxes(points, &flipped);
        QVERIFY(follow.axes.row(0).dot(flipped.axes.row(0)) > 0.999);
        // Projected coordinates are centred.
        const Matrix<double> projected = p.apply(points);
        QVERIFY(std::abs(projected.row(0).mean()) < 1e-9);
    }

    void unitAxesPickTwoCoordinates()
    {
        const Projection2D p = unitAxes(4, 2, 0);
        Matrix<double> x(4, 1);
        x << 1, 2, 3, 4;
        const Matrix<double> y = p.apply(x);
        QCOMPARE(y(0, 0), 3.0);
        QCOMPARE(y(1, 0), 1.0);
        QCOMPARE(unitAxes(1, 0, 1).apply(x.topRows(1))(1, 0), 0.0);
    }

    void anIdentityLayerCarriesTheGridUnchanged()
    {
        const Model m = test::identityModel();
        const std::vector<DataPoint> points = {{1.5, -2.5, 1, 0, false}, {-3, 4, 0, 0, true}};
        const FoldingMesh mesh = computeFolding(m, points, GridSpec{}, 11);
        QCOMPARE(mesh.spaces(), 3);  // input plane, hidden layer, output
        QCOMPARE(mesh.vertices[0].cols(), Index(121));
        // Equal up to the engine's single precision.
        QVERIFY((mesh.vertices[1] - mesh.vertices[0]).cwiseAbs().maxCoeff() < 1e-6);
        QVERIFY((mesh.points[1] - mesh.points[0]).cwiseAbs().maxCoeff() < 1e-6);
        QCOMPARE(mesh.vertices[0](0, 0), -6.0);  // the top-left vertex
        QCOMPARE(mesh.vertices[0](1, 0), 6.0);
        QCOMPARE(mesh.vertices[0](0, 10), 6.0);
        // Cells predict class 1 where x1 - x2 > 0 (the top-left cell lies on the other side).
        QCOMPARE(mesh.cellClass.size(), std::size_t(100));
        QCOMPARE(mesh.cellClass.front(), 0);
        QCOMPARE(mesh.cellClass[9], 1);  // top-right
    }

    void foldingFollowsTheActivations()
    {
        // An absolute-value unit folds the plane: x and -x land on the same point.
        Model m;
        m.network.hidden = {LayerSpec{2, Activation::AbsReLU}};
        m.outputs = 1;
        Network<Scalar> net(m.network, 2, 1);
        net.W(0).setIdentity();
        m.parameters.assign(net.parameters().begin(), net.parameters().end());
        const FoldingMesh mesh = computeFolding(m, {}, GridSpec{}, 3);  // vertices at -6, 0, 6
        QCOMPARE(mesh.vertices[1](0, 0), 6.0);  // |-6|
        QCOMPARE(mesh.vertices[1](0, 2), 6.0);  // |6|
        QCOMPARE(mesh.vertices[1].col(0), mesh.vertices[1].col(2));
        QCOMPARE(mesh.points[1].cols(), Index(0));
    }
};

QTEST_APPLESS_MAIN(TestInsight)
#include "test_insight.moc"
