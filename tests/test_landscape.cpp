// The loss landscape through the current weights and the closed-form ridge solution: the slice
// passes through the trainer's own loss, its directions are what they claim to be, it stops when
// told, and gradient descent closes the gap to the exact optimum linearly.

#include "analysis/closedform.h"
#include "analysis/landscape.h"
#include "analysis/weighttrajectory.h"
#include "data/generators.h"
#include "training/trainer.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include <QtTest>

#include <cmath>

using namespace np;

namespace {

Config spiralNet()
{
    Config c;
    c.data.generator = Generator::Spiral;
    c.data.count = 300;
    c.data.noise = 0.1;
    c.standardize = true;
    c.network.hidden = {LayerSpec{8, Activation::Tanh}, LayerSpec{6, Activation::ReLU}};
    c.training.optimizer.kind = OptimizerKind::Adam;
    c.training.optimizer.learningRate = 0.01;
    c.training.batchSize = 16;
    return c;
}

Config linearRegression(double l2)
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
    c.training.batchSize = 0;  // full batch: plain gradient descent
    c.training.penalty.l2 = l2;
    return c;
}

double dot(const std::vector<double> &u, const std::vector<double> &v)
{
    double s = 0;
    for (std::size_t i = 0; i < u.size(); ++i)
        s += u[i] * v[i];
    return s;
}

}  // namespace

class TestLandscape : public QObject
{
    Q_OBJECT

private slots:
    void originIsTheTrainersCurrentLoss_data()
    {
        QTest::addColumn<bool>("batchNorm");
        QTest::newRow("plain") << false;
        QTest::newRow("batch norm") << true;
    }

    void originIsTheTrainersCurrentLoss()
    {
        QFETCH(bool, batchNorm);
        Config c = spiralNet();
        c.network.hidden[0].batchNorm = batchNorm;
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        for (int e = 0; e < 5; ++e)
            t.trainEpoch();
        const double current = t.history().back().train.loss;
        const Model model = t.model();
        const LandscapeData data = landscapeData(model, t.dataset());
        QCOMPARE(data.x.cols(), t.trainInputs().cols());
        QVERIFY(data.x == t.trainInputs());  // the same bits as the trainer's inputs
        QVERIFY(data.y == t.trainTargets());

        const LandscapeGrid grid{5, 1.0, 1.0};
        QCOMPARE(grid.alpha(2), 0.0);
        QCOMPARE(grid.beta(2), 0.0);
        const Landscape land = computeLandscape(model, data, randomPlane(model, 7), grid);
        QVERIFY(land.isComplete());
        QVERIFY2(std::abs(land.at(2, 2) - current) <= 1e-6 * std::max(1.0, current),
                 qPrintable(QString("landscape %1, trainer %2").arg(land.at(2, 2), 0, 'g', 10).arg(current, 0, 'g', 10)));
        // Off the origin the loss differs: the plane does move the weights.
        QVERIFY(std::abs(land.at(0, 0) - current) > 1e-3);
        QVERIFY(std::abs(land.at(4, 4) - current) > 1e-3);
    }

    void filterNormalisationMatchesEveryRowOfW()
    {
        Config c = spiralNet();
        c.network.hidden = {LayerSpec{5, Activation::Tanh}, LayerSpec{4, Activation::Maxout, 0.0, 3, true, 0.0}};
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        t.trainEpoch();
        const Network<Scalar> &net = t.network();
        Rng rng(3);
        const std::vector<double> d = filterNormalizedDirection(net, rng);
        QCOMPARE(d.size(), net.parameters().size());
        int rows = 0;
        for (int l = 0; l < net.layerCount(); ++l) {
            const LayerShape &s = net.layer(l);
            const ConstMatrixMap<double> dW(d.data() + s.weight, s.rows, s.in);
            for (Index r = 0; r < s.rows; ++r, ++rows) {
                const double want = net.W(l).row(r).cast<double>().norm();
                QVERIFY(want > 0);
                QVERIFY(std::abs(dW.row(r).norm() - want) < 1e-12 * want + 1e-15);
            }
            for (Index k = 0; k < s.rows; ++k) {
                if (s.bias >= 0)
                    QCOMPARE(d[std::size_t(s.bias + k)], 0.0);  // biases are not moved
                if (s.gamma >= 0)
                    QCOMPARE(d[std::size_t(s.gamma + k)], 0.0);
                if (s.beta >= 0)
                    QCOMPARE(d[std::size_t(s.beta + k)], 0.0);
            }
        }
        QCOMPARE(rows, 5 + 4 * 3 + 1);  // maxout: every piece's row
        // Two draws are different directions.
        const std::vector<double> e = filterNormalizedDirection(net, rng);
        QVERIFY(std::abs(dot(d, e)) < 0.9 * std::sqrt(dot(d, d) * dot(e, e)));
    }

    void principalDirectionsAreOrthonormalAndOrdered()
    {
        // A synthetic run: a long sweep along u, a shorter one along v, a little noise.
        const std::size_t p = 40;
        Rng rng(5);
        std::vector<double> u(p), v(p);
        for (std::size_t k = 0; k < p; ++k) {
            u[k] = rng.normal();
            v[k] = rng.normal();
        }
        const double uu = std::sqrt(dot(u, u));
        for (double &x : u)
            x /= uu;
        const double uv = dot(u, v);
        for (std::size_t k = 0; k < p; ++k)
            v[k] -= uv * u[k];
        const double vv = std::sqrt(dot(v, v));
        for (double &x : v)
            x /= vv;
        // Coordinates along u and v that are uncorrelated over the run (as PCA's components are),
        // both 0 at the end: s falls linearly, w wiggles.
        std::vector<double> s(61), w(61);
        double ss = 0, sw = 0;
        for (int i = 0; i <= 60; ++i) {
            s[i] = 5.0 * (1.0 - i / 60.0);
            w[i] = std::sin(0.3 * i) - std::sin(18.0);
            ss += s[i] * s[i];
            sw += s[i] * w[i];
        }
        for (int i = 0; i <= 60; ++i)
            w[i] -= sw / ss * s[i];
        std::vector<std::vector<Scalar>> run;
        for (int i = 0; i <= 60; ++i) {
            std::vector<Scalar> theta(p);
            for (std::size_t k = 0; k < p; ++k)
                theta[k] = Scalar(s[i] * u[k] + w[i] * v[k] + 1e-4 * rng.normal());
            run.push_back(theta);
        }
        const LandscapePlane plane = trajectoryPlane(run);
        QVERIFY2(plane.error.empty(), plane.error.c_str());
        QVERIFY(std::abs(dot(plane.d1, plane.d1) - 1) < 1e-12);
        QVERIFY(std::abs(dot(plane.d2, plane.d2) - 1) < 1e-12);
        QVERIFY(std::abs(dot(plane.d1, plane.d2)) < 1e-12);
        QVERIFY(plane.explained[0] > plane.explained[1]);
        QVERIFY(plane.explained[0] + plane.explained[1] > 0.999);
        QVERIFY(std::abs(std::abs(dot(plane.d1, u)) - 1) < 1e-3);  // the long sweep comes first
        QVERIFY(std::abs(std::abs(dot(plane.d2, v)) - 1) < 1e-2);
        // The trajectory's projection: the last point (the origin) at (0, 0), the first at 5 along d1.
        const auto xy = projectOnPlane(plane, run);
        QCOMPARE(xy.size(), run.size());
        QVERIFY(std::abs(xy.back()[0]) < 1e-9 && std::abs(xy.back()[1]) < 1e-9);
        QVERIFY(std::abs(std::abs(xy.front()[0]) - 5) < 1e-2);

        // A real run: the first component explains the most, the directions are orthonormal.
        Config c = spiralNet();
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        WeightTrajectory trajectory;
        trajectory.record(t.stepCount(), t.network().parameters());
        for (int e = 0; e < 30; ++e) {
            t.trainEpoch();
            trajectory.record(t.stepCount(), t.network().parameters());
        }
        const LandscapePlane real = trajectoryPlane(trajectory.all());
        QVERIFY2(real.error.empty(), real.error.c_str());
        QVERIFY(std::abs(dot(real.d1, real.d1) - 1) < 1e-10);
        QVERIFY(std::abs(dot(real.d1, real.d2)) < 1e-10);
        QVERIFY(real.explained[0] >= real.explained[1] && real.explained[1] > 0);
        // Too short a run has no plane, and says why.
        QVERIFY(!trajectoryPlane({run[0], run[1]}).error.empty());
    }

    void cancellingStopsBetweenRows()
    {
        Config c = spiralNet();
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        const Model model = t.model();
        const LandscapeData data = landscapeData(model, t.dataset());
        std::vector<int> reported;
        const Landscape land = computeLandscape(model, data, randomPlane(model, 1), LandscapeGrid{9, 1, 1},
                                                [&](int rows) {
                                                    reported.push_back(rows);
                                                    return rows < 3;
                                                });
        QVERIFY(land.cancelled);
        QVERIFY(!land.isComplete());
        QCOMPARE(land.rowsDone, 3);
        QCOMPARE(reported, (std::vector<int>{1, 2, 3}));
        QVERIFY(std::isfinite(land.at(2, 8)));
        QVERIFY(std::isnan(land.at(3, 0)));  // the rows after the cancel were never computed
    }

    void trajectoryThinsEvenly()
    {
        WeightTrajectory trajectory(16);
        std::vector<Scalar> theta(3);
        for (int step = 0; step <= 1000; ++step) {
            theta[0] = Scalar(step);
            trajectory.record(step, theta);
            QVERIFY(trajectory.size() <= 17);
        }
        QVERIFY(trajectory.size() >= 8);
        QCOMPARE(trajectory.steps().front(), std::int64_t(0));
        QCOMPARE(trajectory.steps().back(), std::int64_t(1000));  // the current weights
        QCOMPARE(trajectory.parameters(trajectory.size() - 1)[0], Scalar(1000));
        // Evenly spaced apart from the newest entry.
        const auto &steps = trajectory.steps();
        for (std::size_t i = 1; i + 1 < steps.size(); ++i)
            QCOMPARE(steps[i] - steps[i - 1], trajectory.spacing());
        // A new run (the step goes back) starts over.
        trajectory.record(0, theta);
        QCOMPARE(trajectory.size(), std::size_t(1));
    }

    void ridgeSolutionEqualsADirectSolve_data()
    {
        QTest::addColumn<double>("lambda");
        QTest::newRow("lambda 0") << 0.0;
        QTest::newRow("lambda 0.1") << 0.1;
    }

    void ridgeSolutionEqualsADirectSolve()
    {
        QFETCH(double, lambda);
        const Config c = linearRegression(lambda);
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        const ClosedFormSolution s = solveClosedForm(t.model(), t.dataset(), lambda);
        QVERIFY2(s.error.empty(), s.error.c_str());
        // Directly: minimise mean 1/2 |w^T x + b - y|^2 + lambda/2 |w|^2 by solving its
        // (d + 1) x (d + 1) normal equations with a Cholesky factorisation.
        const Matrix<double> x = t.trainInputs().cast<double>();  // d x N
        const Matrix<double> y = t.trainTargets().cast<double>();  // 1 x N
        const Index d = x.rows(), n = x.cols();
        Matrix<double> xa(d + 1, n);
        xa << x, Matrix<double>::Ones(1, n);
        Matrix<double> A = xa * xa.transpose() / double(n);
        for (Index i = 0; i < d; ++i)
            A(i, i) += lambda;
        const Vector<double> theta = A.llt().solve(xa * y.transpose() / double(n));
        for (Index i = 0; i < d; ++i)
            QVERIFY(std::abs(s.W(0, i) - theta(i)) < 1e-10);
        QVERIFY(std::abs(s.b(0) - theta(d)) < 1e-10);
        const double dataLoss = 0.5 * (theta.transpose() * xa - y).squaredNorm() / double(n);
        QVERIFY(std::abs(s.dataLoss - dataLoss) < 1e-12);
        QVERIFY(std::abs(s.loss - dataLoss - 0.5 * lambda * theta.head(d).squaredNorm()) < 1e-12);
        // A network with a hidden layer has no closed form here, and says so.
        Config hidden = c;
        hidden.network.hidden = {LayerSpec{}};
        Trainer th;
        QCOMPARE(th.reset(hidden, generateDataset(hidden.data)), std::string());
        QVERIFY(!solveClosedForm(th.model(), th.dataset(), lambda).error.empty());
        QVERIFY(std::isnan(distanceToSolution(th.model(), s)));
    }

    void gradientDescentConvergesLinearly()
    {
        // Full-batch GD on a strongly convex quadratic: theta - theta* shrinks by a constant
        // factor per step once the slowest eigendirection dominates, a straight line on a log scale.
        const Config c = linearRegression(0.05);
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        const ClosedFormSolution s = solveClosedForm(t.model(), t.dataset(), 0.05);
        std::vector<double> logDistance;
        for (int e = 0; e < 60; ++e) {
            logDistance.push_back(std::log(distanceToSolution(t.model(), s)));
            t.trainEpoch();
        }
        // Every step decreases the distance.
        for (std::size_t i = 1; i < logDistance.size(); ++i)
            QVERIFY(logDistance[i] < logDistance[i - 1]);
        // From step 20 on the rate is constant: a least-squares line through log distance fits
        // to within 1% of its fall, and its slope is the rate of the slowest direction.
        const std::size_t from = 20;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        const double m = double(logDistance.size() - from);
        for (std::size_t i = from; i < logDistance.size(); ++i) {
            sx += double(i);
            sy += logDistance[i];
            sxx += double(i) * double(i);
            sxy += double(i) * logDistance[i];
        }
        const double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        const double intercept = (sy - slope * sx) / m;
        double worst = 0;
        for (std::size_t i = from; i < logDistance.size(); ++i)
            worst = std::max(worst, std::abs(logDistance[i] - (intercept + slope * double(i))));
        const double fall = logDistance[from] - logDistance.back();
        QVERIFY2(worst < 0.01 * fall, qPrintable(QString("off the line by %1 of a fall of %2").arg(worst).arg(fall)));
        const Matrix<double> x = t.trainInputs().cast<double>();
        const Index d = x.rows(), n = x.cols();
        Matrix<double> xa(d + 1, n);
        xa << x, Matrix<double>::Ones(1, n);
        Matrix<double> H = xa * xa.transpose() / double(n);
        for (Index i = 0; i < d; ++i)
            H(i, i) += 0.05;
        // The rate is 1 - eta * mu for the smallest eigenvalue mu of the objective's Hessian
        // (the data's second moments plus lambda on the weights) along which the start differs.
        const Vector<double> mu = Eigen::SelfAdjointEigenSolver<Matrix<double>>(H).eigenvalues();
        double nearest = 1;
        for (Index i = 0; i < mu.size(); ++i)
            nearest = std::min(nearest, std::abs(std::exp(slope) - (1 - 0.1 * mu(i))));
        QVERIFY2(nearest < 1e-3, qPrintable(QString("rate %1 is no 1 - eta mu").arg(std::exp(slope))));
        QVERIFY(std::exp(slope) < 1 - 0.1 * mu(0) + 1e-3);
    }
};

QTEST_GUILESS_MAIN(TestLandscape)
#include "test_landscape.moc"
