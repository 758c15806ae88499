#pragma once

#include "session.h"

#include "../analysis/optimizerscene.h"

#include <QByteArray>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace np {

inline constexpr int kLessonFormatVersion = 1;
inline constexpr const char *kLessonFormat = "neural-playground-lesson";
/// Where the app's resources hold the built-in lessons (resources/lessons.qrc).
inline constexpr const char *kBuiltinLessonsPath = ":/lessons";
/// Larger lesson files are refused before parsing (a lesson with its own points stays far below).
inline constexpr qint64 kMaxLessonBytes = 64ll * 1024 * 1024;

/// The views a lesson asks to have open.
enum class LessonView { Boundary, Loss, Network, Folding, Regions, Health, Backprop, Function, Optimizers, Landscape, ClosedForm };

const char *lessonViewKey(LessonView view);
bool parseLessonView(const std::string &key, LessonView &view);

/// One way to run a lesson. A lesson that contrasts two settings (a perceptron vs one hidden
/// layer) has one variant per side; a plain lesson has a single variant without a key.
struct LessonVariant
{
    std::string key;    ///< stable name ("perceptron"); empty for a lesson without variants
    std::string title;  ///< what the start button says ("Perceptron"); empty without variants
    std::string text;   ///< what this variant shows, after the lesson's explanation (may be empty)
    Session session;    ///< the settings and data to start from, validated
    /// Controls by objectName ("learningRate", "layer0.activation"; '*' matches any run of
    /// characters): the lesson's own followed by the variant's.
    std::vector<std::string> locked;
    std::vector<std::string> highlighted;
};

/// A prepared demonstration for a class: settings (or a whole session), an explanation of what
/// to do and what to watch, which controls are locked or highlighted and which views to open.
struct Lesson
{
    std::string id;       ///< file name without ".json"; built-in lessons sort by it
    std::string title;
    std::string chapter;  ///< the part of the course it belongs to, for grouping (may be empty)
    std::string text;     ///< a few sentences; simple rich text (<b>, <i>, <p>, <br>, <ul>)
    std::vector<LessonView> views;
    std::int64_t epochs = 0;  ///< epochs in which the phenomenon appears (0 = not stated)
    std::vector<LessonVariant> variants;  ///< at least one
    /// The optimizer view's surface, start and optimizers, for lessons about optimizers.
    std::optional<OptimizerScene> optimizerScene;
};

struct LessonReadResult
{
    std::optional<Lesson> lesson;
    std::string error;
};

/// Parses a lesson file (see docs/lessons.md); the settings of every variant are validated as a
/// session file's are. The id stays empty (it comes from the file name).
LessonReadResult parseLesson(const QByteArray &json);
/// Reads a lesson from a file or a Qt resource (":/lessons/..."); errors name the file.
LessonReadResult loadLesson(const std::string &path);

struct LessonList
{
    std::vector<Lesson> lessons;      ///< ordered by id
    std::vector<std::string> errors;  ///< one per file that could not be read
};

/// Every *.json lesson in a folder or resource folder, in file-name order.
LessonList loadLessonDirectory(const std::string &directory);

/// A lesson file for the first variant of `lesson` (the settings as "config", or as "session"
/// with the points when they differ from what the config's data spec generates; no trained state).
QByteArray lessonToJson(const Lesson &lesson);
/// Writes lessonToJson atomically; returns an error naming the file, or empty.
std::string saveLesson(const std::string &path, const Lesson &lesson);

}  // namespace np
