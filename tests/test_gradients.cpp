// Backpropagation against central differences, in double precision, for every activation with
// every output head and loss that fit together, and for every layer option.

#include "analysis/gradientcheck.h"
#include "network/init.h"
#include "network/loss.h"
#include "network/network.h"

#include <QtTest>

using namespace np;

namespace {

struct Problem
{
    OutputHead head;
    Loss loss;
    Task task;
    int classes;
};

const Problem kProblems[] = {
    {OutputHead::Sigmoid, Loss::Squared, Task::Classification, 2},
    {OutputHead::Sigmoid, Loss::BinaryCrossEntropy, Task::Classification, 2},
    {OutputHead::OneVsRest, Loss::Squared, Task::Classification, 3},
    {OutputHead::OneVsRest, Loss::BinaryCrossEntropy, Task::Classification, 4},
    {OutputHead::Softmax, Loss::Squared, Task::Classification, 3},
    {OutputHead::Softmax, Loss::CategoricalCrossEntropy, Task::Classification, 2},
    {OutputHead::Softmax, Loss::CategoricalCrossEntropy, Task::Classification, 5},
    {OutputHead::Linear, Loss::Squared, Task::Classification, 2},
    {OutputHead::Linear, Loss::Hinge, Task::Classification, 2},
    {OutputHead::Linear, Loss::Hinge, Task::Classification, 3},
    {OutputHead::Linear, Loss::Perceptron, Task::Classification, 2},
    {OutputHead::Linear, Loss::Perceptron, Task::Classification, 4},
    {OutputHead::Tanh, Loss::Squared, Task::Classification, 2},
    {OutputHead::Tanh, Loss::Hinge, Task::Classification, 2},
    {OutputHead::Tanh, Loss::Perceptron, Task::Classification, 3},
    {OutputHead::Step, Loss::Perceptron, Task::Classification, 2},
    {OutputHead::Step, Loss::Perceptron, Task::Classification, 3},
    {OutputHead::Linear, Loss::Squared, Task::Regression, 1},
    {OutputHead::Tanh, Loss::Squared, Task::Regression, 1},
};

struct Case
{
    Problem problem;
    std::vector<LayerSpec> hidden;
    Penalty penalty;
    Mode mode = Mode::Train;
    int batch = 7;
};

QString describe(const Case &c)
{
    QString s = QString("%1+%2 (%3 classes)")
                    .arg(headKey(c.problem.head), lossKey(c.problem.loss))
                    .arg(c.problem.task == Task::Regression ? 0 : c.problem.classes);
    for (const LayerSpec &l : c.hidden) {
        s += QString(" | %1x%2").arg(l.units).arg(activationInfo(l.activation).key);
        if (l.activation == Activation::Maxout)
            s += QString("(k=%1)").arg(l.pieces);
        if (l.batchNorm)
            s += " bn";
        if (l.dropout > 0)
            s += QString(" dropout %1").arg(l.dropout);
    }
    if (!c.penalty.isZero())
        s += QString(" | L1 %1 L2 %2").arg(c.penalty.l1).arg(c.penalty.l2);
    if (c.mode == Mode::Eval)
        s += " | eval";
    return s;
}

GradientCheckResult runCheck(const Case &c, std::uint64_t seed)
{
    NetworkSpec spec;
    spec.hidden = c.hidden;
    spec.head = c.problem.head;
    spec.loss = c.problem.loss;
    const int outputs = outputUnits(spec.head, c.problem.task, c.problem.classes);
    Network<double> net(spec, 2, outputs);
    Rng rng(seed);
    InitSpec init;
    init.scheme = InitScheme::LeCun;
    initialize(net, init, rng);
    // Random biases, gammas and betas too, and running statistics away from 0 and 1.
    for (int l = 0; l < net.layerCount(); ++l) {
        for (Index i = 0; i < net.b(l).size(); ++i)
            net.b(l)(i) = rng.normal(0, 0.3);
        for (Index i = 0; i < net.gamma(l).size(); ++i) {
            net.gamma(l)(i) = rng.uniform(0.5, 1.5);
            net.beta(l)(i) = rng.normal(0, 0.3);
            net.runningMean(l)(i) = rng.normal(0, 0.5);
            net.runningVar(l)(i) = rng.uniform(0.5, 2.0);
        }
    }
    Matrix<double> x(2, c.batch), y(outputs, c.batch);
    for (Index j = 0; j < c.batch; ++j) {
        x(0, j) = rng.uniform(-2, 2);
        x(1, j) = rng.uniform(-2, 2);
        const int label = static_cast<int>(rng.below(static_cast<std::uint32_t>(std::max(c.problem.classes, 1))));
        encodeTarget<double>(spec.head, c.problem.task, outputs, label, rng.uniform(-1, 1), &y(0, j));
    }
    const Rng dropoutRng(seed + 1000);
    return checkGradients<double>(net, ConstMatrixMap<double>(x.data(), x.rows(), x.cols()),
                                  ConstMatrixMap<double>(y.data(), y.rows(), y.cols()), c.penalty, c.mode,
                                  dropoutRng, 1e-6);
}

LayerSpec layer(int units, Activation g, bool bn = false, double dropout = 0.0, int pieces = 2)
{
    LayerSpec l;
    l.units = units;
    l.activation = g;
    l.alpha = g == Activation::ELU ? 0.7 : 0.05;
    l.pieces = pieces;
    l.batchNorm = bn;
    l.dropout = dropout;
    return l;
}

}  // namespace

class TestGradients : public QObject
{
    Q_OBJECT

private slots:
    void everyActivationWithEveryHeadAndLoss_data()
    {
        QTest::addColumn<int>("caseIndex");
        m_cases.clear();
        for (const ActivationInfo &g : activations()) {
            for (const Problem &p : kProblems) {
                // Two hidden layers so the activation's derivative is used twice on the way back.
                m_cases.push_back({p, {layer(4, g.activation), layer(3, g.activation)}, {}, Mode::Train, 7});
                QTest::newRow(qPrintable(describe(m_cases.back()))) << int(m_cases.size() - 1);
            }
        }
        QCOMPARE(int(m_cases.size()), 12 * int(std::size(kProblems)));
    }

    void everyActivationWithEveryHeadAndLoss()
    {
        QFETCH(int, caseIndex);
        const Case &c = m_cases[static_cast<std::size_t>(caseIndex)];
        QVERIFY(validateHeadAndLoss(c.problem.head, c.problem.loss, c.problem.task, c.problem.classes).empty());
        const GradientCheckResult result = runCheck(c, 100 + caseIndex);
        // Relative error 1e-6, or an absolute one of 1e-9 where the gradient itself nearly vanishes
        // (deep sigmoid nets) and the central difference's rounding dominates the ratio.
        for (const LayerGradientCheck &l : result.layers) {
            QVERIFY2(l.relativeError < 1e-6 || l.maxAbsError < 1e-9,
                     qPrintable(QString("layer %1: relative error %2, max abs error %3 (|g| = %4)")
                                    .arg(l.layer).arg(l.relativeError).arg(l.maxAbsError).arg(l.analyticNorm)));
        }
        QVERIFY2(result.inputRelativeError < 1e-6 || result.inputMaxAbsError < 1e-9,
                 qPrintable(QString("inputs: relative error %1, max abs error %2")
                                .arg(result.inputRelativeError).arg(result.inputMaxAbsError)));
    }

    void layerOptions_data()
    {
        QTest::addColumn<int>("caseIndex");
        m_cases.clear();
        const Problem softmax{OutputHead::Softmax, Loss::CategoricalCrossEntropy, Task::Classification, 3};
        const Problem sigmoid{OutputHead::Sigmoid, Loss::BinaryCrossEntropy, Task::Classification, 2};
        const Problem regression{OutputHead::Linear, Loss::Squared, Task::Regression, 1};
        const std::vector<Case> cases = {
            {softmax, {layer(5, Activation::Tanh, true)}, {}, Mode::Train, 9},
            {softmax, {layer(5, Activation::ReLU, true), layer(4, Activation::ELU, true)}, {}, Mode::Train, 8},
            {sigmoid, {layer(3, Activation::Maxout, true, 0.0, 3)}, {}, Mode::Train, 6},
            {sigmoid, {layer(4, Activation::Sigmoid, true)}, {}, Mode::Eval, 5},
            {softmax, {layer(6, Activation::Tanh, false, 0.3)}, {}, Mode::Train, 7},
            {softmax, {layer(6, Activation::SiLU, true, 0.5), layer(4, Activation::Maxout, false, 0.2, 2)}, {}, Mode::Train, 7},
            {regression, {layer(6, Activation::Softplus)}, {0.01, 0.0}, Mode::Train, 7},
            {regression, {layer(6, Activation::GELU)}, {0.0, 0.2}, Mode::Train, 7},
            {sigmoid, {layer(4, Activation::LeakyReLU), layer(4, Activation::AbsReLU)}, {0.05, 0.3}, Mode::Train, 7},
            {sigmoid, {layer(8, Activation::Sigmoid), layer(8, Activation::Sigmoid), layer(8, Activation::Sigmoid),
                       layer(8, Activation::Sigmoid), layer(8, Activation::Sigmoid)}, {}, Mode::Train, 4},
            {softmax, {}, {0.0, 0.1}, Mode::Train, 10},  // no hidden layer: logistic regression
            {regression, {}, {}, Mode::Train, 1},        // a single example
        };
        for (const Case &c : cases) {
            m_cases.push_back(c);
            QTest::newRow(qPrintable(describe(c))) << int(m_cases.size() - 1);
        }
    }

    void layerOptions()
    {
        everyActivationWithEveryHeadAndLoss();
    }

    void gradientsDependOnTheDropoutMasks()
    {
        // The checker rewinds the rng so analytic and numeric passes see the same masks. Other masks
        // give a clearly different gradient, so a checker that did not rewind would fail the
        // dropout rows above: they are not passing by accident.
        NetworkSpec spec;
        spec.hidden = {layer(6, Activation::Tanh, false, 0.5)};
        Network<double> net(spec, 2, 1);
        Rng rng(1);
        initialize(net, InitSpec{}, rng);
        Matrix<double> x = Matrix<double>::Random(2, 5), y = Matrix<double>::Ones(1, 5);
        const ConstMatrixMap<double> xm(x.data(), 2, 5), ym(y.data(), 1, 5);

        Rng other(77);
        net.forward(xm, Mode::Train, &other);
        net.loss(ym, true);
        net.backward(xm);
        const std::vector<double> otherMasks(net.gradients().begin(), net.gradients().end());

        const GradientCheckResult result = checkGradients<double>(net, xm, ym, {}, Mode::Train, Rng(3));
        QVERIFY(result.maxRelativeError() < 1e-6);
        const std::vector<double> checkedMasks(net.gradients().begin(), net.gradients().end());
        double diff = 0, norm = 0;
        for (std::size_t i = 0; i < otherMasks.size(); ++i) {
            diff += (otherMasks[i] - checkedMasks[i]) * (otherMasks[i] - checkedMasks[i]);
            norm += checkedMasks[i] * checkedMasks[i];
        }
        QVERIFY2(std::sqrt(diff / norm) > 0.05, "other dropout masks should give a clearly different gradient");
    }

    void largeLayersCanBeCheckedOnASample()
    {
        NetworkSpec spec;
        spec.hidden = {layer(64, Activation::Tanh), layer(64, Activation::ReLU)};
        Network<double> net(spec, 2, 1);
        Rng rng(5);
        initialize(net, InitSpec{}, rng);
        Matrix<double> x = Matrix<double>::Random(2, 6), y = Matrix<double>::Ones(1, 6);
        const GradientCheckResult r = checkGradients<double>(net, ConstMatrixMap<double>(x.data(), 2, 6),
                                                             ConstMatrixMap<double>(y.data(), 1, 6), {}, Mode::Train,
                                                             Rng(1), 1e-6, 100);
        QCOMPARE(r.layers[0].parameters, 64 * 2 + 64);
        QCOMPARE(r.layers[0].checked, 100);
        QCOMPARE(r.layers[1].parameters, 64 * 64 + 64);
        QCOMPARE(r.layers[1].checked, 100);
        QCOMPARE(r.layers[2].checked, 65);  // small enough to check whole
        QVERIFY(r.maxRelativeError() < 1e-6);
    }

private:
    std::vector<Case> m_cases;
};

QTEST_APPLESS_MAIN(TestGradients)
#include "test_gradients.moc"
