#pragma once

#include "lesson.h"

#include <string>

namespace np {

/// A key for a variant titled `title` ("Deep (3 layers)" → "deep-3-layers"), unused by the
/// lesson's variants (a number is appended when taken).
std::string variantKeyFor(const Lesson &lesson, const std::string &title);

/// Appends `variant` (its title, text, settings, and locks beyond the lesson's) to the lesson
/// file at `path` and writes it back atomically; the key is made from the title when empty.
/// A lesson without variants becomes one whose first variant is the settings it had, under
/// `firstTitle`. A lesson of generated data can take a variant with other generated data; a
/// lesson with its own points only a variant on the same points. Returns an error naming the
/// file, or empty; on error the file is unchanged.
std::string appendLessonVariant(const std::string &path, const LessonVariant &variant,
                                const std::string &firstTitle);

}  // namespace np
