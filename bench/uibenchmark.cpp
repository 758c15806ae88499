// How the window behaves while training at full speed: the longest stall of the GUI thread,
// frames drawn per second, and training samples/s with the window open against the same
// training headless. Two scenarios: the default lesson (2-8-8-1 tanh, the docks a first start
// shows), and a deep network (8 hidden layers of 64 ReLU units) with every view open at once
// (network diagram, folding, regions and gradient health floated beside the window), which
// also reports the evaluator's frame time and each view's paint time.
// Run it under a real X server (xvfb-run) or offscreen:
//   xvfb-run -a build/release/bench/np-uibenchmark [--seconds N] [--scenario default|deep|deep-default|both]

#include "boundaryview.h"
#include "figure.h"
#include "data/generators.h"
#include "document.h"
#include "mainwindow.h"
#include "trainingcontroller.h"
#include "viewevaluator.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
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

void runScenario(const char *title, const Config &config, bool allViews, double seconds)
{
    const Dataset data = generateDataset(config.data);
    const double headless = headlessSamplesPerSecond(config, data, seconds);

    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.document()->reset(config, data);
    window.controller()->reset(config, data);
    window.controller()->setSpeed(0);
    const QStringList viewDocks = {QStringLiteral("networkDiagramDock"), QStringLiteral("foldingDock"),
                                   QStringLiteral("regionsDock"), QStringLiteral("healthDock")};
    if (allViews) {
        // Floated, every view is on screen at once (tabbed, only one of them would be).
        int x = 0;
        for (const QString &name : viewDocks) {
            auto *dock = window.findChild<QDockWidget *>(name);
            dock->show();
            dock->setFloating(true);
            dock->setGeometry(x, 0, 640, 480);
            x += 60;
        }
    }
    std::vector<double> frameMs;

    PaintCounter paints;
    window.boundaryView()->installEventFilter(&paints);
    int frames = 0;
    auto *evaluator = window.findChild<ViewEvaluator *>();
    QObject::connect(evaluator, &ViewEvaluator::frameReady, [&] {
        ++frames;
        frameMs.push_back(evaluator->frame().milliseconds);
    });

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
        frameMs.clear();
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
        std::printf("platform %s, window 1280x800, %s, %.0f s at full speed\n",
                    qPrintable(QApplication::platformName()), title, seconds);
        std::printf("  longest GUI-thread stall   %7.2f ms (99th percentile of 1 ms timer gaps %.2f ms)\n",
                    longestGap / 1e6, p99);
        std::printf("  boundary frames evaluated  %7.1f per second\n", frames / total);
        std::printf("  boundary view repaints     %7.1f per second\n", paints.paints / total);
        std::printf("  training with window open  %7.2f M samples/s\n", windowRate / 1e6);
        std::printf("  training headless         %7.2f M samples/s\n", headless / 1e6);
        std::printf("  ratio                      %7.0f %%\n", 100.0 * windowRate / headless);
        std::sort(frameMs.begin(), frameMs.end());
        const double frameMedian = frameMs.empty() ? 0 : frameMs[frameMs.size() / 2];
        const double frameMax = frameMs.empty() ? 0 : frameMs.back();
        std::printf("  view frame computed in     %7.2f ms median, %.2f ms longest (evaluator thread)\n",
                    frameMedian, frameMax);
        if (allViews) {
            // Each view repainted synchronously 20 times, on the newest frame.
            for (const QString &name : viewDocks) {
                QWidget *content = window.findChild<QDockWidget *>(name)->widget();
                QWidget *view = content;
                for (QWidget *child : content->findChildren<QWidget *>()) {
                    if (dynamic_cast<Figure *>(child))
                        view = child;
                }
                QElapsedTimer paint;
                paint.start();
                for (int k = 0; k < 20; ++k)
                    view->repaint();
                std::printf("  paint %-20s %7.2f ms\n", qPrintable(name), paint.nsecsElapsed() / 20e6);
            }
        }
        std::printf("{\"stallMs\":%.3f,\"framesPerSecond\":%.1f,\"repaintsPerSecond\":%.1f,"
                    "\"windowSamplesPerSecond\":%.0f,\"headlessSamplesPerSecond\":%.0f}\n",
                    longestGap / 1e6, frames / total, paints.paints / total, windowRate, headless);
        QCoreApplication::exit(0);  // quit() would ask the window, which asks about unsaved work
    });
    QApplication::exec();
}

}  // namespace

int main(int argc, char **argv)
{
    double seconds = 5;
    std::string scenario = "both";
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
            seconds = std::max(1.0, std::atof(argv[++i]));
        else if (std::strcmp(argv[i], "--scenario") == 0 && i + 1 < argc)
            scenario = argv[++i];
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("NeuralPlaygroundBenchmark"));
    QApplication::setApplicationName(QStringLiteral("np-uibenchmark"));

    if (scenario == "default" || scenario == "both")
        runScenario("default lesson (2-class spiral, 2-8-8-1 tanh)", defaultConfig(), false, seconds);
    Config deep = defaultConfig();
    deep.network.hidden.assign(8, LayerSpec{64, Activation::ReLU});
    if (scenario == "deep" || scenario == "both")
        runScenario("2-class spiral, 8 hidden layers x 64 ReLU, every view open", deep, true, seconds);
    if (scenario == "deep-default")
        runScenario("2-class spiral, 8 hidden layers x 64 ReLU, the docks a first start shows", deep, false, seconds);
    return 0;
}
