#pragma once

#include "../session/config.h"
#include "jsonreader.h"

#include <QJsonObject>

namespace np {

/// The config as a JSON object with every field written out (see docs/formats.md).
QJsonObject configToJson(const Config &config);
/// Reads a config; missing fields keep their defaults, wrong types, ranges and unknown keys
/// are reported through the reader with their path.
void configFromJson(const QJsonObject &object, Config &config, JsonReader &reader);

}  // namespace np
