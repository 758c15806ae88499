#include "figurecommand.h"

#include "support.h"

#include "animationrecorder.h"
#include "figureexport.h"
#include "figurerenderer.h"
#include "pngsequencewriter.h"

#include "session/lesson.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstdio>
#include <cstdlib>

namespace np::cli {

const std::vector<Flag> kFigureFlags = {
    {"config", 'c', "FILE", "config, session or lesson JSON (default: the built-in spiral)"},
    {"variant", 0, "KEY", "the lesson's variant to use (default: its first)"},
    {"epochs", 'e', "N", "train N (more) epochs first (default: a trained session as it is, else the "
                         "config's maxEpochs, or 100)"},
    {"view", 'v', "NAME", "the figure: boundary, loss, network, folding, regions, health, backprop, function, optimizers, landscape, closedform or all (default: all)"},
    {"out", 'o', "PATH", "file (one view; .png, .svg or .pdf) or folder (default: the current folder)"},
    {"format", 'f', "FMT", "png, svg or pdf for files written into a folder (default: png)"},
    {"size", 0, "WxH", "figure size in pixels (default: 800x600)"},
    {"scale", 0, "F", "PNG pixels per layout pixel: 2 draws a WxH/2 figure at twice the resolution (default 1)"},
    {"title", 0, "TEXT", "title instead of the figure's own"},
    {"no-title", 0, "", "draw no title"},
    {"no-legend", 0, "", "draw no legend"},
    {"animate", 0, "EPOCHS", "record EPOCHS epochs of training as an animation of one view (default boundary): "
                             "-o FILE.gif, or -o FOLDER/ or -o frame-%04d.png for numbered PNGs"},
    {"fps", 0, "F", "animation frames per second (default 10)"},
    {"frames", 0, "N", "animation frames, spread evenly over the epochs (default one per epoch, at most 200)"},
    {"dither", 0, "KIND", "GIF dithering: ordered, fs (Floyd-Steinberg) or none (default ordered)"},
    {"palette", 0, "KIND", "GIF palette: frame (one per frame, default) or shared (one for all; holds every "
                           "frame in memory)"},
    {"quiet", 'q', "", "do not list the files written"},
    {"help", 'h', "", "show this help"},
};

namespace {

bool parseSize(const std::string &text, QSize &size)
{
    const QStringList parts = QString::fromStdString(text).split(QRegularExpression(QStringLiteral("[x×X]")));
    bool okW = false;
    bool okH = false;
    if (parts.size() == 2)
        size = QSize(parts[0].toInt(&okW), parts[1].toInt(&okH));
    return okW && okH;
}

/// Without a display, or in a script, the views draw into memory.
void useOffscreenWithoutDisplay()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

/// `figure --animate EPOCHS`: one view recorded while the session trains EPOCHS epochs.
int runAnimation(const Options &options, const FigureExportSettings &figure)
{
    for (const char *still : {"scale", "format"}) {
        if (options.has(still))
            return fail(std::string("--") + still + " is for still figures; --animate writes frames of --size pixels",
                        kUsageError);
    }
    AnimationSettings settings;
    settings.figure = figure;
    settings.view = QString::fromStdString(options.value("view").value_or("boundary"));
    if (settings.view == QLatin1String("all"))
        return fail("--animate records one view; --view all names several", kUsageError);
    long long epochs = 0;
    if (std::string e = options.integer("animate", 0, 100'000'000, epochs); !e.empty())
        return fail(e, kUsageError);
    settings.epochs = epochs;
    long long frames = 0;
    if (std::string e = options.integer("frames", 1, AnimationSettings::kMaxFrames, frames); !e.empty())
        return fail(e, kUsageError);
    settings.frames = static_cast<int>(frames);
    if (const auto fps = options.value("fps")) {
        char *end = nullptr;
        settings.fps = std::strtod(fps->c_str(), &end);
        if (end == fps->c_str() || *end != '\0' || !(settings.fps >= 0.1) || !(settings.fps <= 50))
            return fail("--fps expects a number from 0.1 to 50, not '" + *fps + "'", kUsageError);
    }
    const std::string dither = options.value("dither").value_or("ordered");
    if (dither == "ordered")
        settings.dithering = Dithering::Ordered;
    else if (dither == "fs")
        settings.dithering = Dithering::FloydSteinberg;
    else if (dither == "none")
        settings.dithering = Dithering::None;
    else
        return fail("--dither expects ordered, fs or none, not '" + dither + "'", kUsageError);
    const std::string palette = options.value("palette").value_or("frame");
    if (palette != "frame" && palette != "shared")
        return fail("--palette expects frame or shared, not '" + palette + "'", kUsageError);
    settings.sharedPalette = palette == "shared";
    settings.target = QString::fromStdString(options.value("out").value_or(settings.view.toStdString() + ".gif"));
    if (settings.target.endsWith(QLatin1String(".gif"), Qt::CaseInsensitive))
        settings.format = AnimationFormat::Gif;
    else if (PngSequenceWriter::isPattern(settings.target) || settings.target.endsWith(QLatin1Char('/'))
             || QFileInfo(settings.target).isDir() || QFileInfo(settings.target).suffix().isEmpty())
        settings.format = AnimationFormat::PngSequence;
    else
        return fail("--animate writes a .gif, a folder or a pattern such as frame-%04d.png, not '"
                        + settings.target.toStdString() + "'",
                    kUsageError);

    Session session;
    std::string error;
    if (!loadOrDefault(options, session, error))
        return fail(error);
    // --epochs trains first; the animation starts where that leaves the session.
    if (options.has("epochs")) {
        long long before = 0;
        if (std::string e = options.integer("epochs", 0, 100'000'000, before); !e.empty())
            return fail(e, kUsageError);
        Trainer trainer;
        if (std::string e = startTrainer(session, trainer); !e.empty())
            return fail(e);
        trainer.clearStop();
        const std::int64_t target = trainer.epoch() + before;
        while (trainer.epoch() < target && trainer.trainEpoch()) {
        }
        session.state = trainer.state();
    }

    useOffscreenWithoutDisplay();
    int argc = 1;
    char name[] = "neural-playground-cli";
    char *argv[] = {name, nullptr};
    QApplication app(argc, argv);
    QElapsedTimer timer;
    timer.start();
    const AnimationResult result = recordAnimation(session, settings);
    if (!result.error.isEmpty())
        return fail(result.error.toStdString());
    if (!result.note.isEmpty())
        std::fprintf(stderr, "neural-playground-cli: note: %s\n", qPrintable(result.note));
    if (!options.has("quiet")) {
        const QString where = settings.format == AnimationFormat::Gif
                                  ? QDir::toNativeSeparators(settings.target)
                                  : QDir::toNativeSeparators(QFileInfo(result.files.front()).path());
        std::printf("wrote %s: %d frames, epochs to %lld, %lld bytes, %.1f s\n", qPrintable(where), result.frames,
                    static_cast<long long>(result.lastEpoch), static_cast<long long>(result.bytes),
                    timer.elapsed() / 1000.0);
    }
    return 0;
}

}  // namespace

int runFigure(const Options &options)
{
    const QStringList names = FigureRenderer::figureNames();
    const QString view = QString::fromStdString(options.value("view").value_or("all"));
    if (view != QLatin1String("all") && !names.contains(view))
        return fail("--view expects " + names.join(", ").toStdString() + " or all, not '" + view.toStdString() + "'",
                    kUsageError);
    FigureExportSettings settings;
    if (const auto size = options.value("size"); size && !parseSize(*size, settings.size))
        return fail("--size expects WIDTHxHEIGHT in pixels, such as 1600x1200, not '" + *size + "'", kUsageError);
    if (const auto scale = options.value("scale")) {
        char *end = nullptr;
        settings.devicePixelRatio = std::strtod(scale->c_str(), &end);
        if (end == scale->c_str() || *end != '\0' || !(settings.devicePixelRatio >= 0.25)
            || !(settings.devicePixelRatio <= 8))
            return fail("--scale expects a number from 0.25 to 8, not '" + *scale + "'", kUsageError);
    }
    std::optional<FigureFormat> format = FigureFormat::Png;
    if (const auto f = options.value("format")) {
        format = figureFormatFromPath(QStringLiteral("figure.") + QString::fromStdString(*f));
        if (!format)
            return fail("--format expects png, svg or pdf, not '" + *f + "'", kUsageError);
    }
    settings.options.title = !options.has("no-title");
    settings.options.legend = !options.has("no-legend");
    settings.options.titleText = QString::fromStdString(options.value("title").value_or(""));
    if (options.has("animate"))
        return runAnimation(options, settings);
    const QString out = QString::fromStdString(options.value("out").value_or("."));
    if (view == QLatin1String("all") && figureFormatFromPath(out))
        return fail("--view all writes one file per figure into a folder; --out names a file", kUsageError);

    Session session;
    std::string error;
    if (!loadOrDefault(options, session, error))
        return fail(error);
    long long epochs = session.state && !options.has("epochs") ? 0
                       : session.config.training.maxEpochs > 0 ? session.config.training.maxEpochs
                                                               : 100;
    if (std::string e = options.integer("epochs", 0, 100'000'000, epochs); !e.empty())
        return fail(e, kUsageError);
    Trainer trainer;
    if (std::string e = startTrainer(session, trainer); !e.empty())
        return fail(e);
    trainer.clearStop();
    const std::int64_t target = trainer.epoch() + epochs;
    // The run's weights at every epoch end, for the landscape's principal directions and the
    // closed form's distance curve (thinned to at most 256).
    WeightTrajectory trajectory;
    trajectory.record(trainer.stepCount(), trainer.network().parameters());
    while (trainer.epoch() < target && trainer.trainEpoch())
        trajectory.record(trainer.stepCount(), trainer.network().parameters());
    trajectory.record(trainer.stepCount(), trainer.network().parameters());
    if (trainer.isStopped())
        std::fprintf(stderr, "neural-playground-cli: note: training stopped at epoch %lld: %s\n",
                     static_cast<long long>(trainer.epoch()), trainer.stopMessage().c_str());

    useOffscreenWithoutDisplay();
    int argc = 1;
    char name[] = "neural-playground-cli";
    char *argv[] = {name, nullptr};
    QApplication app(argc, argv);

    FigureSource source{session.config, session.dataset, trainer.model(), trainer.history(), std::nullopt, std::move(trajectory)};
    // A lesson's optimizer scene is what its optimizer view shows.
    if (const auto path = options.value("config"); path && isLessonFile(*path)) {
        if (const LessonReadResult read = loadLesson(*path); read.lesson)
            source.optimizerScene = read.lesson->optimizerScene;
    }
    FigureRenderer renderer(std::move(source));
    QStringList written;
    if (view != QLatin1String("all") && figureFormatFromPath(out)) {
        if (const QString e = exportFigure(*renderer.figure(view), out, settings); !e.isEmpty())
            return fail(e.toStdString());
        written << out;
    } else {
        std::vector<const Figure *> figures;
        for (const QString &n : view == QLatin1String("all") ? names : QStringList{view})
            figures.push_back(renderer.figure(n));
        const ExportAllResult result = exportAllFigures(figures, out, *format, settings);
        written = result.files;
        if (!result.error.isEmpty())
            return fail(result.error.toStdString());
    }
    if (!options.has("quiet")) {
        for (const QString &file : written)
            std::printf("wrote %s\n", qPrintable(QDir::toNativeSeparators(file)));
    }
    return 0;
}

}  // namespace np::cli
