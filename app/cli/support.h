#pragma once

#include "options.h"

#include "session/session.h"
#include "training/trainer.h"

#include <string>

namespace np::cli {

inline constexpr int kFailure = 1;
inline constexpr int kUsageError = 2;
inline constexpr int kDiverged = 3;

/// Prints "neural-playground-cli: message" to standard error; returns code.
int fail(const std::string &message, int code = kFailure);

/// Checks before any work that a file can be written at `path`: its folder exists, is a
/// folder and is writable, and the path is not a folder. Returns an error naming both, or empty.
std::string checkWritable(const std::string &path);

/// Whether a path names a lesson file (its JSON says "neural-playground-lesson").
bool isLessonFile(const std::string &path);

/// The session of --config FILE (a config or a session JSON), or the built-in default.
bool loadOrDefault(const Options &options, Session &session, std::string &error);

/// Sets the trainer up as the session left it: reset from its config and data, then its saved
/// state, if any. Returns an error, or empty.
std::string startTrainer(const Session &session, Trainer &trainer);

}  // namespace np::cli
