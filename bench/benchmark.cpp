// Training throughput and grid-evaluation time for the two reference settings of issue #2:
// (a) TensorFlow Playground's own network and (b) a deeper softmax network with Adam.
// Prints human-readable lines and one JSON line per setting; run with --seconds N for longer runs.

#include "analysis/gridevaluation.h"
#include "data/generators.h"
#include "training/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace np;
using Clock = std::chrono::steady_clock;

namespace {

struct Setting
{
    const char *name;
    Config config;
    Dataset data;
};

Setting playgroundSetting()
{
    Config c;
    c.features = FeatureSet::plain();
    c.network.hidden = {LayerSpec{8, Activation::Tanh}, LayerSpec{8, Activation::Tanh}};
    c.network.head = OutputHead::Tanh;
    c.network.loss = Loss::Squared;
    c.init.scheme = InitScheme::SmallUniform;
    c.init.scale = 0.5;
    c.init.bias = 0.1;
    c.training.optimizer.kind = OptimizerKind::SGD;
    c.training.optimizer.learningRate = 0.03;
    c.training.batchSize = 10;
    return {"a: 2-8-8-1 tanh, squared loss, SGD, batch 10, 500-point spiral", c, spiralDataset(2, 250, 0.0, 1)};
}

Setting softmaxSetting()
{
    Config c;
    c.features = FeatureSet::plain();
    c.network.hidden = {LayerSpec{16, Activation::Tanh}, LayerSpec{16, Activation::Tanh},
                        LayerSpec{16, Activation::Tanh}};
    c.network.head = OutputHead::Softmax;
    c.network.loss = Loss::CategoricalCrossEntropy;
    c.init.scheme = InitScheme::Glorot;
    c.training.optimizer.kind = OptimizerKind::Adam;
    c.training.optimizer.learningRate = 0.01;
    c.training.batchSize = 10;
    c.data.classes = 3;
    return {"b: 2-16-16-16-3 tanh + softmax CE, Adam, batch 10, 1500-point 3-arm spiral", c,
            spiralDataset(3, 500, 0.0, 1)};
}

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

// The training loop alone: batches in a shuffled order, forward, loss, backward, update.
double rawSamplesPerSecond(const Setting &s, double budget, double &finalLoss)
{
    Trainer trainer;
    trainer.reset(s.config, s.data);
    const Matrix<Scalar> &X = trainer.trainInputs();
    const Matrix<Scalar> &Y = trainer.trainTargets();
    Network<Scalar> &net = trainer.network();
    auto optimizer = makeOptimizer(s.config.training.optimizer, net.parameters().size(), net.blocks());
    const Index n = X.cols();
    const Index batch = s.config.training.batchSize;
    Matrix<Scalar> xb(X.rows(), batch), yb(Y.rows(), batch);
    std::vector<int> order(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i)
        order[static_cast<std::size_t>(i)] = static_cast<int>(i);
    Rng rng(1);
    net.reserve(batch);

    std::int64_t samples = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    while (elapsed < budget) {
        for (int epoch = 0; epoch < 20; ++epoch) {
            rng.shuffle(std::span<int>(order));
            for (Index i = 0; i + batch <= n; i += batch) {
                for (Index j = 0; j < batch; ++j) {
                    xb.col(j) = X.col(order[static_cast<std::size_t>(i + j)]);
                    yb.col(j) = Y.col(order[static_cast<std::size_t>(i + j)]);
                }
                const ConstMatrixMap<Scalar> x(xb.data(), xb.rows(), batch), y(yb.data(), yb.rows(), batch);
                net.forward(x, Mode::Train, &rng);
                finalLoss = net.loss(y, true);
                net.backward(x);
                optimizer->step(net.parameters(), net.gradients(), s.config.training.optimizer.learningRate);
                samples += batch;
            }
        }
        elapsed = seconds(Clock::now() - start);
    }
    return double(samples) / elapsed;
}

// The Trainer as the app and command line use it: also evaluates loss and accuracy on the whole
// training set after every epoch.
double trainerSamplesPerSecond(const Setting &s, double budget, double &accuracy)
{
    Trainer trainer;
    trainer.reset(s.config, s.data);
    const auto start = Clock::now();
    double elapsed = 0;
    while (elapsed < budget) {
        trainer.train(5000);
        elapsed = seconds(Clock::now() - start);
    }
    accuracy = trainer.history().back().train.accuracy;
    return double(trainer.samplesSeen()) / elapsed;
}

double gridMilliseconds(const Setting &s, bool withHidden, int repeats)
{
    Trainer trainer;
    trainer.reset(s.config, s.data);
    trainer.train(200);
    GridEvaluator evaluator;
    evaluator.setModel(trainer.model());
    GridSpec grid;  // 256 x 256 over [-6, 6]^2
    GridEvaluation result;
    evaluator.evaluate(grid, withHidden, result);  // warm-up: fills the feature cache
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        evaluator.evaluate(grid, withHidden, result);
        times.push_back(seconds(Clock::now() - start) * 1e3);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];  // median
}

/// This core's float multiply-adds per second at its widest vectors: twelve independent chains
/// of Eigen's packet multiply-add, so none waits on another. What the grid times are measured
/// against: on a core that runs 512-bit vectors as two halves (Zen 4) it is half that of one
/// that runs them whole (Zen 5).
double peakMultiplyAddsPerSecond()
{
    namespace ei = Eigen::internal;
    using Packet = ei::packet_traits<float>::type;
    constexpr int kChains = 12;
    constexpr int P = ei::packet_traits<float>::size;
    Packet chain[kChains];
    for (int i = 0; i < kChains; ++i)
        chain[i] = ei::pset1<Packet>(1.0f + 1e-3f * float(i));
    const Packet m = ei::pset1<Packet>(0.999999f);
    const Packet c = ei::pset1<Packet>(1e-7f);
    constexpr long kRounds = 40'000'000;
    const auto start = Clock::now();
    for (long k = 0; k < kRounds; ++k) {
        for (int i = 0; i < kChains; ++i)
            chain[i] = ei::pmadd(chain[i], m, c);
    }
    const double elapsed = seconds(Clock::now() - start);
    float sum = 0;
    for (const Packet &p : chain)
        sum += ei::predux(p);
    if (!std::isfinite(sum))  // uses the chains, so they are computed
        std::printf("(peak chains overflowed)\n");
    return double(kRounds) * kChains * P / elapsed;
}

/// Multiply-adds of one point through the setting's layers (z = W a + b for each).
double multiplyAddsPerPoint(const Setting &s)
{
    double total = 0;
    int previous = s.config.features.count();
    for (const LayerSpec &layer : s.config.network.hidden) {
        total += double(previous) * layer.units;
        previous = layer.units;
    }
    return total + double(previous) * (s.config.network.head == OutputHead::Softmax ? s.config.data.classes : 1);
}

}  // namespace

int main(int argc, char **argv)
{
    double budget = 3.0;
    bool gridOnly = false;
    char only = 0;  // 'a' or 'b': that setting alone (for a profiler)
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
            budget = std::max(0.1, std::atof(argv[++i]));
        else if (std::strcmp(argv[i], "--grid-only") == 0)
            gridOnly = true;
        else if (std::strcmp(argv[i], "--setting") == 0 && i + 1 < argc)
            only = argv[++i][0];
        else if (std::strcmp(argv[i], "--help") == 0) {
            std::printf("usage: np-benchmark [--seconds N] [--grid-only] [--setting a|b]\n"
                        "Prints training samples/s and 256x256 grid-evaluation times for the two\n"
                        "reference settings (single thread).\n");
            return 0;
        }
    }
    const double peak = peakMultiplyAddsPerSecond();
    std::printf("this core: %.1f G float multiply-adds/s at its widest vectors (one thread)\n", peak / 1e9);
    std::printf("{\"peakMultiplyAddsPerSecond\":%.4g}\n", peak);
    for (const Setting &s : {playgroundSetting(), softmaxSetting()}) {
        if (only && s.name[0] != only)
            continue;
        double loss = 0, accuracy = 0;
        const double raw = gridOnly ? 0 : rawSamplesPerSecond(s, budget, loss);
        const double withMetrics = gridOnly ? 0 : trainerSamplesPerSecond(s, budget, accuracy);
        const double grid = gridMilliseconds(s, false, gridOnly ? 2000 : 200);
        const double gridHidden = gridMilliseconds(s, true, gridOnly ? 1000 : 100);
        std::printf("%s\n", s.name);
        std::printf("  training loop        %8.2f M samples/s (final batch loss %.4f)\n", raw / 1e6, loss);
        std::printf("  trainer incl. epoch metrics %8.2f M samples/s (train accuracy %.3f)\n", withMetrics / 1e6,
                    accuracy);
        std::printf("  256x256 grid, output %8.3f ms (median)\n", grid);
        std::printf("  256x256 grid, output + every hidden unit %8.3f ms (median)\n", gridHidden);
        // The floor: the layers' multiply-adds alone at the peak, without the activations.
        const double floor = 256.0 * 256.0 * multiplyAddsPerPoint(s) / peak * 1e3;
        std::printf("  256x256 grid, its multiply-adds alone at this core's peak %8.3f ms\n", floor);
        std::printf("{\"setting\":\"%c\",\"samplesPerSecond\":%.0f,\"trainerSamplesPerSecond\":%.0f,"
                    "\"gridMs\":%.4f,\"gridWithHiddenMs\":%.4f,\"gridFloorMs\":%.4f}\n",
                    s.name[0], raw, withMetrics, grid, gridHidden, floor);
        std::fflush(stdout);
    }
    return 0;
}
