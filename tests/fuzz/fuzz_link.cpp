// TensorFlow Playground links (File › Open Link…, paste, drop, `import-link`): refused with a
// message naming the key or value, or a link that writes out and reads back as the same link and
// builds its session (data, initial weights, settings) or refuses to with a message.

#include "contract.h"
#include "session/playgroundlink.h"

#include <string_view>

using namespace np;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const char *loader = "link importer";
    const std::string_view url(reinterpret_cast<const char *>(data), size);
    PlaygroundLink link;
    const std::string error = parsePlaygroundLink(url, link);
    if (!error.empty()) {
        fuzz::requireMessage(loader, error);
        if (!(link == PlaygroundLink{}))
            fuzz::broken(loader, "refused, yet the link changed");
        return 0;
    }
    const std::string written = formatPlaygroundLink(link);
    PlaygroundLink again;
    const std::string againError = parsePlaygroundLink(written, again);
    if (!againError.empty())
        fuzz::broken(loader, "what it wrote does not read: " + againError + "\n" + written);
    if (!(again == link))
        fuzz::broken(loader, "written and read back, the link differs:\n" + written);
    fuzz::requireSameText(loader, written, formatPlaygroundLink(again));
    Session session;
    const std::string sessionError = playgroundSession(link, session);
    if (!sessionError.empty())
        fuzz::requireMessage(loader, sessionError);
    return 0;
}
