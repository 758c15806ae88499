// Lesson files (docs/lessons.md): refused with a message, or a lesson with at least one valid
// variant that saves and reloads to the same lesson file.

#include "contract.h"
#include "session/lesson.h"

using namespace np;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const char *loader = "lesson loader";
    const LessonReadResult read = parseLesson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!read.lesson) {
        fuzz::requireMessage(loader, read.error);
        return 0;
    }
    const Lesson &lesson = *read.lesson;
    if (lesson.variants.empty())
        fuzz::broken(loader, "accepted a lesson without a variant");
    for (const LessonVariant &v : lesson.variants) {
        if (std::string e = validateConfig(v.session.config, v.session.dataset.task, v.session.dataset.classCount);
            !e.empty())
            fuzz::broken(loader, "accepted a variant whose config does not validate: " + e);
    }
    const QByteArray saved = lessonToJson(lesson);
    const LessonReadResult again = parseLesson(saved);
    if (!again.lesson)
        fuzz::broken(loader, "what it saved does not load: " + again.error);
    if (again.lesson->variants.front().session.config != lesson.variants.front().session.config
        || again.lesson->variants.front().session.dataset != lesson.variants.front().session.dataset)
        fuzz::broken(loader, "saved and reloaded, the first variant differs");
    fuzz::requireSameText(loader, saved.toStdString(), lessonToJson(*again.lesson).toStdString());
    return 0;
}
