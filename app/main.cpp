#include "mainwindow.h"
#include "trainingcontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>

int main(int argc, char *argv[])
{
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
    parser.addOptions({restoreOption, discardOption, playOption});
    parser.process(app);
    if (parser.isSet(restoreOption) && parser.isSet(discardOption)) {
        std::fputs("neural-playground: --restore-autosave and --discard-autosave exclude each other\n", stderr);
        return 2;
    }

    np::MainWindow window;
    if (parser.isSet(restoreOption) || parser.isSet(discardOption))
        window.resolveRecovery(parser.isSet(restoreOption));
    if (!parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().constFirst());
    window.show();
    if (parser.isSet(playOption))
        window.controller()->play();
    return QApplication::exec();
}
