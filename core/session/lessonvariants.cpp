#include "lessonvariants.h"

#include "../common/atomicwrite.h"
#include "../data/generators.h"
#include "../io/configjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cctype>

namespace np {

namespace {

QJsonArray namesToJson(const std::vector<std::string> &names)
{
    QJsonArray a;
    for (const std::string &name : names)
        a.append(QString::fromStdString(name));
    return a;
}

/// The names in `own` that the lesson does not already lock or highlight for every variant.
std::vector<std::string> beyond(const std::vector<std::string> &own, const QJsonArray &lessonWide)
{
    std::vector<std::string> extra;
    for (const std::string &name : own) {
        if (!lessonWide.contains(QString::fromStdString(name)))
            extra.push_back(name);
    }
    return extra;
}

}  // namespace

std::string variantKeyFor(const Lesson &lesson, const std::string &title)
{
    std::string key;
    for (char c : title) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u))
            key += static_cast<char>(std::tolower(u));
        else if (!key.empty() && key.back() != '-')
            key += '-';
    }
    while (!key.empty() && key.back() == '-')
        key.pop_back();
    if (key.empty())
        key = "variant";
    auto taken = [&lesson](const std::string &k) {
        return std::any_of(lesson.variants.begin(), lesson.variants.end(),
                           [&k](const LessonVariant &v) { return v.key == k; });
    };
    std::string unique = key;
    for (int n = 2; taken(unique); ++n)
        unique = key + "-" + std::to_string(n);
    return unique;
}

std::string appendLessonVariant(const std::string &path, const LessonVariant &variant,
                                const std::string &firstTitle)
{
    if (variant.title.empty())
        return path + ": a variant needs a title";
    // The file must be a lesson as it stands; its JSON is then edited, keeping what it says.
    const LessonReadResult read = loadLesson(path);
    if (!read.lesson)
        return read.error;
    std::string bytes;
    if (std::string error = readFile(path, bytes, std::size_t(kMaxLessonBytes)); !error.empty())
        return error;
    QJsonObject root = QJsonDocument::fromJson(QByteArray::fromStdString(bytes)).object();
    const Lesson &lesson = *read.lesson;
    const Session &base = lesson.variants.front().session;
    const Session &s = variant.session;

    QJsonObject patch = configToJson(s.config);
    if (root.contains("session")) {
        if (s.dataset != base.dataset)
            return path + ": this lesson has its own points, and its variants share them; the points on screen "
                          "differ, so save them as a new lesson instead";
        patch.remove("data");
    } else if (!validateDataSpec(s.config.data).empty() || s.dataset != generateDataset(s.config.data)) {
        return path + ": this lesson generates its data, and the points on screen are your own; save them as a "
                      "new lesson instead";
    }

    QJsonArray variants = root.value("variants").toArray();
    Lesson grown = lesson;
    if (variants.isEmpty()) {
        // The lesson's own settings become its first variant: the base already holds them.
        LessonVariant &first = grown.variants.front();
        first.title = firstTitle.empty() ? "Original" : firstTitle;
        first.key = variantKeyFor(Lesson{}, first.title);
        variants.append(QJsonObject{{"key", QString::fromStdString(first.key)},
                                    {"title", QString::fromStdString(first.title)}});
    }
    const std::string key = variant.key.empty() ? variantKeyFor(grown, variant.title) : variant.key;
    QJsonObject v{{"key", QString::fromStdString(key)}, {"title", QString::fromStdString(variant.title)}};
    if (!variant.text.empty())
        v.insert("text", QString::fromStdString(variant.text));
    if (const auto locked = beyond(variant.locked, root.value("locked").toArray()); !locked.empty())
        v.insert("locked", namesToJson(locked));
    if (const auto highlighted = beyond(variant.highlighted, root.value("highlighted").toArray()); !highlighted.empty())
        v.insert("highlighted", namesToJson(highlighted));
    v.insert("config", patch);
    variants.append(v);
    root.insert("variants", variants);

    // What is written must read back as the lesson with the new variant's settings.
    const QByteArray json = QJsonDocument(root).toJson(QJsonDocument::Indented);
    const LessonReadResult check = parseLesson(json);
    if (!check.lesson)
        return path + ": " + check.error;
    const Session &written = check.lesson->variants.back().session;
    if (!(written.config == s.config) || written.dataset != s.dataset)
        return path + ": the variant's settings cannot be expressed in this lesson; save them as a new lesson";
    return writeFileAtomically(path, std::string_view(json.constData(), static_cast<std::size_t>(json.size())));
}

}  // namespace np
