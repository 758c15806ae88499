#include "figurecommand.h"

#include "support.h"

#include "figureexport.h"
#include "figurerenderer.h"

#include <QApplication>
#include <QDir>
#include <QRegularExpression>

#include <cstdio>
#include <cstdlib>

namespace np::cli {

const std::vector<Flag> kFigureFlags = {
    {"config", 'c', "FILE", "config, session or lesson JSON (default: the built-in spiral)"},
    {"variant", 0, "KEY", "the lesson's variant to use (default: its first)"},
    {"epochs", 'e', "N", "train N (more) epochs first (default: a trained session as it is, else the "
                         "config's maxEpochs, or 100)"},
    {"view", 'v', "NAME", "the figure: boundary, loss, network, folding, regions, health, backprop, landscape, closedform or all (default: all)"},
    {"out", 'o', "PATH", "file (one view; .png, .svg or .pdf) or folder (default: the current folder)"},
    {"format", 'f', "FMT", "png, svg or pdf for files written into a folder (default: png)"},
    {"size", 0, "WxH", "figure size in pixels (default: 800x600)"},
    {"scale", 0, "F", "PNG pixels per layout pixel: 2 draws a WxH/2 figure at twice the resolution (default 1)"},
    {"title", 0, "TEXT", "title instead of the figure's own"},
    {"no-title", 0, "", "draw no title"},
    {"no-legend", 0, "", "draw no legend"},
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
    const QString out = QString::fromStdString(options.value("out").value_or("."));
    if (view == QLatin1String("all") && figureFormatFromPath(out))
        return fail("--view all writes one file per figure into a folder; --out names a file", kUsageError);
    settings.options.title = !options.has("no-title");
    settings.options.legend = !options.has("no-legend");
    settings.options.titleText = QString::fromStdString(options.value("title").value_or(""));

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

    // Without a display, or in a script, the views draw into memory.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "neural-playground-cli";
    char *argv[] = {name, nullptr};
    QApplication app(argc, argv);

    FigureRenderer renderer({session.config, session.dataset, trainer.model(), trainer.history(), std::move(trajectory)});
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
