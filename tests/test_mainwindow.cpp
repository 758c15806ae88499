// The whole window, offscreen: it opens on the default lesson, trains from the Play action and
// the Space key, keeps the data when a CSV or session is bad, saves and reopens sessions, undoes
// through the Edit menu, and closes promptly while training.

#include "boundaryview.h"
#include "colors.h"
#include "figure.h"
#include "data/generators.h"
#include "document.h"
#include "io/sessionjson.h"
#include "lessonpanel.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "painttool.h"
#include "sessionfiles.h"
#include "sessionkeeper.h"
#include "steadylabel.h"
#include "trainingcontroller.h"
#include "trainingmessage.h"
#include "uitestsupport.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QMenuBar>
#include <QApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
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

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

/// Counts the layout requests a widget receives.
struct LayoutRequests : QObject
{
    explicit LayoutRequests(QWidget *widget) { widget->installEventFilter(this); }
    bool eventFilter(QObject *, QEvent *event) override
    {
        count += event->type() == QEvent::LayoutRequest;
        return false;
    }
    int count = 0;
};

}  // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Autosaves and settings go to the test locations, never the user's own.
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("NeuralPlaygroundTests"));
        QApplication::setApplicationName(QStringLiteral("test_mainwindow"));
    }

    void init()
    {
        QSettings().clear();
    }

    void opensOnTheDefaultLesson()
    {
        MainWindow w;
        w.show();
        QCOMPARE(w.document()->config(), defaultConfig());
        QCOMPARE(w.document()->dataset(), generateDataset(defaultConfig().data));
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        QCOMPARE(w.controller()->latest().epoch, std::int64_t(0));
        QCOMPARE(w.document()->undoStack()->count(), 0);
    }

    void playTrainsAndTheLossFallsOnXor()
    {
        MainWindow w;
        w.show();
        const Config config = xorConfig();
        w.document()->reset(config, generateDataset(config.data));
        w.controller()->reset(config, w.document()->dataset());
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        w.action(QStringLiteral("play"))->trigger();
        QVERIFY(waitFor([&] { return w.controller()->latest().epoch >= 100; }));
        QCOMPARE(w.action(QStringLiteral("play"))->text(), QStringLiteral("&Pause"));
        w.action(QStringLiteral("play"))->trigger();
        QVERIFY(waitFor([&] { return !w.controller()->latest().running; }));
        const History &h = w.controller()->history();
        QVERIFY(h.back().train.loss < 0.5 * h.front().train.loss);
    }

    void aReadingResizesOnlyWhenItOutgrowsItsRoom()
    {
        QWidget row;
        auto *layout = new QHBoxLayout(&row);
        auto *reading = new SteadyLabel;
        auto *neighbour = new QLabel(QStringLiteral("next"));
        layout->addWidget(reading);
        layout->addWidget(neighbour);
        layout->addStretch();
        row.show();
        LayoutRequests requests(&row);
        const auto settle = [&] {
            QCoreApplication::sendPostedEvents();
            return std::exchange(requests.count, 0);
        };
        reading->setReading(QStringLiteral("Epoch 10 · step 40"));
        QCOMPARE(settle(), 1);
        const int x = neighbour->x();
        QVERIFY(x >= reading->fontMetrics().horizontalAdvance(reading->text()));
        // Same length or a little shorter: no new layout, the neighbour stays.
        reading->setReading(QStringLiteral("Epoch 11 · step 44"));
        reading->setReading(QStringLiteral("Epoch 9 · step 4"));
        QCOMPARE(settle(), 0);
        QCOMPARE(neighbour->x(), x);
        QCOMPARE(reading->text(), QStringLiteral("Epoch 9 · step 4"));
        // Longer: it grows; far shorter: it gives the room back.
        reading->setReading(QStringLiteral("Epoch 10000 · step 400000"));
        QCOMPARE(settle(), 1);
        QVERIFY(neighbour->x() > x);
        reading->setReading(QStringLiteral("paused"));
        QCOMPARE(settle(), 1);
        QVERIFY(neighbour->x() < x);
        // Squeezed, it elides rather than widening what holds it: a long reading does not set
        // the row's minimum width (a QLabel's minimum is its whole text).
        reading->setReading(QStringLiteral("Epoch 10000 · step 400000 (25% of the next)"));
        QCOMPARE(settle(), 1);
        QVERIFY(reading->minimumSizeHint().width() < reading->sizeHint().width() / 2);
        QVERIFY(row.minimumSizeHint().width() < reading->sizeHint().width());
    }

    void trainingDoesNotLayOutTheWindowOnEverySnapshot()
    {
        MainWindow w;
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        w.action(QStringLiteral("play"))->trigger();
        QVERIFY(waitFor([&] { return w.controller()->latest().epoch >= 20; }));
        // The status bar's readings change on every snapshot; a QLabel there laid out the whole
        // window (docks and all) each time. Only a reading that outgrows its room may now.
        LayoutRequests requests(&w);
        int snapshots = 0;
        connect(w.controller(), &TrainingController::snapshotChanged, &w, [&] { ++snapshots; });
        QVERIFY(waitFor([&] { return snapshots >= 60; }));
        w.action(QStringLiteral("play"))->trigger();
        QVERIFY2(requests.count < snapshots / 4,
                 qPrintable(QStringLiteral("%1 layouts in %2 snapshots").arg(requests.count).arg(snapshots)));
    }

    void switchingToRegressionAndBackKeepsTraining()
    {
        MainWindow w;
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        QSignalSpy messages(w.controller(), &TrainingController::message);
        auto *generator = w.findChild<QComboBox *>(QStringLiteral("generator"));
        QVERIFY(generator);
        for (Generator g : {Generator::Plane, Generator::Xor}) {
            generator->setCurrentIndex(generator->findData(static_cast<int>(g)));
            QCOMPARE(w.document()->config().data.generator, g);
            const Task task = w.document()->dataset().task;
            // The worker gets the new data and its settings as one command and re-initialises.
            QVERIFY(waitFor([&] { const Model &m = w.controller()->latest().model;
                                  return m.task == task && m.network.head == w.document()->config().network.head
                                         && w.controller()->latest().epoch == 0; }));
            w.action(QStringLiteral("stepEpoch"))->trigger();
            QVERIFY(waitFor([&] { return w.controller()->latest().epoch == 1; }));
            QCOMPARE(task == Task::Regression, g == Generator::Plane);
        }
        for (const QList<QVariant> &m : messages) {
            const auto message = m.at(0).value<TrainingMessage>();
            QVERIFY2(message.kind == TrainingMessage::Kind::Reinitialised, qPrintable(message.text));
        }
    }

    void presentationModeEntersAndLeavesWithTheKeys()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto *data = w.findChild<QDockWidget *>(QStringLiteral("dataDock"));
        auto *loss = w.findChild<QDockWidget *>(QStringLiteral("lossDock"));
        QVERIFY(data && loss && data->isVisible() && loss->isVisible());
        const qreal size = w.font().pointSizeF();
        QTest::keyClick(&w, Qt::Key_F11);
        QVERIFY(waitFor([&] { return w.isFullScreen(); }));
        QVERIFY(!data->isVisible());
        QVERIFY(loss->isVisible());
        QVERIFY(!w.menuBar()->isVisible());
        QVERIFY(w.font().pointSizeF() > 1.5 * size);
        QCOMPARE(colorScheme(), ColorScheme::HighContrast);
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &w, Qt::Key_Escape);
        QVERIFY(waitFor([&] { return !w.isFullScreen(); }));
        QVERIFY(data->isVisible());
        QVERIFY(w.menuBar()->isVisible());
        QCOMPARE(w.font().pointSizeF(), size);
        QCOMPARE(colorScheme(), ColorScheme::Standard);
    }

    void everyViewExportsFromItsContextMenuAndTheFileMenu()
    {
        MainWindow w;
        QStringList names;
        for (const char *dock : {"lossDock", "networkDiagramDock", "foldingDock", "regionsDock", "healthDock", "backpropDock",
                                 "runsDock", "sweepDock"}) {
            auto *d = w.findChild<QDockWidget *>(QLatin1String(dock));
            QVERIFY2(d, dock);
            QWidget *view = nullptr;  // the outermost figure (the runs view holds a figure of its curves)
            for (QWidget *candidate : d->findChildren<QWidget *>()) {
                if (!view && dynamic_cast<Figure *>(candidate))
                    view = candidate;
            }
            QVERIFY2(view, dock);
            QCOMPARE(view->contextMenuPolicy(), Qt::ActionsContextMenu);
            QStringList texts;
            for (QAction *a : view->actions())
                texts << a->text();
            QVERIFY2(texts.contains(QStringLiteral("&Export Figure…")), dock);
            names << dynamic_cast<Figure *>(view)->figureName();
        }
        // File › Export has every figure, the boundary (whose right button erases) included.
        for (const QString &name : names + QStringList{QStringLiteral("boundary")})
            QVERIFY2(w.findChild<QAction *>(QStringLiteral("exportFigure-") + name), qPrintable(name));
    }

    void spaceTogglesTraining()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        QTest::keyClick(&w, Qt::Key_Space);
        QVERIFY(waitFor([&] { return w.controller()->latest().running; }));
        QTest::keyClick(&w, Qt::Key_Space);
        QVERIFY(waitFor([&] { return !w.controller()->latest().running; }));
        const std::int64_t epoch = w.controller()->latest().epoch;
        QTest::keyClick(&w, Qt::Key_E);
        QVERIFY(waitFor([&] { return w.controller()->latest().epoch == epoch + 1; }));
    }

    void numberKeysPickThePaintClass()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto *tool = w.findChild<PaintTool *>();
        QTest::keyClick(&w, Qt::Key_2);
        QCOMPARE(tool->currentClass(), 1);
        QTest::keyClick(&w, Qt::Key_5);  // the default data has 2 classes
        QCOMPARE(tool->currentClass(), 1);
        QTest::keyClick(&w, Qt::Key_1);
        QCOMPARE(tool->currentClass(), 0);
    }

    void aBadCsvLeavesTheDataUntouched()
    {
        MainWindow w;
        w.show();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.csv"));
        writeFile(path, "x1,x2,label\n1,2,0\n3,oops,1\n");
        const Dataset before = w.document()->dataset();
        QVERIFY(!w.importCsv(path));
        QCOMPARE(w.document()->dataset(), before);
        QCOMPARE(w.document()->undoStack()->count(), 0);
        auto *box = w.findChild<QMessageBox *>(QStringLiteral("errorBox"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(path + QStringLiteral(": line 3: 'oops' is not a number")), qPrintable(box->text()));
        box->close();
    }

    void aGoodCsvImportsAsOneUndoStep()
    {
        MainWindow w;
        w.show();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("three.csv"));
        writeFile(path, "x1,x2,label\n1,2,0\n3,4,1\n-1,-2,2\n");
        QVERIFY(w.importCsv(path));
        QCOMPARE(w.document()->dataset().points.size(), std::size_t(3));
        QCOMPARE(w.document()->dataset().classCount, 3);
        QCOMPARE(w.document()->config().network.head, OutputHead::Softmax);  // follows the data
        QCOMPARE(w.action(QStringLiteral("undo"))->text(), QStringLiteral("&Undo Import Data"));
        w.action(QStringLiteral("undo"))->trigger();
        QCOMPARE(w.document()->dataset(), generateDataset(defaultConfig().data));
        QCOMPARE(w.document()->config(), defaultConfig());

        const QString out = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(w.exportCsv(out));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readLine(), QByteArray("x1,x2,label,split\n"));
    }

    void aBadSessionChangesNothing()
    {
        MainWindow w;
        w.show();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.json"));
        writeFile(path, R"({"format": "neural-playground-session", "version": 1, "config": {"network": )");
        const Config config = w.document()->config();
        QVERIFY(!w.openFile(path));
        QCOMPARE(w.document()->config(), config);
        auto *box = w.findChild<QMessageBox *>(QStringLiteral("errorBox"));
        QVERIFY(box);
        QVERIFY(box->text().startsWith(path + QStringLiteral(": not valid JSON")));
    }

    void sessionsSaveAndReopenWhereTheyWere()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("session.json"));
        std::int64_t epoch = 0;
        std::vector<Scalar> weights;
        {
            MainWindow w;
            w.show();
            const Config config = xorConfig();
            w.document()->reset(config, generateDataset(config.data));
            w.controller()->reset(config, w.document()->dataset());
            w.action(QStringLiteral("stepEpoch"))->trigger();
            w.action(QStringLiteral("stepEpoch"))->trigger();
            QVERIFY(waitFor([&] { return w.controller()->latest().epoch == 2; }));
            QSignalSpy saved(&w, &MainWindow::saved);
            w.saveFile(path);
            QTRY_COMPARE(saved.count(), 1);
            QCOMPARE(saved.first().at(1).toString(), QString());
            epoch = w.controller()->latest().epoch;
            weights = w.controller()->latest().model.parameters;
        }
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(path));
        QCOMPARE(w.document()->config(), xorConfig());
        QVERIFY(waitFor([&] { return w.controller()->latest().epoch == epoch; }));
        QCOMPARE(w.controller()->latest().model.parameters, weights);
        QCOMPARE(w.controller()->history().size(), std::size_t(3));
    }

    void undoAndRedoThroughTheEditMenu()
    {
        MainWindow w;
        w.show();
        Config c = w.document()->config();
        c.training.optimizer.learningRate = 0.2;
        w.document()->changeConfig(c, QStringLiteral("Change learning rate"));
        QCOMPARE(w.action(QStringLiteral("undo"))->text(), QStringLiteral("&Undo Change learning rate"));
        w.action(QStringLiteral("undo"))->trigger();
        QCOMPARE(w.document()->config().training.optimizer.learningRate, defaultConfig().training.optimizer.learningRate);
        w.action(QStringLiteral("redo"))->trigger();
        QCOMPARE(w.document()->config().training.optimizer.learningRate, 0.2);
        // The running trainer follows (without re-initialising).
        QVERIFY(waitFor([&] { return w.controller()->latest().learningRate == 0.2; }));
    }

    void divergenceShowsABanner()
    {
        MainWindow w;
        w.show();
        Config config;
        config.data.generator = Generator::Plane;
        config.data.count = 100;
        config.network.hidden = {LayerSpec{4, Activation::Linear}};
        config.network.head = OutputHead::Linear;
        config.network.loss = Loss::Squared;
        config.training.optimizer.kind = OptimizerKind::SGD;
        config.training.optimizer.learningRate = 5.0;
        w.document()->reset(config, generateDataset(config.data));
        w.controller()->reset(config, w.document()->dataset());
        w.action(QStringLiteral("play"))->trigger();
        QVERIFY(waitFor([&] { return w.banner()->isVisible(); }));
        QCOMPARE(w.banner()->text(), w.controller()->latest().stopMessage);
        QVERIFY(w.banner()->text().contains(QStringLiteral("learning rate")));
        QVERIFY(!w.controller()->latest().running);
    }

    void settingsPersistAcrossRuns()
    {
        {
            MainWindow w;
            w.show();
            Config c = w.document()->config();
            c.training.optimizer.learningRate = 0.123;
            w.document()->changeConfig(c, QStringLiteral("Change learning rate"));
            w.close();
        }
        MainWindow w;
        QCOMPARE(w.document()->config().training.optimizer.learningRate, 0.123);
    }

    // Closing with unsaved edits and discarding them: the window's parts go against the order
    // of dependence (the title and the autosave first, the views, then the controller, the
    // document last), so nothing is called on a part that is already gone.
    void teardownGoesAgainstTheOrderOfDependence()
    {
        auto w = std::make_unique<MainWindow>();
        w->show();
        Config c = w->document()->config();
        c.training.optimizer.learningRate = 0.2;
        w->document()->changeConfig(c, QStringLiteral("Change learning rate"));
        QVERIFY(!w->document()->undoStack()->isClean());
        QStringList gone;
        QObject recorder;
        auto record = [&](QObject *object, const QString &name) {
            connect(object, &QObject::destroyed, &recorder, [&gone, name] { gone.append(name); });
        };
        record(w->findChild<SessionFiles *>(), QStringLiteral("files"));
        record(w->sessionKeeper(), QStringLiteral("keeper"));
        record(w->boundaryView(), QStringLiteral("view"));
        record(w->controller(), QStringLiteral("controller"));
        record(w->document(), QStringLiteral("document"));
        int titleChanges = 0;
        connect(w.get(), &QWidget::windowTitleChanged, &recorder, [&] { ++titleChanges; });
        w->setUnsavedPrompt([] { return MainWindow::UnsavedChoice::Discard; });
        QVERIFY(w->close());
        titleChanges = 0;
        w.reset();
        QCOMPARE(gone, (QStringList{QStringLiteral("files"), QStringLiteral("keeper"), QStringLiteral("view"),
                                    QStringLiteral("controller"), QStringLiteral("document")}));
        QCOMPARE(titleChanges, 0);
    }

    // Starting a second lesson unlocks what only the first one locked.
    void aLessonsLocksEndWhenTheNextLessonStarts()
    {
        MainWindow w;
        w.show();
        auto lesson = [](const char *title, const char *locked) {
            const Config config = xorConfig();
            Lesson l;
            l.title = title;
            l.variants.push_back(LessonVariant{{}, {}, {}, Session{config, generateDataset(config.data), std::nullopt},
                                               {locked}, {}});
            return l;
        };
        auto *panel = w.findChild<LessonPanel *>();
        auto *algorithm = w.findChild<QWidget *>(QStringLiteral("algorithm"));
        auto *generator = w.findChild<QWidget *>(QStringLiteral("generator"));
        QVERIFY(panel && algorithm && generator);
        emit panel->lessonStarted(lesson("First", "algorithm"), 0);
        QVERIFY(!algorithm->isEnabled());
        QVERIFY(generator->isEnabled());
        emit panel->lessonStarted(lesson("Second", "generator"), 0);
        QVERIFY(!generator->isEnabled());
        QVERIFY(algorithm->isEnabled());
    }

    // Closing mid-training: the trained network counts as unsaved work, so the window asks;
    // discarded, it closes at once and its destruction stops the worker. How long that takes
    // is printed, not asserted.
    void closingWhileTrainingAsksAndThenCloses()
    {
        auto w = std::make_unique<MainWindow>();
        w->show();
        Config config = xorConfig();
        config.network.hidden = {LayerSpec{64, Activation::Tanh}, LayerSpec{64, Activation::Tanh}};
        w->document()->reset(config, generateDataset(config.data));
        w->controller()->reset(config, w->document()->dataset());
        w->action(QStringLiteral("play"))->trigger();
        QVERIFY(waitFor([&] { return w->controller()->latest().running && w->controller()->latest().epoch > 2; }));
        int asked = 0;
        w->setUnsavedPrompt([&] {
            ++asked;
            return MainWindow::UnsavedChoice::Discard;
        });
        QElapsedTimer t;
        t.start();
        QVERIFY(w->close());
        QCOMPARE(asked, 1);
        QVERIFY(!w->isVisible());
        w.reset();
        qInfo("window closed and destroyed %lld ms after the request, mid-training", t.elapsed());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
