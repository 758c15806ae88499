#include "exportcommands.h"

#include "support.h"

#include "io/historycsv.h"
#include "io/modelexport.h"
#include "io/sessionjson.h"

#include <cstdio>

namespace np::cli {

const std::vector<Flag> kExportFlags = {
    {"session", 'm', "FILE", "trained session (required)"},
    {"output", 'o', "FILE", "model file to write: .json, .onnx, .safetensors or .npz (required)"},
    {"help", 'h', "", "show this help"},
};

const std::vector<Flag> kHistoryFlags = {
    {"session", 'm', "FILE", "trained session (required)"},
    {"output", 'o', "FILE", "CSV file to write (default: standard output)"},
    {"help", 'h', "", "show this help"},
};

namespace {

// Reads a session and restores its trainer; untrained sessions are allowed with a note.
bool loadTrained(const std::string &path, Session &session, Trainer &trainer, int &code)
{
    SessionReadResult read = loadSession(path);
    if (!read.session) {
        code = fail(read.error);
        return false;
    }
    session = std::move(*read.session);
    if (std::string e = startTrainer(session, trainer); !e.empty()) {
        code = fail(path + ": " + e);
        return false;
    }
    if (!session.state)
        std::fprintf(stderr, "neural-playground-cli: note: %s has no trained state; using the initial weights\n",
                     path.c_str());
    return true;
}

}  // namespace

int runExport(const Options &options)
{
    const auto sessionPath = options.value("session");
    const auto output = options.value("output");
    if (!sessionPath || !output)
        return fail("export needs --session FILE (a trained session) and --output FILE", kUsageError);
    ModelFormat format;
    if (!modelFormatFromPath(*output, format))
        return fail(*output + ": the name must end in .json, .onnx, .safetensors or .npz", kUsageError);
    Session session;
    Trainer trainer;
    int code = 0;
    if (!loadTrained(*sessionPath, session, trainer, code))
        return code;
    if (std::string e = exportModel(trainer.model(), format, *output); !e.empty())
        return fail(e);
    return 0;
}

int runHistory(const Options &options)
{
    const auto sessionPath = options.value("session");
    if (!sessionPath)
        return fail("history needs --session FILE (a trained session)", kUsageError);
    Session session;
    Trainer trainer;
    int code = 0;
    if (!loadTrained(*sessionPath, session, trainer, code))
        return code;
    if (const auto output = options.value("output")) {
        if (std::string e = writeHistoryCsv(*output, trainer.history()); !e.empty())
            return fail(e);
        return 0;
    }
    const std::string csv = formatHistoryCsv(trainer.history());
    std::fwrite(csv.data(), 1, csv.size(), stdout);
    return 0;
}

}  // namespace np::cli
