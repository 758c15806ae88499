#include "support.h"

#include "data/generators.h"
#include "io/sessionjson.h"

#include <cstdio>

namespace np::cli {

int fail(const std::string &message, int code)
{
    std::fprintf(stderr, "neural-playground-cli: %s\n", message.c_str());
    return code;
}

bool loadOrDefault(const Options &options, Session &session, std::string &error)
{
    if (const auto path = options.value("config")) {
        SessionReadResult read = loadSession(*path);
        if (!read.session) {
            error = read.error;
            return false;
        }
        session = std::move(*read.session);
        return true;
    }
    session.config = defaultConfig();
    session.dataset = generateDataset(session.config.data);
    return true;
}

std::string startTrainer(const Session &session, Trainer &trainer)
{
    if (std::string e = trainer.reset(session.config, session.dataset); !e.empty())
        return e;
    if (session.state)
        return trainer.restore(*session.state);
    return {};
}

}  // namespace np::cli
