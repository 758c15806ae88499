#pragma once

#include "../session/session.h"
#include "jsonreader.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>
#include <string>

namespace np {

inline constexpr int kSessionFormatVersion = 1;
inline constexpr const char *kSessionFormat = "neural-playground-session";
inline constexpr const char *kConfigFormat = "neural-playground-config";
/// Larger files are refused before parsing.
inline constexpr qint64 kMaxSessionBytes = 512ll * 1024 * 1024;

QJsonObject datasetToJson(const Dataset &dataset);
void datasetFromJson(const QJsonObject &object, Dataset &dataset, JsonReader &reader);

QJsonObject trainerStateToJson(const TrainerState &state);
void trainerStateFromJson(const QJsonObject &object, TrainerState &state, JsonReader &reader);

/// A whole session as JSON text: {"format", "version", "config", "dataset", "state"?}.
QByteArray sessionToJson(const Session &session);
/// A config alone: {"format": "neural-playground-config", "version", ...config fields}.
QByteArray configFileToJson(const Config &config);

struct SessionReadResult
{
    std::optional<Session> session;
    std::string error;
};

/// Parses a session file, or a config file (whose data is then generated from its data spec).
/// Everything is validated: types, ranges, sizes, and that the saved state fits the network.
SessionReadResult parseSession(const QByteArray &json);
/// Reads a file; errors name it.
SessionReadResult loadSession(const std::string &path);
/// Writes atomically; returns an error naming the file, or empty.
std::string saveSession(const std::string &path, const Session &session);

}  // namespace np
