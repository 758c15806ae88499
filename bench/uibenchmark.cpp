// How the window behaves while training at full speed: the longest stall of the GUI thread,
// frames drawn per second, and training samples/s with the window open against the same
// training headless. Scenarios: the default lesson (2-8-8-1 tanh, the docks a first start
// shows); a deep network (8 hidden layers of 64 ReLU units) with every view open at once
// (network diagram, folding, regions and gradient health floated beside the window), which
// also reports each view's paint time; the deep network with a first start's docks; and a
// large data set (20,000 points in 4 classes, 2 x 32 tanh, softmax). Each prints its targets
// (issue #12) and one JSON line. --startup measures process start to the first painted frame of
// the plane; --soak MINUTES runs the deep scenario that long and prints resident memory after
// warm-up and at the end.
// Run it under a real X server (xvfb-run) or offscreen:
//   xvfb-run -a build/release/bench/np-uibenchmark [--seconds N]
//       [--scenario default|deep|deep-default|large|both|all] [--startup] [--soak MINUTES]

#include "common/memoryreuse.h"
#include "samplereservoir.h"
#include "scenarios.h"
#include "boundaryview.h"
#include "figure.h"
#include "data/generators.h"
#include "document.h"
#include "lossplot.h"
#include "mainwindow.h"
#include "trainingcontroller.h"
#include "viewevaluator.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

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

// Times every paint event of a widget as it happens during the run (new frames included, so
// cache rebuilds count), by delivering the event itself and returning it as handled.
class PaintTimer : public QObject
{
public:
    SampleReservoir ms;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || m_inside)
            return false;
        m_inside = true;
        QElapsedTimer t;
        t.start();
        watched->event(event);
        ms.add(t.nsecsElapsed() / 1e6);
        m_inside = false;
        return true;
    }

private:
    bool m_inside = false;
};

// The calling thread's CPU time: a stall that ran far less than it lasted waited for a core or
// was blocked; over a run, the GUI thread's work, whatever else the machine does.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Times every event the GUI thread handles at the outermost level, so a long stall can be
// traced to the object and event that caused it.
class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;

    struct Slow
    {
        double ms;
        double cpuMs;    ///< of which the GUI thread ran
        double queueMs;  ///< and waited on a run queue for a core (the rest it was blocked: X, locks)
        QString what;
    };
    bool recording = false;
    std::uint64_t slowCount = 0;                            ///< events over 8 ms while recording
    std::vector<Slow> longest;                              ///< the six longest of them, longest first
    std::map<QString, std::pair<int, double>> slowByWhat;  ///< their count and total ms by receiver and type
    double slowMs = 0, slowCpuMs = 0, slowQueueMs = 0;      ///< their total time, of it on a core, and waiting for one
    std::map<QString, SampleReservoir> steps;  ///< each view's drawing steps (timers named "…RenderStep"), ms

    void clear()
    {
        slowCount = 0;
        slowMs = slowCpuMs = slowQueueMs = 0;
        longest.clear();
        slowByWhat.clear();
        steps.clear();
    }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || !recording || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuMs();
        const double queue0 = m_schedstat.queueMs();
        // Read before delivery: the receiver may be gone after it (a single-shot timer).
        const int type = event->type();
        const QString name = QString::fromLatin1(receiver->metaObject()->className()) + QLatin1Char(' ')
                             + receiver->objectName();
        const bool step = type == QEvent::Timer && receiver->objectName().endsWith(QLatin1String("RenderStep"));
        const bool result = QApplication::notify(receiver, event);
        const double ms = t.nsecsElapsed() / 1e6;
        --m_depth;
        if (ms > 8) {
            const double cpuMs = threadCpuMs() - cpu0;
            const double queueMs = m_schedstat.queueMs() - queue0;
            slowMs += ms;
            slowCpuMs += cpuMs;
            slowQueueMs += queueMs;
            // Kept in a bounded form, so a soak's memory figure is the app's, not this record's.
            const QString what = QStringLiteral("%1 event %2").arg(name).arg(type);
            ++slowCount;
            slowByWhat[what].first += 1;
            slowByWhat[what].second += ms;
            longest.push_back({ms, cpuMs, queueMs, what});
            std::sort(longest.begin(), longest.end(), [](const Slow &a, const Slow &b) { return a.ms > b.ms; });
            if (longest.size() > 6)
                longest.pop_back();
        }
        if (step)
            steps[name.section(QLatin1Char(' '), 1)].add(ms);  // the timer's name
        return result;
    }

private:
    // The time the GUI thread has waited on a run queue (Linux's schedstat, kept open: a pread
    // per event); 0 where it cannot be read.
    class Schedstat
    {
    public:
        Schedstat() : m_fd(open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC)) {}
        ~Schedstat()
        {
            if (m_fd >= 0)
                close(m_fd);
        }
        Schedstat(const Schedstat &) = delete;
        Schedstat &operator=(const Schedstat &) = delete;

        double queueMs() const
        {
            char text[96];
            const ssize_t n = m_fd >= 0 ? pread(m_fd, text, sizeof text - 1, 0) : -1;
            if (n <= 0)
                return 0;
            text[n] = 0;
            unsigned long long run = 0, wait = 0;
            return std::sscanf(text, "%llu %llu", &run, &wait) == 2 ? double(wait) / 1e6 : 0;
        }

    private:
        int m_fd;
    };

    int m_depth = 0;
    Schedstat m_schedstat;  // made on the GUI thread with the application
};

// Resident memory of this process, from /proc (Linux); 0 elsewhere.
double residentMegabytes()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    if (!(statm >> pages >> resident))
        return 0;
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// Seconds since this process started (Linux: its start time in /proc against the boot clock).
double secondsSinceProcessStart()
{
    std::ifstream stat("/proc/self/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const std::size_t close = text.rfind(')');
    if (close == std::string::npos)
        return 0;
    // Fields after the command name: state is field 3, starttime field 22.
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    unsigned long long start = 0;
    for (int k = 3; k <= 22 && rest >> field; ++k)
        start = k == 22 ? std::stoull(field) : start;
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return double(now.tv_sec) + now.tv_nsec * 1e-9 - double(start) / double(sysconf(_SC_CLK_TCK));
}

const char *verdict(bool met)
{
    return met ? "met" : "NOT met";
}

// The targets for a scenario, one line each.
struct Targets
{
    double frameMs = 0;  // 0: no target
    double stallMs = 16;
    double p99Ms = 0;
    double ratio = 0;
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

void runScenario(const char *name, const char *title, const Config &config, bool allViews, double seconds,
                 const Targets &targets, double soakMinutes = 0)
{
    const Dataset data = generateDataset(config.data);
    const double headless = headlessSamplesPerSecond(config, data, std::min(seconds, 5.0));

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
    SampleReservoir frameMs, boundaryMs, neuronMs, regionMs, foldingMs;
    double rssWarm = 0;

    // The view of each dock (its Figure), whose paints are timed during the run.
    const auto figureOf = [&window](const QString &dockName) {
        QWidget *content = window.findChild<QDockWidget *>(dockName)->widget();
        QWidget *view = content;
        for (QWidget *child : content->findChildren<QWidget *>()) {
            if (dynamic_cast<Figure *>(child))
                view = child;
        }
        return view;
    };
    std::vector<std::unique_ptr<PaintTimer>> paintTimers;

    PaintCounter paints;
    PaintTimer lossPaints;  // the loss plot's, which repaints as epochs end (not with the frames)
    auto *lossPlot = window.findChild<LossPlot *>();
    window.boundaryView()->installEventFilter(&paints);
    int frames = 0;
    auto *evaluator = window.findChild<ViewEvaluator *>();
    QObject::connect(evaluator, &ViewEvaluator::frameReady, [&] {
        ++frames;
        const ViewFrame &f = evaluator->frame();
        frameMs.add(f.milliseconds);
        boundaryMs.add(f.boundaryMs);
        neuronMs.add(f.neuronMs);
        regionMs.add(f.regionMs);
        foldingMs.add(f.foldingMs);
    });

    // A 1 ms timer: the longest gap between its ticks is the longest time the GUI thread could
    // not react (a stall).
    QElapsedTimer clock;
    qint64 lastTick = 0, longestGap = 0;
    SampleReservoir gaps;  // ms
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (lastTick > 0) {
            longestGap = std::max(longestGap, now - lastTick);
            gaps.add((now - lastTick) / 1e6);
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
        boundaryMs.clear();
        neuronMs.clear();
        regionMs.clear();
        foldingMs.clear();
        if (auto *app = dynamic_cast<TimingApplication *>(QCoreApplication::instance())) {
            app->clear();
            app->recording = true;
        }
        // Laid out by now: the timers go on the widgets that paint each view.
        if (lossPlot)
            lossPlot->installEventFilter(&lossPaints);
        if (allViews) {
            for (const QString &dockName : viewDocks) {
                // The widget that paints the figure: the view, or the child canvas that fills most of it.
                QWidget *painted = figureOf(dockName);
                const int area = painted->width() * painted->height();
                for (QWidget *child : painted->findChildren<QWidget *>()) {
                    if (child->isVisible() && 2 * child->width() * child->height() > area)
                        painted = child;
                }
                paintTimers.push_back(std::make_unique<PaintTimer>());
                painted->installEventFilter(paintTimers.back().get());
            }
        }
    });
    if (soakMinutes > 0) {
        // Warmed up: caches, pools and histories have their working size after a minute (or a
        // sixth of a short soak).
        const double warm = std::min(60.0, seconds / 6);
        QTimer::singleShot(int(800 + warm * 1000), [&] { rssWarm = residentMegabytes(); });
    }
    QTimer::singleShot(int(500 + 300), [&] { samplesAtStart = window.controller()->latest().samples; });
    QElapsedTimer measured;
    double guiCpuAtStart = 0;
    QTimer::singleShot(800, [&] {
        measured.start();
        guiCpuAtStart = threadCpuMs();
    });
    QTimer::singleShot(int(800 + seconds * 1000), [&] {
        trainedSeconds = measured.nsecsElapsed() * 1e-9;
        const double guiBusy = (threadCpuMs() - guiCpuAtStart) / trainedSeconds;  // ms per second
        const std::int64_t samples = window.controller()->latest().samples - samplesAtStart;
        const double windowRate = double(samples) / trainedSeconds;
        const double p99 = gaps.quantile(0.99);
        const double total = clock.nsecsElapsed() * 1e-9;
        ticker.stop();
        const double repaintRate = paints.paints / total;  // before the synchronous repaints below
        if (auto *app = dynamic_cast<TimingApplication *>(QCoreApplication::instance())) {
            // Events that held the GUI thread over 8 ms, the longest first (the stalls' causes).
            app->recording = false;
            std::printf("  GUI events over 8 ms: %llu", static_cast<unsigned long long>(app->slowCount));
            for (std::size_t k = 0; k < app->longest.size(); ++k)
                std::printf("%s %.1f ms (ran %.1f, queued %.1f) %s", k ? ";" : ":", app->longest[k].ms, app->longest[k].cpuMs,
                            app->longest[k].queueMs, qPrintable(app->longest[k].what));
            std::printf("\n    %.1f ms in all: the GUI thread ran %.1f ms, waited for a core %.1f ms, was blocked (X server, locks) %.1f ms\n",
                        app->slowMs, app->slowCpuMs, app->slowQueueMs, app->slowMs - app->slowCpuMs - app->slowQueueMs);
            for (const auto &[what, n] : app->slowByWhat)
                std::printf("    %4d x %-50s %8.1f ms in all\n", n.first, qPrintable(what), n.second);
            // The views' pictures are drawn in steps between other events: each step is a stall of its own.
            for (const auto &[what, ms] : app->steps) {
                std::printf("  steps %-20s %5llu, %6.2f ms median, %6.2f ms longest, %7.1f ms in all\n", qPrintable(what),
                            static_cast<unsigned long long>(ms.count()), ms.quantile(0.5), ms.max(), ms.sum());
            }
        }
        std::printf("platform %s, window 1280x800, %s, %.0f s at full speed\n",
                    qPrintable(QApplication::platformName()), title, seconds);
        std::printf("  longest GUI-thread stall   %7.2f ms (99th percentile of 1 ms timer gaps %.2f ms)\n",
                    longestGap / 1e6, p99);
        std::printf("  GUI thread busy            %7.0f ms per second\n", guiBusy);
        std::printf("  boundary frames evaluated  %7.1f per second\n", frames / total);
        std::printf("  boundary view repaints     %7.1f per second\n", repaintRate);
        std::printf("  training with window open  %7.2f M samples/s\n", windowRate / 1e6);
        std::printf("  training headless         %7.2f M samples/s\n", headless / 1e6);
        std::printf("  ratio                      %7.0f %%\n", 100.0 * windowRate / headless);
        const double frameMedian = frameMs.quantile(0.5);
        const double frameMax = frameMs.max();
        std::printf("  view frame computed in     %7.2f ms median, %.2f ms longest (evaluator and %d pool threads)\n",
                    frameMedian, frameMax, ThreadPool::defaultHelpers());
        std::printf("    of which boundary %.2f, neuron maps %.2f, regions %.2f, folding %.2f ms (medians)\n",
                    boundaryMs.quantile(0.5), neuronMs.quantile(0.5), regionMs.quantile(0.5), foldingMs.quantile(0.5));
        if (allViews) {
            // The paints during the run, as they came (the first after each new frame included).
            for (int d = 0; d < viewDocks.size(); ++d) {
                const SampleReservoir &ms = paintTimers[std::size_t(d)]->ms;
                std::printf("  paints during the run %-20s %4llu, %6.2f ms median, %6.2f ms longest\n",
                            qPrintable(viewDocks[d]), static_cast<unsigned long long>(ms.count()), ms.quantile(0.5),
                            ms.max());
            }
            if (lossPlot) {
                lossPlot->removeEventFilter(&lossPaints);
                std::printf("  paints during the run %-20s %4llu, %6.2f ms median, %6.2f ms longest\n", "lossPlot",
                            static_cast<unsigned long long>(lossPaints.ms.count()), lossPaints.ms.quantile(0.5),
                            lossPaints.ms.max());
            }
            paintTimers.clear();  // the synchronous repaints below are timed on their own
            // Each view repainted synchronously 20 times, on the newest frame.
            for (const QString &dockName : viewDocks) {
                QWidget *view = figureOf(dockName);
                QElapsedTimer paint;
                paint.start();
                for (int k = 0; k < 20; ++k)
                    view->repaint();
                std::printf("  paint %-20s %7.2f ms\n", qPrintable(dockName), paint.nsecsElapsed() / 20e6);
            }
        }
        QElapsedTimer plane;
        plane.start();
        for (int k = 0; k < 20; ++k)
            window.boundaryView()->repaint();
        std::printf("  paint plane                %7.2f ms\n", plane.nsecsElapsed() / 20e6);
        const double ratio = windowRate / headless;
        std::printf("  targets:");
        if (targets.frameMs > 0)
            std::printf(" frame <= %.0f ms %s;", targets.frameMs, verdict(frameMedian <= targets.frameMs));
        std::printf(" stall <= %.0f ms %s;", targets.stallMs, verdict(longestGap / 1e6 <= targets.stallMs));
        if (targets.p99Ms > 0)
            std::printf(" 99th percentile <= %.0f ms %s;", targets.p99Ms, verdict(p99 <= targets.p99Ms));
        if (targets.ratio > 0)
            std::printf(" training >= %.0f%% of headless %s", 100 * targets.ratio, verdict(ratio >= targets.ratio));
        std::printf("\n");
        std::string soak;
        if (soakMinutes > 0) {
            const double rssEnd = residentMegabytes();
            std::printf("  resident memory            %7.1f MB after warm-up, %.1f MB at the end (%+.1f MB over %.1f min)\n",
                        rssWarm, rssEnd, rssEnd - rssWarm, soakMinutes);
            soak = QStringLiteral(",\"soakMinutes\":%1,\"rssWarmMb\":%2,\"rssEndMb\":%3,\"rssGrowthMb\":%4")
                       .arg(soakMinutes)
                       .arg(rssWarm, 0, 'f', 1)
                       .arg(rssEnd, 0, 'f', 1)
                       .arg(rssEnd - rssWarm, 0, 'f', 1)
                       .toStdString();
        }
        std::printf("{\"scenario\":\"%s\",\"stallMs\":%.3f,\"stallP99Ms\":%.3f,\"framesPerSecond\":%.1f,"
                    "\"repaintsPerSecond\":%.1f,\"viewFrameMs\":%.2f,\"viewFrameMaxMs\":%.2f,"
                    "\"windowSamplesPerSecond\":%.0f,\"headlessSamplesPerSecond\":%.0f,\"trainingRatio\":%.3f,"
                    "\"guiBusyMsPerSecond\":%.1f%s}\n",
                    name, longestGap / 1e6, p99, frames / total, repaintRate, frameMedian, frameMax,
                    windowRate, headless, ratio, guiBusy, soak.c_str());
        std::fflush(stdout);
        QCoreApplication::exit(0);  // quit() would ask the window, which asks about unsaved work
    });
    QApplication::exec();
}

// Process start to the first paint of the plane that shows an evaluated frame.
void measureStartup()
{
    MainWindow window;
    window.resize(1280, 800);
    auto *evaluator = window.findChild<ViewEvaluator *>();
    bool haveFrame = false;
    QObject::connect(evaluator, &ViewEvaluator::frameReady, [&] { haveFrame = true; });
    struct FirstPaint : QObject
    {
        bool *haveFrame = nullptr;
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Paint && *haveFrame) {
                const double seconds = secondsSinceProcessStart();
                // After this paint returns, so it is counted.
                QTimer::singleShot(0, [seconds] {
                    std::printf("start-up: process start to the first painted frame of the plane %.0f ms "
                                "(target <= 600 ms %s)\n",
                                seconds * 1e3, verdict(seconds <= 0.6));
                    std::printf("{\"scenario\":\"startup\",\"startupMs\":%.0f}\n", seconds * 1e3);
                    std::fflush(stdout);
                    QCoreApplication::exit(0);
                });
                *haveFrame = false;
            }
            return false;
        }
    } firstPaint;
    firstPaint.haveFrame = &haveFrame;
    window.boundaryView()->installEventFilter(&firstPaint);
    window.show();
    QApplication::exec();
}


}  // namespace

int main(int argc, char **argv)
{
    keepFreedMemoryForReuse();  // as the app does
    double seconds = 5;
    double soakMinutes = 0;
    bool startup = false;
    std::string scenario = "both";
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
            seconds = std::max(1.0, std::atof(argv[++i]));
        else if (std::strcmp(argv[i], "--scenario") == 0 && i + 1 < argc)
            scenario = argv[++i];
        else if (std::strcmp(argv[i], "--soak") == 0 && i + 1 < argc)
            soakMinutes = std::max(0.1, std::atof(argv[++i]));
        else if (std::strcmp(argv[i], "--startup") == 0)
            startup = true;
    }
    TimingApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("NeuralPlaygroundBenchmark"));
    QApplication::setApplicationName(QStringLiteral("np-uibenchmark"));

    if (startup) {
        measureStartup();
        return 0;
    }
    const Config deep = bench::deepConfig();
    const Targets deepTargets{33, 16, 8, 0.8};
    if (soakMinutes > 0) {
        runScenario("soak", "2-class spiral, 8 hidden layers x 64 ReLU, every view open (soak)", deep, true,
                    soakMinutes * 60, deepTargets, soakMinutes);
        return 0;
    }
    const bool all = scenario == "all";
    if (scenario == "default" || scenario == "both" || all)
        runScenario("default", "default lesson (2-class spiral, 2-8-8-1 tanh)", defaultConfig(), false, seconds,
                    Targets{0, 16, 0, 0});
    if (scenario == "deep" || scenario == "both" || all)
        runScenario("deep", "2-class spiral, 8 hidden layers x 64 ReLU, every view open", deep, true, seconds,
                    deepTargets);
    if (scenario == "deep-default" || all)
        runScenario("deep-default", "2-class spiral, 8 hidden layers x 64 ReLU, the docks a first start shows", deep,
                    false, seconds, Targets{0, 16, 0, 0});
    if (scenario == "large" || all)
        runScenario("large", "20,000 points in 4 classes, 2 x 32 tanh, softmax", bench::largeConfig(), false, seconds,
                    Targets{16, 16, 0, 0});
    return 0;
}
