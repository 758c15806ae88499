#include "network/network.h"
#include "training/optimizer.h"
#include "training/schedule.h"

#include <QtTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

using np::learningRateAt;
using np::makeOptimizer;
using np::Optimizer;
using np::optimizerKey;
using np::OptimizerKind;
using np::OptimizerSpec;
using np::OptimizerState;
using np::optimizerTitle;
using np::ParameterBlock;
using np::ParameterKind;
using np::parseOptimizer;
using np::parseSchedule;
using np::Scalar;
using np::scheduleKey;
using np::ScheduleKind;
using np::ScheduleSpec;
using np::validateOptimizer;
using np::validateSchedule;

namespace {

/// theta after each of the three steps, one row per step.
using Trajectory = std::vector<std::vector<double>>;

// The fixed problem every optimizer row runs: three parameters, three steps. Each gradient has
// a negative and a zero component, and eta changes per step so the step's eta (not the spec's
// learningRate) must be the one used.
constexpr int kSteps = 3;
const std::vector<double> kTheta0 = {1.0, -2.0, 0.5};
const std::vector<std::vector<double>> kGrad = {
    {0.5, -1.0, 0.0},
    {-0.25, 2.0, 1.5},
    {1.0, 0.0, -0.5},
};
const double kEta[kSteps] = {0.1, 0.05, 0.2};

/// Two weights then one bias, as makeOptimizer receives them from a network.
std::vector<ParameterBlock> weightWeightBias()
{
    ParameterBlock w;
    w.kind = ParameterKind::Weight;
    w.offset = 0;
    w.rows = 2;
    w.cols = 1;
    ParameterBlock b;
    b.kind = ParameterKind::Bias;
    b.offset = 2;
    b.rows = 1;
    b.cols = 1;
    return {w, b};
}

/// Non-default hyperparameters, so each one changes the result.
OptimizerSpec optimizerSpec(OptimizerKind kind)
{
    OptimizerSpec s;
    s.kind = kind;
    s.learningRate = 0.5;  // never used by step(): eta comes from the caller
    s.momentum = 0.8;
    s.beta1 = 0.8;
    s.beta2 = 0.9;
    s.rho = 0.7;
    s.epsilon = 1e-3;
    s.weightDecay = 0.5;
    return s;
}

std::vector<Scalar> toScalars(const std::vector<double> &v)
{
    return std::vector<Scalar>(v.begin(), v.end());
}

std::vector<std::uint32_t> bits(const std::vector<Scalar> &v)
{
    std::vector<std::uint32_t> out;
    for (Scalar x : v)
        out.push_back(std::bit_cast<std::uint32_t>(x));
    return out;
}

/// Float results against double hand values: 1e-6 relative to the parameters' scale (~1),
/// about eight float ulps; every formula slip tested here moves theta by 1e-4 or more.
bool closeTo(double actual, double expected)
{
    return std::abs(actual - expected) <= 1e-6 * std::max(1.0, std::abs(expected));
}

QByteArray describe(const char *what, int step, int i, double actual, double expected)
{
    return QStringLiteral("%1 after step %2, theta[%3]: actual %4, expected %5")
        .arg(QString::fromUtf8(what))
        .arg(step)
        .arg(i)
        .arg(actual, 0, 'g', 10)
        .arg(expected, 0, 'g', 10)
        .toUtf8();
}

// Reference trajectories in double, each written straight from the formula in its comment.

/// theta <- theta - eta g
Trajectory sgdReference(const OptimizerSpec &)
{
    std::vector<double> theta = kTheta0;
    Trajectory out;
    for (int k = 0; k < kSteps; ++k) {
        for (std::size_t i = 0; i < theta.size(); ++i)
            theta[i] = theta[i] - kEta[k] * kGrad[k][i];
        out.push_back(theta);
    }
    return out;
}

/// v <- mu v - eta g;  theta <- theta + v
Trajectory momentumReference(const OptimizerSpec &s)
{
    std::vector<double> theta = kTheta0;
    std::vector<double> v(theta.size(), 0.0);
    Trajectory out;
    for (int k = 0; k < kSteps; ++k) {
        for (std::size_t i = 0; i < theta.size(); ++i) {
            v[i] = s.momentum * v[i] - kEta[k] * kGrad[k][i];
            theta[i] = theta[i] + v[i];
        }
        out.push_back(theta);
    }
    return out;
}

/// v_prev <- v;  v <- mu v - eta g;  theta <- theta - mu v_prev + (1 + mu) v
Trajectory nesterovReference(const OptimizerSpec &s)
{
    const double mu = s.momentum;
    std::vector<double> theta = kTheta0;
    std::vector<double> v(theta.size(), 0.0);
    Trajectory out;
    for (int k = 0; k < kSteps; ++k) {
        for (std::size_t i = 0; i < theta.size(); ++i) {
            const double vPrev = v[i];
            v[i] = mu * v[i] - kEta[k] * kGrad[k][i];
            theta[i] = theta[i] - mu * vPrev + (1.0 + mu) * v[i];
        }
        out.push_back(theta);
    }
    return out;
}

/// G <- G + g^2;  theta <- theta - eta g / (sqrt(G) + eps)
Trajectory adagradReference(const OptimizerSpec &s)
{
    std::vector<double> theta = kTheta0;
    std::vector<double> G(theta.size(), 0.0);
    Trajectory out;
    for (int k = 0; k < kSteps; ++k) {
        for (std::size_t i = 0; i < theta.size(); ++i) {
            const double g = kGrad[k][i];
            G[i] = G[i] + g * g;
            theta[i] = theta[i] - kEta[k] * g / (std::sqrt(G[i]) + s.epsilon);
        }
        out.push_back(theta);
    }
    return out;
}

/// E <- rho E + (1 - rho) g^2;  theta <- theta - eta g / (sqrt(E) + eps)
Trajectory rmspropReference(const OptimizerSpec &s)
{
    std::vector<double> theta = kTheta0;
    std::vector<double> E(theta.size(), 0.0);
    Trajectory out;
    for (int k = 0; k < kSteps; ++k) {
        for (std::size_t i = 0; i < theta.size(); ++i) {
            const double g = kGrad[k][i];
            E[i] = s.rho * E[i] + (1.0 - s.rho) * g * g;
            theta[i] = theta[i] - kEta[k] * g / (std::sqrt(E[i]) + s.epsilon);
        }
        out.push_back(theta);
    }
    return out;
}

/// m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;  m_hat = m / (1 - b1^t);
/// v_hat = v / (1 - b2^t);  theta <- theta - eta m_hat / (sqrt(v_hat) + eps).
/// With decayWeights (AdamW), first theta_W <- (1 - eta lambda) theta_W for theta[0], theta[1].
Trajectory adamReference(const OptimizerSpec &s, bool decayWeights)
{
    std::vector<double> theta = kTheta0;
    std::vector<double> m(theta.size(), 0.0);
    std::vector<double> v(theta.size(), 0.0);
    Trajectory out;
    for (int k = 0; k < kSteps; ++k) {
        const double t = k + 1;
        if (decayWeights) {
            theta[0] = theta[0] * (1.0 - kEta[k] * s.weightDecay);
            theta[1] = theta[1] * (1.0 - kEta[k] * s.weightDecay);
        }
        for (std::size_t i = 0; i < theta.size(); ++i) {
            const double g = kGrad[k][i];
            m[i] = s.beta1 * m[i] + (1.0 - s.beta1) * g;
            v[i] = s.beta2 * v[i] + (1.0 - s.beta2) * g * g;
            const double mHat = m[i] / (1.0 - std::pow(s.beta1, t));
            const double vHat = v[i] / (1.0 - std::pow(s.beta2, t));
            theta[i] = theta[i] - kEta[k] * mHat / (std::sqrt(vHat) + s.epsilon);
        }
        out.push_back(theta);
    }
    return out;
}

Trajectory reference(const OptimizerSpec &s)
{
    switch (s.kind) {
    case OptimizerKind::SGD:
        return sgdReference(s);
    case OptimizerKind::Momentum:
        return momentumReference(s);
    case OptimizerKind::Nesterov:
        return nesterovReference(s);
    case OptimizerKind::Adagrad:
        return adagradReference(s);
    case OptimizerKind::RMSProp:
        return rmspropReference(s);
    case OptimizerKind::Adam:
        return adamReference(s, false);
    case OptimizerKind::AdamW:
        return adamReference(s, true);
    }
    return {};
}

/// Runs `steps` steps of the fixed problem on opt, starting from theta.
void runSteps(Optimizer &opt, std::vector<Scalar> &theta, int first, int steps)
{
    for (int k = first; k < first + steps; ++k) {
        const std::vector<Scalar> g = toScalars(kGrad[k]);
        opt.step(theta, g, kEta[k]);
    }
}

const OptimizerKind kAllKinds[] = {OptimizerKind::SGD,     OptimizerKind::Momentum, OptimizerKind::Nesterov,
                                   OptimizerKind::Adagrad, OptimizerKind::RMSProp,  OptimizerKind::Adam,
                                   OptimizerKind::AdamW};

}  // namespace

Q_DECLARE_METATYPE(np::OptimizerKind)
Q_DECLARE_METATYPE(np::ScheduleKind)

class TestOptimizers : public QObject
{
    Q_OBJECT

private slots:
    void stepsMatchHandComputation_data();
    void stepsMatchHandComputation();
    void adamWDecaysWeightsNotBiases();
    void adamWWithoutDecayIsAdam();
    void stateRoundTrip_data();
    void stateRoundTrip();
    void setStateRefusesForeignState();
    void setSpecKeepsState();
    void learningRateSchedules_data();
    void learningRateSchedules();
    void validateScheduleMessages();
    void optimizerKeysRoundTrip();
    void validateOptimizerMessages();
};

void TestOptimizers::stepsMatchHandComputation_data()
{
    QTest::addColumn<OptimizerKind>("kind");
    // theta after the first step (eta 0.1, g = {0.5, -1, 0}) in closed form, an anchor for
    // the reference trajectories: mu = 0.8, rho = 0.7, beta1 = 0.8, beta2 = 0.9, eps = 1e-3.
    QTest::addColumn<std::vector<double>>("firstStep");

    // Momentum's first step equals SGD's (v = -eta g).
    QTest::newRow("sgd") << OptimizerKind::SGD << std::vector<double>{0.95, -1.9, 0.5};
    QTest::newRow("momentum") << OptimizerKind::Momentum << std::vector<double>{0.95, -1.9, 0.5};
    // theta += (1 + mu)(-eta g)
    QTest::newRow("nesterov") << OptimizerKind::Nesterov << std::vector<double>{0.91, -1.82, 0.5};
    // G = g^2: theta -= eta g / (|g| + eps)
    QTest::newRow("adagrad") << OptimizerKind::Adagrad
                             << std::vector<double>{1.0 - 0.05 / 0.501, -2.0 + 0.1 / 1.001, 0.5};
    // E = 0.3 g^2: theta -= eta g / (sqrt(0.3) |g| + eps)
    QTest::newRow("rmsprop") << OptimizerKind::RMSProp
                             << std::vector<double>{1.0 - 0.05 / (std::sqrt(0.3) * 0.5 + 1e-3),
                                                    -2.0 + 0.1 / (std::sqrt(0.3) + 1e-3), 0.5};
    // m_hat = g, v_hat = g^2 at t = 1: theta -= eta g / (|g| + eps)
    QTest::newRow("adam") << OptimizerKind::Adam
                          << std::vector<double>{1.0 - 0.05 / 0.501, -2.0 + 0.1 / 1.001, 0.5};
    // weights first scaled by 1 - 0.1 * 0.5 = 0.95, the bias not
    QTest::newRow("adamw") << OptimizerKind::AdamW
                           << std::vector<double>{0.95 - 0.05 / 0.501, -1.9 + 0.1 / 1.001, 0.5};
}

void TestOptimizers::stepsMatchHandComputation()
{
    QFETCH(OptimizerKind, kind);
    QFETCH(std::vector<double>, firstStep);

    const OptimizerSpec s = optimizerSpec(kind);
    const Trajectory expected = reference(s);
    QCOMPARE(expected.size(), std::size_t(kSteps));
    for (std::size_t i = 0; i < firstStep.size(); ++i) {
        QVERIFY2(std::abs(expected[0][i] - firstStep[i]) < 1e-12,
                 describe("reference vs closed form", 1, int(i), expected[0][i], firstStep[i]).constData());
    }

    std::unique_ptr<Optimizer> opt = makeOptimizer(s, kTheta0.size(), weightWeightBias());
    QVERIFY(opt);
    QCOMPARE(opt->kind(), kind);
    std::vector<Scalar> theta = toScalars(kTheta0);
    for (int k = 0; k < kSteps; ++k) {
        runSteps(*opt, theta, k, 1);
        QCOMPARE(opt->state().t, std::int64_t(k + 1));
        for (std::size_t i = 0; i < theta.size(); ++i) {
            QVERIFY2(closeTo(theta[i], expected[std::size_t(k)][i]),
                     describe(optimizerKey(kind), k + 1, int(i), theta[i], expected[std::size_t(k)][i]).constData());
        }
    }
}

void TestOptimizers::adamWDecaysWeightsNotBiases()
{
    const OptimizerSpec sw = optimizerSpec(OptimizerKind::AdamW);
    OptimizerSpec sa = sw;
    sa.kind = OptimizerKind::Adam;
    std::unique_ptr<Optimizer> adamw = makeOptimizer(sw, 3, weightWeightBias());
    std::unique_ptr<Optimizer> adam = makeOptimizer(sa, 3, weightWeightBias());
    const Trajectory decayed = adamReference(sw, true);
    const Trajectory plain = adamReference(sa, false);

    std::vector<Scalar> thetaW = toScalars(kTheta0);
    std::vector<Scalar> thetaA = toScalars(kTheta0);
    for (int k = 0; k < kSteps; ++k) {
        runSteps(*adamw, thetaW, k, 1);
        runSteps(*adam, thetaA, k, 1);
        const auto &e = decayed[std::size_t(k)];
        // The weights follow the decayed trajectory, and it is not Adam's.
        for (std::size_t i = 0; i < 2; ++i) {
            QVERIFY2(closeTo(thetaW[i], e[i]), describe("AdamW weight", k + 1, int(i), thetaW[i], e[i]).constData());
            QVERIFY2(std::abs(e[i] - plain[std::size_t(k)][i]) > 1e-3,
                     describe("decayed vs plain weight", k + 1, int(i), e[i], plain[std::size_t(k)][i]).constData());
        }
        // The bias is updated exactly as plain Adam updates it.
        QVERIFY2(closeTo(thetaW[2], plain[std::size_t(k)][2]),
                 describe("AdamW bias", k + 1, 2, thetaW[2], plain[std::size_t(k)][2]).constData());
        QCOMPARE(std::bit_cast<std::uint32_t>(thetaW[2]), std::bit_cast<std::uint32_t>(thetaA[2]));
    }
    // Step 1 has a zero bias gradient, so an undecayed bias stays at 0.5 (decayed: 0.475).
    QCOMPARE(decayed[0][2], 0.5);
}

void TestOptimizers::adamWWithoutDecayIsAdam()
{
    OptimizerSpec sw = optimizerSpec(OptimizerKind::AdamW);
    sw.weightDecay = 0.0;
    OptimizerSpec sa = sw;
    sa.kind = OptimizerKind::Adam;
    std::unique_ptr<Optimizer> adamw = makeOptimizer(sw, 3, weightWeightBias());
    std::unique_ptr<Optimizer> adam = makeOptimizer(sa, 3, weightWeightBias());

    std::vector<Scalar> thetaW = toScalars(kTheta0);
    std::vector<Scalar> thetaA = toScalars(kTheta0);
    for (int k = 0; k < kSteps; ++k) {
        runSteps(*adamw, thetaW, k, 1);
        runSteps(*adam, thetaA, k, 1);
        QCOMPARE(bits(thetaW), bits(thetaA));
        QVERIFY(adamw->state().accumulators == adam->state().accumulators);
    }
    QVERIFY(bits(thetaW) != bits(toScalars(kTheta0)));
}

void TestOptimizers::stateRoundTrip_data()
{
    QTest::addColumn<OptimizerKind>("kind");
    QTest::addColumn<int>("slotCount");

    QTest::newRow("sgd") << OptimizerKind::SGD << 0;
    QTest::newRow("momentum") << OptimizerKind::Momentum << 1;
    QTest::newRow("nesterov") << OptimizerKind::Nesterov << 1;
    QTest::newRow("adagrad") << OptimizerKind::Adagrad << 1;
    QTest::newRow("rmsprop") << OptimizerKind::RMSProp << 1;
    QTest::newRow("adam") << OptimizerKind::Adam << 2;
    QTest::newRow("adamw") << OptimizerKind::AdamW << 2;
}

void TestOptimizers::stateRoundTrip()
{
    QFETCH(OptimizerKind, kind);
    QFETCH(int, slotCount);

    const OptimizerSpec s = optimizerSpec(kind);
    std::unique_ptr<Optimizer> first = makeOptimizer(s, 3, weightWeightBias());
    std::vector<Scalar> theta = toScalars(kTheta0);
    runSteps(*first, theta, 0, 2);

    const OptimizerState saved = first->state();
    QCOMPARE(saved.kind, kind);
    QCOMPARE(saved.t, std::int64_t(2));
    QCOMPARE(saved.accumulators.size(), std::size_t(slotCount));
    for (const auto &slot : saved.accumulators)
        QCOMPARE(slot.size(), std::size_t(3));

    // copyStateTo overwrites whatever the target held before.
    OptimizerState copied;
    copied.kind = OptimizerKind::RMSProp;
    copied.t = 99;
    copied.accumulators = {{1.0f}, {2.0f, 3.0f}, {4.0f}};
    first->copyStateTo(copied);
    QVERIFY(copied == saved);

    std::unique_ptr<Optimizer> second = makeOptimizer(s, 3, weightWeightBias());
    QVERIFY(second->setState(saved));
    QVERIFY(second->state() == saved);

    std::vector<Scalar> thetaSecond = theta;
    std::vector<Scalar> thetaFresh = theta;
    runSteps(*first, theta, 2, 1);
    runSteps(*second, thetaSecond, 2, 1);
    QCOMPARE(bits(thetaSecond), bits(theta));
    QVERIFY(second->state() == first->state());
    QCOMPARE(second->state().t, std::int64_t(3));

    // Without the restored state the third step differs (SGD remembers nothing but t).
    std::unique_ptr<Optimizer> fresh = makeOptimizer(s, 3, weightWeightBias());
    runSteps(*fresh, thetaFresh, 2, 1);
    if (kind == OptimizerKind::SGD)
        QCOMPARE(bits(thetaFresh), bits(theta));
    else
        QVERIFY(bits(thetaFresh) != bits(theta));
}

void TestOptimizers::setStateRefusesForeignState()
{
    const auto make = [](OptimizerKind kind, std::size_t n) {
        return makeOptimizer(optimizerSpec(kind), n, weightWeightBias());
    };

    std::unique_ptr<Optimizer> momentum = make(OptimizerKind::Momentum, 3);
    std::vector<Scalar> theta = toScalars(kTheta0);
    runSteps(*momentum, theta, 0, 2);
    const OptimizerState momentumState = momentum->state();

    // Same slot count and size, other kind.
    std::unique_ptr<Optimizer> adagrad = make(OptimizerKind::Adagrad, 3);
    const OptimizerState adagradBefore = adagrad->state();
    QVERIFY(!adagrad->setState(momentumState));
    QVERIFY(adagrad->state() == adagradBefore);
    QCOMPARE(adagrad->state().t, std::int64_t(0));

    // Nesterov keeps the same v as momentum, but it is still another kind.
    QVERIFY(!make(OptimizerKind::Nesterov, 3)->setState(momentumState));

    // Same kind, other parameter count.
    std::unique_ptr<Optimizer> bigger = make(OptimizerKind::Momentum, 4);
    QVERIFY(!bigger->setState(momentumState));
    QCOMPARE(bigger->state().t, std::int64_t(0));
    QCOMPARE(bigger->state().accumulators.at(0).size(), std::size_t(4));

    // Adam's state does not fit AdamW, nor does an Adam state with a slot missing.
    std::unique_ptr<Optimizer> adam = make(OptimizerKind::Adam, 3);
    runSteps(*adam, theta, 0, 1);
    QVERIFY(!make(OptimizerKind::AdamW, 3)->setState(adam->state()));
    OptimizerState oneSlot = adam->state();
    oneSlot.accumulators.pop_back();
    QVERIFY(!make(OptimizerKind::Adam, 3)->setState(oneSlot));

    // The matching kind and size is accepted.
    std::unique_ptr<Optimizer> same = make(OptimizerKind::Momentum, 3);
    QVERIFY(same->setState(momentumState));
    QCOMPARE(same->state().t, std::int64_t(2));
}

void TestOptimizers::setSpecKeepsState()
{
    // Momentum: mu 0.8 for step 1, then 0.5. The velocity carries over.
    {
        OptimizerSpec s = optimizerSpec(OptimizerKind::Momentum);
        std::unique_ptr<Optimizer> opt = makeOptimizer(s, 3, weightWeightBias());
        std::vector<Scalar> theta = toScalars(kTheta0);
        runSteps(*opt, theta, 0, 1);
        s.momentum = 0.5;
        opt->setSpec(s);
        QCOMPARE(opt->spec().momentum, 0.5);
        QCOMPARE(opt->state().t, std::int64_t(1));
        runSteps(*opt, theta, 1, 1);
        QCOMPARE(opt->state().t, std::int64_t(2));
        QCOMPARE(opt->kind(), OptimizerKind::Momentum);

        // v1 = -0.1 g1 = {-0.05, 0.1, 0};  v2 = 0.5 v1 - 0.05 g2 = {-0.0125, -0.05, -0.075}
        const double expected[3] = {1.0 - 0.05 - 0.0125, -2.0 + 0.1 - 0.05, 0.5 + 0.0 - 0.075};
        for (int i = 0; i < 3; ++i) {
            QVERIFY2(closeTo(theta[std::size_t(i)], expected[i]),
                     describe("momentum with mu changed to 0.5", 2, i, theta[std::size_t(i)], expected[i]).constData());
        }
    }

    // Adam: beta1 0.8, beta2 0.9, eps 1e-3 for step 1, then 0.5, 0.6, 1e-2 for step 2, whose
    // bias correction uses t = 2 with the new betas.
    {
        OptimizerSpec s = optimizerSpec(OptimizerKind::Adam);
        std::unique_ptr<Optimizer> opt = makeOptimizer(s, 3, weightWeightBias());
        std::vector<Scalar> theta = toScalars(kTheta0);
        runSteps(*opt, theta, 0, 1);
        s.beta1 = 0.5;
        s.beta2 = 0.6;
        s.epsilon = 1e-2;
        opt->setSpec(s);
        QVERIFY(opt->spec() == s);
        QCOMPARE(opt->state().t, std::int64_t(1));
        runSteps(*opt, theta, 1, 1);
        QCOMPARE(opt->state().t, std::int64_t(2));

        for (std::size_t i = 0; i < 3; ++i) {
            const double g1 = kGrad[0][i], g2 = kGrad[1][i];
            const double m1 = 0.2 * g1;
            const double v1 = 0.1 * g1 * g1;
            const double theta1 = kTheta0[i] - 0.1 * (m1 / 0.2) / (std::sqrt(v1 / 0.1) + 1e-3);
            const double m2 = 0.5 * m1 + 0.5 * g2;
            const double v2 = 0.6 * v1 + 0.4 * g2 * g2;
            const double mHat = m2 / (1.0 - 0.5 * 0.5);
            const double vHat = v2 / (1.0 - 0.6 * 0.6);
            const double expected = theta1 - 0.05 * mHat / (std::sqrt(vHat) + 1e-2);
            QVERIFY2(closeTo(theta[i], expected),
                     describe("adam with betas changed", 2, int(i), theta[i], expected).constData());
        }
    }
}

void TestOptimizers::learningRateSchedules_data()
{
    QTest::addColumn<ScheduleKind>("kind");
    QTest::addColumn<qint64>("k");
    QTest::addColumn<double>("expected");

    // eta_0 = 0.1, eta_tau = 0.01, tau = 100, gamma = 0.5, s = 10.
    QTest::newRow("constant k=0") << ScheduleKind::Constant << qint64(0) << 0.1;
    QTest::newRow("constant k=50") << ScheduleKind::Constant << qint64(50) << 0.1;
    QTest::newRow("constant k=100") << ScheduleKind::Constant << qint64(100) << 0.1;
    QTest::newRow("constant k=250") << ScheduleKind::Constant << qint64(250) << 0.1;

    // (1 - k/tau) eta_0 + (k/tau) eta_tau
    QTest::newRow("linear k=0") << ScheduleKind::Linear << qint64(0) << 0.1;
    QTest::newRow("linear k=25") << ScheduleKind::Linear << qint64(25) << 0.75 * 0.1 + 0.25 * 0.01;
    QTest::newRow("linear k=50") << ScheduleKind::Linear << qint64(50) << 0.055;
    QTest::newRow("linear k=100") << ScheduleKind::Linear << qint64(100) << 0.01;
    QTest::newRow("linear k=250") << ScheduleKind::Linear << qint64(250) << 0.01;

    // eta_0 gamma^floor(k/s)
    QTest::newRow("step k=0") << ScheduleKind::Step << qint64(0) << 0.1;
    QTest::newRow("step k=9") << ScheduleKind::Step << qint64(9) << 0.1;
    QTest::newRow("step k=10") << ScheduleKind::Step << qint64(10) << 0.05;
    QTest::newRow("step k=25") << ScheduleKind::Step << qint64(25) << 0.025;
    QTest::newRow("step k=100") << ScheduleKind::Step << qint64(100) << 0.1 / 1024.0;
    QTest::newRow("step k=105") << ScheduleKind::Step << qint64(105) << 0.1 / 1024.0;

    // eta_0 gamma^(k/s)
    QTest::newRow("exponential k=0") << ScheduleKind::Exponential << qint64(0) << 0.1;
    QTest::newRow("exponential k=5") << ScheduleKind::Exponential << qint64(5) << 0.1 / std::sqrt(2.0);
    QTest::newRow("exponential k=10") << ScheduleKind::Exponential << qint64(10) << 0.05;
    QTest::newRow("exponential k=25") << ScheduleKind::Exponential << qint64(25) << 0.025 / std::sqrt(2.0);
    QTest::newRow("exponential k=100") << ScheduleKind::Exponential << qint64(100) << 0.1 / 1024.0;

    // eta_tau + (eta_0 - eta_tau)(1 + cos(pi k/tau)) / 2
    QTest::newRow("cosine k=0") << ScheduleKind::Cosine << qint64(0) << 0.1;
    QTest::newRow("cosine k=25") << ScheduleKind::Cosine << qint64(25)
                                 << 0.01 + 0.09 * (1.0 + std::sqrt(0.5)) / 2.0;
    QTest::newRow("cosine k=50") << ScheduleKind::Cosine << qint64(50) << 0.055;
    QTest::newRow("cosine k=75") << ScheduleKind::Cosine << qint64(75)
                                 << 0.01 + 0.09 * (1.0 - std::sqrt(0.5)) / 2.0;
    QTest::newRow("cosine k=100") << ScheduleKind::Cosine << qint64(100) << 0.01;
    QTest::newRow("cosine k=250") << ScheduleKind::Cosine << qint64(250) << 0.01;
}

void TestOptimizers::learningRateSchedules()
{
    QFETCH(ScheduleKind, kind);
    QFETCH(qint64, k);
    QFETCH(double, expected);

    ScheduleSpec s;
    s.kind = kind;
    s.finalLearningRate = 0.01;
    s.tau = 100;
    s.decay = 0.5;
    s.decaySteps = 10;
    QVERIFY(validateSchedule(s).empty());

    const double actual = learningRateAt(s, 0.1, k);
    QVERIFY2(std::abs(actual - expected) <= 1e-12 * expected,
             QStringLiteral("eta_%1: actual %2, expected %3")
                 .arg(k)
                 .arg(actual, 0, 'g', 17)
                 .arg(expected, 0, 'g', 17)
                 .toUtf8()
                 .constData());
}

void TestOptimizers::validateScheduleMessages()
{
    QVERIFY(validateSchedule(ScheduleSpec{}).empty());

    ScheduleSpec s;
    s.tau = 0;
    const QString tauMessage = QString::fromStdString(validateSchedule(s));
    QVERIFY2(tauMessage.startsWith(QStringLiteral("τ")), qPrintable(tauMessage));

    s = ScheduleSpec{};
    s.decay = 0.0;
    const QString zeroDecay = QString::fromStdString(validateSchedule(s));
    QVERIFY2(zeroDecay.contains(QStringLiteral("γ")), qPrintable(zeroDecay));

    s.decay = 1.5;
    const QString bigDecay = QString::fromStdString(validateSchedule(s));
    QVERIFY2(bigDecay.contains(QStringLiteral("γ")), qPrintable(bigDecay));

    // gamma = 1 (no decay) is the closed end of (0, 1].
    s.decay = 1.0;
    QVERIFY(validateSchedule(s).empty());

    // The schedule keys round-trip too.
    for (ScheduleKind kind : {ScheduleKind::Constant, ScheduleKind::Linear, ScheduleKind::Step,
                              ScheduleKind::Exponential, ScheduleKind::Cosine}) {
        ScheduleKind parsed = kind == ScheduleKind::Constant ? ScheduleKind::Cosine : ScheduleKind::Constant;
        QVERIFY(parseSchedule(scheduleKey(kind), parsed));
        QCOMPARE(parsed, kind);
    }
}

void TestOptimizers::optimizerKeysRoundTrip()
{
    const char *const keys[] = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"};
    int i = 0;
    for (OptimizerKind kind : kAllKinds) {
        QCOMPARE(optimizerKey(kind), keys[i++]);
        // Start from another kind so a parse that writes nothing is caught.
        OptimizerKind parsed = kind == OptimizerKind::SGD ? OptimizerKind::AdamW : OptimizerKind::SGD;
        QVERIFY2(parseOptimizer(optimizerKey(kind), parsed), optimizerKey(kind));
        QCOMPARE(parsed, kind);
        QVERIFY(std::string(optimizerTitle(kind)).size() > 0);
    }

    OptimizerKind untouched = OptimizerKind::Nesterov;
    QVERIFY(!parseOptimizer("adamax", untouched));
    QVERIFY(!parseOptimizer("Adam", untouched));
    QVERIFY(!parseOptimizer("", untouched));
    QCOMPARE(untouched, OptimizerKind::Nesterov);
}

void TestOptimizers::validateOptimizerMessages()
{
    QVERIFY(validateOptimizer(OptimizerSpec{}).empty());

    OptimizerSpec s;
    s.learningRate = -0.01;
    const QString negativeRate = QString::fromStdString(validateOptimizer(s));
    QVERIFY2(negativeRate.contains(QStringLiteral("learning rate")), qPrintable(negativeRate));

    s = OptimizerSpec{};
    s.momentum = 1.0;
    const QString fullMomentum = QString::fromStdString(validateOptimizer(s));
    QVERIFY2(fullMomentum.startsWith(QStringLiteral("Momentum")), qPrintable(fullMomentum));

    s = OptimizerSpec{};
    s.epsilon = 0.0;
    const QString zeroEpsilon = QString::fromStdString(validateOptimizer(s));
    QVERIFY2(zeroEpsilon.startsWith(QStringLiteral("ε")), qPrintable(zeroEpsilon));

    // The non-default hyperparameters the step tests use are valid too.
    for (OptimizerKind kind : kAllKinds)
        QVERIFY2(validateOptimizer(optimizerSpec(kind)).empty(), optimizerKey(kind));
}

QTEST_APPLESS_MAIN(TestOptimizers)
#include "test_optimizers.moc"
