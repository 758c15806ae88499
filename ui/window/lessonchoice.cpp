#include "lessonchoice.h"

#include "lessonpanel.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPushButton>
#include <QStringList>

namespace np {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("np::LessonChoice", text);
}

QString variantNames(const Lesson &lesson)
{
    QStringList keys;
    for (const LessonVariant &v : lesson.variants)
        keys.append(QString::fromStdString(v.key));
    return keys.join(QStringLiteral(", "));
}

}  // namespace

LessonChoice chooseLesson(const QString &name, const QString &variant, const std::vector<Lesson> &builtin)
{
    LessonChoice choice;
    const QFileInfo file(name);
    if (file.isFile() || name.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
        LessonReadResult read = loadLesson(name.toStdString());
        if (!read.lesson) {
            choice.error = QString::fromStdString(read.error);
            return choice;
        }
        choice.lesson = std::move(*read.lesson);
        choice.file = file.absoluteFilePath();
    } else {
        const auto found = std::find_if(builtin.begin(), builtin.end(), [&](const Lesson &l) {
            return name.compare(QString::fromStdString(l.id), Qt::CaseInsensitive) == 0
                   || name.compare(QString::fromStdString(l.title), Qt::CaseInsensitive) == 0;
        });
        if (found == builtin.end()) {
            QStringList ids;
            for (const Lesson &l : builtin)
                ids.append(QStringLiteral("  %1  %2").arg(QString::fromStdString(l.id), QString::fromStdString(l.title)));
            choice.error = tr("no lesson \"%1\"; the built-in lessons are:\n%2\n"
                              "or give a lesson file (.json)")
                               .arg(name, ids.join(QLatin1Char('\n')));
            return choice;
        }
        choice.lesson = *found;
    }
    if (variant.isEmpty())
        return choice;
    const std::vector<LessonVariant> &variants = choice.lesson.variants;
    const auto found = std::find_if(variants.begin(), variants.end(), [&](const LessonVariant &v) {
        return !v.key.empty()
               && (variant.compare(QString::fromStdString(v.key), Qt::CaseInsensitive) == 0
                   || variant.compare(QString::fromStdString(v.title), Qt::CaseInsensitive) == 0);
    });
    if (found == variants.end()) {
        const QString title = QString::fromStdString(choice.lesson.title);
        choice.error = variants.size() == 1 && variants.front().key.empty()
                           ? tr("the lesson \"%1\" has no variants; leave out --variant").arg(title)
                           : tr("the lesson \"%1\" has no variant \"%2\"; its variants are: %3")
                                 .arg(title, variant, variantNames(choice.lesson));
        choice.lesson = {};
        choice.file.clear();
        return choice;
    }
    choice.variant = int(found - variants.begin());
    return choice;
}

bool startLessonInPanel(LessonPanel *panel, const Lesson &lesson, int variant, const QString &file,
                        QString *error)
{
    if (!file.isEmpty()) {
        if (const std::string read = panel->openLessonFile(file); !read.empty()) {
            *error = QString::fromStdString(read);
            return false;
        }
    } else {
        const auto &lessons = panel->lessons();
        const auto found = std::find_if(lessons.begin(), lessons.end(),
                                        [&](const Lesson &l) { return l.id == lesson.id; });
        if (found == lessons.end()) {
            *error = tr("The lesson \"%1\" is not in the list.").arg(QString::fromStdString(lesson.title));
            return false;
        }
        panel->setCurrentLesson(int(found - lessons.begin()));
    }
    const auto &variants = panel->lessons()[std::size_t(panel->currentLesson())].variants;
    if (variant < 0 || variant >= int(variants.size())) {
        *error = tr("The lesson \"%1\" has no variant %2.").arg(QString::fromStdString(lesson.title)).arg(variant + 1);
        return false;
    }
    const QString name = variants.size() == 1
                             ? QStringLiteral("startLesson")
                             : QStringLiteral("startLesson.") + QString::fromStdString(variants[std::size_t(variant)].key);
    auto *start = panel->findChild<QPushButton *>(name);
    if (!start) {
        *error = tr("The Lessons panel has no button %1.").arg(name);
        return false;
    }
    start->click();
    return true;
}

}  // namespace np
