#pragma once

#include "../analysis/optimizerscene.h"
#include "jsonreader.h"

#include <QJsonObject>

namespace np {

/// The scene as JSON: {"surface": {"type", "condition", "rotation", "noise", "seed"},
/// "start": [x, y], "steps", "optimizers": [{"type", "learningRate", ...}]} (docs/lessons.md).
QJsonObject optimizerSceneToJson(const OptimizerScene &scene);
/// Reads a scene over defaultOptimizerScene(): a missing field keeps its default, a missing
/// start is the surface's own; errors go through the reader with their path.
void optimizerSceneFromJson(const QJsonObject &object, OptimizerScene &scene, JsonReader &reader);

}  // namespace np
