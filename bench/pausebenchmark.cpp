// How long Pause takes to answer while training runs, through the real path: the controller
// sends the command, the worker (on its thread) notices it between the row blocks of a long
// step, handles it, and the snapshot saying "paused" reaches this (the GUI) thread.
//
//   np-pausebenchmark [points] [units] [layers] [trials] [epoch-end]
//
// Default: 1e6 points, full batch, 2 hidden layers of 1024 units (the largest the limits allow),
// where one step takes minutes. With "epoch-end" the pauses come while the epoch's end evaluates
// the points instead (batches of 1000, 90% of the points held out for validation): each trial
// waits until the epoch's steps are done. Prints each trial's answer time and the worst.

#include "data/generators.h"
#include "trainingcontroller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

using namespace np;

namespace {

// A benchmark, not a test: polling the event loop is the simplest exact wait here.
bool waitUntil(const std::function<bool()> &done, qint64 timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        QThread::usleep(100);
    }
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int points = argc > 1 ? std::atoi(argv[1]) : 1'000'000;
    const int units = argc > 2 ? std::atoi(argv[2]) : 1024;
    const int layers = argc > 3 ? std::atoi(argv[3]) : 2;
    const int trials = argc > 4 ? std::atoi(argv[4]) : 5;
    const bool epochEnd = argc > 5 && std::string(argv[5]) == "epoch-end";

    Config config;
    config.data.generator = Generator::Gaussians;
    config.data.classes = 2;
    config.data.count = points;
    config.data.validationFraction = epochEnd ? 0.9 : 0.0;
    config.network.hidden.assign(std::size_t(layers), LayerSpec{units, Activation::ReLU});
    config.training.batchSize = epochEnd ? 1000 : 0;  // full batch: one step is one epoch
    const Dataset dataset = generateDataset(config.data);

    TrainingController controller;
    controller.setSpeed(0);
    controller.reset(config, dataset);
    const std::uint64_t resetId = controller.lastCommand();
    if (!waitUntil([&] { return controller.latest().command >= resetId; }, 600'000)) {
        std::printf("the worker did not take the network\n");
        return 1;
    }
    std::printf("pause latency: %d points x %d x %d units, %s, %zu parameters\n", points, layers, units,
                epochEnd ? "while the epoch's end evaluates" : "full batch", controller.latest().model.parameters.size());

    qint64 worst = 0;
    for (int trial = 0; trial < trials; ++trial) {
        controller.play();
        const std::uint64_t playId = controller.lastCommand();
        waitUntil([&] { return controller.latest().command >= playId && controller.latest().running; }, 60'000);
        if (epochEnd)  // the steps of the epoch are done: its end evaluates
            waitUntil([&] { return controller.latest().epochFraction >= 1.0; }, 3'600'000);
        // Let it get well into a step (a different distance each time).
        waitUntil([] { return false; }, 300 + 250 * trial);
        const double before = controller.latest().epochFraction;
        QElapsedTimer answer;
        answer.start();
        controller.pause();
        const std::uint64_t pauseId = controller.lastCommand();
        const bool answered = waitUntil(
            [&] { return controller.latest().command >= pauseId && !controller.latest().running; }, 600'000);
        const qint64 us = answer.nsecsElapsed() / 1000;
        worst = std::max(worst, us);
        std::printf("  trial %d: paused %s after %.1f ms (epoch %.4f%% done when asked, %.4f%% when paused)\n",
                    trial + 1, answered ? "" : "NOT", double(us) / 1000.0, 100.0 * before,
                    100.0 * controller.latest().epochFraction);
    }
    std::printf("worst pause answer: %.1f ms\n", double(worst) / 1000.0);
    return 0;
}
