#pragma once

#include "../network/model.h"
#include "modelexport.h"

#include <QByteArray>

#include <optional>
#include <string>

namespace np {

inline constexpr int kModelFormatVersion = 1;
inline constexpr const char *kModelFormat = "neural-playground-model";
/// Larger model files are refused before parsing: the largest network allowed (2 million
/// parameters) takes at most about 50 MB, and parsing costs far more memory than the text.
inline constexpr qint64 kMaxModelBytes = 64ll * 1024 * 1024;

/// The model as JSON text (docs/model-formats.md): task, classes, features, standardisation,
/// then every layer's units, activation, weights (one row per output unit) and bias, with batch
/// norm folded into the weights. Numbers are written in the shortest form that reads back exactly.
ExportResult encodeModelJson(const Model &model);

struct ModelReadResult
{
    std::optional<Model> model;
    std::string error;
};

/// Parses a model file and validates everything (types, known keys, finite numbers, shapes that
/// chain from layer to layer, the parameter limit); errors name the key path.
ModelReadResult parseModelJson(const QByteArray &json);
/// Reads a model file; errors name it.
ModelReadResult loadModelJson(const std::string &path);
/// Writes the model JSON atomically; returns an error naming the file, or empty.
std::string saveModelJson(const std::string &path, const Model &model);

}  // namespace np
