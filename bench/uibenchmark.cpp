// How the window behaves while training at full speed: the longest stall of the GUI thread,
// frames drawn per second, and training samples/s with the window open against the same
// training headless. Run it under a real X server (xvfb-run) or offscreen:
//   xvfb-run -a build/release/bench/np-uibenchmark [--seconds N]

#include "boundaryview.h"
#include "data/generators.h"
#include "mainwindow.h"
#include "trainingcontroller.h"
#include "viewevaluator.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace np;

namespace {

class PaintCounter : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

double headlessSamplesPerSecond(const Config &config, const Dataset &data, double seconds)
{
    Trainer trainer;
    trainer.reset(config, data);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < seconds * 1000)
        trainer.train(2000);
    return double(trainer.samplesSeen()) / (double(t.nsecsElapsed()) * 1e-9);
}

}  // namespace

int main(int argc, char **argv)
{
    double seconds = 5;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
            seconds = std::max(1.0, std::atof(argv[++i]));
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("NeuralPlaygroundBenchmark"));
    QApplication::setApplicationName(QStringLiteral("np-uibenchmark"));

    const Config config = defaultConfig();
    const Dataset data = generateDataset(config.data);
    const double headless = headlessSamplesPerSecond(config, data, seconds);

    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.controller()->reset(config, data);
    window.controller()->setSpeed(0);

    PaintCounter paints;
    window.boundaryView()->installEventFilter(&paints);
    int frames = 0;
    QObject::connect(window.findChild<ViewEvaluator *>(), &ViewEvaluator::frameReady, [&frames] { ++frames; });

    // A 1 ms timer: the longest gap between its ticks is the longest time the GUI thread could
    // not react (a stall).
    QElapsedTimer clock;
    qint64 lastTick = 0, longestGap = 0;
    std::vector<qint64> gaps;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (lastTick > 0) {
            longestGap = std::max(longestGap, now - lastTick);
            gaps.push_back(now - lastTick);
        }
        lastTick = now;
    });

    std::int64_t samplesAtStart = -1;
    double trainedSeconds = 0;
    QTimer::singleShot(500, [&] {
        // Settled: start measuring.
        window.controller()->play();
        clock.start();
        ticker.start();
        paints.paints = 0;
        frames = 0;
    });
    QTimer::singleShot(int(500 + 300), [&] { samplesAtStart = window.controller()->latest().samples; });
    QElapsedTimer measured;
    QTimer::singleShot(800, [&] { measured.start(); });
    QTimer::singleShot(int(800 + seconds * 1000), [&] {
        trainedSeconds = measured.nsecsElapsed() * 1e-9;
        const std::int64_t samples = window.controller()->latest().samples - samplesAtStart;
        const double windowRate = double(samples) / trainedSeconds;
        std::sort(gaps.begin(), gaps.end());
        const double p99 = gaps.empty() ? 0 : gaps[gaps.size() * 99 / 100] / 1e6;
        const double total = clock.nsecsElapsed() * 1e-9;
        std::printf("platform %s, window 1280x800, default lesson (2-class spiral, 2-8-8-1 tanh), %.0f s at full speed\n",
                    qPrintable(QApplication::platformName()), seconds);
        std::printf("  longest GUI-thread stall   %7.2f ms (99th percentile of 1 ms timer gaps %.2f ms)\n",
                    longestGap / 1e6, p99);
        std::printf("  boundary frames evaluated  %7.1f per second\n", frames / total);
        std::printf("  boundary view repaints     %7.1f per second\n", paints.paints / total);
        std::printf("  training with window open  %7.2f M samples/s\n", windowRate / 1e6);
        std::printf("  training headless         %7.2f M samples/s\n", headless / 1e6);
        std::printf("  ratio                      %7.0f %%\n", 100.0 * windowRate / headless);
        std::printf("{\"stallMs\":%.3f,\"framesPerSecond\":%.1f,\"repaintsPerSecond\":%.1f,"
                    "\"windowSamplesPerSecond\":%.0f,\"headlessSamplesPerSecond\":%.0f}\n",
                    longestGap / 1e6, frames / total, paints.paints / total, windowRate, headless);
        window.close();
        app.quit();
    });
    return QApplication::exec();
}
