// Forward-pass values, parameter counts and layer behaviour, checked against hand-computed numbers.

#include "network/init.h"
#include "network/network.h"

#include <QtTest>

#include <bit>
#include <cmath>
#include <cstdint>

using namespace np;

namespace {

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

// A network with one input column per row of `x` (2 inputs), in double precision.
Matrix<double> inputs(std::initializer_list<std::pair<double, double>> points)
{
    Matrix<double> x(2, static_cast<Index>(points.size()));
    Index c = 0;
    for (const auto &[x1, x2] : points) {
        x(0, c) = x1;
        x(1, c) = x2;
        ++c;
    }
    return x;
}

ConstMatrixMap<double> view(const Matrix<double> &m)
{
    return ConstMatrixMap<double>(m.data(), m.rows(), m.cols());
}

}  // namespace

class TestNetwork : public QObject
{
    Q_OBJECT

private slots:
    void lectureSigmoidNeuron()
    {
        // f = sigma(w . x + b) with w = (2, -3), b = -3 at x = (-1, -2): the lecture's example.
        NetworkSpec spec;
        spec.head = OutputHead::Sigmoid;
        spec.loss = Loss::BinaryCrossEntropy;
        Network<double> net(spec, 2, 1);
        net.W(0) << 2, -3;
        net.b(0) << -3;
        const Matrix<double> x = inputs({{-1, -2}});
        net.forward(view(x), Mode::Eval);
        QVERIFY(std::abs(net.output()(0, 0) - sigmoid(1.0)) < 1e-12);

        const Matrix<double> g = Matrix<double>::Ones(1, 1);  // df/da = 1: the gradient of f itself
        net.backwardFromOutputGradient(view(x), view(g), {}, true);
        QVERIFY(std::abs(net.dW(0)(0, 0) - -0.1966) < 5e-5);
        QVERIFY(std::abs(net.dW(0)(0, 1) - -0.3932) < 5e-5);
        QVERIFY(std::abs(net.db(0)(0) - 0.1966) < 5e-5);
        QVERIFY(std::abs(net.inputGradient()(0, 0) - 0.3932) < 5e-5);
        QVERIFY(std::abs(net.inputGradient()(1, 0) - -0.5898) < 5e-5);
    }

    void parameterCountsFollowTheNotes()
    {
        // The notes count 10*11 + 5*11 + 6 parameters for a 10-10-5-1 network.
        NetworkSpec spec;
        spec.hidden = {LayerSpec{10, Activation::Tanh}, LayerSpec{5, Activation::Tanh}};
        QCOMPARE(parameterCounts(spec, 10, 1), (std::vector<int>{110, 55, 6}));
        Network<float> net(spec, 10, 1);
        QCOMPARE(net.parameters().size(), std::size_t(110 + 55 + 6));

        // Maxout with k pieces has k times the rows; batch norm swaps the bias for gamma and beta.
        spec.hidden = {LayerSpec{4, Activation::Maxout, 0.01, 3, true, 0.0}};
        QCOMPARE(parameterCounts(spec, 2, 3), (std::vector<int>{12 * 2 + 2 * 12, 3 * 4 + 3}));
        Network<float> maxout(spec, 2, 3);
        QCOMPARE(maxout.parameters().size(), std::size_t(48 + 15));
        QCOMPARE(maxout.buffers().size(), std::size_t(24));
    }

    void logicGatesFromSingleNeurons_data()
    {
        QTest::addColumn<double>("bias");
        QTest::addColumn<double>("w");
        QTest::addColumn<QList<int>>("truth");  // outputs for (0,0), (0,1), (1,0), (1,1)
        QTest::newRow("AND = g(-30 + 20 x1 + 20 x2)") << -30.0 << 20.0 << QList<int>{0, 0, 0, 1};
        QTest::newRow("OR = g(-10 + 20 x1 + 20 x2)") << -10.0 << 20.0 << QList<int>{0, 1, 1, 1};
        QTest::newRow("NAND = g(30 - 20 x1 - 20 x2)") << 30.0 << -20.0 << QList<int>{1, 1, 1, 0};
    }

    void logicGatesFromSingleNeurons()
    {
        QFETCH(double, bias);
        QFETCH(double, w);
        QFETCH(QList<int>, truth);
        NetworkSpec spec;
        Network<double> net(spec, 2, 1);
        net.W(0) << w, w;
        net.b(0) << bias;
        const Matrix<double> x = inputs({{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        net.forward(view(x), Mode::Eval);
        for (int i = 0; i < 4; ++i)
            QVERIFY2(std::abs(net.output()(0, i) - truth[i]) < 1e-4, qPrintable(QString::number(net.output()(0, i))));
    }

    void xorComposedFromGates()
    {
        // XOR = AND(OR(x1, x2), NAND(x1, x2)): one hidden layer of two sigmoid units.
        NetworkSpec spec;
        spec.hidden = {LayerSpec{2, Activation::Sigmoid}};
        Network<double> net(spec, 2, 1);
        net.W(0) << 20, 20, -20, -20;
        net.b(0) << -10, 30;
        net.W(1) << 20, 20;
        net.b(1) << -30;
        const Matrix<double> x = inputs({{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        net.forward(view(x), Mode::Eval);
        const double expected[] = {0, 1, 1, 0};
        for (int i = 0; i < 4; ++i)
            QVERIFY(std::abs(net.output()(0, i) - expected[i]) < 1e-4);
    }

    void activationValues_data()
    {
        QTest::addColumn<int>("activation");
        QTest::addColumn<double>("z");
        QTest::addColumn<double>("expected");
        const double a = 0.1;  // alpha
        struct Row
        {
            Activation g;
            double z, value;
        };
        const Row rows[] = {
            {Activation::Step, 0.5, 1},        {Activation::Step, -0.5, 0},
            {Activation::Step, 0.0, 0},        {Activation::Linear, -1.5, -1.5},
            {Activation::Sigmoid, 0.0, 0.5},   {Activation::Sigmoid, 2.0, sigmoid(2.0)},
            {Activation::Tanh, 0.7, std::tanh(0.7)}, {Activation::ReLU, -2, 0},
            {Activation::ReLU, 2, 2},          {Activation::LeakyReLU, -2, -2 * a},
            {Activation::ELU, -1, a * (std::exp(-1.0) - 1)}, {Activation::ELU, 3, 3},
            {Activation::Softplus, 0, std::log(2.0)}, {Activation::Softplus, 50, 50},
            {Activation::Softplus, -50, std::exp(-50.0)}, {Activation::AbsReLU, -3, 3},
            {Activation::GELU, 1, 0.5 * (1 + std::erf(1 / std::sqrt(2.0)))},
            {Activation::SiLU, 2, 2 * sigmoid(2)},
        };
        for (const Row &r : rows) {
            QTest::addRow("%s(%g)", activationInfo(r.g).key, r.z) << int(r.g) << r.z << r.value;
        }
    }

    void activationValues()
    {
        QFETCH(int, activation);
        QFETCH(double, z);
        QFETCH(double, expected);
        Matrix<double> zm(1, 1), am(1, 1);
        zm(0, 0) = z;
        activate<double>(Activation(activation), 0.1, ConstMatrixMap<double>(zm.data(), 1, 1),
                         MatrixMap<double>(am.data(), 1, 1));
        QVERIFY2(std::abs(am(0, 0) - expected) <= 1e-12 * std::max(1.0, std::abs(expected)),
                 qPrintable(QString("got %1, expected %2").arg(am(0, 0), 0, 'g', 17).arg(expected, 0, 'g', 17)));
    }

    void everyActivationHasAUniqueKey()
    {
        QCOMPARE(activations().size(), std::size_t(12));
        for (const ActivationInfo &info : activations()) {
            Activation parsed;
            QVERIFY(parseActivation(info.key, parsed));
            QCOMPARE(parsed, info.activation);
        }
        Activation unused;
        QVERIFY(!parseActivation("relu6", unused));
    }

    void softmaxColumnsSumToOne()
    {
        NetworkSpec spec;
        spec.head = OutputHead::Softmax;
        spec.loss = Loss::CategoricalCrossEntropy;
        Network<double> net(spec, 2, 3);
        net.W(0) << 1, 2, -1, 0.5, 3, -2;
        net.b(0) << 0.1, -0.2, 0.3;
        const Matrix<double> x = inputs({{1, 2}, {-3, 0.5}, {100, -100}});
        net.forward(view(x), Mode::Eval);
        for (Index c = 0; c < 3; ++c) {
            QVERIFY(std::abs(net.output().col(c).sum() - 1.0) < 1e-12);
            const Vector<double> z = net.W(0) * x.col(c) + net.b(0);
            const Vector<double> e = (z.array() - z.maxCoeff()).exp();
            QVERIFY((net.output().col(c) - e / e.sum()).cwiseAbs().maxCoeff() < 1e-12);
        }
    }

    void maxoutTakesTheLargestPiece()
    {
        NetworkSpec spec;
        spec.hidden = {LayerSpec{2, Activation::Maxout, 0.0, 3, false, 0.0}};
        spec.head = OutputHead::Linear;
        spec.loss = Loss::Squared;
        Network<double> net(spec, 2, 1);
        // Unit 0 pieces: x1, x2, -x1; unit 1 pieces: 0, x1 + x2, -5.
        net.W(0) << 1, 0, 0, 1, -1, 0, 0, 0, 1, 1, 0, 0;
        net.b(0) << 0, 0, 0, 0, 0, -5;
        const Matrix<double> x = inputs({{-2, 1}, {3, 4}});
        net.forward(view(x), Mode::Eval);
        QCOMPARE(net.a(0)(0, 0), 2.0);  // max(-2, 1, 2)
        QCOMPARE(net.a(0)(1, 0), 0.0);  // max(0, -1, -5)
        QCOMPARE(net.a(0)(0, 1), 4.0);
        QCOMPARE(net.a(0)(1, 1), 7.0);
    }

    void batchNormNormalisesInTrainingAndUsesRunningStatisticsInEvaluation()
    {
        NetworkSpec spec;
        spec.hidden = {LayerSpec{3, Activation::Linear, 0.0, 2, true, 0.0}};
        spec.head = OutputHead::Linear;
        spec.loss = Loss::Squared;
        Network<double> net(spec, 2, 1);
        Rng rng(4);
        initialize(net, InitSpec{}, rng);
        Matrix<double> x(2, 6);
        x << 1, 2, 3, 4, 5, 6, -1, 0, 2, 8, 1, 1;
        net.forward(view(x), Mode::Train);
        const auto u = net.z(0);  // gamma = 1, beta = 0: standardised rows
        for (Index r = 0; r < 3; ++r) {
            QVERIFY(std::abs(u.row(r).mean()) < 1e-12);
            const double variance = u.row(r).array().square().mean();
            QVERIFY(std::abs(variance - 1.0) < 1e-4);  // exactly 1 but for epsilon = 1e-5
        }
        // running mean = 0.9 * 0 + 0.1 * batch mean; running var = 0.9 * 1 + 0.1 * unbiased var.
        const Matrix<double> z = net.W(0) * x;
        for (Index r = 0; r < 3; ++r) {
            const double mean = z.row(r).mean();
            const double unbiased = (z.row(r).array() - mean).square().sum() / 5.0;
            QVERIFY(std::abs(net.runningMean(0)(r) - 0.1 * mean) < 1e-12);
            QVERIFY(std::abs(net.runningVar(0)(r) - (0.9 + 0.1 * unbiased)) < 1e-12);
        }
        net.forward(view(x), Mode::Eval);
        for (Index r = 0; r < 3; ++r) {
            const double expected = (z(r, 0) - net.runningMean(0)(r)) / std::sqrt(net.runningVar(0)(r) + 1e-5);
            QVERIFY(std::abs(net.z(0)(r, 0) - expected) < 1e-12);
        }
    }

    void dropoutDropsAndRescalesOnlyWhileTraining()
    {
        NetworkSpec spec;
        spec.hidden = {LayerSpec{200, Activation::Linear, 0.0, 2, false, 0.25}};
        spec.head = OutputHead::Linear;
        spec.loss = Loss::Squared;
        Network<double> net(spec, 2, 1);
        net.W(0).setZero();
        net.b(0).setOnes();  // every unit outputs 1 before dropout
        Matrix<double> x = Matrix<double>::Zero(2, 50);
        Rng rng(9);
        net.forward(view(x), Mode::Train, &rng);
        const auto a = net.a(0);
        int dropped = 0;
        for (Index i = 0; i < a.size(); ++i) {
            const double v = a.data()[i];
            QVERIFY(v == 0.0 || std::abs(v - 1.0 / 0.75) < 1e-12);
            dropped += v == 0.0;
        }
        const double share = double(dropped) / double(a.size());
        QVERIFY2(std::abs(share - 0.25) < 0.01, qPrintable(QString::number(share)));
        net.forward(view(x), Mode::Eval);
        QCOMPARE(net.a(0).minCoeff(), 1.0);
        QCOMPARE(net.a(0).maxCoeff(), 1.0);
    }

    void initialisationSchemesHaveTheirScale_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::addColumn<double>("expectedSd");  // of the 64 x 64 hidden weights
        QTest::newRow("glorot") << int(InitScheme::Glorot) << std::sqrt(6.0 / 128) / std::sqrt(3.0);
        QTest::newRow("he") << int(InitScheme::He) << std::sqrt(2.0 / 64);
        QTest::newRow("lecun") << int(InitScheme::LeCun) << std::sqrt(1.0 / 64);
        QTest::newRow("uniform 0.5") << int(InitScheme::SmallUniform) << 0.5 / std::sqrt(3.0);
        QTest::newRow("zero") << int(InitScheme::Zero) << 0.0;
    }

    void initialisationSchemesHaveTheirScale()
    {
        QFETCH(int, scheme);
        QFETCH(double, expectedSd);
        NetworkSpec spec;
        spec.hidden = {LayerSpec{64, Activation::Tanh}, LayerSpec{64, Activation::Tanh}};
        Network<double> net(spec, 2, 1);
        InitSpec init;
        init.scheme = InitScheme(scheme);
        init.bias = 0.1;
        Rng rng(1);
        initialize(net, init, rng);
        const auto W = net.W(1);
        const double sd = std::sqrt(W.array().square().mean());
        QVERIFY2(std::abs(sd - expectedSd) <= 0.05 * expectedSd + 1e-15,
                 qPrintable(QString("sd %1 expected %2").arg(sd).arg(expectedSd)));
        QCOMPARE(net.b(1).minCoeff(), 0.1);
        QCOMPARE(net.b(1).maxCoeff(), 0.1);
    }

    void sparseInitialisationKeepsKInputsPerUnit()
    {
        NetworkSpec spec;
        spec.hidden = {LayerSpec{30, Activation::Tanh}, LayerSpec{20, Activation::Tanh}};
        Network<double> net(spec, 2, 1);
        InitSpec init;
        init.scheme = InitScheme::Sparse;
        init.sparseConnections = 5;
        Rng rng(2);
        initialize(net, init, rng);
        const auto W = net.W(1);  // 20 x 30
        for (Index r = 0; r < W.rows(); ++r)
            QCOMPARE((W.row(r).array() != 0.0).count(), Index(5));
    }

    void sameSeedSameWeights()
    {
        NetworkSpec spec;
        spec.hidden = {LayerSpec{8, Activation::ReLU}};
        Network<float> a(spec, 2, 1), b(spec, 2, 1), c(spec, 2, 1);
        Rng r1(5), r2(5), r3(6);
        initialize(a, InitSpec{}, r1);
        initialize(b, InitSpec{}, r2);
        initialize(c, InitSpec{}, r3);
        QVERIFY(std::equal(a.parameters().begin(), a.parameters().end(), b.parameters().begin()));
        QVERIFY(!std::equal(a.parameters().begin(), a.parameters().end(), c.parameters().begin()));
    }

    void gradientBuffersGrowWhenFirstNeeded()
    {
        // An evaluation grows only what the forward pass writes; the first loss delta or
        // backward() grows the rest. The gradients are the same as with everything reserved first,
        // also after a wider evaluation and then a narrower one, or a narrower one and then wider.
        NetworkSpec spec;
        spec.hidden = {LayerSpec{6, Activation::Tanh}, LayerSpec{7, Activation::ReLU}};
        spec.loss = Loss::Squared;
        Network<float> reserved(spec, 2, 1);
        Rng rng(3);
        initialize(reserved, InitSpec{}, rng);
        const Matrix<float> x = Matrix<float>::Random(2, 40) * 3;
        const Matrix<float> y = Matrix<float>::Random(1, 40);
        const auto gradients = [&](Network<float> &net, Index n) {
            net.forward(ConstMatrixMap<float>(x.data(), 2, n), Mode::Train);
            net.loss(ConstMatrixMap<float>(y.data(), 1, n), true);
            net.backward(ConstMatrixMap<float>(x.data(), 2, n), Penalty{}, true);
            return std::make_pair(std::vector<float>(net.gradients().begin(), net.gradients().end()),
                                  Matrix<float>(net.inputGradient()));
        };
        reserved.reserve(40);
        const auto want10 = gradients(reserved, 10);
        const auto want40 = gradients(reserved, 40);

        Network<float> evaluated = reserved;
        Network<float> fresh(spec, 2, 1);
        std::copy(reserved.parameters().begin(), reserved.parameters().end(), fresh.parameters().begin());
        fresh.forward(ConstMatrixMap<float>(x.data(), 2, 40), Mode::Eval);  // forward buffers only
        QCOMPARE(fresh.capacity(), Index(40));
        QVERIFY(gradients(fresh, 10) == want10);
        QVERIFY(gradients(fresh, 40) == want40);

        Network<float> growing(spec, 2, 1);
        std::copy(reserved.parameters().begin(), reserved.parameters().end(), growing.parameters().begin());
        QVERIFY(gradients(growing, 10) == want10);
        growing.forward(ConstMatrixMap<float>(x.data(), 2, 40), Mode::Eval);  // wider forward buffers
        QVERIFY(gradients(growing, 40) == want40);
        QVERIFY(gradients(evaluated, 10) == want10);
    }

    void aPointsOutputDoesNotDependOnItsBatch()
    {
        // The views evaluate grids in chunks of 512, training uses batches of 10 and prediction
        // single points: the same point must give the same bits in each.
        for (int outputs : {1, 3, 8, 11}) {
            NetworkSpec spec;
            spec.hidden = {LayerSpec{5, Activation::Tanh}, LayerSpec{19, Activation::ReLU}};
            Network<float> net(spec, 2, outputs);
            Rng rng(11);
            initialize(net, InitSpec{}, rng);
            const Matrix<float> x = Matrix<float>::Random(2, 300) * 4;
            net.forward(ConstMatrixMap<float>(x.data(), 2, 300), Mode::Eval);
            const Matrix<float> all = net.output();
            for (Index j : {Index(0), Index(7), Index(299)}) {
                net.forward(ConstMatrixMap<float>(x.data() + 2 * j, 2, 1), Mode::Eval);
                for (Index i = 0; i < outputs; ++i)
                    QCOMPARE(net.output()(i, 0), all(i, j));
            }
        }
    }

    void aSoftmaxOutputHasTheSameBitsInAnyBatch()
    {
        // Bits, not QCOMPARE (fuzzy for floats): the exponentials of a batch whose length was not
        // a whole number of packets used to finish in Eigen's scalar loop, whose exp differs from
        // the vectorised one in the last bit (55 of 900 such entries did, run on their own).
        NetworkSpec spec;
        spec.hidden = {LayerSpec{5, Activation::Tanh}};
        spec.head = OutputHead::Softmax;
        spec.loss = Loss::CategoricalCrossEntropy;
        Network<float> net(spec, 2, 3);
        Rng rng(11);
        initialize(net, InitSpec{}, rng);
        const Matrix<float> x = Matrix<float>::Random(2, 300) * 4;
        net.forward(ConstMatrixMap<float>(x.data(), 2, 300), Mode::Eval);
        const Matrix<float> all = net.output();
        int differing = 0;
        for (Index j = 0; j < 300; ++j) {
            net.forward(ConstMatrixMap<float>(x.data() + 2 * j, 2, 1), Mode::Eval);
            for (Index i = 0; i < 3; ++i)
                differing += std::bit_cast<std::uint32_t>(net.output()(i, 0)) != std::bit_cast<std::uint32_t>(all(i, j));
        }
        QCOMPARE(differing, 0);
    }

    void floatAndDoubleAgree()
    {
        NetworkSpec spec;
        spec.hidden = {LayerSpec{16, Activation::Tanh}, LayerSpec{16, Activation::GELU}};
        spec.head = OutputHead::Softmax;
        spec.loss = Loss::CategoricalCrossEntropy;
        Network<float> f(spec, 2, 3);
        Rng rng(3);
        initialize(f, InitSpec{}, rng);
        Network<double> d = convertNetwork<double>(f);
        Matrix<float> xf = Matrix<float>::Random(2, 37) * 3;
        Matrix<double> xd = xf.cast<double>();
        f.forward(ConstMatrixMap<float>(xf.data(), 2, 37), Mode::Eval);
        d.forward(view(xd), Mode::Eval);
        const double diff = (f.output().cast<double>() - d.output()).cwiseAbs().maxCoeff();
        QVERIFY2(diff < 1e-5, qPrintable(QString::number(diff)));
    }
};

QTEST_APPLESS_MAIN(TestNetwork)
#include "test_network.moc"
