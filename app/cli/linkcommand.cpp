#include "linkcommand.h"

#include "support.h"

#include "io/sessionjson.h"
#include "session/playgroundlink.h"

#include <cstdio>

namespace np::cli {

const std::vector<Flag> kImportLinkFlags = {
    {"output", 'o', "FILE", "session file to write (required)"},
    {"help", 'h', "", "show this help"},
};

int runImportLink(const Options &options)
{
    const auto output = options.value("output");
    if (options.positional().size() != 1 || !output)
        return fail("import-link needs one link and --output FILE (quote the link: it holds '&')", kUsageError);
    if (std::string e = checkWritable(*output); !e.empty())
        return fail(e);
    PlaygroundLink link;
    if (std::string e = parsePlaygroundLink(options.positional().front(), link); !e.empty())
        return fail(e);
    Session session;
    if (std::string e = playgroundSession(link, session); !e.empty())
        return fail(e);
    if (std::string e = saveSession(*output, session); !e.empty())
        return fail(e);
    const std::vector<std::string> locks = playgroundLocks(link);
    std::printf("%s: %d training and %d test points, %zu weight layers, seed %s%s\n", output->c_str(),
                session.dataset.trainCount(), session.dataset.validationCount(),
                session.config.network.hidden.size() + 1, link.seed.value_or("").c_str(),
                locks.empty() ? "" : " (hidden controls are not locked in a session file; open the link in the window)");
    return 0;
}

}  // namespace np::cli
