// Config objects (the "config" of a session or lesson, a config file's fields): refused with a
// message naming the key, or a config that writes and reads back equal.

#include "contract.h"
#include "io/configjson.h"

using namespace np;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const char *loader = "config loader";
    std::string error;
    const std::optional<QJsonObject> object =
        parseJsonObject(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), error);
    if (!object) {
        fuzz::requireMessage(loader, error);
        return 0;
    }
    Config config;
    JsonReader reader;
    configFromJson(*object, config, reader);
    if (!reader.ok()) {
        fuzz::requireMessage(loader, reader.error());
        return 0;
    }
    const QJsonObject written = configToJson(config);
    Config again;
    JsonReader readerAgain;
    configFromJson(written, again, readerAgain);
    if (!readerAgain.ok())
        fuzz::broken(loader, "what it wrote does not read: " + readerAgain.error());
    if (again != config)
        fuzz::broken(loader, "written and read back, the config differs");
    return 0;
}
