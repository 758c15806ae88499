// The backprop walkthrough's numbers: the notes' graphs, every gate against central differences,
// and one point walked through a network against the engine's own backward pass.
#include "analysis/computationgraph.h"
#include "analysis/graphexamples.h"
#include "analysis/networkbackprop.h"
#include "analysis/prediction.h"

#include <QTest>

#include <cmath>

using namespace np;

namespace {

int nodeNamed(const ComputationGraph &g, const std::string &name)
{
    for (int i = 0; i < g.size(); ++i) {
        if (g.node(i).name == name)
            return i;
    }
    return -1;
}

double round4(double v)
{
    return std::round(v * 1e4) / 1e4;
}

Model makeModel(const NetworkSpec &spec, int inputs, int outputs, Task task, int classes, std::uint64_t seed)
{
    Model model;
    model.network = spec;
    model.inputs = inputs;
    model.outputs = outputs;
    model.task = task;
    model.classCount = classes;
    model.features = FeatureSet::plain();
    Network<Scalar> net(spec, inputs, outputs);
    Rng rng(seed);
    for (Scalar &p : net.parameters())
        p = Scalar(rng.uniform() * 1.6 - 0.8);
    for (int l = 0; l < net.layerCount(); ++l) {
        if (net.layer(l).batchNorm) {
            for (Index r = 0; r < net.runningMean(l).size(); ++r) {
                net.runningMean(l)(r) = Scalar(rng.uniform() - 0.5);
                net.runningVar(l)(r) = Scalar(0.5 + rng.uniform());
            }
        }
    }
    model.parameters.assign(net.parameters().begin(), net.parameters().end());
    model.buffers.assign(net.buffers().begin(), net.buffers().end());
    return model;
}

}  // namespace

class TestBackprop : public QObject
{
    Q_OBJECT

private slots:
    void notesAddMultiply();
    void notesSigmoidNeuron();
    void expandedEqualsSigmoidGate();
    void everyGateMatchesCentralDifferences_data();
    void everyGateMatchesCentralDifferences();
    void walkStepsGateByGate();
    void gateNotes();
    void networkMatchesEngine_data();
    void networkMatchesEngine();
    void sgdStepLowersThePointsLoss();
    void sgdStepEqualsTrainingStepWithoutBatchStatistics();
};

void TestBackprop::notesAddMultiply()
{
    ComputationGraph g = findGraphExample("add-multiply")->build();
    const auto v = g.forward();
    const auto d = g.backward(v);
    QCOMPARE(v.back(), -12.0);
    QCOMPARE(d[std::size_t(nodeNamed(g, "x"))], -4.0);
    QCOMPARE(d[std::size_t(nodeNamed(g, "y"))], -4.0);
    QCOMPARE(d[std::size_t(nodeNamed(g, "z"))], 3.0);
    QCOMPARE(d[std::size_t(nodeNamed(g, "q"))], -4.0);
}

void TestBackprop::notesSigmoidNeuron()
{
    ComputationGraph g = findGraphExample("sigmoid-neuron")->build();
    const auto v = g.forward();
    const auto d = g.backward(v);
    QCOMPARE(round4(v.back()), 0.7311);
    auto grad = [&](const char *name) { return round4(d[std::size_t(nodeNamed(g, name))]); };
    QCOMPARE(grad("w\u2081"), -0.1966);
    QCOMPARE(grad("w\u2082"), -0.3932);
    QCOMPARE(grad("x\u2081"), 0.3932);
    QCOMPARE(grad("x\u2082"), -0.5898);
    QCOMPARE(grad("b"), 0.1966);
}

void TestBackprop::expandedEqualsSigmoidGate()
{
    ComputationGraph expanded = findGraphExample("sigmoid-neuron")->build();
    ComputationGraph gate = findGraphExample("sigmoid-gate")->build();
    const auto de = expanded.backward(expanded.forward());
    const auto dg = gate.backward(gate.forward());
    for (int i : gate.inputs())
        QVERIFY(std::abs(de[std::size_t(i)] - dg[std::size_t(i)]) < 1e-12);
    QCOMPARE(expanded.forward().back(), gate.forward().back());
}

void TestBackprop::everyGateMatchesCentralDifferences_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    for (GateKind k : {GateKind::Add, GateKind::Multiply, GateKind::Max, GateKind::Exp, GateKind::Reciprocal,
                       GateKind::AddOne, GateKind::Negate, GateKind::Sigmoid, GateKind::Tanh, GateKind::Square}) {
        QTest::addRow("%s a", gateSymbol(k)) << int(k) << 0.7 << -1.3;
        QTest::addRow("%s b", gateSymbol(k)) << int(k) << -2.1 << 0.4;
    }
    for (const GraphExample &e : graphExamples())
        QTest::addRow("%s", e.key) << -1 << 0.0 << 0.0;
}

void TestBackprop::everyGateMatchesCentralDifferences()
{
    QFETCH(int, kind);
    QFETCH(double, x);
    QFETCH(double, y);
    ComputationGraph g;
    if (kind < 0) {
        g = findGraphExample(QTest::currentDataTag())->build();
    } else {
        const auto k = GateKind(kind);
        const int a = g.addInput("a", x, 0);
        const int b = g.addInput("b", y, 1);
        const bool binary = k == GateKind::Add || k == GateKind::Multiply || k == GateKind::Max;
        // A gate feeding a multiply, so its upstream gradient is not 1.
        const int gate = binary ? g.addGate(k, {a, b}, "g", 0.5) : g.addGate(k, {a}, "g", 0.5);
        g.addGate(GateKind::Multiply, {gate, b}, "f", 1);
    }
    const auto d = g.backward(g.forward());
    for (int i : g.inputs()) {
        const double numeric = numericGradient(g, i);
        QVERIFY2(std::abs(d[std::size_t(i)] - numeric) < 1e-6 * std::max(1.0, std::abs(numeric)),
                 qPrintable(QStringLiteral("input %1: %2 vs %3").arg(i).arg(d[std::size_t(i)]).arg(numeric)));
    }
}

void TestBackprop::walkStepsGateByGate()
{
    ComputationGraph g = findGraphExample("add-multiply")->build();
    GraphWalk walk{&g, 0};
    const auto v = g.forward();
    QCOMPARE(walk.lastStep(), 4);
    QCOMPARE(walk.currentGate(), -1);
    QVERIFY(walk.hasValue(nodeNamed(g, "x")));
    QVERIFY(!walk.hasValue(nodeNamed(g, "q")));
    walk.step = 1;
    QCOMPARE(walk.currentGate(), nodeNamed(g, "q"));
    QVERIFY(walk.hasValue(nodeNamed(g, "q")));
    QVERIFY(!walk.hasValue(nodeNamed(g, "f")));
    walk.step = 3;  // backward through the multiply gate
    QVERIFY(walk.isBackward());
    QCOMPARE(walk.currentGate(), nodeNamed(g, "f"));
    QVERIFY(walk.hasGradient(nodeNamed(g, "q")));
    QVERIFY(!walk.hasGradient(nodeNamed(g, "x")));
    QCOMPARE(walk.gradients(v)[std::size_t(nodeNamed(g, "q"))], -4.0);
    QCOMPARE(walk.gradients(v)[std::size_t(nodeNamed(g, "x"))], 0.0);
    walk.step = 4;
    QCOMPARE(walk.gradients(v)[std::size_t(nodeNamed(g, "x"))], -4.0);
}

void TestBackprop::gateNotes()
{
    ComputationGraph g = findGraphExample("max-multiply")->build();
    const auto v = g.forward();
    const std::string routes = g.behaviourNote(nodeNamed(g, "m"), v);
    QVERIFY(routes.find("routes") != std::string::npos);
    QVERIFY(routes.find("x = 3") != std::string::npos);
    QVERIFY(g.behaviourNote(nodeNamed(g, "f"), v).find("swaps") != std::string::npos);
    ComputationGraph am = findGraphExample("add-multiply")->build();
    QVERIFY(am.behaviourNote(nodeNamed(am, "q"), am.forward()).find("distributes") != std::string::npos);
    // The max gate's gradient goes to x only.
    const auto d = g.backward(v);
    QCOMPARE(d[std::size_t(nodeNamed(g, "x"))], 2.0);
    QCOMPARE(d[std::size_t(nodeNamed(g, "y"))], 0.0);
}

void TestBackprop::networkMatchesEngine_data()
{
    QTest::addColumn<int>("activation");
    QTest::addColumn<int>("head");
    QTest::addColumn<int>("loss");
    QTest::addColumn<bool>("batchNorm");
    QTest::addColumn<bool>("regression");
    for (const ActivationInfo &info : activations()) {
        QTest::addRow("%s", info.key) << int(info.activation) << int(OutputHead::Sigmoid)
                                      << int(Loss::BinaryCrossEntropy) << false << false;
        QTest::addRow("%s bn", info.key) << int(info.activation) << int(OutputHead::Sigmoid)
                                         << int(Loss::BinaryCrossEntropy) << true << false;
    }
    const std::pair<OutputHead, Loss> heads[] = {
        {OutputHead::Sigmoid, Loss::Squared},       {OutputHead::Softmax, Loss::CategoricalCrossEntropy},
        {OutputHead::Softmax, Loss::Squared},       {OutputHead::OneVsRest, Loss::BinaryCrossEntropy},
        {OutputHead::Linear, Loss::Hinge},          {OutputHead::Linear, Loss::Perceptron},
        {OutputHead::Tanh, Loss::Squared},          {OutputHead::Linear, Loss::Squared},
    };
    for (const auto &[head, loss] : heads)
        QTest::addRow("%s %s", headKey(head), lossKey(loss)) << int(Activation::Tanh) << int(head) << int(loss)
                                                             << false << false;
    QTest::addRow("regression") << int(Activation::ReLU) << int(OutputHead::Linear) << int(Loss::Squared) << false
                                << true;
}

void TestBackprop::networkMatchesEngine()
{
    QFETCH(int, activation);
    QFETCH(int, head);
    QFETCH(int, loss);
    QFETCH(bool, batchNorm);
    QFETCH(bool, regression);
    NetworkSpec spec;
    LayerSpec hidden{.units = 3, .activation = Activation(activation), .alpha = 0.2, .pieces = 3, .batchNorm = batchNorm};
    spec.hidden = {hidden, LayerSpec{.units = 2, .activation = Activation(activation), .alpha = 0.2, .pieces = 2}};
    spec.head = OutputHead(head);
    spec.loss = Loss(loss);
    const Task task = regression ? Task::Regression : Task::Classification;
    const int classes = spec.head == OutputHead::Softmax || spec.head == OutputHead::OneVsRest ? 3 : 2;
    const int outputs = outputUnits(spec.head, task, classes);
    const Model model = makeModel(spec, 2, outputs, task, classes, 7);
    const Penalty penalty{0.0, 0.01};
    const PointBackprop walk = backpropPoint(model, 0.4, -0.7, 1, 0.3, 0.5, penalty);

    // The engine's own backward pass on the same column, in double precision.
    Network<double> net = model.instantiate<double>();
    Matrix<double> x = modelInputs(model, (Matrix<double>(2, 1) << 0.4, -0.7).finished()).cast<double>();
    Matrix<double> y(outputs, 1);
    encodeTarget<double>(spec.head, task, outputs, 1, 0.3, y.data());
    net.forward(ConstMatrixMap<double>(x.data(), 2, 1), Mode::Eval);
    const double L = net.loss(ConstMatrixMap<double>(y.data(), outputs, 1), true);
    net.backward(ConstMatrixMap<double>(x.data(), 2, 1), penalty);
    QVERIFY(std::abs(walk.loss - L) < 1e-5 * std::max(1.0, std::abs(L)));
    QCOMPARE(int(walk.layers.size()), net.layerCount());
    for (int l = 0; l < net.layerCount(); ++l) {
        const LayerBackprop &layer = walk.layers[std::size_t(l)];
        const double scale = std::max(1.0, net.dW(l).cwiseAbs().maxCoeff());
        QVERIFY2((layer.dW - net.dW(l)).cwiseAbs().maxCoeff() < 1e-5 * scale, qPrintable(QString::number(l)));
        QVERIFY((layer.a - net.a(l).col(0)).cwiseAbs().maxCoeff() < 1e-5);
        QVERIFY((layer.s - net.z(l).col(0)).cwiseAbs().maxCoeff() < 1e-5);
        // ∂L/∂W = δ a_prevᵀ (+ λ W): the notes' outer product from the walk's own δ.
        const Vector<double> aPrev = l == 0 ? walk.input : walk.layers[std::size_t(l - 1)].a;
        const Matrix<double> outer = layer.deltaZ * aPrev.transpose() + penalty.l2 * layer.W;
        QVERIFY2((outer - layer.dW).cwiseAbs().maxCoeff() < 1e-5 * scale, qPrintable(QString::number(l)));
        if (l + 1 < net.layerCount()) {
            // δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ g′(zˡ), maxout sending δ to its winning piece only.
            const LayerShape &shape = net.layer(l);
            for (int r = 0; r < shape.rows; ++r) {
                const double formula = layer.da(r / shape.pieces) * layer.gPrime(r);
                QVERIFY2(std::abs(formula - layer.delta(r)) < 1e-5, qPrintable(QStringLiteral("layer %1 row %2").arg(l).arg(r)));
            }
        }
        // The step W ← W − η ∂L/∂W.
        QVERIFY((layer.WAfter - (layer.W - 0.5 * layer.dW)).cwiseAbs().maxCoeff() < 1e-5);
    }
}

void TestBackprop::sgdStepLowersThePointsLoss()
{
    NetworkSpec spec;
    spec.hidden = {LayerSpec{.units = 4, .activation = Activation::Tanh}};
    const Model model = makeModel(spec, 2, 1, Task::Classification, 2, 3);
    const PointBackprop walk = backpropPoint(model, 0.5, 0.5, 1, 0.0, 0.05);
    QVERIFY(walk.lossAfter < walk.loss);
    QVERIFY(!walk.usesBatchNorm());
}

void TestBackprop::sgdStepEqualsTrainingStepWithoutBatchStatistics()
{
    // Without batch norm and dropout, evaluation and training modes agree: the walk's gradient is
    // what a training batch of this one point gets.
    NetworkSpec spec;
    spec.hidden = {LayerSpec{.units = 3, .activation = Activation::Maxout, .pieces = 2},
                   LayerSpec{.units = 3, .activation = Activation::ELU, .alpha = 1.0}};
    spec.head = OutputHead::Softmax;
    spec.loss = Loss::CategoricalCrossEntropy;
    const Model model = makeModel(spec, 2, 3, Task::Classification, 3, 11);
    const PointBackprop walk = backpropPoint(model, -0.2, 0.9, 2, 0.0, 0.1);
    Network<Scalar> net = model.instantiate();
    Matrix<Scalar> x(2, 1);
    x << Scalar(-0.2), Scalar(0.9);
    Matrix<Scalar> y(3, 1);
    encodeTarget<Scalar>(spec.head, Task::Classification, 3, 2, 0.0, y.data());
    Rng rng(1);
    net.forward(ConstMatrixMap<Scalar>(x.data(), 2, 1), Mode::Train, &rng);
    net.loss(ConstMatrixMap<Scalar>(y.data(), 3, 1), true);
    net.backward(ConstMatrixMap<Scalar>(x.data(), 2, 1));
    for (int l = 0; l < net.layerCount(); ++l)
        QCOMPARE(walk.layers[std::size_t(l)].dW, Matrix<double>(net.dW(l).cast<double>()));
}

QTEST_APPLESS_MAIN(TestBackprop)
#include "test_backprop.moc"
