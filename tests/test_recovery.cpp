// Nothing is lost when the app is killed: the real `neural-playground` binary trains, is killed
// with SIGKILL, and its autosave brings the session back — in a second run of the binary
// (--restore-autosave), which carries on training from where the first stopped, and in a
// window built here with the same folders and the same answer.

#include "document.h"
#include "io/sessionjson.h"
#include "mainwindow.h"
#include "sessionkeeper.h"
#include "trainingcontroller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

using namespace np;

namespace {

// Distinct from the default lesson, so a restored session cannot be mistaken for a fresh start.
Config lessonConfig()
{
    Config c;
    c.data.generator = Generator::Circle;
    c.data.count = 300;
    c.data.seed = 11;
    c.network.hidden = {LayerSpec{6, Activation::Tanh}, LayerSpec{4, Activation::Tanh}};
    c.training.optimizer.learningRate = 0.02;
    return c;
}

void startApp(QProcess &app, const QStringList &arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();  // has the XDG folders
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(QStringLiteral(NP_APP_PATH), arguments);
}

// Waits (at most 10 s) for an autosave that `accept` likes; it is read whole or not at all,
// because it is replaced atomically.
template <typename Accept>
std::optional<Session> waitForAutosave(Accept accept)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        SessionReadResult read = loadSession(SessionKeeper::autosavePath().toStdString());
        if (read.session && accept(*read.session))
            return std::move(read.session);
        QTest::qWait(50);
    }
    return std::nullopt;
}

void killHard(QProcess &app)
{
    app.kill();  // SIGKILL: no clean-up of any kind
    QVERIFY(app.waitForFinished(5000));
    QCOMPARE(app.exitStatus(), QProcess::CrashExit);
}

}  // namespace

class TestRecovery : public QObject
{
    Q_OBJECT

private slots:
    void aKilledSessionComesBack()
    {
        QTemporaryDir dir;
        const QString lesson = dir.filePath(QStringLiteral("circle.json"));
        {
            QFile f(lesson);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(configFileToJson(lessonConfig()));
        }
        QVERIFY(!QFileInfo::exists(SessionKeeper::autosavePath()));

        // First run: open the lesson, train, be killed mid-training.
        QProcess first;
        startApp(first, {lesson, QStringLiteral("--play")});
        QVERIFY(first.waitForStarted());
        const std::optional<Session> autosaved = waitForAutosave([](const Session &s) { return s.state && s.state->epoch > 0; });
        QVERIFY2(autosaved, "no autosave with training progress appeared");
        killHard(first);
        // Whatever was on disk at the kill is a whole, valid session.
        SessionReadResult atKill = loadSession(SessionKeeper::autosavePath().toStdString());
        QVERIFY2(atKill.session, atKill.error.c_str());
        const Session killed = std::move(*atKill.session);
        QCOMPARE(killed.config, lessonConfig());
        QVERIFY(killed.state->epoch >= autosaved->state->epoch);
        QVERIFY(!killed.state->history.empty());

        // Second run: restore, train on, be killed again. Its autosave continues the first run's
        // history (a fresh start would have the default lesson and begin again at epoch 0).
        QProcess second;
        startApp(second, {QStringLiteral("--restore-autosave"), QStringLiteral("--play")});
        QVERIFY(second.waitForStarted());
        const std::int64_t killedEpoch = killed.state->epoch;
        const std::optional<Session> resumed
            = waitForAutosave([&](const Session &s) { return s.state && s.state->epoch > killedEpoch; });
        QVERIFY2(resumed, "the second run wrote no autosave beyond the first run's epoch");
        killHard(second);
        QCOMPARE(resumed->config, killed.config);
        QCOMPARE(resumed->dataset, killed.dataset);
        const History &before = killed.state->history;
        const History &after = resumed->state->history;
        QVERIFY(after.size() >= before.size());
        QVERIFY(after.back().epoch > before.back().epoch);
        for (std::size_t i = 0; i < before.size(); ++i) {
            QCOMPARE(after[i].epoch, before[i].epoch);
            QCOMPARE(after[i].train.loss, before[i].train.loss);
        }

        // And a window here, with the same folders and the same answer, shows what was autosaved.
        SessionReadResult last = loadSession(SessionKeeper::autosavePath().toStdString());
        QVERIFY2(last.session, last.error.c_str());
        const Session &expected = *last.session;
        MainWindow window;
        QVERIFY(window.isRecoveryPending());
        window.resolveRecovery(true);
        QVERIFY(!window.isRecoveryPending());
        QCOMPARE(window.document()->config(), expected.config);
        QCOMPARE(window.document()->dataset(), expected.dataset);
        QCOMPARE(QFileInfo(window.filePath()).fileName(), QStringLiteral("circle.json"));
        QTRY_COMPARE_WITH_TIMEOUT(window.controller()->latest().epoch, expected.state->epoch, 5000);
        QCOMPARE(window.controller()->latest().model.parameters, expected.state->parameters);
        QCOMPARE(window.controller()->history().size(), expected.state->history.size());
        // Restored work is saved nowhere but in the autosave: it counts as unsaved, and the
        // autosave stays until it is saved or discarded.
        QVERIFY(window.isWindowModified());
        QVERIFY(QFileInfo::exists(SessionKeeper::autosavePath()));
        window.setUnsavedPrompt([] { return MainWindow::UnsavedChoice::Discard; });
        QVERIFY(window.close());
        QVERIFY(!QFileInfo::exists(SessionKeeper::autosavePath()));
    }
};

int main(int argc, char *argv[])
{
    // The app's own names, so the autosave path here is the one the binary writes; the XDG
    // folders keep everything inside a temporary folder (and the binaries inherit them).
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toLocal8Bit());
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Neural Playground"));
    QApplication::setOrganizationName(QStringLiteral("NeuralPlayground"));
    TestRecovery test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_recovery.moc"
