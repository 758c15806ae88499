// The built-in lessons: every file loads, and every lesson shows the phenomenon it promises when
// trained headless with its own seeds for its stated number of epochs. Also the lesson file
// reader's answers to broken files and the writer's round trip.

#include "analysis/approximation.h"
#include "analysis/closedform.h"
#include "analysis/graphexamples.h"
#include "analysis/landscape.h"
#include "analysis/networkbackprop.h"
#include "analysis/optimizerscene.h"
#include "analysis/regions.h"
#include "analysis/weighttrajectory.h"
#include "data/generators.h"
#include "session/lesson.h"
#include "training/trainer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>
#include <map>
#include <memory>

namespace QTest {
template <>
inline char *toString(const std::string &text)
{
    return qstrdup(text.c_str());
}
}  // namespace QTest

namespace np {

namespace {

const std::string kLessonsDir = NP_LESSONS_DIR;

/// A trainer after `epochs` epochs of the variant (fewer if training stopped by itself).
std::unique_ptr<Trainer> train(const LessonVariant &variant, std::int64_t epochs)
{
    auto trainer = std::make_unique<Trainer>();
    const std::string error = trainer->reset(variant.session.config, variant.session.dataset);
    if (!error.empty())
        qFatal("%s: %s", variant.key.c_str(), error.c_str());
    while (trainer->epoch() < epochs && trainer->trainEpoch()) {
    }
    return trainer;
}

const LessonVariant &variant(const Lesson &lesson, const std::string &key)
{
    for (const LessonVariant &v : lesson.variants) {
        if (v.key == key)
            return v;
    }
    qFatal("lesson %s has no variant '%s'", lesson.id.c_str(), key.c_str());
}

const HistoryRecord &last(const Trainer &t) { return t.history().back(); }

bool hasView(const Lesson &lesson, LessonView view)
{
    return std::find(lesson.views.begin(), lesson.views.end(), view) != lesson.views.end();
}

const OptimizerScene &sceneOf(const Lesson &lesson)
{
    if (!lesson.optimizerScene)
        qFatal("lesson %s has no optimizer scene", lesson.id.c_str());
    return *lesson.optimizerScene;
}

/// The epoch-0 row, before any update.
const HistoryRecord &first(const Trainer &t) { return t.history().front(); }

/// Share of consecutive history rows in which the training loss went up.
double riseShare(const Trainer &t)
{
    const History &h = t.history();
    int rises = 0;
    for (std::size_t i = 1; i < h.size(); ++i)
        rises += h[i].train.loss > h[i - 1].train.loss ? 1 : 0;
    return h.size() > 1 ? double(rises) / double(h.size() - 1) : 0.0;
}

struct WeightStats
{
    double nearZeroShare = 0;  ///< |w| < 0.01
    double meanAbs = 0;
};

WeightStats weightStats(const Trainer &t)
{
    const Network<Scalar> &net = t.network();
    long count = 0, nearZero = 0;
    double sum = 0;
    for (int l = 0; l < net.layerCount(); ++l) {
        const auto W = net.W(l);
        for (Index k = 0; k < W.size(); ++k) {
            const double w = std::abs(double(W.data()[k]));
            nearZero += w < 0.01 ? 1 : 0;
            sum += w;
            ++count;
        }
    }
    return {double(nearZero) / double(count), sum / double(count)};
}

/// Largest difference between any hidden unit's incoming weights and bias and unit 0's.
double unitSpread(const Trainer &t)
{
    const Network<Scalar> &net = t.network();
    const auto W = net.W(0);
    const auto b = net.b(0);
    double spread = 0;
    for (Index i = 1; i < W.rows(); ++i) {
        spread = std::max(spread, double((W.row(i) - W.row(0)).cwiseAbs().maxCoeff()));
        spread = std::max(spread, double(std::abs(b(i) - b(0))));
    }
    return spread;
}

int regionCount(const Trainer &t)
{
    GridSpec grid;
    grid.columns = grid.rows = 200;
    return computeRegions(t.model(), grid).count();
}

using Check = std::function<void(const Lesson &)>;

/// What each built-in lesson promises, by file name. A lesson without an entry fails the test.
const std::map<std::string, Check> &checks()
{
    static const std::map<std::string, Check> table = {
        {"01-perceptron-xor",
         [](const Lesson &lesson) {
             const auto t = train(lesson.variants.at(0), lesson.epochs);
             double best = 0;
             for (const HistoryRecord &r : t->history())
                 best = std::max(best, r.train.accuracy);
             qInfo("perceptron on XOR: final accuracy %.3f, best of %lld epochs %.3f", last(*t).train.accuracy,
                   (long long)t->epoch(), best);
             QCOMPARE(t->config().training.algorithm, Algorithm::Perceptron);
             QVERIFY(best <= 0.75);
         }},
        {"02-xor-hidden-layer",
         [](const Lesson &lesson) {
             const auto t = train(lesson.variants.at(0), lesson.epochs);
             qInfo("one hidden layer on XOR: train accuracy %.3f, validation %.3f", last(*t).train.accuracy,
                   last(*t).validation.accuracy);
             QCOMPARE(t->config().network.hidden.size(), std::size_t(1));
             QCOMPARE(last(*t).train.accuracy, 1.0);
             QCOMPARE(last(*t).validation.accuracy, 1.0);
         }},
        {"03-spiral-depth",
         [](const Lesson &lesson) {
             const auto shallow = train(variant(lesson, "shallow"), lesson.epochs);
             const auto deep = train(variant(lesson, "deep"), lesson.epochs);
             qInfo("spiral after %lld epochs: 1x12 accuracy %.3f, 3x4 accuracy %.3f", (long long)lesson.epochs,
                   last(*shallow).train.accuracy, last(*deep).train.accuracy);
             QVERIFY(last(*deep).train.accuracy >= 0.95);
             QVERIFY(last(*shallow).train.accuracy <= 0.85);
         }},
        {"04-spiral-polar",
         [](const Lesson &lesson) {
             const auto cartesian = train(variant(lesson, "cartesian"), lesson.epochs);
             const auto polar = train(variant(lesson, "polar"), lesson.epochs);
             qInfo("spiral, one layer of 8: x1,x2 accuracy %.3f, r,theta accuracy %.3f",
                   last(*cartesian).train.accuracy, last(*polar).train.accuracy);
             QVERIFY(last(*polar).train.accuracy >= 0.99);
             QVERIFY(last(*cartesian).train.accuracy <= 0.92);
         }},
        {"05-xor-product-feature",
         [](const Lesson &lesson) {
             const auto plain = train(variant(lesson, "plain"), lesson.epochs);
             const auto product = train(variant(lesson, "product"), lesson.epochs);
             qInfo("single neuron on XOR: x1,x2 accuracy %.3f, with x1*x2 %.3f", last(*plain).train.accuracy,
                   last(*product).train.accuracy);
             QVERIFY(product->config().network.hidden.empty());
             QCOMPARE(last(*product).train.accuracy, 1.0);
             QVERIFY(last(*plain).train.accuracy <= 0.75);
         }},
        {"06-vanishing-gradients",
         [](const Lesson &lesson) {
             auto ratio = [](const Trainer &t) {
                 const HistoryRecord &r = last(t);
                 return double(r.health[0].gradientNorm) / double(r.health[std::size_t(r.healthLayers - 1)].gradientNorm);
             };
             const auto sigmoid = train(variant(lesson, "sigmoid"), lesson.epochs);
             const auto relu = train(variant(lesson, "relu"), lesson.epochs);
             qInfo("|dW| first/output layer: sigmoid %.2g, relu %.2g", ratio(*sigmoid), ratio(*relu));
             QVERIFY(sigmoid->config().network.hidden.size() >= 6);
             QVERIFY(ratio(*sigmoid) < 1e-3);
             QVERIFY(ratio(*relu) > 0.1);
         }},
        {"07-dying-relu",
         [](const Lesson &lesson) {
             auto maxDead = [](const Trainer &t) {
                 const HistoryRecord &r = last(t);
                 double dead = 0;
                 for (int l = 0; l + 1 < r.healthLayers; ++l) {
                     if (std::isfinite(r.health[std::size_t(l)].deadShare))
                         dead = std::max(dead, double(r.health[std::size_t(l)].deadShare));
                 }
                 return dead;
             };
             const auto relu = train(variant(lesson, "relu"), lesson.epochs);
             const auto leaky = train(variant(lesson, "leaky"), lesson.epochs);
             qInfo("largest dead share of a layer: relu %.2f, leaky relu %.2f", maxDead(*relu), maxDead(*leaky));
             QVERIFY(maxDead(*relu) >= 0.5);
             QCOMPARE(maxDead(*leaky), 0.0);
         }},
        {"08-learning-rate",
         [](const Lesson &lesson) {
             const auto small = train(variant(lesson, "small"), lesson.epochs);
             const auto good = train(variant(lesson, "good"), lesson.epochs);
             const auto large = train(variant(lesson, "large"), lesson.epochs);
             const auto diverging = train(variant(lesson, "diverging"), lesson.epochs);
             const double start = first(*good).train.loss;
             qInfo("loss from %.4f: small %.4f, good %.4f, large %.4f (rises in %.0f%% of epochs), "
                   "diverging stopped at epoch %lld (%s)",
                   start, last(*small).train.loss, last(*good).train.loss, last(*large).train.loss,
                   100 * riseShare(*large), (long long)diverging->epoch(), stopReasonKey(diverging->stopReason()));
             QCOMPARE(first(*small).train.loss, start);  // same data and starting weights
             QVERIFY(std::abs(last(*small).train.loss - start) < 0.05 * start);
             QVERIFY(last(*good).train.loss < 0.3 * start);
             QVERIFY(riseShare(*large) >= 0.2);
             QVERIFY(last(*large).train.loss > 1.5 * last(*good).train.loss);
             QCOMPARE(diverging->stopReason(), StopReason::Diverged);
             QVERIFY(diverging->epoch() < lesson.epochs);
         }},
        {"09-optimizers",
         [](const Lesson &lesson) {
             const auto sgd = train(variant(lesson, "sgd"), lesson.epochs);
             const auto momentum = train(variant(lesson, "momentum"), lesson.epochs);
             const auto adam = train(variant(lesson, "adam"), lesson.epochs);
             qInfo("loss after %lld epochs: sgd %.4f, momentum %.4f, adam %.4f", (long long)lesson.epochs,
                   last(*sgd).train.loss, last(*momentum).train.loss, last(*adam).train.loss);
             QCOMPARE(first(*sgd).train.loss, first(*adam).train.loss);
             QVERIFY(last(*momentum).train.loss < 0.5 * last(*sgd).train.loss);
             QVERIFY(last(*adam).train.loss < 0.5 * last(*sgd).train.loss);
         }},
        {"10-overfitting",
         [](const Lesson &lesson) {
             const auto overfit = train(variant(lesson, "overfit"), lesson.epochs);
             const History &h = overfit->history();
             std::size_t best = 0;
             for (std::size_t i = 0; i < h.size(); ++i) {
                 if (h[i].validation.loss < h[best].validation.loss)
                     best = i;
             }
             const auto early = train(variant(lesson, "early"), lesson.epochs);
             qInfo("validation loss: best %.3f at epoch %lld, %.3f at epoch %lld; training loss %.3f -> %.4f; "
                   "early stopping at epoch %lld",
                   h[best].validation.loss, (long long)h[best].epoch, h.back().validation.loss,
                   (long long)h.back().epoch, h[best].train.loss, h.back().train.loss, (long long)early->epoch());
             QVERIFY(h[best].epoch >= 10);
             QVERIFY(h.back().validation.loss > 2 * h[best].validation.loss);
             QVERIFY(h.back().train.loss < 0.2 * h[best].train.loss);
             QCOMPARE(early->stopReason(), StopReason::EarlyStopping);
             QVERIFY(early->epoch() < lesson.epochs / 2);
         }},
        {"11-l1-vs-l2",
         [](const Lesson &lesson) {
             const WeightStats none = weightStats(*train(variant(lesson, "none"), lesson.epochs));
             const WeightStats l1 = weightStats(*train(variant(lesson, "l1"), lesson.epochs));
             const WeightStats l2 = weightStats(*train(variant(lesson, "l2"), lesson.epochs));
             qInfo("weights |w| < 0.01: none %.0f%%, L1 %.0f%%, L2 %.0f%%; mean |w|: none %.3f, L1 %.3f, L2 %.3f",
                   100 * none.nearZeroShare, 100 * l1.nearZeroShare, 100 * l2.nearZeroShare, none.meanAbs,
                   l1.meanAbs, l2.meanAbs);
             QVERIFY(l1.nearZeroShare >= 0.75);
             QVERIFY(l2.nearZeroShare <= 0.5);
             QVERIFY(l2.meanAbs < 0.5 * none.meanAbs);
         }},
        {"12-zero-init",
         [](const Lesson &lesson) {
             const auto zero = train(variant(lesson, "zero"), lesson.epochs);
             const auto glorot = train(variant(lesson, "glorot"), lesson.epochs);
             qInfo("largest difference between hidden units: zero init %.3g, glorot %.3g (mean |W1| %.3f)",
                   unitSpread(*zero), unitSpread(*glorot), double(zero->network().W(0).cwiseAbs().mean()));
             QCOMPARE(zero->config().init.scheme, InitScheme::Zero);
             QVERIFY(zero->network().W(0).cwiseAbs().mean() > 0.1);  // the units did learn...
             QCOMPARE(unitSpread(*zero), 0.0);                      // ...all the same thing
             QVERIFY(unitSpread(*glorot) > 0.1);
         }},
        {"13-batch-norm",
         [](const Lesson &lesson) {
             const auto plain = train(variant(lesson, "plain"), lesson.epochs);
             const auto bn = train(variant(lesson, "batchnorm"), lesson.epochs);
             qInfo("after %lld epochs: without batch norm loss %.3f accuracy %.3f, with %.3f / %.3f",
                   (long long)lesson.epochs, last(*plain).train.loss, last(*plain).train.accuracy,
                   last(*bn).train.loss, last(*bn).train.accuracy);
             QVERIFY(bn->config().network.hidden.front().batchNorm);
             QVERIFY(last(*bn).train.loss < 0.5 * last(*plain).train.loss);
             QVERIFY(last(*bn).train.accuracy >= 0.95);
             QVERIFY(last(*plain).train.accuracy <= 0.6);
         }},
        {"14-linear-regions",
         [](const Lesson &lesson) {
             const auto shallow = train(variant(lesson, "shallow"), lesson.epochs);
             const auto deep = train(variant(lesson, "deep"), lesson.epochs);
             QVERIFY(regionsApply(shallow->config().network));
             QVERIFY(regionsApply(deep->config().network));
             const int s = regionCount(*shallow), d = regionCount(*deep);
             qInfo("linear regions on a 200x200 grid: 1x8 %d (bound %.0f), 4x8 %d", s,
                   regionUpperBound({8}), d);
             QVERIFY(d > 3 * s);
         }},
        {"15-softmax",
         [](const Lesson &lesson) {
             const auto t = train(lesson.variants.at(0), lesson.epochs);
             qInfo("%d classes with softmax: train accuracy %.3f, validation %.3f", t->dataset().classCount,
                   last(*t).train.accuracy, last(*t).validation.accuracy);
             QCOMPARE(t->config().network.head, OutputHead::Softmax);
             QVERIFY(t->dataset().classCount >= 3);
             QVERIFY(last(*t).train.accuracy >= 0.98);
             QVERIFY(last(*t).validation.accuracy >= 0.95);
         }},
        {"16-regression",
         [](const Lesson &lesson) {
             const auto t = train(lesson.variants.at(0), lesson.epochs);
             qInfo("regression: RMSE train %.3f, validation %.3f (targets in [-1, 1])", last(*t).train.rmse,
                   last(*t).validation.rmse);
             QCOMPARE(t->dataset().task, Task::Regression);
             QCOMPARE(t->config().network.head, OutputHead::Linear);
             QVERIFY(last(*t).train.rmse <= 0.1);
             QVERIFY(last(*t).validation.rmse <= 0.1);
         }},
        {"17-backprop-by-hand",
         [](const Lesson &lesson) {
             // The view shows the notes' graphs; the lesson's network is the notes' sigmoid neuron.
             QVERIFY(std::find(lesson.views.begin(), lesson.views.end(), LessonView::Backprop) != lesson.views.end());
             const Config &config = lesson.variants.at(0).session.config;
             QVERIFY(config.network.hidden.empty());
             QCOMPARE(config.network.head, OutputHead::Sigmoid);
             const ComputationGraph g = findGraphExample("sigmoid-neuron")->build();
             const std::vector<double> d = g.backward(g.forward());
             const std::vector<int> in = g.inputs();  // w1 x1 w2 x2 b
             const double expected[] = {-0.1966, 0.3932, -0.3932, -0.5898, 0.1966};
             for (std::size_t i = 0; i < in.size(); ++i)
                 QCOMPARE(std::round(d[std::size_t(in[i])] * 1e4) / 1e4, expected[i]);
             // Training the neuron separates the two Gaussians.
             const auto t = train(lesson.variants.at(0), lesson.epochs);
             QVERIFY(last(*t).train.accuracy >= 0.9);
         }},
        {"18-one-sgd-step",
         [](const Lesson &lesson) {
             QVERIFY(std::find(lesson.views.begin(), lesson.views.end(), LessonView::Backprop) != lesson.views.end());
             const auto t = train(lesson.variants.at(0), lesson.epochs);
             QCOMPARE(t->config().training.optimizer.kind, OptimizerKind::SGD);
             QCOMPARE(t->config().training.batchSize, 1);
             // One SGD step on one point lowers that point's loss, for (nearly) every point.
             const Model model = t->model();
             int lower = 0, points = 0;
             for (const DataPoint &p : t->dataset().points) {
                 if (p.validation)
                     continue;
                 const PointBackprop walk = backpropPoint(model, p.x1, p.x2, p.label, p.target, t->learningRate());
                 lower += walk.lossAfter < walk.loss ? 1 : 0;
                 ++points;
             }
             qInfo("one SGD step lowered the point's loss for %d of %d points", lower, points);
             QVERIFY(lower >= points * 9 / 10);
         }},
        {"19-momentum-ravine",
         [](const Lesson &lesson) {
             QVERIFY(hasView(lesson, LessonView::Optimizers));
             const OptimizerScene &scene = sceneOf(lesson);
             QCOMPARE(scene.surface.kind, SurfaceKind::Quadratic);
             QCOMPARE(scene.surface.condition, 50.0);
             const OptimizerSpec &sgd = scene.optimizers.at(0), &momentum = scene.optimizers.at(1);
             QCOMPARE(sgd.kind, OptimizerKind::SGD);
             QCOMPARE(momentum.kind, OptimizerKind::Momentum);
             QCOMPARE(momentum.learningRate, sgd.learningRate);  // the same eta
             // Run past the scene's end, so SGD's count is a number rather than "not yet".
             const int m = stepsToReach(runTrajectory(scene.surface, momentum, scene.start, 5000), 1e-6);
             const int g = stepsToReach(runTrajectory(scene.surface, sgd, scene.start, 5000), 1e-6);
             qInfo("kappa 50, eta %g: f < 1e-6 after %d steps with momentum, %d with SGD", sgd.learningRate, m, g);
             QVERIFY(m > 0 && g > 0);
             QVERIFY(4 * m < g);
             QVERIFY(m <= scene.steps);  // both arrive within the scene (the text says ~100 and ~800)
             QVERIFY(g <= scene.steps);
         }},
        {"20-adam-rosenbrock",
         [](const Lesson &lesson) {
             QVERIFY(hasView(lesson, LessonView::Optimizers));
             const OptimizerScene &scene = sceneOf(lesson);
             QCOMPARE(scene.surface.kind, SurfaceKind::Rosenbrock);
             const std::vector<Trajectory> paths = runScene(scene);
             QCOMPARE(scene.optimizers.at(0).kind, OptimizerKind::SGD);
             QCOMPARE(scene.optimizers.at(1).kind, OptimizerKind::SGD);
             QCOMPARE(scene.optimizers.at(2).kind, OptimizerKind::Adam);
             const Trajectory &sgd = paths.at(0), &faster = paths.at(1), &adam = paths.at(2);
             const int adamSteps = stepsToReach(adam, 1e-6);
             qInfo("Rosenbrock: Adam f < 1e-6 after %d steps; SGD (eta %g) f = %g after %d; SGD (eta %g) diverged "
                   "after %d steps",
                   adamSteps, scene.optimizers[0].learningRate, sgd.values.back(), sgd.steps(),
                   scene.optimizers[1].learningRate, faster.steps());
             QVERIFY(adamSteps > 0 && adamSteps <= 1000);
             QVERIFY(std::abs(adam.positions.back().x - 1.0) < 1e-3 && std::abs(adam.positions.back().y - 1.0) < 1e-3);
             QVERIFY(!sgd.diverged);
             QCOMPARE(sgd.steps(), scene.steps);
             QVERIFY(sgd.values.back() > 1e-5);
             QCOMPARE(stepsToReach(sgd, 1e-6), -1);
             QVERIFY(faster.diverged);
             QVERIFY(faster.steps() < 20);
         }},
        {"21-noise-learning-rate",
         [](const Lesson &lesson) {
             QVERIFY(hasView(lesson, LessonView::Optimizers));
             OptimizerScene scene = sceneOf(lesson);
             QVERIFY(scene.surface.noise > 0);
             QCOMPARE(scene.optimizers.size(), std::size_t(3));
             // For this seed and four others: the mean f over the last 200 steps falls with eta.
             for (std::uint64_t seed : {scene.surface.seed, std::uint64_t(2), std::uint64_t(3), std::uint64_t(4),
                                        std::uint64_t(5)}) {
                 scene.surface.seed = seed;
                 double previous = INFINITY;
                 double previousEta = INFINITY;
                 for (const OptimizerSpec &spec : scene.optimizers) {
                     QCOMPARE(spec.kind, OptimizerKind::SGD);
                     QVERIFY(spec.learningRate < previousEta);  // listed from large to small
                     const Trajectory path = runTrajectory(scene.surface, spec, scene.start, scene.steps);
                     QVERIFY(!path.diverged);
                     double tail = 0;
                     for (std::size_t t = path.values.size() - 200; t < path.values.size(); ++t)
                         tail += path.values[t] / 200;
                     qInfo("seed %llu, eta %g: mean f over the last 200 steps %.4f", (unsigned long long)seed,
                           spec.learningRate, tail);
                     QVERIFY(tail < previous / 2);
                     previous = tail;
                     previousEta = spec.learningRate;
                 }
             }
             // Without the noise, every rate goes all the way down.
             scene.surface.noise = 0;
             for (const Trajectory &path : runScene(scene))
                 QVERIFY(path.values.back() < 1e-3);
         }},
        {"24-sum-of-sigmoids",
         [](const Lesson &lesson) {
             QVERIFY(std::find(lesson.views.begin(), lesson.views.end(), LessonView::Function) != lesson.views.end());
             // One input; after the lesson's epochs one hidden layer's sum of terms follows sin x
             // over the data's range, and the terms with the output bias sum to the output.
             for (const char *key : {"sigmoid", "relu"}) {
                 const auto t = train(variant(lesson, key), lesson.epochs);
                 const Model model = t->model();
                 QCOMPARE(model.inputs, 1);
                 QCOMPARE(model.network.hidden.size(), std::size_t(1));
                 const Approximation a = approximate(model, -5.0, 5.0, 201);
                 QVERIFY(a.hasTerms);
                 double maxError = 0.0, maxGap = 0.0;
                 for (std::size_t j = 0; j < a.x.size(); ++j) {
                     maxError = std::max(maxError, std::abs(a.output[j] - std::sin(a.x[j])));
                     double sum = a.outputBias;
                     for (const ApproximationUnit &u : a.units)
                         sum += u.contribution[j];
                     maxGap = std::max(maxGap, std::abs(sum - a.output[j]));
                 }
                 qInfo("%s: %zu units, max |F(x) - sin x| on [-5, 5] %.4f, train RMSE %.4f, |sum of terms + b - F| %.2g",
                       key, a.units.size(), maxError, last(*t).train.rmse, maxGap);
                 QVERIFY(maxGap < 1e-12);
                 if (std::string(key) == "sigmoid") {
                     QVERIFY(maxError < 0.1);  // 0.080 measured
                     QVERIFY(last(*t).train.rmse < 0.04);
                 } else {
                     QVERIFY(last(*t).train.rmse < 0.12);  // 0.099 measured: a broken line, coarser
                 }
             }
         }},
        {"22-loss-landscape",
         [](const Lesson &lesson) {
             QVERIFY(std::find(lesson.views.begin(), lesson.views.end(), LessonView::Landscape) != lesson.views.end());
             auto t = std::make_unique<Trainer>();
             QCOMPARE(t->reset(lesson.variants.at(0).session.config, lesson.variants.at(0).session.dataset), std::string());
             WeightTrajectory run;
             run.record(t->stepCount(), t->network().parameters());
             while (t->epoch() < lesson.epochs && t->trainEpoch())
                 run.record(t->stepCount(), t->network().parameters());
             const Model model = t->model();
             const double current = last(*t).train.loss;
             // Random filter-normalised directions: the trained weights sit at the bottom of a basin.
             LandscapeRequest request{model, t->dataset(), run.all(), LandscapeDirections::Random, 11, 1.0, 1};
             const LandscapeResult random = runLandscape(request);
             QVERIFY(random.landscape.isComplete());
             const Landscape &r = random.landscape;
             double lowest = r.loss.front(), edge = 0;
             int edges = 0;
             for (int i = 0; i < 11; ++i) {
                 for (int j = 0; j < 11; ++j) {
                     lowest = std::min(lowest, r.at(i, j));
                     if (i == 0 || j == 0 || i == 10 || j == 10) {
                         edge += r.at(i, j);
                         ++edges;
                     }
                 }
             }
             edge /= edges;
             qInfo("random slice: loss %.4f at the weights, lowest %.4f, mean on the edge %.4f", r.at(5, 5), lowest, edge);
             QVERIFY(std::abs(r.at(5, 5) - current) <= 1e-6 * std::max(1.0, current));
             QVERIFY(r.at(5, 5) <= lowest * 1.05);
             QVERIFY(edge >= 3 * r.at(5, 5));
             // The principal directions of the run: the first explains most of it, and the path
             // starts high above the basin it ends in.
             request.directions = LandscapeDirections::Trajectory;
             const LandscapeResult pca = runLandscape(request);
             QVERIFY2(pca.error.empty(), pca.error.c_str());
             const LandscapeGrid &g = pca.landscape.grid;
             const auto start = pca.trajectory.front();
             const int column = int(std::lround((start[0] + g.alphaSpan) / (2 * g.alphaSpan) * (g.resolution - 1)));
             const int row = int(std::lround((start[1] + g.betaSpan) / (2 * g.betaSpan) * (g.resolution - 1)));
             const double atStart = pca.landscape.at(row, column);
             qInfo("principal directions: %.0f%% and %.0f%% of the run; loss near the start %.4f, at the end %.4f",
                   100 * pca.plane.explained[0], 100 * pca.plane.explained[1], atStart, pca.originLoss);
             QVERIFY(pca.plane.explained[0] >= 0.5);
             QVERIFY(pca.plane.explained[0] > pca.plane.explained[1]);
             QVERIFY(atStart >= 3 * pca.originLoss);
         }},
        {"23-closed-form",
         [](const Lesson &lesson) {
             QVERIFY(std::find(lesson.views.begin(), lesson.views.end(), LessonView::ClosedForm) != lesson.views.end());
             const Config &config = lesson.variants.at(0).session.config;
             QVERIFY(closedFormApplies(config.network));
             QCOMPARE(config.training.batchSize, 0);  // full batch: gradient descent on the very objective
             auto t = std::make_unique<Trainer>();
             QCOMPARE(t->reset(config, lesson.variants.at(0).session.dataset), std::string());
             const double lambda = config.training.penalty.l2;
             const ClosedFormSolution s = solveClosedForm(t->model(), t->dataset(), lambda);
             QVERIFY2(s.error.empty(), s.error.c_str());
             std::vector<double> d{distanceToSolution(t->model(), s)};
             while (t->epoch() < lesson.epochs && t->trainEpoch())
                 d.push_back(distanceToSolution(t->model(), s));
             // Linear convergence: the same factor every step (after the fastest directions are
             // gone), about 0.9 = 1 - eta with standardised inputs.
             const double early = std::pow(d[30] / d[10], 1.0 / 20), late = std::pow(d[50] / d[30], 1.0 / 20);
             qInfo("|theta - theta*| from %.3g to %.3g in %lld steps; per step x%.4f (steps 10-30), x%.4f (30-50)",
                   d.front(), d.back(), static_cast<long long>(lesson.epochs), early, late);
             QVERIFY(std::abs(early - late) < 0.01);
             QVERIFY(late > 0.85 && late < 0.95);
             QVERIFY(d.back() < 1e-4);
             const double objective = last(*t).train.loss + last(*t).penalty;
             QVERIFY(std::abs(objective - s.loss) < 1e-6);
         }},
    };
    return table;
}

QByteArray minimalLesson(const QByteArray &extra = {})
{
    return R"({"format": "neural-playground-lesson", "version": 1, "title": "T", )" + extra
           + R"( "config": {"data": {"generator": "xor", "count": 40}, "network": {"hidden": [{"units": 2}]}}})";
}

}  // namespace

class TestLessons : public QObject
{
    Q_OBJECT

private slots:
    void everyBuiltinLessonLoads();
    void phenomenon_data();
    void phenomenon();
    void variantsOverrideOnlyWhatTheyName();
    void readerErrors_data();
    void readerErrors();
    void saveWritesConfigOrPoints();
};

void TestLessons::everyBuiltinLessonLoads()
{
    const LessonList list = loadLessonDirectory(kLessonsDir);
    for (const std::string &error : list.errors)
        qWarning("%s", error.c_str());
    QVERIFY(list.errors.empty());
    QVERIFY(list.lessons.size() >= 16);
    for (const Lesson &lesson : list.lessons) {
        QVERIFY2(checks().count(lesson.id), ("no phenomenon check for lesson " + lesson.id).c_str());
        QVERIFY(!lesson.title.empty());
        QVERIFY(!lesson.text.empty());
        QVERIFY(!lesson.chapter.empty());
        QVERIFY(!lesson.views.empty());
        QVERIFY(lesson.epochs > 0);
        QVERIFY(!lesson.variants.empty());
        for (const LessonVariant &v : lesson.variants) {
            QCOMPARE(lesson.variants.size() > 1, !v.key.empty());
            QCOMPARE(validateConfig(v.session.config, v.session.dataset.task, v.session.dataset.classCount),
                     std::string());
        }
    }
}

void TestLessons::phenomenon_data()
{
    QTest::addColumn<QString>("id");
    const LessonList list = loadLessonDirectory(kLessonsDir);
    for (const Lesson &lesson : list.lessons)
        QTest::newRow(lesson.id.c_str()) << QString::fromStdString(lesson.id);
}

void TestLessons::phenomenon()
{
    QFETCH(QString, id);
    const LessonReadResult read = loadLesson(kLessonsDir + "/" + id.toStdString() + ".json");
    QCOMPARE(read.error, std::string());
    const auto check = checks().find(id.toStdString());
    QVERIFY(check != checks().end());
    QElapsedTimer timer;
    timer.start();
    check->second(*read.lesson);
    qInfo("%s: checked in %lld ms", qPrintable(id), (long long)timer.elapsed());
}

void TestLessons::variantsOverrideOnlyWhatTheyName()
{
    const LessonReadResult read = parseLesson(minimalLesson(R"(
        "locked": ["learningRate"], "highlighted": ["head"],
        "variants": [
            {"key": "a", "title": "A"},
            {"key": "b", "title": "B", "text": "more", "locked": ["layer*.units"],
             "config": {"training": {"optimizer": {"learningRate": 0.5}}, "network": {"hidden": []}}}
        ],)"));
    QCOMPARE(read.error, std::string());
    const Lesson &lesson = *read.lesson;
    QCOMPARE(lesson.variants.size(), std::size_t(2));
    const Config &a = lesson.variants[0].session.config;
    const Config &b = lesson.variants[1].session.config;
    QCOMPARE(a.network.hidden.size(), std::size_t(1));
    QCOMPARE(b.network.hidden.size(), std::size_t(0));  // arrays replace
    QCOMPARE(b.training.optimizer.learningRate, 0.5);
    QCOMPARE(b.training.optimizer.kind, a.training.optimizer.kind);  // objects merge
    QCOMPARE(b.data, a.data);
    QCOMPARE(lesson.variants[1].session.dataset, generateDataset(a.data));
    QCOMPARE(lesson.variants[0].locked, std::vector<std::string>{"learningRate"});
    QCOMPARE(lesson.variants[1].locked, (std::vector<std::string>{"learningRate", "layer*.units"}));
    QCOMPARE(lesson.variants[1].highlighted, std::vector<std::string>{"head"});
    QCOMPARE(lesson.variants[1].text, std::string("more"));
}

void TestLessons::readerErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QByteArray("  ") << "the file is empty";
    QTest::newRow("not json") << QByteArray("{\"format\":\n") << "not valid JSON";
    QTest::newRow("other format")
        << QByteArray(R"({"format": "neural-playground-config", "version": 1})")
        << R"(format: expected "neural-playground-lesson", found "neural-playground-config")";
    QTest::newRow("newer version")
        << QByteArray(R"({"format": "neural-playground-lesson", "version": 7, "title": "T", "config": {}})")
        << "format version 7";
    QTest::newRow("no title") << QByteArray(R"({"format": "neural-playground-lesson", "version": 1, "config": {}})")
                              << "title: a lesson needs a title";
    QTest::newRow("typo") << minimalLesson(R"("txt": "x",)") << "unknown key 'txt'";
    QTest::newRow("both settings") << minimalLesson(R"("session": {},)") << "exactly one of them";
    QTest::newRow("bad view") << minimalLesson(R"("views": ["boundary", "3d"],)") << "views: entry 1 is not a view";
    QTest::newRow("bad control") << minimalLesson(R"("locked": ["learning rate"],)")
                                 << "locked: entry 0 is not a control name";
    QTest::newRow("bad config") << minimalLesson(R"("variants": [{"key": "a", "title": "A"},
        {"key": "b", "title": "B", "config": {"training": {"optimizer": {"learningRate": -1}}}}],)")
                                << "variants[1]: training.optimizer.learningRate: expected a number from 0 to 1000";
    QTest::newRow("duplicate variant")
        << minimalLesson(R"("variants": [{"key": "a", "title": "A"}, {"key": "a", "title": "B"}],)")
        << "variants[1].key: \"a\" is used by an earlier variant";
    QTest::newRow("untitled variant") << minimalLesson(R"("variants": [{"key": "a"}],)")
                                      << "variants[0]: a variant needs a \"key\" and a \"title\"";
    QTest::newRow("bad surface") << minimalLesson(R"("optimizerScene": {"surface": {"type": "banana"}},)")
                                 << "optimizerScene.surface.type: unknown surface 'banana'";
    QTest::newRow("bad start") << minimalLesson(R"("optimizerScene": {"start": [1]},)")
                               << "optimizerScene.start: expected [x, y]";
    QTest::newRow("bad scene optimizer")
        << minimalLesson(R"("optimizerScene": {"optimizers": [{"type": "sgd"}, {"type": "adam", "beta1": 2}]},)")
        << "optimizerScene.optimizers[1].beta1";
    QTest::newRow("trained state")
        << QByteArray(R"({"format": "neural-playground-lesson", "version": 1, "title": "T",
                          "session": {"config": {}, "state": {}}})")
        << "session: a lesson starts untrained";
}

void TestLessons::readerErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const LessonReadResult read = parseLesson(json);
    QVERIFY(!read.lesson);
    QVERIFY2(QString::fromStdString(read.error).contains(error), read.error.c_str());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(json);
    file.close();
    const LessonReadResult loaded = loadLesson(path.toStdString());
    QVERIFY(QString::fromStdString(loaded.error).startsWith(path + QStringLiteral(": ")));
}

void TestLessons::saveWritesConfigOrPoints()
{
    QTemporaryDir dir;
    Lesson lesson;
    lesson.title = "My lesson";
    lesson.chapter = "Mine";
    lesson.text = "<p>Watch the <b>loss</b>.</p>";
    lesson.views = {LessonView::Loss, LessonView::Health};
    LessonVariant v;
    v.session.config = defaultConfig();
    v.session.dataset = generateDataset(v.session.config.data);
    v.locked = {"learningRate", "layer*.activation"};
    v.highlighted = {"optimizer"};
    lesson.variants = {v};

    // Generated data: only the config is written.
    const std::string generatedPath = dir.filePath(QStringLiteral("generated.json")).toStdString();
    QCOMPARE(saveLesson(generatedPath, lesson), std::string());
    QVERIFY(lessonToJson(lesson).contains("\"config\""));
    QVERIFY(!lessonToJson(lesson).contains("\"dataset\""));
    LessonReadResult read = loadLesson(generatedPath);
    QCOMPARE(read.error, std::string());
    QCOMPARE(read.lesson->id, std::string("generated"));
    QCOMPARE(read.lesson->title, lesson.title);
    QCOMPARE(read.lesson->chapter, lesson.chapter);
    QCOMPARE(read.lesson->text, lesson.text);
    QCOMPARE(read.lesson->views, lesson.views);
    QCOMPARE(read.lesson->variants.size(), std::size_t(1));
    QVERIFY(read.lesson->variants[0].session.config == v.session.config);
    QCOMPARE(read.lesson->variants[0].session.dataset, v.session.dataset);
    QCOMPARE(read.lesson->variants[0].locked, v.locked);
    QCOMPARE(read.lesson->variants[0].highlighted, v.highlighted);

    QVERIFY(!read.lesson->optimizerScene);

    // An optimizer scene is written and read back as it was.
    OptimizerScene scene = defaultOptimizerScene();
    scene.surface.kind = SurfaceKind::Beale;
    scene.surface.noise = 0.25;
    scene.surface.seed = 9;
    scene.start = {0.5, -1.25};
    scene.steps = 777;
    scene.optimizers.at(1).momentum = 0.8;
    lesson.optimizerScene = scene;
    const std::string scenePath = dir.filePath(QStringLiteral("scene.json")).toStdString();
    QCOMPARE(saveLesson(scenePath, lesson), std::string());
    read = loadLesson(scenePath);
    QCOMPARE(read.error, std::string());
    QVERIFY(read.lesson->optimizerScene);
    QVERIFY(*read.lesson->optimizerScene == scene);
    lesson.optimizerScene.reset();

    // Painted points: the session with its points is written.
    lesson.variants[0].session.dataset.points.push_back(DataPoint{1.25, -2.5, 1, 0.0, false});
    const std::string paintedPath = dir.filePath(QStringLiteral("painted.json")).toStdString();
    QCOMPARE(saveLesson(paintedPath, lesson), std::string());
    read = loadLesson(paintedPath);
    QCOMPARE(read.error, std::string());
    QCOMPARE(read.lesson->variants[0].session.dataset, lesson.variants[0].session.dataset);
    QVERIFY(!read.lesson->variants[0].session.state);
}

}  // namespace np

QTEST_GUILESS_MAIN(np::TestLessons)
#include "test_lessons.moc"
