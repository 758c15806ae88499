// Sessions that lose nothing: the autosave is written a moment after a change and holds the
// whole session, a clean exit removes it, a crashed run's autosave is offered back; the title's
// modified marker follows undo back to the saved state and training since the save; the recent
// files list; the Save / Discard / Cancel question before unsaved work would be lost; and saves
// and autosaves that hold the worker's own session even when the document changed while it
// answered.

#include "data/generators.h"
#include "document.h"
#include "io/sessionjson.h"
#include "mainwindow.h"
#include "runsview.h"
#include "sessionkeeper.h"
#include "trainersync.h"
#include "trainingcontroller.h"
#include "training/trainer.h"
#include "uitestsupport.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QDir>
#include <QLabel>
#include <QLockFile>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <utility>

using namespace np;
using namespace np::test;

namespace {

// Opens the XOR lesson as a config file and waits until the trainer has it.
QString openLesson(MainWindow &w, const QTemporaryDir &dir, const QString &name = QStringLiteral("xor.json"))
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(configFileToJson(xorConfig()));
    f.close();
    if (!w.openFile(path))
        return {};
    waitFor([&] { return w.controller()->latest().model.network == xorConfig().network; });
    return path;
}

Session readAutosave()
{
    const SessionReadResult read = loadSession(SessionKeeper::autosavePath().toStdString());
    if (!read.session)
        qWarning("%s", read.error.c_str());
    return read.session.value_or(Session{});
}

}  // namespace

class TestSessionKeeper : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QSettings().clear();
        QDir(QFileInfo(SessionKeeper::autosavePath()).path()).removeRecursively();  // every window's slot
    }

    void autosavePathFollowsXdgDataHome()
    {
        QVERIFY2(SessionKeeper::autosavePath().startsWith(qEnvironmentVariable("XDG_DATA_HOME")),
                 qPrintable(SessionKeeper::autosavePath()));
        QVERIFY(SessionKeeper::autosavePath().endsWith(QStringLiteral("/autosave/session.json")));
    }

    void anEditIsAutosavedWithTheWholeSession()
    {
        Document document;
        TrainingController controller;
        TrainerSync sync(&document, &controller);
        SessionKeeper keeper(&document, &controller);
        keeper.setDelays(50, 100);
        const Config config = xorConfig();
        document.reset(config, generateDataset(config.data));
        controller.reset(config, document.dataset());
        QVERIFY(waitFor([&] { return controller.hasSnapshot(); }));
        QVERIFY(!keeper.isModified());

        QSignalSpy autosaved(&keeper, &SessionKeeper::autosaved);
        Config changed = config;
        changed.training.optimizer.learningRate = 0.25;
        document.changeConfig(changed, QStringLiteral("Change learning rate"));
        QVERIFY(keeper.isModified());
        QVERIFY(autosaved.wait(5000));
        QCOMPARE(autosaved.first().at(0).toString(), QString());
        const Session saved = readAutosave();
        QCOMPARE(saved.config, changed);
        QCOMPARE(saved.dataset, document.dataset());
        QVERIFY(saved.state);
        QCOMPARE(saved.state->parameters, controller.latest().model.parameters);
    }

    void trainingIsAutosavedAndCountsAsModified()
    {
        Document document;
        TrainingController controller;
        SessionKeeper keeper(&document, &controller);
        keeper.setDelays(50, 100);
        const Config config = xorConfig();
        document.reset(config, generateDataset(config.data));
        controller.reset(config, document.dataset());
        QVERIFY(waitFor([&] { return controller.hasSnapshot(); }));
        QVERIFY(!keeper.isModified());

        QSignalSpy autosaved(&keeper, &SessionKeeper::autosaved);
        controller.stepEpoch();
        controller.stepEpoch();
        controller.stepEpoch();
        QVERIFY(waitFor([&] { return controller.latest().epoch == 3; }));
        QVERIFY(keeper.isTrainingModified());
        QVERIFY(keeper.isModified());
        // Training is not the user's own edit: a lesson may replace it without asking.
        QVERIFY(!keeper.isDocumentModified());
        QVERIFY(autosaved.wait(5000));
        const Session saved = readAutosave();
        QVERIFY(saved.state);
        QCOMPARE(saved.state->epoch, std::int64_t(3));
        QCOMPARE(saved.state->parameters, controller.latest().model.parameters);
        QCOMPARE(saved.state->history.size(), std::size_t(4));
    }

    void nothingIsWrittenWhileDisabled()
    {
        Document document;
        TrainingController controller;
        TrainerSync sync(&document, &controller);
        SessionKeeper keeper(&document, &controller);
        keeper.setDelays(20, 20);
        keeper.setEnabled(false);
        const Config config = xorConfig();
        document.reset(config, generateDataset(config.data));
        controller.reset(config, document.dataset());
        Config changed = config;
        changed.training.optimizer.learningRate = 0.25;
        document.changeConfig(changed, QStringLiteral("Change learning rate"));
        QSignalSpy autosaved(&keeper, &SessionKeeper::autosaved);
        QVERIFY(!autosaved.wait(300));
        QVERIFY(!keeper.hasAutosave());
        // Enabled again with unsaved work: written soon.
        keeper.setEnabled(true);
        QVERIFY(autosaved.wait(5000));
        QVERIFY(keeper.hasAutosave());
        keeper.discardAutosave();
        QVERIFY(!keeper.hasAutosave());
    }

    void titleNamesTheFileAndTheMarkerFollowsUndoToTheSavedState()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        QCOMPARE(w.windowTitle(), QStringLiteral("Untitled[*] — Neural Playground"));
        const QString path = openLesson(w, dir);
        QVERIFY(!path.isEmpty());
        QCOMPARE(w.windowTitle(), QStringLiteral("xor.json[*] — Neural Playground"));
        QCOMPARE(w.filePath(), path);
        QVERIFY(!w.isWindowModified());

        Config c = w.document()->config();
        c.training.optimizer.learningRate = 0.2;
        w.document()->changeConfig(c, QStringLiteral("Change learning rate"));
        QVERIFY(w.isWindowModified());
        w.action(QStringLiteral("undo"))->trigger();
        QVERIFY(!w.isWindowModified());
        w.action(QStringLiteral("redo"))->trigger();
        QVERIFY(w.isWindowModified());

        // Saved: clean; undo now goes away from the saved state, so it marks the window again.
        QSignalSpy saved(&w, &MainWindow::saved);
        w.action(QStringLiteral("save"))->trigger();
        QVERIFY(saved.wait(5000));
        QCOMPARE(saved.first().at(0).toString(), path);
        QVERIFY(!w.isWindowModified());
        w.action(QStringLiteral("undo"))->trigger();
        QVERIFY(w.isWindowModified());
        w.action(QStringLiteral("redo"))->trigger();
        QVERIFY(!w.isWindowModified());
    }

    void trainingSinceTheSaveCountsAsUnsavedWork()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        const QString path = openLesson(w, dir);
        QVERIFY(!w.isWindowModified());
        w.action(QStringLiteral("stepEpoch"))->trigger();
        QVERIFY(waitFor([&] { return w.controller()->latest().epoch == 1; }));
        QVERIFY(w.isWindowModified());
        QVERIFY(w.sessionKeeper()->isTrainingModified());
        QSignalSpy saved(&w, &MainWindow::saved);
        w.saveFile(path);
        QVERIFY(saved.wait(5000));
        QVERIFY(!w.isWindowModified());
        // Reopened: the trained network is what the file holds, so nothing is modified.
        QVERIFY(w.openFile(path));
        // Once the worker has handled everything sent so far, its snapshot is the file's.
        QVERIFY(waitFor([&] { return w.controller()->latest().command == w.controller()->lastCommand(); }));
        QCOMPARE(w.controller()->latest().epoch, std::int64_t(1));
        QVERIFY(!w.isWindowModified());
        w.action(QStringLiteral("stepBatch"))->trigger();
        QVERIFY(waitFor([&] { return w.isWindowModified(); }));
    }

    void cleanExitRemovesTheAutosave()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.sessionKeeper()->setDelays(50, 100);
        w.show();
        const QString path = openLesson(w, dir);
        QSignalSpy autosaved(w.sessionKeeper(), &SessionKeeper::autosaved);
        Config c = w.document()->config();
        c.training.optimizer.learningRate = 0.2;
        w.document()->changeConfig(c, QStringLiteral("Change learning rate"));
        QVERIFY(autosaved.wait(5000));
        QVERIFY(QFile::exists(SessionKeeper::autosavePath()));
        QCOMPARE(readAutosave().config.training.optimizer.learningRate, 0.2);
        QCOMPARE(w.sessionKeeper()->autosaveOrigin(), path);
        // An explicit save holds everything: the autosave goes.
        QSignalSpy saved(&w, &MainWindow::saved);
        w.saveFile(path);
        QVERIFY(saved.wait(5000));
        QVERIFY(!QFile::exists(SessionKeeper::autosavePath()));
        w.action(QStringLiteral("undo"))->trigger();
        QVERIFY(autosaved.wait(5000));
        QVERIFY(QFile::exists(SessionKeeper::autosavePath()));
        // Closing and discarding is a clean exit: nothing to recover next time.
        w.setUnsavedPrompt([] { return MainWindow::UnsavedChoice::Discard; });
        QVERIFY(w.close());
        QVERIFY(!QFile::exists(SessionKeeper::autosavePath()));
    }

    // Two windows open at once autosave to two files, each its own work; the first window's is
    // the first slot's.
    void eachWindowHasItsOwnAutosave()
    {
        MainWindow a, b;
        a.sessionKeeper()->setDelays(50, 100);
        b.sessionKeeper()->setDelays(50, 100);
        QCOMPARE(a.sessionKeeper()->autosaveFile(), SessionKeeper::autosavePath());
        QVERIFY(b.sessionKeeper()->autosaveFile() != a.sessionKeeper()->autosaveFile());
        QVERIFY(b.sessionKeeper()->autosaveFile().endsWith(QStringLiteral("/autosave/session-2.json")));
        QSignalSpy savedA(a.sessionKeeper(), &SessionKeeper::autosaved);
        QSignalSpy savedB(b.sessionKeeper(), &SessionKeeper::autosaved);
        for (auto [w, lr] : {std::pair{&a, 0.11}, std::pair{&b, 0.22}}) {
            Config c = w->document()->config();
            c.training.optimizer.learningRate = lr;
            w->document()->changeConfig(c, QStringLiteral("Change learning rate"));
        }
        QVERIFY(savedA.wait(5000) || savedA.count() > 0);
        QVERIFY(savedB.count() > 0 || savedB.wait(5000));
        auto lrIn = [](const QString &path) {
            const SessionReadResult read = loadSession(path.toStdString());
            return read.session ? read.session->config.training.optimizer.learningRate : -1.0;
        };
        QCOMPARE(lrIn(a.sessionKeeper()->autosaveFile()), 0.11);
        QCOMPARE(lrIn(b.sessionKeeper()->autosaveFile()), 0.22);
        const QString bFile = b.sessionKeeper()->autosaveFile();
        b.setUnsavedPrompt([] { return MainWindow::UnsavedChoice::Discard; });
        QVERIFY(b.close());
        QVERIFY(!QFile::exists(bFile));  // a clean exit removes its own autosave only
        QVERIFY(QFile::exists(a.sessionKeeper()->autosaveFile()));
        a.setUnsavedPrompt([] { return MainWindow::UnsavedChoice::Discard; });
        QVERIFY(a.close());
    }

    // A crashed window's autosave (its slot's lock gone with its process) is taken by the next
    // window opened, before any empty slot, and the bar says how many more are waiting.
    void aCrashedWindowsAutosaveIsTakenByTheNextWindow()
    {
        const QString folder = QFileInfo(SessionKeeper::autosavePath()).path();
        QVERIFY(QDir().mkpath(folder));
        const Config config = xorConfig();
        for (const char *name : {"session-3.json", "session-5.json"})
            QCOMPARE(saveSession((folder + QLatin1Char('/') + QLatin1String(name)).toStdString(),
                                 Session{config, generateDataset(config.data), std::nullopt}),
                     std::string());
        {
            MainWindow w;
            w.show();
            QVERIFY(w.sessionKeeper()->autosaveFile().endsWith(QStringLiteral("/session-3.json")));
            QVERIFY(w.isRecoveryPending());
            QCOMPARE(w.sessionKeeper()->orphanedAutosaves(), 1);
            auto *text = w.findChild<QLabel *>(QStringLiteral("recoveryText"));
            QVERIFY(text && text->text().contains(QStringLiteral("1 more window left unsaved work too")));
            QVERIFY(w.findChild<QPushButton *>(QStringLiteral("openOtherAutosaves")));
            w.resolveRecovery(true);
            QCOMPARE(w.document()->config(), config);
            w.setUnsavedPrompt([] { return MainWindow::UnsavedChoice::Discard; });
            QVERIFY(w.close());
        }
        QVERIFY(!QFile::exists(folder + QStringLiteral("/session-3.json")));
        MainWindow next;
        QVERIFY(next.sessionKeeper()->autosaveFile().endsWith(QStringLiteral("/session-5.json")));
        QVERIFY(next.isRecoveryPending());
        next.resolveRecovery(false);
        QVERIFY(!QFile::exists(folder + QStringLiteral("/session-5.json")));
    }

    // Saving while another process writes the same file: refused with a message naming it,
    // the file untouched.
    void aSessionFileBeingWrittenElsewhereIsNotWritten()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        const QString path = dir.filePath(QStringLiteral("shared.json"));
        QLockFile other(path + QStringLiteral(".lock"));
        QVERIFY(other.tryLock(0));
        QSignalSpy saved(&w, &MainWindow::saved);
        w.saveFile(path);
        QVERIFY(saved.wait(5000));
        const QString error = saved.first().at(1).toString();
        QVERIFY2(error.contains(QStringLiteral("'%1' is being written by another program").arg(path)), qPrintable(error));
        QVERIFY(!QFile::exists(path));
        other.unlock();
        w.saveFile(path);
        QVERIFY(saved.wait(5000));
        QCOMPARE(saved.last().at(1).toString(), QString());
        QVERIFY(QFile::exists(path));
    }

    void aCrashedRunsAutosaveIsOfferedAndRestored()
    {
        QTemporaryDir dir;
        Config changed;
        std::vector<Scalar> weights;
        {
            MainWindow crashed;
            crashed.sessionKeeper()->setDelays(50, 100);
            crashed.show();
            openLesson(crashed, dir);
            changed = crashed.document()->config();
            changed.training.optimizer.learningRate = 0.3;
            crashed.document()->changeConfig(changed, QStringLiteral("Change learning rate"));
            crashed.action(QStringLiteral("stepEpoch"))->trigger();
            crashed.action(QStringLiteral("stepEpoch"))->trigger();
            QVERIFY(waitFor([&] { return crashed.controller()->latest().epoch == 2; }));
            QVERIFY(waitFor([&] {
                const SessionReadResult read = loadSession(SessionKeeper::autosavePath().toStdString());
                return read.session && read.session->state && read.session->state->epoch == 2
                       && read.session->config == changed;
            }));
            weights = crashed.controller()->latest().model.parameters;
        }  // destroyed without closing, as after a crash
        QVERIFY(QFile::exists(SessionKeeper::autosavePath()));

        MainWindow w;
        w.show();
        QVERIFY(w.isRecoveryPending());
        auto *bar = w.findChild<QWidget *>(QStringLiteral("recoveryBar"));
        QVERIFY(bar && bar->isVisible());
        // Nothing overwrites the old autosave while the question is open.
        QVERIFY(!w.sessionKeeper()->isEnabled());
        auto *restore = w.findChild<QPushButton *>(QStringLiteral("restoreAutosave"));
        QVERIFY(restore);
        restore->click();
        QVERIFY(!w.isRecoveryPending());
        QCOMPARE(w.document()->config(), changed);
        QVERIFY(waitFor([&] { return w.controller()->latest().epoch == 2; }));
        QCOMPARE(w.controller()->latest().model.parameters, weights);
        QCOMPARE(QFileInfo(w.filePath()).fileName(), QStringLiteral("xor.json"));
        QCOMPARE(w.windowTitle(), QStringLiteral("xor.json[*] — Neural Playground"));
        QVERIFY(w.isWindowModified());
        QVERIFY(w.sessionKeeper()->isEnabled());
    }

    void aDiscardedAutosaveIsGone()
    {
        {
            MainWindow crashed;
            crashed.sessionKeeper()->setDelays(50, 100);
            QSignalSpy autosaved(crashed.sessionKeeper(), &SessionKeeper::autosaved);
            crashed.action(QStringLiteral("stepEpoch"))->trigger();
            QVERIFY(autosaved.wait(5000));
        }
        QVERIFY(QFile::exists(SessionKeeper::autosavePath()));
        MainWindow w;
        QVERIFY(w.isRecoveryPending());
        w.findChild<QPushButton *>(QStringLiteral("discardAutosave"))->click();
        QVERIFY(!w.isRecoveryPending());
        QVERIFY(!QFile::exists(SessionKeeper::autosavePath()));
        QCOMPARE(w.controller()->latest().epoch, std::int64_t(0));
    }

    void closePromptCancelKeepsTheWindowDiscardClosesSaveSavesThenCloses()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        const QString path = openLesson(w, dir);
        Config c = w.document()->config();
        c.training.optimizer.learningRate = 0.2;
        w.document()->changeConfig(c, QStringLiteral("Change learning rate"));

        int asked = 0;
        MainWindow::UnsavedChoice answer = MainWindow::UnsavedChoice::Cancel;
        w.setUnsavedPrompt([&] {
            ++asked;
            return answer;
        });
        QVERIFY(!w.close());
        QCOMPARE(asked, 1);
        QVERIFY(w.isVisible());

        // Save: the window closes once the asynchronous save is on disk.
        answer = MainWindow::UnsavedChoice::Save;
        QSignalSpy saved(&w, &MainWindow::saved);
        w.close();
        QCOMPARE(asked, 2);
        QVERIFY(saved.wait(5000));
        QTRY_VERIFY(!w.isVisible());
        const SessionReadResult read = loadSession(path.toStdString());
        QVERIFY(read.session);
        QCOMPARE(read.session->config.training.optimizer.learningRate, 0.2);

        // Unmodified: no question at all.
        MainWindow clean;
        clean.show();
        clean.setUnsavedPrompt([&] {
            ++asked;
            return MainWindow::UnsavedChoice::Cancel;
        });
        QVERIFY(clean.close());
        QCOMPARE(asked, 2);
    }

    void theRealQuestionAsksSaveDiscardOrCancel()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        openLesson(w, dir);
        w.action(QStringLiteral("stepEpoch"))->trigger();
        QVERIFY(waitFor([&] { return w.isWindowModified(); }));
        QVERIFY(!w.close());
        auto *box = w.findChild<QMessageBox *>(QStringLiteral("unsavedBox"));
        QVERIFY(box);
        QCOMPARE(box->text(), QStringLiteral("Save the changes to “xor.json”?"));
        QVERIFY2(box->informativeText().contains(QStringLiteral("epoch 1")), qPrintable(box->informativeText()));
        box->button(QMessageBox::Cancel)->click();
        QVERIFY(w.isVisible());
        QVERIFY(!w.close());
        box = w.findChild<QMessageBox *>(QStringLiteral("unsavedBox"));
        QVERIFY(box);
        box->button(QMessageBox::Discard)->click();
        QTRY_VERIFY(!w.isVisible());
    }

    void openRecentListsFilesAndDropsMissingOnesWithAMessage()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        const QString first = openLesson(w, dir, QStringLiteral("first.json"));
        const QString second = openLesson(w, dir, QStringLiteral("second.json"));
        QCOMPARE(recentFiles(), (QStringList{second, first}));
        auto *menu = w.findChild<QMenu *>(QStringLiteral("recentMenu"));
        QVERIFY(menu);
        emit menu->aboutToShow();
        QList<QAction *> entries;
        for (QAction *a : menu->actions()) {
            if (a->data().isValid())
                entries.append(a);
        }
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0)->text(), QStringLiteral("&1 second.json"));
        QCOMPARE(entries.at(1)->data().toString(), first);

        entries.at(1)->trigger();
        QCOMPARE(w.filePath(), first);
        QCOMPARE(recentFiles(), (QStringList{first, second}));

        QFile::remove(second);
        emit menu->aboutToShow();
        QAction *gone = nullptr;
        for (QAction *a : menu->actions()) {
            if (a->data().toString() == second)
                gone = a;
        }
        QVERIFY(gone);
        gone->trigger();
        QCOMPARE(recentFiles(), QStringList{first});
        QCOMPARE(w.filePath(), first);
        auto *box = w.findChild<QMessageBox *>(QStringLiteral("errorBox"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("no longer exists")), qPrintable(box->text()));
    }

    void autosavingALargeSessionStaysOffTheGuiThread()
    {
        Document document;
        TrainingController controller;
        SessionKeeper keeper(&document, &controller);
        keeper.setDelays(10, 10);
        Config config = xorConfig();
        config.data.count = 20000;
        config.network.hidden = {LayerSpec{16, Activation::Tanh}, LayerSpec{16, Activation::Tanh}};
        document.reset(config, generateDataset(config.data));
        controller.reset(config, document.dataset());
        controller.stepEpoch();
        controller.stepEpoch();
        QVERIFY(waitFor([&] { return controller.latest().epoch == 2; }));
        QSignalSpy autosaved(&keeper, &SessionKeeper::autosaved);
        QVERIFY(autosaved.wait(10000));
        const auto timings = autosaved.first().at(1).value<AutosaveTimings>();
        qInfo("autosave of %zu points, %lld bytes: %.2f ms copying on the GUI thread, then %.1f ms "
              "serialising and %.1f ms writing on the writer thread",
              document.dataset().points.size(), timings.bytes, timings.copyMs, timings.serialiseMs, timings.writeMs);
        const Session saved = readAutosave();
        QCOMPARE(saved.dataset.points.size(), std::size_t(20000));
        QCOMPARE(saved.state->epoch, std::int64_t(2));
        QVERIFY(timings.bytes > 0);
        QCOMPARE(QFileInfo(SessionKeeper::autosavePath()).size(), timings.bytes);
    }

    // A save asks the worker for its state and writes when the answer arrives. A point painted
    // in between must not land in a file whose weights never saw it: such a file is refused
    // on load (its training order has one entry too few), and the painted point is lost too.
    void aSaveAnsweredAfterPaintingLoadsBackAndTheWindowStaysModified()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        openLesson(w, dir);
        w.action(QStringLiteral("play"))->trigger();
        QVERIFY(waitFor([&] { return w.controller()->latest().epoch >= 5; }));
        const Dataset trainedOn = w.document()->dataset();
        const QString path = dir.filePath(QStringLiteral("painted.json"));
        QSignalSpy saved(&w, &MainWindow::saved);
        w.saveFile(path);  // the worker is asked...
        w.document()->addPoints({DataPoint{0.5, 0.5, 1, 0.0, false}});  // ...and a stroke lands first
        QVERIFY(saved.wait(5000));
        QCOMPARE(saved.first().at(1).toString(), QString());
        const SessionReadResult read = loadSession(path.toStdString());
        QVERIFY2(read.session, read.error.c_str());
        QCOMPARE(read.session->dataset, trainedOn);
        // The painted point is in no file yet.
        QVERIFY(w.isWindowModified());
    }

    // The same with a change of shape between the question and the answer.
    void aSaveAnsweredAfterAShapeChangeLoadsBack()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        openLesson(w, dir);
        w.action(QStringLiteral("stepEpoch"))->trigger();
        QVERIFY(waitFor([&] { return w.controller()->latest().epoch == 1; }));
        const QString path = dir.filePath(QStringLiteral("reshaped.json"));
        QSignalSpy saved(&w, &MainWindow::saved);
        w.saveFile(path);
        Config wider = w.document()->config();
        wider.network.hidden = {LayerSpec{3, Activation::ReLU}, LayerSpec{3, Activation::ReLU}};
        w.document()->changeConfig(wider, QStringLiteral("Add layer"));
        QVERIFY(saved.wait(5000));
        const SessionReadResult read = loadSession(path.toStdString());
        QVERIFY2(read.session, read.error.c_str());
        QCOMPARE(read.session->config, xorConfig());
        QCOMPARE(read.session->state->epoch, std::int64_t(1));
        QVERIFY(w.isWindowModified());
    }

    // The autosave the same way: the keeper asks, and before the worker answers the user
    // restores a recorded run of another shape. Recovery must get a session that loads.
    void anAutosaveAnsweredAfterARunWasRestoredLoadsBack()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.sessionKeeper()->setDelays(20, 20);
        w.show();
        openLesson(w, dir);
        Config other = xorConfig();
        other.network.hidden = {LayerSpec{3, Activation::Tanh}};
        const Dataset otherData = generateDataset(other.data);
        Trainer run;
        QCOMPARE(run.reset(other, otherData), std::string());
        run.trainEpoch();
        const TrainerState runState = run.state();
        auto *runs = w.findChild<RunsView *>();
        QVERIFY(runs);
        bool restored = false;
        connect(w.controller(), &TrainingController::commandRequested, &w, [&](const TrainingCommand &command) {
            if (command.kind == TrainingCommand::Kind::RequestSession && !std::exchange(restored, true))
                emit runs->restoreRequested(other, otherData, runState);
        });
        QSignalSpy autosaved(w.sessionKeeper(), &SessionKeeper::autosaved);
        w.action(QStringLiteral("stepEpoch"))->trigger();
        QVERIFY(autosaved.wait(5000));
        QVERIFY(restored);
        const SessionReadResult read = loadSession(SessionKeeper::autosavePath().toStdString());
        QVERIFY2(read.session, read.error.c_str());
        // And the restored run is autosaved soon after.
        QVERIFY(waitFor([&] {
            const SessionReadResult later = loadSession(SessionKeeper::autosavePath().toStdString());
            return later.session && later.session->config == other && later.session->state
                   && later.session->state->epoch == 1;
        }));
    }

    // Painted points are the user's own work until undone or saved; a restored copy is too.
    void theUsersOwnEditsAreToldApartFromTraining()
    {
        Document document;
        TrainingController controller;
        SessionKeeper keeper(&document, &controller);
        const Config config = xorConfig();
        document.reset(config, generateDataset(config.data));
        keeper.markClean(nullptr, true, {});
        QVERIFY(!keeper.isDocumentModified());
        document.beginStroke(QStringLiteral("Paint"));
        document.addPoints({DataPoint{1.0, 2.0, 0, 0.0, false}});
        document.endStroke();
        QVERIFY(keeper.isDocumentModified());
        document.undoStack()->undo();
        QVERIFY(!keeper.isDocumentModified());
        keeper.markRecovered(nullptr, {});
        QVERIFY(keeper.isDocumentModified());
        keeper.markClean(nullptr, true, {});
        QVERIFY(!keeper.isDocumentModified());
    }

    void recentFilesAreNewestFirstWithoutDuplicatesAtMostEight()
    {
        QTemporaryDir dir;
        for (int i = 0; i < 10; ++i)
            addRecentFile(dir.filePath(QStringLiteral("s%1.json").arg(i)));
        QStringList files = recentFiles();
        QCOMPARE(files.size(), kMaxRecentFiles);
        QCOMPARE(files.first(), dir.filePath(QStringLiteral("s9.json")));
        QCOMPARE(files.last(), dir.filePath(QStringLiteral("s2.json")));
        addRecentFile(dir.filePath(QStringLiteral("s5.json")));
        files = recentFiles();
        QCOMPARE(files.size(), kMaxRecentFiles);
        QCOMPARE(files.first(), dir.filePath(QStringLiteral("s5.json")));
        QCOMPARE(files.count(dir.filePath(QStringLiteral("s5.json"))), 1);
        QCOMPARE(files.at(1), dir.filePath(QStringLiteral("s9.json")));
        removeRecentFile(dir.filePath(QStringLiteral("s9.json")));
        QCOMPARE(recentFiles().size(), kMaxRecentFiles - 1);
        QVERIFY(!recentFiles().contains(dir.filePath(QStringLiteral("s9.json"))));
    }
};

int main(int argc, char *argv[])
{
    // The autosave and the settings go to a private folder, as XDG_DATA_HOME and
    // XDG_CONFIG_HOME redirect them for any user.
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toLocal8Bit());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("NeuralPlaygroundTests"));
    QApplication::setApplicationName(QStringLiteral("test_sessionkeeper"));
    TestSessionKeeper test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_sessionkeeper.moc"
