// Session files (and config files given to the session loader, whose data is then generated):
// refused with a message, or a valid session that saves and reloads to the same session.

#include "contract.h"
#include "io/sessionjson.h"
#include "training/trainer.h"

#include <cmath>

using namespace np;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const char *loader = "session loader";
    const SessionReadResult read = parseSession(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!read.session) {
        fuzz::requireMessage(loader, read.error);
        return 0;
    }
    const Session &s = *read.session;
    if (std::string e = validateConfig(s.config, s.dataset.task, s.dataset.classCount); !e.empty())
        fuzz::broken(loader, "accepted a config that does not validate: " + e);
    if (s.state) {
        for (float w : s.state->parameters) {
            if (!std::isfinite(w))
                fuzz::broken(loader, "accepted a weight that is not finite");
        }
        Trainer trainer;
        if (std::string e = trainer.reset(s.config, s.dataset); !e.empty())
            fuzz::broken(loader, "accepted a session the trainer refuses: " + e);
        if (std::string e = trainer.restore(*s.state); !e.empty())
            fuzz::broken(loader, "accepted a state that does not fit the network: " + e);
    }
    const QByteArray saved = sessionToJson(s);
    const SessionReadResult again = parseSession(saved);
    if (!again.session)
        fuzz::broken(loader, "what it saved does not load: " + again.error);
    if (again.session->config != s.config || again.session->dataset != s.dataset)
        fuzz::broken(loader, "saved and reloaded, the config or the data differ");
    fuzz::requireSameText(loader, saved.toStdString(), sessionToJson(*again.session).toStdString());
    return 0;
}
