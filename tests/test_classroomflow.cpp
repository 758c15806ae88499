// A lesson in front of a class, offscreen: nothing modal while switching lessons and variants,
// the user's own points put aside with Undo on the banner, lessons saved into "My lessons" and
// still there in a fresh window, true words about the data after Clear, painting and import,
// points far outside the plane offered a fit, divergence blamed on the data's scale when it is
// to blame, exports that say where they wrote, and information that goes away by itself.

#include "boundarylayout.h"
#include "data/generators.h"
#include "data/planefit.h"
#include "document.h"
#include "exportmenu.h"
#include "lessonpanel.h"
#include "lessonrunner.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "runsmodel.h"
#include "savelessondialog.h"
#include "sessionkeeper.h"
#include "session/lessonvariants.h"
#include "steadylabel.h"
#include "trainingcontroller.h"
#include "trainingmessage.h"
#include "trainingstatus.h"
#include "training/trainer.h"
#include "uitestsupport.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>
#include <QtTest>

using namespace np;
using namespace np::test;

namespace {

template <typename T>
T *child(QObject *root, const QString &name)
{
    T *w = root->findChild<T *>(name);
    if (!w)
        qFatal("no child %s", qPrintable(name));
    return w;
}

/// Paints `count` points of alternating classes along a diagonal, as one stroke.
std::vector<DataPoint> paint(Document *document, int count)
{
    std::vector<DataPoint> points;
    for (int i = 0; i < count; ++i)
        points.push_back(DataPoint{-3.0 + 0.5 * i, 2.0 - 0.25 * i, i % 2, 0.0, false});
    document->beginStroke(QStringLiteral("Paint"));
    document->addPoints(points);
    document->endStroke();
    return points;
}

/// The lessons with more than one variant (the switches a teacher makes most).
int lessonWithVariants(const LessonPanel &panel)
{
    for (std::size_t i = 0; i < panel.lessons().size(); ++i) {
        if (panel.lessons()[i].variants.size() > 1)
            return int(i);
    }
    return -1;
}

QStringList topLevelTitles(QTreeWidget *tree)
{
    QStringList titles;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        titles.append(tree->topLevelItem(i)->text(0));
    return titles;
}

QStringList itemsUnder(QTreeWidget *tree, const QString &group)
{
    QStringList titles;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0) != group)
            continue;
        for (int j = 0; j < tree->topLevelItem(i)->childCount(); ++j)
            titles.append(tree->topLevelItem(i)->child(j)->text(0));
    }
    return titles;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

/// Remembers what a banner was asked to schedule, so a test decides when the time is up.
struct ManualClock
{
    struct Pending
    {
        int ms;
        std::function<void()> timeout;
    };
    std::vector<Pending> pending;

    MessageBanner::Scheduler scheduler()
    {
        return [this](int ms, QObject *, std::function<void()> timeout) { pending.push_back({ms, std::move(timeout)}); };
    }
};

}  // namespace

class TestClassroomFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("NeuralPlaygroundTests"));
        QApplication::setApplicationName(QStringLiteral("test_classroomflow"));
    }

    void init()
    {
        QSettings().clear();
        QFile::remove(SessionKeeper::autosavePath());
    }

    // A teacher clicks through every variant of a lesson, then another lesson, with and without
    // points of their own on the plane: no dialog ever comes up.
    void switchingLessonsAndVariantsShowsNothingModal()
    {
        MainWindow w;
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        auto *panel = w.findChild<LessonPanel *>();
        const int contrast = lessonWithVariants(*panel);
        QVERIFY(contrast >= 0);
        QVERIFY(panel->lessons().size() >= 2);

        for (const bool ownWork : {false, true}) {
            for (int lesson : {contrast, contrast == 0 ? 1 : 0}) {
                panel->setCurrentLesson(lesson);
                for (const LessonVariant &variant : panel->lessons()[std::size_t(lesson)].variants) {
                    if (ownWork)
                        paint(w.document(), 6);
                    QCOMPARE(w.sessionKeeper()->isDocumentModified(), ownWork);
                    const QString name = variant.key.empty() ? QStringLiteral("startLesson")
                                                             : QStringLiteral("startLesson.") + QString::fromStdString(variant.key);
                    child<QPushButton>(panel, name)->click();
                    QCoreApplication::processEvents();
                    QCOMPARE(QApplication::activeModalWidget(), nullptr);
                    QVERIFY(w.findChildren<QDialog *>().isEmpty());
                    // The lesson's settings are on screen at once, as unmodified scratch work.
                    QVERIFY(w.document()->config() == variant.session.config);
                    QVERIFY(!w.isWindowModified());
                }
            }
        }
    }

    // The user's painted points and trained network are put aside by a lesson, and the banner's
    // Undo brings them back; the lesson's run is listed in Runs under its title.
    void undoOnTheBannerBringsThePaintedPointsBack()
    {
        MainWindow w;
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        ManualClock clock;
        w.banner()->setScheduler(clock.scheduler());
        auto *panel = w.findChild<LessonPanel *>();
        auto *runner = w.findChild<LessonRunner *>();
        QVERIFY(runner);

        // A lesson first, trained a little: switching away from it is scratch, recorded in Runs.
        const int contrast = lessonWithVariants(*panel);
        panel->setCurrentLesson(contrast);
        const Lesson lesson = panel->lessons()[std::size_t(contrast)];
        child<QPushButton>(panel, QStringLiteral("startLesson.") + QString::fromStdString(lesson.variants[0].key))->click();
        QVERIFY(!runner->canUndoSwitch());
        w.action(QStringLiteral("stepEpoch"))->trigger();
        w.action(QStringLiteral("stepEpoch"))->trigger();
        QVERIFY(waitFor([&] { return w.controller()->latest().epoch == 2; }));

        // Now points of the user's own on the lesson's data, trained one epoch.
        const std::vector<DataPoint> painted = paint(w.document(), 8);
        const Dataset mine = w.document()->dataset();
        w.action(QStringLiteral("stepEpoch"))->trigger();
        QVERIFY(waitFor([&] { return w.controller()->latest().epoch == 3; }));

        child<QPushButton>(panel, QStringLiteral("startLesson.") + QString::fromStdString(lesson.variants[1].key))->click();
        QCOMPARE(QApplication::activeModalWidget(), nullptr);
        QVERIFY(w.document()->dataset() != mine);
        QVERIFY(runner->canUndoSwitch());
        QVERIFY(!w.banner()->isHidden());
        QCOMPARE(w.banner()->text(), QStringLiteral("Your points and settings were put aside."));
        auto *undo = child<QPushButton>(w.banner(), QStringLiteral("undoLessonSwitch"));
        // The run the user leaves is in Runs under the lesson variant's title.
        auto *runs = w.findChild<RunsModel *>();
        QVERIFY(waitFor([&] { return runs->rowCount() >= 1; }));
        const QString title = lessonRunTitle(lesson, 0);
        QCOMPARE(QString::fromStdString(runs->run(0).name), QStringLiteral("#1 ") + title);
        QVERIFY(waitFor([&] { return runner->keptNetwork(); }));

        undo->click();
        QCOMPARE(w.document()->dataset(), mine);
        QCOMPARE(w.document()->dataset().points.size(), lesson.variants[0].session.dataset.points.size() + painted.size());
        QVERIFY(w.isWindowModified());  // no file holds these points
        QVERIFY(!runner->canUndoSwitch());
        // The network the user trained comes back with them, at its epoch.
        QVERIFY(waitFor([&] { return w.controller()->latest().epoch == 3; }));
        // A second switch puts them aside again: they are still the user's own work.
        child<QPushButton>(panel, QStringLiteral("startLesson.") + QString::fromStdString(lesson.variants[1].key))->click();
        QVERIFY(runner->canUndoSwitch());
        QCOMPARE(QApplication::activeModalWidget(), nullptr);

        // Closing the window does not lose them: they come back and the unsaved-work question
        // is about them.
        int asked = 0;
        Dataset seen;
        w.setUnsavedPrompt([&] {
            ++asked;
            seen = w.document()->dataset();
            return MainWindow::UnsavedChoice::Discard;
        });
        QVERIFY(w.close());
        QCOMPARE(asked, 1);
        QCOMPARE(seen, mine);
    }

    // File › Save as Lesson: the proposed name, the views that show, listed under My lessons at
    // once and in a fresh window; a further variant appended; a vanished file dropped with a note.
    void aSavedLessonIsListedAndRemembered()
    {
        QTemporaryDir dir;
        QString path;
        {
            MainWindow w;
            w.show();
            QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
            auto *health = child<QDockWidget>(&w, QStringLiteral("healthDock"));
            health->show();
            health->raise();
            auto *regions = child<QDockWidget>(&w, QStringLiteral("regionsDock"));
            regions->hide();
            w.action(QStringLiteral("saveAsLesson"))->trigger();
            auto *dialog = w.findChild<SaveLessonDialog *>();
            QVERIFY(dialog);
            child<QLineEdit>(dialog, QStringLiteral("title"))->setText(QStringLiteral("Rates, by hand!"));
            QVERIFY(dialog->proposedPath().endsWith(QStringLiteral("/rates-by-hand.json")));
            QVERIFY(child<QCheckBox>(dialog, QStringLiteral("view.boundary"))->isChecked());
            QVERIFY(child<QCheckBox>(dialog, QStringLiteral("view.health"))->isChecked());
            QVERIFY(!child<QCheckBox>(dialog, QStringLiteral("view.regions"))->isChecked());
            QVERIFY(!child<QCheckBox>(dialog, QStringLiteral("view.function"))->isChecked());  // its dock is closed
            QString proposed;
            dialog->setPathChooser([&](const QString &p) {
                proposed = p;
                return dir.filePath(QFileInfo(p).fileName());
            });
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
            path = dir.filePath(QStringLiteral("rates-by-hand.json"));
            QVERIFY(QFileInfo::exists(path));

            auto *panel = w.findChild<LessonPanel *>();
            auto *list = child<QTreeWidget>(panel, QStringLiteral("lessonList"));
            QCOMPARE(topLevelTitles(list).last(), LessonPanel::myLessonsTitle());
            QCOMPARE(itemsUnder(list, LessonPanel::myLessonsTitle()), QStringList{QStringLiteral("Rates, by hand!")});
            QCOMPARE(panel->lessons()[std::size_t(panel->currentLesson())].title, std::string("Rates, by hand!"));
            QVERIFY(child<QDockWidget>(&w, QStringLiteral("lessonsDock"))->isVisible());

            // The same setting with another η, as a further variant of that lesson.
            Config faster = w.document()->config();
            faster.training.optimizer.learningRate = 0.3;
            w.document()->changeConfig(faster, QStringLiteral("Change learning rate"));
            w.action(QStringLiteral("saveAsLesson"))->trigger();
            dialog = nullptr;
            for (SaveLessonDialog *d : w.findChildren<SaveLessonDialog *>()) {
                if (d->isVisible())
                    dialog = d;
            }
            QVERIFY(dialog);
            child<QRadioButton>(dialog, QStringLiteral("asVariant"))->setChecked(true);
            auto *save = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
            QVERIFY(!save->isEnabled());  // no button title yet
            QCOMPARE(child<QComboBox>(dialog, QStringLiteral("variantOf"))->currentData().toString(),
                     QFileInfo(path).absoluteFilePath());
            child<QLineEdit>(dialog, QStringLiteral("variantTitle"))->setText(QStringLiteral("Fast"));
            QVERIFY(save->isEnabled());
            save->click();
            const LessonReadResult read = loadLesson(path.toStdString());
            QCOMPARE(QString::fromStdString(read.error), QString());
            QCOMPARE(read.lesson->variants.size(), std::size_t(2));
            QCOMPARE(read.lesson->variants[0].title, std::string("Original"));
            QCOMPARE(read.lesson->variants[1].key, std::string("fast"));
            QCOMPARE(read.lesson->variants[1].session.config.training.optimizer.learningRate, 0.3);
            QVERIFY(read.lesson->variants[0].session.config.training.optimizer.learningRate != 0.3);
            // Listed once, with a start button per variant.
            QCOMPARE(itemsUnder(list, LessonPanel::myLessonsTitle()).size(), 1);
            QVERIFY(panel->findChild<QPushButton *>(QStringLiteral("startLesson.fast")));
            QVERIFY(panel->findChild<QPushButton *>(QStringLiteral("startLesson.original")));
        }
        {
            // A restart: the lesson is still there.
            MainWindow w;
            auto *panel = w.findChild<LessonPanel *>();
            auto *list = child<QTreeWidget>(panel, QStringLiteral("lessonList"));
            QCOMPARE(itemsUnder(list, LessonPanel::myLessonsTitle()), QStringList{QStringLiteral("Rates, by hand!")});
            QCOMPARE(panel->note(), QString());
        }
        QVERIFY(QFile::remove(path));
        {
            MainWindow w;
            auto *panel = w.findChild<LessonPanel *>();
            auto *list = child<QTreeWidget>(panel, QStringLiteral("lessonList"));
            QVERIFY(!topLevelTitles(list).contains(LessonPanel::myLessonsTitle()));
            QVERIFY(panel->note().contains(QStringLiteral("no longer exists")));
            QVERIFY(panel->note().contains(QStringLiteral("rates-by-hand.json")));
            QCOMPARE(rememberedLessonFiles(), QStringList());
        }
    }

    void lessonFileNamesComeFromTheTitle()
    {
        QCOMPARE(lessonFileName(QStringLiteral("A perceptron cannot solve XOR!")),
                 QStringLiteral("a-perceptron-cannot-solve-xor.json"));
        QCOMPARE(lessonFileName(QStringLiteral("Régularisation L1 / L2")), QStringLiteral("regularisation-l1-l2.json"));
        QCOMPARE(lessonFileName(QStringLiteral("  ?? ")), QStringLiteral("lesson.json"));
    }

    // A lesson with its own points takes only variants on those points.
    void aVariantOnOtherPointsIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("own.json"));
        Lesson lesson;
        lesson.title = "Own points";
        Config config = defaultConfig();
        Dataset data = generateDataset(config.data);
        data.points.resize(10);
        lesson.variants.push_back(LessonVariant{{}, {}, {}, Session{config, data, std::nullopt}, {}, {}});
        QCOMPARE(saveLesson(path.toStdString(), lesson), std::string());
        const QByteArray before = [&] { QFile f(path); f.open(QIODevice::ReadOnly); return f.readAll(); }();

        LessonVariant other{{}, "Other", {}, Session{config, generateDataset(config.data), std::nullopt}, {}, {}};
        const std::string error = appendLessonVariant(path.toStdString(), other, "Original");
        QVERIFY2(error.find("its own points") != std::string::npos, error.c_str());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);

        config.training.optimizer.learningRate = 0.5;
        LessonVariant same{{}, "Fast", {}, Session{config, data, std::nullopt}, {"learningRate"}, {}};
        QCOMPARE(appendLessonVariant(path.toStdString(), same, "Original"), std::string());
        const LessonReadResult read = loadLesson(path.toStdString());
        QCOMPARE(read.lesson->variants.size(), std::size_t(2));
        QCOMPARE(read.lesson->variants[1].session.dataset, data);
        QCOMPARE(read.lesson->variants[1].locked, std::vector<std::string>{"learningRate"});
    }

    // The Data panel and the status bar say what is there after Clear, painting and import;
    // the loss and accuracy of older data are not shown as if they were of the new.
    void statusAndDataTextFollowTheData()
    {
        MainWindow w;
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        auto *summary = child<QLabel>(&w, QStringLiteral("dataSummary"));
        auto *status = child<SteadyLabel>(&w, QStringLiteral("statusData"));
        auto *loss = child<SteadyLabel>(&w, QStringLiteral("statusLoss"));
        auto *trainingStatus = w.findChild<TrainingStatus *>();

        w.action(QStringLiteral("stepEpoch"))->trigger();
        QVERIFY(waitFor([&] { return !w.controller()->history().empty() && !trainingStatus->isStale(); }));
        QVERIFY(loss->text().startsWith(QStringLiteral("Loss ")));
        QVERIFY(!loss->text().contains(QStringLiteral("—")));

        child<QPushButton>(&w, QStringLiteral("clear"))->click();
        QCOMPARE(summary->text(), QStringLiteral("Your data: no points yet. Paint some, or generate."));
        QCOMPARE(status->text(), summary->text());

        paint(w.document(), 3);
        QCOMPARE(summary->text(), QStringLiteral("Your data: 3 points, 2 classes"));
        QCOMPARE(status->text(), summary->text());
        QVERIFY(trainingStatus->isStale());
        QCOMPARE(loss->text(), QStringLiteral("Loss —"));
        QVERIFY(loss->toolTip().startsWith(QStringLiteral("Not yet trained on this data")));
        QCOMPARE(child<SteadyLabel>(&w, QStringLiteral("statusQuality"))->text(), QStringLiteral("Accuracy —"));
        // The next evaluation on the new points brings the numbers back (the points reach the
        // worker at the end of the turn that painted them).
        QCoreApplication::processEvents();
        w.action(QStringLiteral("stepEpoch"))->trigger();
        QVERIFY(waitFor([&] { return !trainingStatus->isStale(); }));
        QVERIFY(!loss->text().contains(QStringLiteral("—")));

        // 4,012 points in three classes, 802 of them for validation.
        QTemporaryDir dir;
        QByteArray csv = "x1,x2,label,split\n";
        for (int i = 0; i < 4012; ++i)
            csv += QByteArray::number(-5.0 + i * 0.0025) + ',' + QByteArray::number(i % 7 - 3) + ','
                   + QByteArray::number(i % 3) + (i < 802 ? ",validation\n" : ",train\n");
        const QString path = dir.filePath(QStringLiteral("three.csv"));
        writeFile(path, csv);
        QVERIFY(w.importCsv(path));
        QCOMPARE(summary->text(), QStringLiteral("Your data: 4,012 points, 3 classes (802 for validation)"));
        QCOMPARE(status->text(), QStringLiteral("Your data: 4,012 points, 3 classes"));
        QCOMPARE(status->toolTip(), summary->text());
        QVERIFY(trainingStatus->isStale());
        QVERIFY(w.banner()->isHidden() || !w.banner()->text().contains(QStringLiteral("outside")));

        // A history older than its data (a session restored after an edit): its numbers count
        // other points than are there, so they are not shown as if they were of these.
        QCoreApplication::processEvents();
        w.action(QStringLiteral("stepEpoch"))->trigger();
        QVERIFY(waitFor([&] { return !trainingStatus->isStale(); }));
        Dataset fewer = w.document()->dataset();
        fewer.points.resize(100);
        w.document()->reset(w.document()->config(), fewer);
        QVERIFY(trainingStatus->isStale());
        QCOMPARE(loss->text(), QStringLiteral("Loss —"));
    }

    // Coordinates of 1e308: the banner warns and offers rescaling, clipping or keeping them.
    void farOutsidePointsAreOfferedAFit()
    {
        MainWindow w;
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.csv"));
        writeFile(path, "x1,x2,label\n1e308,0,0\n-1e308,1,1\n0,-2e307,0\n5e307,3,1\n");

        for (const QString &choice : {QStringLiteral("rescaleImport"), QStringLiteral("clipImport"),
                                      QStringLiteral("keepImport")}) {
            QVERIFY(w.importCsv(path));
            const Dataset imported = w.document()->dataset();
            QCOMPARE(imported.points[0].x1, 1e308);
            QVERIFY(!w.banner()->isHidden());
            QCOMPARE(w.banner()->kind(), MessageBanner::Warning);
            QVERIFY2(w.banner()->text().contains(QStringLiteral("1e+308")), qPrintable(w.banner()->text()));
            QCOMPARE(QApplication::activeModalWidget(), nullptr);
            const int steps = w.document()->undoStack()->index();
            child<QPushButton>(w.banner(), choice)->click();
            QVERIFY(w.banner()->isHidden());
            const Dataset &now = w.document()->dataset();
            if (choice == QStringLiteral("keepImport")) {
                QCOMPARE(now, imported);
                QCOMPARE(w.document()->undoStack()->index(), steps);
                continue;
            }
            QCOMPARE(w.document()->undoStack()->index(), steps + 1);
            QVERIFY(maxAbsCoordinate(now) <= kPlaneExtent);
            if (choice == QStringLiteral("rescaleImport")) {
                // Per axis onto ±0.9·extent, order kept.
                QCOMPARE(now.points[0].x1, 0.9 * kPlaneExtent);
                QCOMPARE(now.points[1].x1, -0.9 * kPlaneExtent);
                QCOMPARE(now.points[3].x2, 0.9 * kPlaneExtent);
                QVERIFY(now.points[2].x1 > now.points[1].x1 && now.points[2].x1 < now.points[3].x1);
            } else {
                QCOMPARE(now.points[0].x1, kPlaneExtent);
                QCOMPARE(now.points[1].x1, -kPlaneExtent);
                QCOMPARE(now.points[1].x2, 1.0);  // inside: untouched
            }
            // One undo step brings the imported points back.
            w.document()->undoStack()->undo();
            QCOMPARE(w.document()->dataset(), imported);
        }
    }

    // Inputs of 1e308 without standardisation: the divergence message says so, not "η".
    void aDivergenceFromTheDataScaleBlamesTheData()
    {
        Config c;
        c.network.hidden = {LayerSpec{4, Activation::Tanh}};
        c.training.optimizer.learningRate = 0.001;
        Dataset data;
        data.classCount = 2;
        for (int i = 0; i < 20; ++i)
            data.points.push_back(DataPoint{(i % 2 ? 1.0 : -1.0) * 1e308 / (i + 1), double(i), i % 2, 0.0, false});
        Trainer t;
        QCOMPARE(t.reset(c, data), std::string());
        for (int e = 0; e < 20 && !t.isStopped(); ++e)
            t.trainEpoch();
        QCOMPARE(t.stopReason(), StopReason::Diverged);
        const std::string &message = t.stopMessage();
        QVERIFY2(message.find("Your inputs reach 1e+308") != std::string::npos, message.c_str());
        QVERIFY2(message.find("standardise them") != std::string::npos, message.c_str());
        QVERIFY2(message.find("learning rate (η") == std::string::npos, message.c_str());
    }

    // An export says where it went; "Show in Folder" opens that folder (through the injected opener).
    void exportsConfirmWhereTheyWrote()
    {
        MainWindow w;
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        QList<QUrl> opened;
        w.banner()->setOpener([&](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("points.csv"));
        QVERIFY(w.exportCsv(csv));
        QVERIFY(!w.banner()->isHidden());
        QVERIFY2(w.banner()->text().contains(QDir::toNativeSeparators(csv)), qPrintable(w.banner()->text()));
        child<QPushButton>(w.banner(), QStringLiteral("showInFolder"))->click();
        QCOMPARE(opened, QList<QUrl>{QUrl::fromLocalFile(QFileInfo(csv).absolutePath())});

        // Several figures: named by their folder.
        const QStringList figures{dir.filePath(QStringLiteral("boundary.png")), dir.filePath(QStringLiteral("loss.png"))};
        confirmFigureExport(&w, figures);
        QVERIFY(w.banner()->text().contains(QStringLiteral("2 figures")));
        QVERIFY(w.banner()->text().contains(QDir::toNativeSeparators(QFileInfo(figures[0]).absolutePath())));
        child<QPushButton>(w.banner(), QStringLiteral("showInFolder"))->click();
        QCOMPARE(opened.size(), 2);
        QCOMPARE(opened.last(), QUrl::fromLocalFile(QFileInfo(figures[0]).absolutePath()));
        // A cancelled export says nothing.
        w.banner()->dismiss();
        confirmFigureExport(&w, {QString()});
        QVERIFY(w.banner()->isHidden());
    }

    // Information goes away after its (injected) time; warnings stay; an older timeout does not
    // hide a newer message; information does not push aside a question.
    void informationHidesAfterItsTimeout()
    {
        MainWindow w;
        w.show();
        ManualClock clock;
        w.banner()->setScheduler(clock.scheduler());
        TrainingMessage afresh;
        afresh.kind = TrainingMessage::Kind::Reinitialised;
        afresh.text = QStringLiteral("The data now needs a different output layer, so the network was initialised afresh.");
        emit w.controller()->message(afresh);
        QVERIFY(!w.banner()->isHidden());
        QCOMPARE(clock.pending.size(), std::size_t(1));
        QCOMPARE(clock.pending[0].ms, MessageBanner::kInformationMs);
        clock.pending[0].timeout();
        QVERIFY(w.banner()->isHidden());

        MessageBanner banner;
        banner.setScheduler(clock.scheduler());
        clock.pending.clear();
        banner.showMessage(QStringLiteral("first"), MessageBanner::Information);
        banner.showMessage(QStringLiteral("second"), MessageBanner::Information);
        clock.pending[0].timeout();
        QVERIFY(!banner.isHidden());
        QCOMPARE(banner.text(), QStringLiteral("second"));
        clock.pending[1].timeout();
        QVERIFY(banner.isHidden());

        clock.pending.clear();
        banner.showMessage(QStringLiteral("diverged"), MessageBanner::Warning);
        QVERIFY(clock.pending.empty());  // stays until dismissed
        banner.showMessage(QStringLiteral("rescale?"), MessageBanner::Warning,
                           {BannerAction{QStringLiteral("Rescale"), QStringLiteral("rescale"), {}}});
        QVERIFY(!banner.showMessage(QStringLiteral("saved"), MessageBanner::Information));
        QCOMPARE(banner.text(), QStringLiteral("rescale?"));
        child<QPushButton>(&banner, QStringLiteral("rescale"))->click();
        QVERIFY(banner.isHidden());
    }
};

QTEST_MAIN(TestClassroomFlow)
#include "test_classroomflow.moc"
