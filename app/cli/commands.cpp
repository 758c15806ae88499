#include "commands.h"

#include "backpropcommand.h"
#include "exportcommands.h"
#include "figurecommand.h"
#include "linkcommand.h"
#include "options.h"
#include "predictcommand.h"
#include "support.h"
#include "trajectorycommand.h"

#include "analysis/gradientreport.h"
#include "common/atomicwrite.h"
#include "data/csv.h"
#include "data/generators.h"
#include "io/historycsv.h"
#include "io/sessionjson.h"
#include "training/trainer.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace np::cli {

namespace {

const std::vector<Flag> kTrainFlags = {
    {"config", 'c', "FILE", "config, session or lesson JSON to start from (default: the built-in spiral)"},
    {"variant", 0, "KEY", "the lesson's variant to use (default: its first)"},
    {"epochs", 'e', "N", "train N more epochs (default: the config's maxEpochs, or 100)"},
    {"seed", 's', "N", "use seed N for data, initial weights and shuffling; starts afresh"},
    {"save", 'o', "FILE", "save the session (config, data, weights, history) when done"},
    {"history-csv", 0, "FILE", "write the loss and metrics history as CSV when done"},
    {"every", 0, "N", "print progress every N epochs (default: about 20 lines in all)"},
    {"json", 0, "", "print progress and the final metrics as JSON lines"},
    {"quiet", 'q', "", "print only the final metrics"},
    {"help", 'h', "", "show this help"},
};

const std::vector<Flag> kDataFlags = {
    {"config", 'c', "FILE", "config, session or lesson JSON (default: the built-in spiral)"},
    {"variant", 0, "KEY", "the lesson's variant to use (default: its first)"},
    {"seed", 's', "N", "override the data seed (configs only; a session's data is kept)"},
    {"output", 'o', "FILE", "CSV file to write (default: standard output)"},
    {"help", 'h', "", "show this help"},
};

const std::vector<Flag> kConfigFlags = {
    {"output", 'o', "FILE", "write the config to FILE instead of standard output"},
    {"help", 'h', "", "show this help"},
};

const std::vector<Flag> kGradcheckFlags = {
    {"config", 'c', "FILE", "config, session or lesson JSON (default: the built-in spiral)"},
    {"variant", 0, "KEY", "the lesson's variant to use (default: its first)"},
    {"points", 'n', "N", "check on N training points spread over the data (default 32)"},
    {"help", 'h', "", "show this help"},
};

struct Command
{
    const char *name;
    const char *summary;
    const char *usage;
    const char *details;
    const std::vector<Flag> *flags;
    int (*run)(const Options &);
    bool takesArguments = false;  ///< positional arguments go to run (import-link's URL)
};

int runTrain(const Options &options);
int runData(const Options &options);
int runConfig(const Options &options);
int runGradcheck(const Options &options);

const Command kCommands[] = {
    {"train", "train a network and print its progress", "neural-playground-cli train [options]",
     "Trains from a config or session file (or the built-in default) and prints a progress line\n"
     "every few epochs and the final metrics. A session file with a saved state continues where\n"
     "it stopped, bit for bit. Stops early on the config's stop conditions (epoch limit, target\n"
     "loss, early stopping) or when the loss becomes NaN (exit code 3).\n",
     &kTrainFlags, runTrain},
    {"predict", "print a trained model's outputs for points from a CSV file",
     "neural-playground-cli predict (--session FILE | --model FILE) [--input FILE] [--output FILE]",
     "Reads points (a header naming x1 and x2, or two unnamed columns) and writes one row per\n"
     "point: x1, x2, then the predicted class and each class's probability (classification) or\n"
     "the predicted value (regression). Scores are written for heads without probabilities.\n"
     "A CSV that 'data' wrote (or x1,x2,y without a header) is read too: its labels or targets are\n"
     "written beside the predictions and the accuracy (or RMSE) goes to standard error; a split\n"
     "column is ignored.\n",
     &kPredictFlags, runPredict},
    {"data", "write the dataset of a config or session as CSV", "neural-playground-cli data [options]",
     "Generates the config's dataset (or takes the session's own points) and writes it as CSV with\n"
     "columns x1, x2, label (or target) and split.\n",
     &kDataFlags, runData},
    {"config", "print the built-in default config as JSON", "neural-playground-cli config [--output FILE]",
     "The default config lists every setting; edit it and pass it to 'train --config'.\n", &kConfigFlags,
     runConfig},
    {"gradcheck", "check backpropagation against central differences",
     "neural-playground-cli gradcheck [options]",
     "Builds the config's network (or takes the session's trained one), converts it to double\n"
     "precision and compares the analytic gradient of every parameter with central differences\n"
     "on training points spread over the data; prints the relative error per layer. The same\n"
     "check as the window's gradient health view. Exit code 1 when a layer's relative error is\n"
     "1e-5 or more (unless its absolute error is below 1e-9, rounding noise).\n",
     &kGradcheckFlags, runGradcheck},
    {"backprop", "show backpropagation value by value: a notes' graph or one point through a network",
     "neural-playground-cli backprop (--example KEY | --config FILE --point X1,X2 --label K) [--json]",
     "With --example (add-multiply, sigmoid-neuron, sigmoid-gate, max-multiply, tanh-neuron), prints\n"
     "every wire of the lecture's computational graph with its forward value and its gradient.\n"
     "With --config (a session, config or lesson) and a point with its class (or regression target),\n"
     "walks that point through the network as the window's Backprop view does: z, a and\n"
     "delta = dL/dz per unit, dL/dW per layer, and the point's loss before and after one SGD step.\n"
     "Batch norm uses its running statistics (evaluation mode); dropout is off.\n",
     &kBackpropFlags, runBackprop},
    {"export", "write a trained session's model as JSON, ONNX, safetensors or NumPy NPZ",
     "neural-playground-cli export --session FILE --output MODEL.{json,onnx,safetensors,npz}",
     "The format follows the output's suffix: .json (this tool's model format, which 'predict\n"
     "--model' reads), .onnx (onnxruntime, Netron), .safetensors (PyTorch) or .npz (NumPy). Every\n"
     "format holds the weights, the input features and standardisation (docs/model-formats.md).\n",
     &kExportFlags, runExport},
    {"figure", "draw the views as PNG, SVG or PDF figures, without a window",
     "neural-playground-cli figure [options]",
     "Trains from a config or session file (or the built-in default) for --epochs, or takes a\n"
     "trained session as it is, then writes one view (--view boundary|loss|network|folding|regions|health|backprop|optimizers) to the file --out names\n"
     "(the suffix picks PNG, SVG or PDF) or every view (--view all) into the folder --out names, as\n"
     "<view>.png (or --format svg|pdf). Runs headless: without QT_QPA_PLATFORM it draws offscreen.\n",
     &kFigureFlags, runFigure},
    {"history", "write a session's loss and metrics history as CSV",
     "neural-playground-cli history --session FILE [--output FILE]",
     "One row per history record: epoch, step, learning_rate, penalty, train_ and validation_ loss,\n"
     "accuracy, rmse and r2, then each layer's gradient norm and dead and saturated shares. Values\n"
     "that do not apply are empty; numbers read back exactly.\n",
     &kHistoryFlags, runHistory},
    {"import-link", "turn a TensorFlow Playground link into a session file",
     "neural-playground-cli import-link URL --output FILE",
     "Reads every setting of the link (quote it: it holds '&') and writes the same experiment as a\n"
     "session: the points TensorFlow Playground generates from the link's seed, in its order and\n"
     "split, its initial weights, and settings that train by its rules (tanh output and squared\n"
     "error, or linear output for regression; plain SGD; fixed order; its L1 rule). The session\n"
     "remembers the link. An unknown key or value is an error naming it.\n",
     &kImportLinkFlags, runImportLink, true},
    {"trajectory", "write one optimizer's path over a 2-D surface as CSV (step, x, y, f)",
     "neural-playground-cli trajectory --surface KEY --optimizer KEY [--learning-rate ETA] [--steps N] [--start X,Y]",
     "Runs the trainer's own optimizer code on a test function (an elongated quadratic with\n"
     "condition number --condition and rotation --rotation, Rosenbrock, Beale, Himmelblau or a saddle)\n"
     "from --start, with a constant learning rate, and writes one row per position: step 0 is the\n"
     "start. With --noise S each gradient component gets N(0, S²) noise from --seed, standing in for\n"
     "mini-batches. The path stops early when it diverges (exit code 3). The optimizer view of the\n"
     "window draws the same paths.\n",
     &kTrajectoryFlags, runTrajectory},
};

void printUsage(std::FILE *out)
{
    std::fprintf(out,
                 "Neural Playground %s - train and inspect small neural networks from the command line.\n\n"
                 "usage: neural-playground-cli <command> [options]\n\ncommands:\n",
                 NP_VERSION);
    for (const Command &c : kCommands)
        std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
    std::fprintf(out, "  %-10s %s\n", "help", "show the help of a command: help <command>");
    std::fprintf(out,
                 "\n  --help     show this help\n  --version  print the version\n\n"
                 "Config and session files are JSON; 'neural-playground-cli config' prints one with every\n"
                 "setting. Exit codes: 0 success, 1 error (bad file, bad input), 2 wrong usage, 3 the\n"
                 "training diverged.\n");
}

void printCommandHelp(const Command &c)
{
    std::printf("usage: %s\n\n%s\noptions:\n%s", c.usage, c.details, describeFlags(*c.flags).c_str());
}

std::string formatMetric(double v, bool percent)
{
    if (!std::isfinite(v))
        return "-";
    char buffer[32];
    if (percent)
        std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * v);
    else
        std::snprintf(buffer, sizeof buffer, "%.4g", v);
    return buffer;
}

QJsonValue jsonNumber(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonObject recordJson(const HistoryRecord &r, bool classification)
{
    QJsonObject o{
        {"epoch", static_cast<double>(r.epoch)},
        {"step", static_cast<double>(r.step)},
        {"learningRate", jsonNumber(r.learningRate)},
        {"trainLoss", jsonNumber(r.train.loss)},
        {"validationLoss", jsonNumber(r.validation.loss)},
    };
    if (classification) {
        o.insert("trainAccuracy", jsonNumber(r.train.accuracy));
        o.insert("validationAccuracy", jsonNumber(r.validation.accuracy));
    } else {
        o.insert("trainRmse", jsonNumber(r.train.rmse));
        o.insert("validationRmse", jsonNumber(r.validation.rmse));
        o.insert("trainR2", jsonNumber(r.train.r2));
        o.insert("validationR2", jsonNumber(r.validation.r2));
    }
    return o;
}

void printJson(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

std::string progressLine(const HistoryRecord &r, bool classification, double samplesPerSecond)
{
    std::ostringstream line;
    char head[64];
    std::snprintf(head, sizeof head, "epoch %6lld  step %8lld", static_cast<long long>(r.epoch),
                  static_cast<long long>(r.step));
    line << head << "  loss " << formatMetric(r.train.loss, false) << " / " << formatMetric(r.validation.loss, false);
    if (classification)
        line << "  accuracy " << formatMetric(r.train.accuracy, true) << " / "
             << formatMetric(r.validation.accuracy, true);
    else
        line << "  rmse " << formatMetric(r.train.rmse, false) << " / " << formatMetric(r.validation.rmse, false);
    line << "  lr " << formatMetric(r.learningRate, false);
    if (samplesPerSecond > 0) {
        char rate[32];
        std::snprintf(rate, sizeof rate, "  %.2f M samples/s", samplesPerSecond / 1e6);
        line << rate;
    }
    return line.str();
}

int runTrain(const Options &options)
{
    Session session;
    std::string error;
    if (!loadOrDefault(options, session, error))
        return fail(error);

    long long epochs = session.config.training.maxEpochs > 0 ? session.config.training.maxEpochs : 100;
    if (std::string e = options.integer("epochs", 0, 100'000'000, epochs); !e.empty())
        return fail(e, kUsageError);
    long long seed = -1;
    if (std::string e = options.integer("seed", 0, 1ll << 53, seed); !e.empty())
        return fail(e, kUsageError);
    long long every = 0;
    if (std::string e = options.integer("every", 1, 100'000'000, every); !e.empty())
        return fail(e, kUsageError);
    const bool json = options.has("json");
    const bool quiet = options.has("quiet");
    // Where the results go is checked before training, not after it.
    for (const char *output : {"save", "history-csv"}) {
        if (const auto path = options.value(output)) {
            if (std::string e = checkWritable(*path); !e.empty())
                return fail(e);
        }
    }
    // Each progress line as soon as it is printed, into a pipe or a file too.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);

    if (seed >= 0) {
        const auto s = static_cast<std::uint64_t>(seed);
        session.config.init.seed = s;
        session.config.training.seed = s;
        if (session.config.data.seed != s && !options.value("config").has_value()) {
            session.config.data.seed = s;
            session.dataset = generateDataset(session.config.data);
        }
        session.state.reset();
    }

    Trainer trainer;
    if (std::string e = trainer.reset(session.config, session.dataset); !e.empty())
        return fail(e);
    if (session.state) {
        if (std::string e = trainer.restore(*session.state); !e.empty())
            return fail(e);
        trainer.clearStop();
    }
    const bool classification = session.dataset.isClassification();
    if (every == 0)
        every = std::max<long long>(1, epochs / 20);

    const std::int64_t startEpoch = trainer.epoch();
    const std::int64_t targetEpoch = startEpoch + epochs;
    if (!quiet) {
        if (json) {
            QJsonObject start{{"type", "start"},
                              {"trainPoints", session.dataset.trainCount()},
                              {"validationPoints", session.dataset.validationCount()},
                              {"parameters", static_cast<double>(trainer.network().parameters().size())},
                              {"epochs", static_cast<double>(epochs)}};
            printJson(start);
        } else {
            std::printf("training %zu parameters on %d points (%d held out for validation), %lld epochs\n",
                        trainer.network().parameters().size(), session.dataset.trainCount(),
                        session.dataset.validationCount(), epochs);
            std::printf("%s\n", progressLine(trainer.history().back(), classification, 0).c_str());
        }
    }

    const auto started = std::chrono::steady_clock::now();
    auto lastReport = started;
    std::int64_t samplesAtReport = trainer.samplesSeen();
    while (trainer.epoch() < targetEpoch && !trainer.isStopped()) {
        trainer.trainEpoch();
        const bool report = (trainer.epoch() - startEpoch) % every == 0 || trainer.epoch() == targetEpoch
                            || trainer.isStopped();
        if (report && !quiet && !trainer.history().empty()) {
            const auto now = std::chrono::steady_clock::now();
            const double seconds = std::chrono::duration<double>(now - lastReport).count();
            const double rate = seconds > 0 ? double(trainer.samplesSeen() - samplesAtReport) / seconds : 0;
            lastReport = now;
            samplesAtReport = trainer.samplesSeen();
            const HistoryRecord &r = trainer.history().back();
            if (json) {
                QJsonObject o = recordJson(r, classification);
                o.insert("type", "progress");
                o.insert("samplesPerSecond", rate);
                printJson(o);
            } else {
                std::printf("%s\n", progressLine(r, classification, rate).c_str());
                std::fflush(stdout);
            }
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    const HistoryRecord &last = trainer.history().back();
    if (json) {
        QJsonObject o = recordJson(last, classification);
        o.insert("type", "final");
        o.insert("seconds", seconds);
        o.insert("stopReason", stopReasonKey(trainer.stopReason()));
        if (trainer.isStopped())
            o.insert("stopMessage", QString::fromStdString(trainer.stopMessage()));
        printJson(o);
    } else {
        if (trainer.isStopped())
            std::printf("stopped: %s\n", trainer.stopMessage().c_str());
        std::printf("final: %s  (%.2f s)\n", progressLine(last, classification, 0).c_str(), seconds);
    }

    if (const auto path = options.value("save")) {
        session.state = trainer.state();
        if (std::string e = saveSession(*path, session); !e.empty())
            return fail(e);
        if (!quiet && !json)
            std::printf("saved %s\n", path->c_str());
    }
    if (const auto path = options.value("history-csv")) {
        if (std::string e = writeHistoryCsv(*path, trainer.history()); !e.empty())
            return fail(e);
        if (!quiet && !json)
            std::printf("wrote %s\n", path->c_str());
    }
    return trainer.stopReason() == StopReason::Diverged ? kDiverged : 0;
}

int runData(const Options &options)
{
    Session session;
    std::string error;
    if (!loadOrDefault(options, session, error))
        return fail(error);
    long long seed = -1;
    if (std::string e = options.integer("seed", 0, 1ll << 53, seed); !e.empty())
        return fail(e, kUsageError);
    if (seed >= 0) {
        session.config.data.seed = static_cast<std::uint64_t>(seed);
        session.dataset = generateDataset(session.config.data);
    }
    if (const auto output = options.value("output")) {
        if (std::string e = writeCsvFile(*output, session.dataset); !e.empty())
            return fail(e);
        return 0;
    }
    const std::string csv = formatCsv(session.dataset);
    std::fwrite(csv.data(), 1, csv.size(), stdout);
    return 0;
}

int runConfig(const Options &options)
{
    const QByteArray json = configFileToJson(defaultConfig());
    if (const auto output = options.value("output")) {
        if (std::string e = writeFileAtomically(*output, std::string_view(json.constData(), std::size_t(json.size())));
            !e.empty())
            return fail(e);
        return 0;
    }
    std::fwrite(json.constData(), 1, std::size_t(json.size()), stdout);
    return 0;
}

int runGradcheck(const Options &options)
{
    Session session;
    std::string error;
    if (!loadOrDefault(options, session, error))
        return fail(error);
    long long points = kGradientCheckPoints;
    if (std::string e = options.integer("points", 1, 10'000, points); !e.empty())
        return fail(e, kUsageError);
    Trainer trainer;
    if (std::string e = trainer.reset(session.config, session.dataset); !e.empty())
        return fail(e);
    if (session.state) {
        if (std::string e = trainer.restore(*session.state); !e.empty())
            return fail(e);
    }
    // A script can wait for every parameter; the window samples them to stay quick.
    GradientReportOptions check;
    check.maxPoints = int(points);
    check.budget = 0;
    const GradientReport report = gradientReport(trainer.model(), session.dataset, session.config.training.penalty,
                                                 check);
    if (!report.error.empty())
        return fail(report.error);
    std::printf("gradient check on %d points (double precision, central differences, h = 1e-6)\n", report.points);
    for (const LayerGradientCheck &l : report.result.layers) {
        const bool output = l.layer + 1 == int(report.result.layers.size());
        std::printf("  %-14s relative error %.3e   max abs error %.3e   |gradient| %.3e\n",
                    output ? "output layer" : ("hidden " + std::to_string(l.layer + 1)).c_str(), l.relativeError,
                    l.maxAbsError, l.analyticNorm);
    }
    std::printf("  %-14s relative error %.3e\n", "inputs", report.result.inputRelativeError);
    const bool ok = report.failingLayers() == 0;
    std::printf("%s\n", ok ? "ok" : "MISMATCH: the analytic gradient disagrees with central differences");
    return ok ? 0 : kFailure;
}

}  // namespace

int run(int argc, char **argv)
{
    if (argc < 2) {
        printUsage(stderr);
        return kUsageError;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h") {
        printUsage(stdout);
        return 0;
    }
    if (command == "--version") {
        std::printf("neural-playground-cli %s\n", NP_VERSION);
        return 0;
    }
    if (command == "help") {
        if (argc < 3) {
            printUsage(stdout);
            return 0;
        }
        for (const Command &c : kCommands) {
            if (argv[2] == std::string(c.name)) {
                printCommandHelp(c);
                return 0;
            }
        }
        return fail("no command '" + std::string(argv[2]) + "'; see 'neural-playground-cli --help'", kUsageError);
    }
    for (const Command &c : kCommands) {
        if (command != c.name)
            continue;
        Options options;
        if (std::string e = options.parse(*c.flags, argc, argv, 2); !e.empty())
            return fail(e + "; see 'neural-playground-cli help " + c.name + "'", kUsageError);
        if (options.has("help")) {
            printCommandHelp(c);
            return 0;
        }
        if (!options.positional().empty() && !c.takesArguments)
            return fail("unexpected argument '" + options.positional().front() + "'; see 'neural-playground-cli help "
                            + c.name + "'",
                        kUsageError);
        return c.run(options);
    }
    return fail("unknown command '" + command + "'; see 'neural-playground-cli --help'", kUsageError);
}

}  // namespace np::cli
