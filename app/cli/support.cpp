#include "support.h"

#include "data/generators.h"
#include "io/sessionjson.h"
#include "session/lesson.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

namespace np::cli {

int fail(const std::string &message, int code)
{
    std::fprintf(stderr, "neural-playground-cli: %s\n", message.c_str());
    return code;
}

std::string checkWritable(const std::string &path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path file(path);
    fs::path folder = file.parent_path();
    if (folder.empty())
        folder = ".";
    const std::string cannot = "cannot write '" + path + "': ";
    if (fs::is_directory(file, ec))
        return cannot + "it is a folder";
    if (!fs::exists(folder, ec))
        return cannot + "the folder '" + folder.string() + "' does not exist (No such file or directory)";
    if (!fs::is_directory(folder, ec))
        return cannot + "'" + folder.string() + "' is not a folder";
    if (::access(folder.c_str(), W_OK | X_OK) != 0)  // the system's reason: permission, read-only file system
        return cannot + "the folder '" + folder.string() + "' is not writable (" + std::strerror(errno) + ")";
    if (fs::exists(file, ec) && ::access(file.c_str(), W_OK) != 0 && ::access(folder.c_str(), W_OK) != 0)
        return cannot + "it is read-only";
    return {};
}

bool isLessonFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head.find(kLessonFormat) != std::string::npos;
}

namespace {

// A lesson's settings and data: the variant --variant names, or its first.
bool loadLessonVariant(const std::string &path, const Options &options, Session &session, std::string &error)
{
    LessonReadResult read = loadLesson(path);
    if (!read.lesson) {
        error = read.error;
        return false;
    }
    const std::vector<LessonVariant> &variants = read.lesson->variants;
    const auto key = options.value("variant");
    for (const LessonVariant &v : variants) {
        if (!key || v.key == *key) {
            session = v.session;
            return true;
        }
    }
    error = path + ": the lesson has no variant '" + *key + "'; it has:";
    for (const LessonVariant &v : variants)
        error += " " + v.key;
    return false;
}

}  // namespace

bool loadOrDefault(const Options &options, Session &session, std::string &error)
{
    if (const auto path = options.value("config")) {
        if (isLessonFile(*path))
            return loadLessonVariant(*path, options, session, error);
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
