// The Lessons panel, locking and highlighting controls by name, and File › Save as lesson,
// driven offscreen with the real settings panels.

#include "datapanel.h"
#include "document.h"
#include "lessonpanel.h"
#include "networkpanel.h"
#include "painttool.h"
#include "savelessondialog.h"
#include "trainingpanel.h"

#include "data/generators.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtTest>

#include <memory>
#include <set>

namespace np {

namespace {

template <typename T>
T *control(QWidget *root, const QString &name)
{
    T *w = root->findChild<T *>(name);
    if (!w)
        qFatal("no control %s", qPrintable(name));
    return w;
}

/// The three settings panels in one widget, as the main window's docks hold them.
struct Panels
{
    Panels()
    {
        const Config config = defaultConfig();
        document.reset(config, generateDataset(config.data));
        auto *layout = new QVBoxLayout(&root);
        data = new DataPanel(&document, &tool);
        network = new NetworkPanel(&document);
        training = new TrainingPanel(&document);
        layout->addWidget(data);
        layout->addWidget(network);
        layout->addWidget(training);
    }

    Document document;
    PaintTool tool;
    QWidget root;
    DataPanel *data = nullptr;
    NetworkPanel *network = nullptr;
    TrainingPanel *training = nullptr;
};

int indexOf(const LessonPanel &panel, const std::string &id)
{
    for (std::size_t i = 0; i < panel.lessons().size(); ++i) {
        if (panel.lessons()[i].id == id)
            return int(i);
    }
    return -1;
}

}  // namespace

class TestLessonPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The remembered lesson files live in the test's own settings, never the user's.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("NeuralPlaygroundTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_lessonpanel"));
    }
    void init() { QSettings().clear(); }
    void builtinLessonsComeFromTheResources();
    void selectingShowsTheLessonAndStartEmitsIt();
    void everyLessonNamesRealControls();
    void locksSurvivePanelUpdatesAndClear();
    void saveDialogWritesTheLesson();
    void openedLessonsAreRememberedOnceAndCanBeRemoved();
};

void TestLessonPanel::builtinLessonsComeFromTheResources()
{
    LessonPanel panel;
    const LessonList folder = loadLessonDirectory(NP_LESSONS_DIR);
    QCOMPARE(panel.lessons().size(), folder.lessons.size());  // lessons.qrc lists every file
    std::set<std::string> chapters;
    for (std::size_t i = 0; i < folder.lessons.size(); ++i) {
        QCOMPARE(panel.lessons()[i].id, folder.lessons[i].id);
        chapters.insert(folder.lessons[i].chapter);
    }
    auto *list = control<QTreeWidget>(&panel, QStringLiteral("lessonList"));
    QCOMPARE(list->topLevelItemCount(), int(chapters.size()));
    QCOMPARE(list->topLevelItem(0)->text(0), QString::fromStdString(folder.lessons[0].chapter));
    QCOMPARE(list->topLevelItem(0)->child(0)->text(0), QString::fromStdString(folder.lessons[0].title));
    QCOMPARE(panel.currentLesson(), 0);
}

void TestLessonPanel::selectingShowsTheLessonAndStartEmitsIt()
{
    LessonPanel panel;
    QSignalSpy started(&panel, &LessonPanel::lessonStarted);
    QSignalSpy ended(&panel, &LessonPanel::lessonEnded);
    auto *list = control<QTreeWidget>(&panel, QStringLiteral("lessonList"));
    auto *text = control<QTextBrowser>(&panel, QStringLiteral("lessonText"));

    // Choosing in the list, as a user would.
    const int rates = indexOf(panel, "08-learning-rate");
    QVERIFY(rates >= 0);
    for (QTreeWidgetItemIterator it(list); *it; ++it) {
        if ((*it)->data(0, Qt::UserRole) == QVariant(rates))
            list->setCurrentItem(*it);
    }
    QCOMPARE(panel.currentLesson(), rates);
    QVERIFY(text->toPlainText().contains(QStringLiteral("The learning rate: too small, too large, diverging")));
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("startLesson")));
    auto *end = control<QPushButton>(&panel, QStringLiteral("endLesson"));
    QVERIFY(!end->isEnabled());
    control<QPushButton>(&panel, QStringLiteral("startLesson.large"))->click();
    QCOMPARE(started.count(), 1);
    const Lesson lesson = started.at(0).at(0).value<Lesson>();
    QCOMPARE(lesson.id, std::string("08-learning-rate"));
    QCOMPARE(started.at(0).at(1).toInt(), 2);
    QCOMPARE(lesson.variants[2].session.config.training.optimizer.learningRate, 1.5);
    QVERIFY(end->isEnabled());
    end->click();
    QCOMPARE(ended.count(), 1);
    QVERIFY(!end->isEnabled());

    // A lesson without variants has one start button.
    panel.setCurrentLesson(indexOf(panel, "01-perceptron-xor"));
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("startLesson.large")));
    control<QPushButton>(&panel, QStringLiteral("startLesson"))->click();
    QCOMPARE(started.count(), 2);
    QCOMPARE(started.at(1).at(0).value<Lesson>().id, std::string("01-perceptron-xor"));
    QCOMPARE(started.at(1).at(1).toInt(), 0);
}

void TestLessonPanel::everyLessonNamesRealControls()
{
    // A misspelt name in a lesson file would silently lock nothing.
    Panels panels;
    LessonPanel lessons;
    int marked = 0;
    for (const Lesson &lesson : lessons.lessons()) {
        for (const LessonVariant &v : lesson.variants) {
            panels.document.reset(v.session.config, v.session.dataset);
            const QStringList unmatched = applyLessonControls(&panels.root, v.locked, v.highlighted);
            QVERIFY2(unmatched.isEmpty(), qPrintable(QString::fromStdString(lesson.id + " " + v.key + ": ")
                                                     + unmatched.join(QStringLiteral(", "))));
            for (const std::string &name : v.locked) {
                if (name.find('*') == std::string::npos) {
                    QVERIFY(!control<QWidget>(&panels.root, QString::fromStdString(name))->isEnabled());
                    ++marked;
                }
            }
            clearLessonControls(&panels.root);
        }
    }
    QVERIFY(marked > 20);
}

void TestLessonPanel::locksSurvivePanelUpdatesAndClear()
{
    Panels panels;
    auto *batch = control<QSpinBox>(&panels.root, QStringLiteral("batchSize"));
    auto *full = control<QCheckBox>(&panels.root, QStringLiteral("fullBatch"));
    auto *rate = control<QDoubleSpinBox>(&panels.root, QStringLiteral("learningRate"));
    auto *optimizer = control<QComboBox>(&panels.root, QStringLiteral("optimizer"));
    auto *activation0 = control<QComboBox>(&panels.root, QStringLiteral("layer0.activation"));
    const QString batchTip = batch->toolTip();
    const QColor optimizerButton = optimizer->palette().color(QPalette::Button);
    QVERIFY(!batchTip.isEmpty());
    QVERIFY(batch->isEnabled());

    const QStringList unmatched =
        applyLessonControls(&panels.root, {"batchSize", "learningRate", "layer*.activation", "noSuchControl"},
                            {"optimizer"});
    QCOMPARE(unmatched, QStringList{QStringLiteral("noSuchControl")});
    QVERIFY(!batch->isEnabled());
    QVERIFY(!rate->isEnabled());
    QVERIFY(!activation0->isEnabled());
    QCOMPARE(batch->toolTip(), QStringLiteral("Locked by the lesson."));
    QVERIFY(full->isEnabled());
    QVERIFY(optimizer->isEnabled());
    QVERIFY(optimizer->autoFillBackground());
    QVERIFY(optimizer->palette().color(QPalette::Button) != optimizerButton);

    // The training panel enables the batch size again when "full batch" is unticked.
    full->click();
    full->click();
    QVERIFY(!full->isChecked());
    QVERIFY(!batch->isEnabled());
    // A settings change re-syncs every panel (and the activation's tooltip); the locks hold.
    Config config = panels.document.config();
    config.training.optimizer.learningRate = 0.2;
    config.network.hidden[0].activation = Activation::ReLU;
    panels.document.changeConfig(config, QStringLiteral("Change settings"));
    QVERIFY(!rate->isEnabled());
    QVERIFY(!activation0->isEnabled());
    QCOMPARE(activation0->toolTip(), QStringLiteral("Locked by the lesson."));
    // Applying again is harmless.
    applyLessonControls(&panels.root, {"batchSize"}, {"optimizer"});

    clearLessonControls(&panels.root);
    QVERIFY(batch->isEnabled());
    QVERIFY(rate->isEnabled());
    QVERIFY(activation0->isEnabled());
    QCOMPARE(batch->toolTip(), batchTip);
    QVERIFY(activation0->toolTip() != QStringLiteral("Locked by the lesson."));
    QVERIFY(!activation0->toolTip().isEmpty());
    QCOMPARE(optimizer->palette().color(QPalette::Button), optimizerButton);
    QVERIFY(!optimizer->autoFillBackground());
    // Unlocked controls follow their panel again.
    full->click();
    QVERIFY(!batch->isEnabled());
    full->click();
    QVERIFY(batch->isEnabled());
}

void TestLessonPanel::saveDialogWritesTheLesson()
{
    Panels panels;
    Config config = panels.document.config();
    config.training.optimizer.learningRate = 0.03;
    panels.document.changeConfig(config, QStringLiteral("Change learning rate"));
    SaveLessonDialog dialog(panels.document.config(), panels.document.dataset(),
                            {{QStringLiteral("Data"), panels.data},
                             {QStringLiteral("Network"), panels.network},
                             {QStringLiteral("Training"), panels.training}});
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(!buttons->button(QDialogButtonBox::Save)->isEnabled());
    control<QLineEdit>(&dialog, QStringLiteral("title"))->setText(QStringLiteral("Learning rate by hand"));
    QVERIFY(buttons->button(QDialogButtonBox::Save)->isEnabled());
    control<QLineEdit>(&dialog, QStringLiteral("chapter"))->setText(QStringLiteral("Week 3"));
    control<QPlainTextEdit>(&dialog, QStringLiteral("text"))->setPlainText(QStringLiteral("Watch the <b>loss</b>."));
    control<QCheckBox>(&dialog, QStringLiteral("view.health"))->setChecked(true);
    dialog.setControlChecked(QStringLiteral("learningRate"), 1, true);
    dialog.setControlChecked(QStringLiteral("layer0.activation"), 1, true);
    dialog.setControlChecked(QStringLiteral("optimizer"), 2, true);

    // The list names the panels' controls, with the text of their labels, and no Qt internals.
    auto *tree = control<QTreeWidget>(&dialog, QStringLiteral("controls"));
    QCOMPARE(tree->topLevelItemCount(), 3);
    bool found = false;
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        QVERIFY(!(*it)->text(0).startsWith(QLatin1String("qt_")));
        found |= (*it)->text(0) == QStringLiteral("Learning rate η (learningRate)");
    }
    QVERIFY(found);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rate.json"));
    QCOMPARE(dialog.saveTo(path), std::string());
    const LessonReadResult read = loadLesson(path.toStdString());
    QCOMPARE(QString::fromStdString(read.error), QString());
    const Lesson &lesson = *read.lesson;
    QCOMPARE(lesson.title, std::string("Learning rate by hand"));
    QCOMPARE(lesson.chapter, std::string("Week 3"));
    QCOMPARE(lesson.text, std::string("Watch the <b>loss</b>."));
    QCOMPARE(lesson.views.size(), std::size_t(3));
    QCOMPARE(lesson.views.back(), LessonView::Health);
    QCOMPARE(lesson.variants.size(), std::size_t(1));
    QVERIFY(lesson.variants[0].session.config == panels.document.config());
    QCOMPARE(lesson.variants[0].session.dataset, panels.document.dataset());
    QCOMPARE(lesson.variants[0].locked, (std::vector<std::string>{"layer0.activation", "learningRate"}));
    QCOMPARE(lesson.variants[0].highlighted, std::vector<std::string>{"optimizer"});

    // The saved lesson opens in the Lessons panel under "My lessons" (its chapter stays in the file).
    LessonPanel panel;
    const std::size_t before = panel.lessons().size();
    QCOMPARE(panel.openLessonFile(path), std::string());
    QCOMPARE(panel.lessons().size(), before + 1);
    QCOMPARE(panel.currentLesson(), int(before));
    auto *list = control<QTreeWidget>(&panel, QStringLiteral("lessonList"));
    QTreeWidgetItem *mine = list->topLevelItem(list->topLevelItemCount() - 1);
    QCOMPARE(mine->text(0), LessonPanel::myLessonsTitle());
    QCOMPARE(mine->childCount(), 1);
    QCOMPARE(mine->child(0)->text(0), QStringLiteral("Learning rate by hand"));
    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{");
    file.close();
    QVERIFY(QString::fromStdString(panel.openLessonFile(broken)).startsWith(broken));
    QCOMPARE(panel.lessons().size(), before + 1);
}
void TestLessonPanel::openedLessonsAreRememberedOnceAndCanBeRemoved()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mine.json"));
    Lesson lesson;
    lesson.title = "Mine";
    const Config config = defaultConfig();
    lesson.variants.push_back(LessonVariant{{}, {}, {}, Session{config, generateDataset(config.data), std::nullopt}, {}, {}});
    QCOMPARE(saveLesson(path.toStdString(), lesson), std::string());

    std::size_t builtin = 0;
    {
        LessonPanel panel;
        builtin = panel.lessons().size();
        QCOMPARE(panel.openLessonFile(path), std::string());
        // Opened again (after a variant was added, say): replaced in place, not listed twice.
        lesson.title = "Mine, revised";
        QCOMPARE(saveLesson(path.toStdString(), lesson), std::string());
        QCOMPARE(panel.openLessonFile(path), std::string());
        QCOMPARE(panel.lessons().size(), builtin + 1);
        QCOMPARE(panel.lessons().back().title, std::string("Mine, revised"));
        QCOMPARE(panel.lessonFile(int(builtin)), QFileInfo(path).absoluteFilePath());
        QCOMPARE(panel.lessonFile(0), QString());
    }
    QCOMPARE(rememberedLessonFiles(), QStringList{QFileInfo(path).absoluteFilePath()});
    {
        LessonPanel panel;  // a restart
        QCOMPARE(panel.lessons().size(), builtin + 1);
        QCOMPARE(panel.lessons().back().title, std::string("Mine, revised"));
        panel.removeLessonFile(QFileInfo(path).absoluteFilePath());
        QCOMPARE(panel.lessons().size(), builtin);
    }
    QCOMPARE(rememberedLessonFiles(), QStringList());
    QVERIFY(QFileInfo::exists(path));  // taken off the list, not deleted

    // A remembered file that became unreadable is dropped with a note naming it.
    rememberLessonFile(path);
    QFile broken(path);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{");
    broken.close();
    LessonPanel panel;
    QCOMPARE(panel.lessons().size(), builtin);
    QVERIFY(panel.note().contains(QStringLiteral("mine.json")));
    QCOMPARE(rememberedLessonFiles(), QStringList());
}

}  // namespace np

QTEST_MAIN(np::TestLessonPanel)
#include "test_lessonpanel.moc"
