#include "common/memoryreuse.h"
#include "lessonchoice.h"
#include "mainwindow.h"
#include "trainingcontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>
#include <optional>

namespace {

int listLessons()
{
    for (const np::Lesson &lesson : np::loadLessonDirectory(np::kBuiltinLessonsPath).lessons) {
        QStringList variants;
        for (const np::LessonVariant &v : lesson.variants)
            variants.append(QString::fromStdString(v.key));
        const QString keys = variants.join(QString()).isEmpty()
                                 ? QString()
                                 : QStringLiteral("  (--variant %1)").arg(variants.join(QStringLiteral(" | ")));
        std::printf("%-28s %s%s\n", lesson.id.c_str(), lesson.title.c_str(), qPrintable(keys));
    }
    return 0;
}

}  // namespace

int main(int argc, char *argv[])
{
    np::keepFreedMemoryForReuse();
    // Listing the lessons needs no window, so no display either.
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--list-lessons") == 0) {
            QCoreApplication core(argc, argv);
            return listLessons();
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Neural Playground"));
    QApplication::setOrganizationName(QStringLiteral("NeuralPlayground"));
    QApplication::setApplicationVersion(QStringLiteral(NP_VERSION));
    // Matches the installed .desktop file, so Wayland shells show the right icon and name.
    QApplication::setDesktopFileName(QStringLiteral(NP_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/neural-playground.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Draw 2-D data, build a neural network and watch it learn."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A session or config file to open."),
                                 QStringLiteral("[file]"));
    // After a crash the window asks whether to restore the autosaved session; these answer
    // in advance (scripts, tests).
    const QCommandLineOption restoreOption(QStringLiteral("restore-autosave"),
                                           QStringLiteral("Restore the session a crashed run saved automatically."));
    const QCommandLineOption discardOption(QStringLiteral("discard-autosave"),
                                           QStringLiteral("Discard the session a crashed run saved automatically."));
    const QCommandLineOption playOption(QStringLiteral("play"), QStringLiteral("Start training at once."));
    const QCommandLineOption lessonOption(
        QStringLiteral("lesson"),
        QStringLiteral("Start a lesson: a built-in lesson's name (e.g. 03-spiral-depth; --list-lessons shows them) "
                       "or a lesson file (.json). An unknown lesson or variant is an error: the window does not "
                       "open, the reason goes to stderr and the exit status is 2."),
        QStringLiteral("lesson"));
    const QCommandLineOption variantOption(
        QStringLiteral("variant"),
        QStringLiteral("With --lesson: the variant to start (its key or title, e.g. deep); the first one without it."),
        QStringLiteral("variant"));
    const QCommandLineOption presentationOption(
        QStringLiteral("presentation"),
        QStringLiteral("Open in presentation mode: full screen, large type, the plane and the lesson's views "
                       "(F11 or Esc leaves it)."));
    const QCommandLineOption listOption(QStringLiteral("list-lessons"),
                                        QStringLiteral("List the built-in lessons and their variants, then exit."));
    parser.addOptions({restoreOption, discardOption, playOption, lessonOption, variantOption, presentationOption,
                       listOption});
    parser.process(app);
    auto fail = [](const QString &message) {
        std::fprintf(stderr, "neural-playground: %s\n", qPrintable(message));
        return 2;
    };
    if (parser.isSet(restoreOption) && parser.isSet(discardOption))
        return fail(QStringLiteral("--restore-autosave and --discard-autosave exclude each other"));
    if (parser.isSet(listOption))
        return listLessons();
    const std::vector<np::Lesson> builtin = np::loadLessonDirectory(np::kBuiltinLessonsPath).lessons;
    std::optional<np::LessonChoice> lesson;
    if (parser.isSet(variantOption) && !parser.isSet(lessonOption))
        return fail(QStringLiteral("--variant needs --lesson"));
    if (parser.isSet(lessonOption)) {
        if (!parser.positionalArguments().isEmpty())
            return fail(QStringLiteral("give a session file or --lesson, not both"));
        lesson = np::chooseLesson(parser.value(lessonOption), parser.value(variantOption), builtin);
        if (!lesson->error.isEmpty())
            return fail(lesson->error);
    }

    np::MainWindow window;
    if (parser.isSet(restoreOption) || parser.isSet(discardOption))
        window.resolveRecovery(parser.isSet(restoreOption));
    if (!parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().constFirst());
    window.show();
    if (parser.isSet(presentationOption))
        window.setPresentation(true);
    // On the shown window, so the lesson's views come to the front of their tab groups.
    if (lesson)
        window.startLesson(lesson->lesson, lesson->variant, lesson->file);
    if (parser.isSet(playOption))
        window.controller()->play();
    return QApplication::exec();
}
