#pragma once

#include "session/lesson.h"

#include <QString>

#include <vector>

namespace np {

/// A lesson named on the command line (--lesson, --variant): which one, which variant, and
/// where it came from.
struct LessonChoice
{
    Lesson lesson;
    int variant = 0;
    QString file;  ///< the lesson file, or empty for a built-in lesson
    QString error;  ///< what was wrong with the names; the rest is empty then
};

/// Finds `name` among `builtin` (by id, "03-spiral-depth", or by title, case-insensitive) or,
/// when it names an existing file or ends in ".json", reads that file. `variant` is a variant's
/// key or title (case-insensitive); empty picks the first. An unknown lesson or variant gives
/// an error that lists what there is.
LessonChoice chooseLesson(const QString &name, const QString &variant, const std::vector<Lesson> &builtin);

class LessonPanel;

/// Starts variant `variant` of `lesson` as the variant's start button in `panel` does (so the
/// panel knows a lesson runs); a lesson `file` is added to the panel's list first, a built-in
/// lesson is found in it by id. False, with the reason in `error`, when it is not there.
bool startLessonInPanel(LessonPanel *panel, const Lesson &lesson, int variant, const QString &file,
                        QString *error);

}  // namespace np
