// The optimizer view's paths: each optimizer on f = ½ pᵀA p against its recurrence written out
// here, the surfaces' gradients against central differences, divergence and noise.
#include "analysis/surfaces.h"
#include "analysis/trajectory.h"

#include <QtTest>

#include <cmath>
#include <functional>

using namespace np;

namespace {

// The engine trains in float over parameter vectors padded to 16 entries (common/padding.h), so
// the recurrences below run in float over 16 lanes too: then sqrt takes the same vectorised path
// and equal arithmetic gives equal bits, which is what "to 1e-12" can only mean for float paths.
using Lanes = Eigen::ArrayXf;  // 16 entries, as the padded parameter vector

constexpr int kSteps = 60;

SurfaceSpec ravine()
{
    SurfaceSpec s;
    s.kind = SurfaceKind::Quadratic;
    s.condition = 10.0;
    s.rotation = 30.0;
    return s;
}

/// One recurrence: updates p (lanes 0 and 1) from g at step t (1-based); state lives in the lambda.
using Recurrence = std::function<void(Lanes &p, const Lanes &g, int t)>;

std::vector<Point2> recurrencePath(const SurfaceSpec &s, Point2 start, const Recurrence &update)
{
    double a11, a12, a22;
    quadraticMatrix(s, a11, a12, a22);
    Lanes p = Lanes::Zero(16);
    p(0) = float(start.x);
    p(1) = float(start.y);
    std::vector<Point2> out{{double(p(0)), double(p(1))}};
    for (int t = 1; t <= kSteps; ++t) {
        const double x = p(0), y = p(1);
        Lanes g = Lanes::Zero(16);
        g(0) = float(a11 * x + a12 * y);  // ∇f = A p
        g(1) = float(a12 * x + a22 * y);
        update(p, g, t);
        out.push_back({double(p(0)), double(p(1))});
    }
    return out;
}

}  // namespace

class TestTrajectory : public QObject
{
    Q_OBJECT

private slots:
    void quadraticMatrixHasEigenvaluesOneAndKappa()
    {
        double a11, a12, a22;
        quadraticMatrix(ravine(), a11, a12, a22);
        const double trace = a11 + a22, det = a11 * a22 - a12 * a12;
        QVERIFY(std::abs(trace - 11.0) < 1e-12);
        QVERIFY(std::abs(det - 10.0) < 1e-12);
        // The flat direction (eigenvalue 1) is the x axis turned by 30°.
        const double c = std::cos(M_PI / 6), s = std::sin(M_PI / 6);
        QVERIFY(std::abs(a11 * c + a12 * s - c) < 1e-12);
        QVERIFY(std::abs(a12 * c + a22 * s - s) < 1e-12);
    }

    void pathFollowsRecurrence_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("eta");
        for (int k = 0; k <= int(OptimizerKind::AdamW); ++k)
            QTest::newRow(optimizerKey(OptimizerKind(k))) << k << (k >= int(OptimizerKind::Adagrad) ? 0.3 : 0.05);
    }

    void pathFollowsRecurrence()
    {
        QFETCH(int, kind);
        QFETCH(double, eta);
        OptimizerSpec spec;
        spec.kind = OptimizerKind(kind);
        spec.learningRate = eta;
        spec.momentum = 0.8;
        spec.rho = 0.9;
        spec.beta1 = 0.9;
        spec.beta2 = 0.99;
        spec.epsilon = 1e-8;
        spec.weightDecay = 0.1;
        const float e = float(eta), mu = float(spec.momentum), rho = float(spec.rho), eps = float(spec.epsilon);
        const float b1 = float(spec.beta1), b2 = float(spec.beta2);
        Lanes v = Lanes::Zero(16), m = Lanes::Zero(16);
        Recurrence update;
        switch (spec.kind) {
        case OptimizerKind::SGD:  // p ← p − η∇f
            update = [&](Lanes &p, const Lanes &g, int) { p -= e * g; };
            break;
        case OptimizerKind::Momentum:  // v ← μv − η∇f,  p ← p + v
            update = [&](Lanes &p, const Lanes &g, int) {
                v = mu * v - e * g;
                p += v;
            };
            break;
        case OptimizerKind::Nesterov:
            // v' = μv − η∇f,  p ← p − μv + (1 + μ)v'  =  p + μ²v − (1 + μ)η∇f
            update = [&](Lanes &p, const Lanes &g, int) {
                p += mu * mu * v - (1.0f + mu) * e * g;
                v = mu * v - e * g;
            };
            break;
        case OptimizerKind::Adagrad:  // G ← G + g²,  p ← p − ηg / (√G + ε)
            update = [&](Lanes &p, const Lanes &g, int) {
                v += g.square();
                p -= e * g / (v.sqrt() + eps);
            };
            break;
        case OptimizerKind::RMSProp:  // E ← ρE + (1 − ρ)g²,  p ← p − ηg / (√E + ε)
            update = [&](Lanes &p, const Lanes &g, int) {
                v = rho * v + (1.0f - rho) * g.square();
                p -= e * g / (v.sqrt() + eps);
            };
            break;
        case OptimizerKind::Adam:
        case OptimizerKind::AdamW: {
            // AdamW first: p ← (1 − ηλ)p. Then m ← β1 m + (1 − β1)g, v ← β2 v + (1 − β2)g²,
            // p ← p − η m̂ / (√v̂ + ε) with m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ); the 1/(1 − β1ᵗ)
            // goes into the step size and 1/√(1 − β2ᵗ) onto √v, as the engine rounds them.
            const bool w = spec.kind == OptimizerKind::AdamW;
            const double lambda = spec.weightDecay;
            update = [&, w, lambda](Lanes &p, const Lanes &g, int t) {
                if (w)
                    p *= float(1.0 - eta * lambda);
                const float stepSize = float(eta / (1.0 - std::pow(spec.beta1, t)));
                const float invSqrtBias2 = float(1.0 / std::sqrt(1.0 - std::pow(spec.beta2, t)));
                m = b1 * m + (1.0f - b1) * g;
                v = b2 * v + (1.0f - b2) * g.square();
                p -= stepSize * m / (v.sqrt() * invSqrtBias2 + eps);
            };
            break;
        }
        }
        const Point2 start{-3.0, 2.0};
        const std::vector<Point2> expected = recurrencePath(ravine(), start, update);
        const Trajectory path = runTrajectory(ravine(), spec, start, kSteps);
        QVERIFY(!path.diverged);
        QCOMPARE(path.steps(), kSteps);
        QCOMPARE(path.positions.size(), expected.size());
        for (std::size_t t = 0; t < expected.size(); ++t) {
            QVERIFY2(std::abs(path.positions[t].x - expected[t].x) <= 1e-12 &&
                         std::abs(path.positions[t].y - expected[t].y) <= 1e-12,
                     qPrintable(QStringLiteral("step %1: (%2, %3) against (%4, %5)")
                                    .arg(t).arg(path.positions[t].x, 0, 'g', 17).arg(path.positions[t].y, 0, 'g', 17)
                                    .arg(expected[t].x, 0, 'g', 17).arg(expected[t].y, 0, 'g', 17)));
            QCOMPARE(path.values[t], surfaceValue(ravine(), path.positions[t]));
            if (t + 1 < expected.size()) {
                QCOMPARE(path.updates[t].x, path.positions[t + 1].x - path.positions[t].x);
                QCOMPARE(path.updates[t].y, path.positions[t + 1].y - path.positions[t].y);
            }
        }
        // Each of these descends from (−3, 2) on this bowl at these rates.
        QVERIFY(path.values.back() < path.values.front());
    }

    void momentumMatchesTextbookInDouble()
    {
        // The same path in double precision with the notes' recurrence: float rounding only.
        OptimizerSpec spec;
        spec.kind = OptimizerKind::Momentum;
        spec.learningRate = 0.05;
        spec.momentum = 0.9;
        const Trajectory path = runTrajectory(ravine(), spec, {-3.0, 2.0}, kSteps);
        double a11, a12, a22;
        quadraticMatrix(ravine(), a11, a12, a22);
        double x = -3.0, y = 2.0, vx = 0.0, vy = 0.0;
        for (int t = 1; t <= kSteps; ++t) {
            const double gx = a11 * x + a12 * y, gy = a12 * x + a22 * y;
            vx = 0.9 * vx - 0.05 * gx;
            vy = 0.9 * vy - 0.05 * gy;
            x += vx;
            y += vy;
            QVERIFY(std::abs(path.positions[std::size_t(t)].x - x) < 1e-5);
            QVERIFY(std::abs(path.positions[std::size_t(t)].y - y) < 1e-5);
        }
    }

    void gradientsMatchCentralDifferences_data()
    {
        QTest::addColumn<int>("kind");
        for (int k = 0; k <= int(SurfaceKind::Saddle); ++k)
            QTest::newRow(surfaceKey(SurfaceKind(k))) << k;
    }

    void gradientsMatchCentralDifferences()
    {
        QFETCH(int, kind);
        SurfaceSpec s = ravine();
        s.kind = SurfaceKind(kind);
        const double h = 1e-6;
        for (Point2 p : {Point2{0.3, -0.7}, Point2{-1.2, 1.1}, Point2{1.5, 0.4}}) {
            const Point2 g = surfaceGradient(s, p);
            const double gx = (surfaceValue(s, {p.x + h, p.y}) - surfaceValue(s, {p.x - h, p.y})) / (2 * h);
            const double gy = (surfaceValue(s, {p.x, p.y + h}) - surfaceValue(s, {p.x, p.y - h})) / (2 * h);
            QVERIFY2(std::abs(g.x - gx) <= 1e-5 * (1 + std::abs(gx)), qPrintable(QString::number(g.x - gx)));
            QVERIFY2(std::abs(g.y - gy) <= 1e-5 * (1 + std::abs(gy)), qPrintable(QString::number(g.y - gy)));
        }
        // Minima where the notes put them.
        if (s.kind == SurfaceKind::Rosenbrock)
            QCOMPARE(surfaceValue(s, {1, 1}), 0.0);
        if (s.kind == SurfaceKind::Beale)
            QCOMPARE(surfaceValue(s, {3, 0.5}), 0.0);
        if (s.kind == SurfaceKind::Himmelblau)
            QCOMPARE(surfaceValue(s, {3, 2}), 0.0);
        QVERIFY(!surfaceFormula(s).empty());
        const ViewBox box = surfaceViewBox(s);
        const Point2 start = surfaceDefaultStart(s);
        QVERIFY(start.x > box.xMin && start.x < box.xMax && start.y > box.yMin && start.y < box.yMax);
    }

    void tooLargeRateDivergesAndStops()
    {
        OptimizerSpec spec;
        spec.kind = OptimizerKind::SGD;
        spec.learningRate = 0.25;  // above 2/κ = 0.2 on the steep axis
        const Trajectory path = runTrajectory(ravine(), spec, {-3.0, 2.0}, 5000);
        QVERIFY(path.diverged);
        QVERIFY(path.steps() < 5000);
        QCOMPARE(path.positions.size(), path.values.size());
        QCOMPARE(path.updates.size() + 1, path.positions.size());
    }

    void noiseIsSeededAndMovesThePath()
    {
        SurfaceSpec s = ravine();
        s.noise = 0.5;
        s.seed = 7;
        OptimizerSpec spec;
        spec.kind = OptimizerKind::SGD;
        spec.learningRate = 0.05;
        const Trajectory a = runTrajectory(s, spec, {-3.0, 2.0}, 100);
        const Trajectory b = runTrajectory(s, spec, {-3.0, 2.0}, 100);
        const Trajectory clean = runTrajectory(ravine(), spec, {-3.0, 2.0}, 100);
        QVERIFY(a.positions == b.positions);
        QVERIFY(!(a.positions == clean.positions));
        s.seed = 8;
        QVERIFY(!(runTrajectory(s, spec, {-3.0, 2.0}, 100).positions == a.positions));
        QCOMPARE(validateSurface(s), std::string());
        s.condition = 0.5;
        QVERIFY(!validateSurface(s).empty());
    }

    void keysRoundTrip()
    {
        for (int k = 0; k <= int(SurfaceKind::Saddle); ++k) {
            SurfaceKind parsed = SurfaceKind::Saddle;
            QVERIFY(parseSurface(surfaceKey(SurfaceKind(k)), parsed));
            QCOMPARE(int(parsed), k);
        }
        SurfaceKind parsed;
        QVERIFY(!parseSurface("banana", parsed));
    }
};

QTEST_GUILESS_MAIN(TestTrajectory)
#include "test_trajectory.moc"
