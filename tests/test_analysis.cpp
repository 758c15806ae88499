// The numbers behind the analysis: the normal equations, the grid evaluation the views draw,
// and prediction from raw points.

#include "analysis/approximation.h"
#include "analysis/closedform.h"
#include "analysis/gridevaluation.h"
#include "analysis/prediction.h"
#include "data/generators.h"
#include "training/trainer.h"
#include "trainedmodel.h"

#include <QtTest>

using namespace np;

class TestAnalysis : public QObject
{
    Q_OBJECT

private slots:
    void normalEquationsRecoverAnExactPlane()
    {
        Rng rng(1);
        Matrix<double> x(2, 50), y(1, 50);
        for (Index i = 0; i < 50; ++i) {
            x(0, i) = rng.uniform(-5, 5);
            x(1, i) = rng.uniform(-5, 5);
            y(0, i) = 2 * x(0, i) - 3 * x(1, i) + 0.5;
        }
        const ClosedFormSolution s = solveNormalEquations(x, y, 0.0);
        QVERIFY(s.error.empty());
        QVERIFY(std::abs(s.W(0, 0) - 2) < 1e-10);
        QVERIFY(std::abs(s.W(0, 1) + 3) < 1e-10);
        QVERIFY(std::abs(s.b(0) - 0.5) < 1e-10);
        QVERIFY(s.loss < 1e-20);
    }

    void ridgeSolutionZeroesTheGradientOfTheTrainersObjective()
    {
        // The objective is mean 1/2 |Wx + b - y|^2 + lambda/2 |W|^2 with the bias unpenalised;
        // at the optimum its gradient vanishes.
        Rng rng(2);
        const double lambda = 0.3;
        Matrix<double> x(3, 40), y(2, 40);
        for (Index i = 0; i < 40; ++i) {
            for (Index r = 0; r < 3; ++r)
                x(r, i) = rng.normal();
            y(0, i) = x(0, i) + rng.normal(0, 0.5);
            y(1, i) = -x(2, i) + 1 + rng.normal(0, 0.5);
        }
        const ClosedFormSolution s = solveNormalEquations(x, y, lambda);
        const Matrix<double> residual = (s.W * x).colwise() + s.b - y;  // 2 x 40
        const Matrix<double> gradW = residual * x.transpose() / 40.0 + lambda * s.W;
        const Vector<double> gradB = residual.rowwise().sum() / 40.0;
        QVERIFY(gradW.cwiseAbs().maxCoeff() < 1e-12);
        QVERIFY(gradB.cwiseAbs().maxCoeff() < 1e-12);
        const double objective = 0.5 * residual.squaredNorm() / 40.0 + 0.5 * lambda * s.W.squaredNorm();
        QVERIFY(std::abs(s.loss - objective) < 1e-12);
        // Shrinkage: the weights are smaller than without the penalty.
        QVERIFY(s.W.norm() < solveNormalEquations(x, y, 0.0).W.norm());
    }

    void singularSystemsGetAFiniteSolution()
    {
        Matrix<double> x(2, 10), y(1, 10);
        for (Index i = 0; i < 10; ++i) {
            x(0, i) = i;
            x(1, i) = 2 * i;  // collinear columns: X^T X is singular
            y(0, i) = 3 * i;
        }
        const ClosedFormSolution s = solveNormalEquations(x, y, 0.0);
        QVERIFY(s.W.allFinite() && s.b.allFinite());
        QVERIFY(s.loss < 1e-18);
        QVERIFY(!solveNormalEquations(Matrix<double>(2, 0), Matrix<double>(1, 0), 0.0).error.empty());
    }

    void gradientDescentApproachesTheClosedForm()
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
        c.training.batchSize = 0;  // full batch: plain gradient descent on the same objective
        c.training.penalty.l2 = 0.05;
        QVERIFY(closedFormApplies(c.network));
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        const ClosedFormSolution s = solveNormalEquations(t.trainInputs().cast<double>(),
                                                          t.trainTargets().cast<double>(), 0.05);
        auto gap = [&]() {
            const Network<Scalar> &net = t.network();
            return (net.W(0).cast<double>() - s.W).norm() + std::abs(double(net.b(0)(0)) - s.b(0));
        };
        const double start = gap();
        for (int e = 0; e < 300; ++e)
            t.trainEpoch();
        QVERIFY2(gap() < 1e-5, qPrintable(QString("gap %1 (started at %2)").arg(gap()).arg(start)));
        const double objective = t.history().back().train.loss + t.history().back().penalty;
        QVERIFY(std::abs(objective - s.loss) < 1e-5);

        Config hidden = c;
        hidden.network.hidden = {LayerSpec{}};
        QVERIFY(!closedFormApplies(hidden.network));
    }

    void gridPixelCentres()
    {
        GridSpec g{-6, 6, -3, 3, 4, 2};
        QCOMPARE(g.x(0), -4.5);
        QCOMPARE(g.x(3), 4.5);
        QCOMPARE(g.y(0), 1.5);  // row 0 is the top
        QCOMPARE(g.y(1), -1.5);
        QCOMPARE(g.pixels(), Index(8));
    }

    void gridEvaluationEqualsTheNetworkOnThosePoints()
    {
        Config c;
        c.features = {Feature::X1, Feature::X2, Feature::Radius, Feature::Angle, Feature::X1X2};
        c.standardize = true;
        c.data.classes = 3;
        c.network.hidden = {LayerSpec{7, Activation::Tanh}, LayerSpec{5, Activation::Maxout, 0.0, 2, true, 0.0}};
        c.network.head = OutputHead::Softmax;
        c.network.loss = Loss::CategoricalCrossEntropy;
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        t.train(300);
        const Model model = t.model();

        GridEvaluator evaluator;
        evaluator.setModel(model);
        const GridSpec grid{-5, 7, -6, 4, 37, 23};
        GridEvaluation result;
        evaluator.evaluate(grid, true, result);
        QCOMPARE(result.output.rows(), Index(3));
        QCOMPARE(result.output.cols(), Index(37 * 23));
        QCOMPARE(result.hidden.size(), std::size_t(2));
        QCOMPARE(result.hidden[1].rows(), Index(5));

        Matrix<double> points(2, grid.pixels());
        for (int row = 0; row < grid.rows; ++row) {
            for (int column = 0; column < grid.columns; ++column) {
                points(0, row * grid.columns + column) = grid.x(column);
                points(1, row * grid.columns + column) = grid.y(row);
            }
        }
        const Matrix<Scalar> expected = predict(model, points);
        QCOMPARE((result.output - expected).cwiseAbs().maxCoeff(), 0.0f);

        Network<Scalar> net = model.instantiate();
        const Matrix<Scalar> x = modelInputs(model, points);
        net.forward(ConstMatrixMap<Scalar>(x.data(), x.rows(), x.cols()), Mode::Eval);
        QCOMPARE((result.hidden[0] - Matrix<Scalar>(net.a(0))).cwiseAbs().maxCoeff(), 0.0f);
        QCOMPARE((result.hidden[1] - Matrix<Scalar>(net.a(1))).cwiseAbs().maxCoeff(), 0.0f);

        // Evaluating without hidden layers gives the same output and no hidden maps.
        evaluator.evaluate(grid, false, result);
        QVERIFY(result.hidden.empty());
        QCOMPARE((result.output - expected).cwiseAbs().maxCoeff(), 0.0f);
    }

    void modelInputsApplyFeaturesAndStandardisation()
    {
        Model model;
        model.features = {Feature::Radius, Feature::X1X2};
        model.standardizer.mean = Vector<double>::Constant(2, 1.0);
        model.standardizer.scale = Vector<double>::Constant(2, 2.0);
        Matrix<double> p(2, 1);
        p << 3, 4;
        const Matrix<Scalar> x = modelInputs(model, p);
        // Features come in enum order whatever order they were listed in: x1*x2, then r.
        QCOMPARE(x(0, 0), 5.5f);  // (12 - 1) / 2
        QCOMPARE(x(1, 0), 2.0f);  // (5 - 1) / 2
    }

    void contributionsSumToTheOutput_data()
    {
        QTest::addColumn<int>("activation");
        QTest::addColumn<int>("head");
        QTest::newRow("sigmoid") << int(Activation::Sigmoid) << int(OutputHead::Linear);
        QTest::newRow("tanh") << int(Activation::Tanh) << int(OutputHead::Linear);
        QTest::newRow("relu") << int(Activation::ReLU) << int(OutputHead::Linear);
        QTest::newRow("sigmoid, tanh output") << int(Activation::Sigmoid) << int(OutputHead::Tanh);
    }

    void contributionsSumToTheOutput()
    {
        // F(x) = g_out(sum_i alpha_i g(w_i x + b_i) + b): the terms and the bias sum to z_L.
        QFETCH(int, activation);
        QFETCH(int, head);
        Config c;
        c.data.generator = Generator::CurveSin;
        c.data.count = 200;
        c.features = {Feature::X1};
        c.standardize = true;
        c.network.hidden = {LayerSpec{7, Activation(activation)}};
        c.network.head = OutputHead(head);
        c.network.loss = Loss::Squared;
        const test::Trained t = test::train(c, 20);
        QCOMPARE(t.model.inputs, 1);

        const Approximation a = approximate(t.model, -6.0, 6.0, 241);
        QVERIFY(a.isFunction);
        QVERIFY2(a.hasTerms, a.reason.c_str());
        QCOMPARE(a.x.size(), std::size_t(241));
        QCOMPARE(a.x.front(), -6.0);
        QCOMPARE(a.x.back(), 6.0);
        QCOMPARE(a.units.size(), std::size_t(7));
        double worst = 0.0, spread = 0.0;
        for (std::size_t j = 0; j < a.x.size(); ++j) {
            double sum = a.outputBias;
            for (const ApproximationUnit &u : a.units)
                sum += u.contribution[j];
            worst = std::max(worst, std::abs(sum - a.z[j]));
            spread = std::max(spread, std::abs(a.units[0].contribution[j] - a.units[0].contribution[0]));
        }
        QVERIFY2(worst < 1e-12, qPrintable(QString::number(worst)));
        QVERIFY(spread > 1e-3);  // the terms are curves, not constants

        // The output is the network's, as the app predicts it (in float) from raw points.
        Matrix<double> points(2, Index(a.x.size()));
        for (Index j = 0; j < points.cols(); ++j)
            points.col(j) << a.x[std::size_t(j)], 0.0;
        const Matrix<Scalar> predicted = predict(t.model, points);
        for (Index j = 0; j < points.cols(); ++j)
            QVERIFY(std::abs(predicted(0, j) - a.output[std::size_t(j)]) < 1e-5);
        if (OutputHead(head) == OutputHead::Linear)
            QCOMPARE(a.output, a.z);
        else
            QCOMPARE(a.output[5], std::tanh(a.z[5]));
    }

    void deeperOrTwoDimensionalNetworksHaveNoTerms()
    {
        Config c;
        c.data.generator = Generator::CurveAbs;
        c.features = {Feature::X1};
        c.network.hidden = {LayerSpec{4, Activation::ReLU}, LayerSpec{4, Activation::ReLU}};
        c.network.head = OutputHead::Linear;
        c.network.loss = Loss::Squared;
        const test::Trained deep = test::train(c, 2);
        const Approximation a = approximate(deep.model, -5.0, 5.0, 11);
        QVERIFY(a.isFunction);
        QVERIFY(!a.hasTerms);
        QVERIFY(a.units.empty());
        QVERIFY(QByteArray(a.reason.c_str()).contains("deeper"));
        QCOMPARE(a.output.size(), std::size_t(11));

        c.features = FeatureSet::plain();
        const test::Trained plane = test::train(c, 1);
        const Approximation b = approximate(plane.model, -5.0, 5.0, 11);
        QVERIFY(!b.isFunction);
        QVERIFY(b.output.empty());
        QVERIFY(QByteArray(b.reason.c_str()).contains("x2"));
    }

    void classProbabilitiesPerHead()
    {
        Model model;
        model.classCount = 2;
        model.network.head = OutputHead::Sigmoid;
        Matrix<Scalar> out(1, 2);
        out << 0.25f, 0.75f;
        const Matrix<Scalar> p = classProbabilities(model, out);
        QCOMPARE(p(0, 0), 0.75f);
        QCOMPARE(p(1, 1), 0.75f);

        model.network.head = OutputHead::OneVsRest;
        model.classCount = 3;
        Matrix<Scalar> ovr(3, 1);
        ovr << 0.5f, 0.25f, 0.25f;
        QCOMPARE(classProbabilities(model, ovr * 2.0f)(0, 0), 0.5f);

        model.network.head = OutputHead::Tanh;
        QCOMPARE(classProbabilities(model, ovr).size(), Index(0));
        model.task = Task::Regression;
        model.network.head = OutputHead::Linear;
        QCOMPARE(classProbabilities(model, out).size(), Index(0));
    }
};

QTEST_APPLESS_MAIN(TestAnalysis)
#include "test_analysis.moc"
