#include "lesson.h"

#include "../common/atomicwrite.h"
#include "../common/enumtable.h"
#include "../io/configjson.h"
#include "../io/jsonreader.h"
#include "../io/optimizerscenejson.h"
#include "../io/sessionjson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace np {

namespace {

constexpr auto kViewKeys = enumNames<LessonView>({
    {LessonView::Boundary, "boundary"},
    {LessonView::Loss, "loss"},
    {LessonView::Network, "network"},
    {LessonView::Folding, "folding"},
    {LessonView::Regions, "regions"},
    {LessonView::Health, "health"},
    {LessonView::Backprop, "backprop"},
    {LessonView::Function, "function"},
    {LessonView::Optimizers, "optimizers"},
    {LessonView::Landscape, "landscape"},
    {LessonView::ClosedForm, "closedform"},
});

/// Names of controls: letters, digits, '.', '_' and the wildcard '*'.
bool isControlName(const std::string &name)
{
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
               || c == '*';
    });
}

void controlNames(const QJsonObject &o, const char *key, std::vector<std::string> &out, JsonReader &r)
{
    QJsonArray names;
    if (!r.array(o, key, names))
        return;
    for (qsizetype i = 0; i < names.size() && r.ok(); ++i) {
        const std::string name = names.at(i).toString().toStdString();
        if (!names.at(i).isString() || !isControlName(name))
            r.failAt(key, "entry " + std::to_string(i)
                              + " is not a control name (letters, digits, '.', '_' and the wildcard '*')");
        else
            out.push_back(name);
    }
}

/// Objects merge key by key; anything else in `patch` (numbers, arrays such as the hidden
/// layers) replaces what `base` has.
QJsonObject merged(QJsonObject base, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it->isObject() && base.value(it.key()).isObject())
            base.insert(it.key(), merged(base.value(it.key()).toObject(), it->toObject()));
        else
            base.insert(it.key(), *it);
    }
    return base;
}

/// The settings of one variant, read the way a session or config file is read.
std::optional<Session> readSettings(const QJsonObject &settings, const std::string &where, JsonReader &r)
{
    const SessionReadResult result = parseSession(QJsonDocument(settings).toJson(QJsonDocument::Compact));
    if (!result.error.empty()) {
        r.fail(where + ": " + result.error);
        return std::nullopt;
    }
    return result.session;
}

}  // namespace

const char *lessonViewKey(LessonView view) { return kViewKeys.key(view); }

bool parseLessonView(const std::string &key, LessonView &view) { return kViewKeys.parse(key, view); }

LessonReadResult parseLesson(const QByteArray &json)
{
    LessonReadResult result;
    const std::optional<QJsonObject> parsed = parseJsonObject(json, result.error);
    if (!parsed)
        return result;
    const QJsonObject &root = *parsed;
    JsonReader r;
    r.allowOnly(root, {"format", "version", "title", "chapter", "text", "views", "epochs", "locked", "highlighted",
                       "config", "session", "variants", "optimizerScene"});
    std::string format;
    r.string(root, "format", format);
    if (r.ok() && format != kLessonFormat)
        r.failAt("format", "expected \"" + std::string(kLessonFormat) + "\", found \"" + format + "\"");
    int version = 0;
    if (r.ok() && !root.contains("version"))
        r.failAt("version", "missing (this program writes version " + std::to_string(kLessonFormatVersion) + ")");
    r.integer(root, "version", version, 1, 1'000'000);
    if (r.ok() && version > kLessonFormatVersion)
        r.fail("this lesson has format version " + std::to_string(version) + "; this program reads up to version "
               + std::to_string(kLessonFormatVersion) + ". Please update Neural Playground.");

    Lesson lesson;
    r.string(root, "title", lesson.title);
    if (r.ok() && lesson.title.empty())
        r.failAt("title", "a lesson needs a title");
    r.string(root, "chapter", lesson.chapter);
    r.string(root, "text", lesson.text);
    r.integer(root, "epochs", lesson.epochs, 0, std::int64_t(1) << 40);
    QJsonArray views;
    if (r.array(root, "views", views)) {
        for (qsizetype i = 0; i < views.size() && r.ok(); ++i) {
            LessonView view;
            if (!views.at(i).isString() || !parseLessonView(views.at(i).toString().toStdString(), view))
                r.failAt("views", "entry " + std::to_string(i)
                                      + " is not a view (boundary, loss, network, folding, regions, health, backprop, function, optimizers)");
            else if (std::find(lesson.views.begin(), lesson.views.end(), view) == lesson.views.end())
                lesson.views.push_back(view);
        }
    }
    QJsonObject scene;
    if (r.object(root, "optimizerScene", scene)) {
        r.enter("optimizerScene");
        lesson.optimizerScene = defaultOptimizerScene();
        optimizerSceneFromJson(scene, *lesson.optimizerScene, r);
        r.leave();
    }
    std::vector<std::string> locked, highlighted;
    controlNames(root, "locked", locked, r);
    controlNames(root, "highlighted", highlighted, r);

    // The base settings: a config (data generated from its spec) or a session with its own points.
    QJsonObject base;
    const bool hasConfig = root.contains("config"), hasSession = root.contains("session");
    if (r.ok() && hasConfig == hasSession)
        r.fail("a lesson holds either \"config\" or \"session\" (exactly one of them)");
    const char *baseKey = hasSession ? "session" : "config";
    r.object(root, baseKey, base, true);
    if (r.ok() && hasSession && base.contains("state"))
        r.failAt("session", "a lesson starts untrained: remove \"state\"");

    QJsonArray variants;
    r.array(root, "variants", variants);
    if (!r.ok()) {
        result.error = r.error();
        return result;
    }
    if (variants.isEmpty()) {
        std::optional<Session> session = readSettings(base, baseKey, r);
        if (session)
            lesson.variants.push_back(LessonVariant{{}, {}, {}, std::move(*session), locked, highlighted});
    }
    for (qsizetype i = 0; i < variants.size() && r.ok(); ++i) {
        const std::string where = "variants[" + std::to_string(i) + "]";
        r.enter(where);
        const QJsonObject v = variants.at(i).toObject();
        if (!variants.at(i).isObject())
            r.fail("expected an object describing the variant");
        r.allowOnly(v, {"key", "title", "text", "config", "locked", "highlighted"});
        LessonVariant variant;
        r.string(v, "key", variant.key);
        r.string(v, "title", variant.title);
        r.string(v, "text", variant.text);
        if (r.ok() && (variant.key.empty() || variant.title.empty()))
            r.fail("a variant needs a \"key\" and a \"title\"");
        for (const LessonVariant &other : lesson.variants) {
            if (r.ok() && other.key == variant.key)
                r.failAt("key", "\"" + variant.key + "\" is used by an earlier variant");
        }
        variant.locked = locked;
        variant.highlighted = highlighted;
        controlNames(v, "locked", variant.locked, r);
        controlNames(v, "highlighted", variant.highlighted, r);
        QJsonObject patch;
        r.object(v, "config", patch);
        if (r.ok() && hasSession && patch.contains("data"))
            r.failAt("config", "a lesson with its own points cannot change \"data\" per variant");
        r.leave();
        if (!r.ok())
            break;
        // The variant's config is merged over the lesson's, so it states only what differs.
        const QJsonObject settings = hasSession
                                         ? merged(base, QJsonObject{{"config", merged(base.value("config").toObject(), patch)}})
                                         : merged(base, patch);
        std::optional<Session> session = readSettings(settings, where, r);
        if (session) {
            variant.session = std::move(*session);
            lesson.variants.push_back(std::move(variant));
        }
    }
    if (!r.ok()) {
        result.error = r.error();
        return result;
    }
    result.lesson = std::move(lesson);
    return result;
}

LessonReadResult loadLesson(const std::string &path)
{
    LessonReadResult result;
    // QFile rather than readFile: built-in lessons live in Qt resources.
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = path + ": cannot open (" + file.errorString().toStdString() + ")";
        return result;
    }
    if (file.size() > kMaxLessonBytes) {
        result.error = path + ": larger than " + std::to_string(kMaxLessonBytes / (1024 * 1024))
                       + " MiB; this is not a lesson file";
        return result;
    }
    result = parseLesson(file.readAll());
    if (!result.error.empty()) {
        result.error = path + ": " + result.error;
        return result;
    }
    result.lesson->id = QFileInfo(file.fileName()).completeBaseName().toStdString();
    return result;
}

LessonList loadLessonDirectory(const std::string &directory)
{
    LessonList list;
    const QDir dir(QString::fromStdString(directory));
    if (!dir.exists()) {
        list.errors.push_back(directory + ": no such folder");
        return list;
    }
    const QStringList names = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        LessonReadResult read = loadLesson(dir.filePath(name).toStdString());
        if (read.lesson)
            list.lessons.push_back(std::move(*read.lesson));
        else
            list.errors.push_back(read.error);
    }
    return list;
}

QByteArray lessonToJson(const Lesson &lesson)
{
    QJsonObject o{
        {"format", kLessonFormat},
        {"version", kLessonFormatVersion},
        {"title", QString::fromStdString(lesson.title)},
    };
    if (!lesson.chapter.empty())
        o.insert("chapter", QString::fromStdString(lesson.chapter));
    o.insert("text", QString::fromStdString(lesson.text));
    if (!lesson.views.empty()) {
        QJsonArray views;
        for (LessonView view : lesson.views)
            views.append(lessonViewKey(view));
        o.insert("views", views);
    }
    if (lesson.epochs > 0)
        o.insert("epochs", static_cast<double>(lesson.epochs));
    if (lesson.optimizerScene)
        o.insert("optimizerScene", optimizerSceneToJson(*lesson.optimizerScene));
    if (lesson.variants.empty())
        return QJsonDocument(o).toJson(QJsonDocument::Indented);

    const LessonVariant &variant = lesson.variants.front();
    auto names = [](const std::vector<std::string> &list) {
        QJsonArray a;
        for (const std::string &name : list)
            a.append(QString::fromStdString(name));
        return a;
    };
    if (!variant.locked.empty())
        o.insert("locked", names(variant.locked));
    if (!variant.highlighted.empty())
        o.insert("highlighted", names(variant.highlighted));
    const Session &s = variant.session;
    if (validateDataSpec(s.config.data).empty() && s.dataset == generateDataset(s.config.data))
        o.insert("config", configToJson(s.config));
    else
        o.insert("session", QJsonObject{{"config", configToJson(s.config)}, {"dataset", datasetToJson(s.dataset)}});
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

std::string saveLesson(const std::string &path, const Lesson &lesson)
{
    const QByteArray json = lessonToJson(lesson);
    return writeFileAtomically(path, std::string_view(json.constData(), static_cast<std::size_t>(json.size())));
}

}  // namespace np
