// Faults on the window's save path: saving into a read-only folder, onto a full disk, to a
// folder that is gone, and the autosave folder becoming unwritable while training. Each save
// must fail with a message naming the file and the cause, leave the previous file as it was and
// lose nothing: the window stays modified and a later save, once the fault is gone, saves it all.

#include "faultsupport.h"
#include "document.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "sessionkeeper.h"
#include "trainingcontroller.h"
#include "uitestsupport.h"

#include "data/csv.h"
#include "io/sessionjson.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace np;
using namespace np::faults;

namespace {

/// Saves through the window and returns the error of the save that finished.
QString saveAndWait(MainWindow &w, const QString &path)
{
    QSignalSpy saved(&w, &MainWindow::saved);
    w.saveFile(path);
    if (!saved.wait(20000))
        return QStringLiteral("(no answer)");
    return saved.first().at(1).toString();
}

/// An edit that makes the window's work unsaved.
void editLearningRate(MainWindow &w, double rate)
{
    Config c = w.document()->config();
    c.training.optimizer.learningRate = rate;
    w.document()->changeConfig(c, QStringLiteral("Change learning rate"));
}

bool hasErrorBoxSaying(const MainWindow &w, const QString &text)
{
    for (const QMessageBox *box : w.findChildren<QMessageBox *>(QStringLiteral("errorBox"))) {
        if (box->text().contains(text))
            return true;
    }
    return false;
}

}  // namespace

class TestFaultsWindow : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->setUnsavedPrompt([] { return MainWindow::UnsavedChoice::Discard; });
        m_window->show();
        QVERIFY(m_dir.isValid());
        m_folder = m_dir.filePath(QStringLiteral("case%1").arg(++m_case));
        QVERIFY(QDir().mkpath(m_folder));
        m_previous = m_folder + QStringLiteral("/session.json");
        // The previous file: the window's session as saved before the fault.
        QCOMPARE(saveAndWait(*m_window, m_previous), QString());
        m_previousBytes = readBytes(m_previous);
        QVERIFY(!m_previousBytes.isEmpty());
        QVERIFY(!m_window->isWindowModified());
    }

    void cleanup()
    {
        m_window.reset();
    }

    void savingIntoAReadOnlyFolderKeepsThePreviousFileAndTheWork()
    {
        editLearningRate(*m_window, 0.0625);
        QVERIFY(m_window->isWindowModified());
        {
            ReadOnlyFolder readOnly(m_folder);
            if (!readOnly.holds())
                QSKIP("running as root without the capabilities to drop: a read-only folder does not stop root");
            const QString error = saveAndWait(*m_window, m_previous);
            QVERIFY2(error.contains(m_previous), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("Permission denied")), qPrintable(error));
            QVERIFY(hasErrorBoxSaying(*m_window, m_previous));
        }
        QCOMPARE(readBytes(m_previous), m_previousBytes);
        QVERIFY(m_window->isWindowModified());
        QCOMPARE(QDir(m_folder).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("session.json")});
        // Writable again: the edit is saved.
        QCOMPARE(saveAndWait(*m_window, m_previous), QString());
        QVERIFY(!m_window->isWindowModified());
        const SessionReadResult back = loadSession(m_previous.toStdString());
        QVERIFY2(back.session, back.error.c_str());
        QCOMPARE(back.session->config.training.optimizer.learningRate, 0.0625);
    }

    void savingOntoAFullDiskKeepsThePreviousFileAndTheWork()
    {
        editLearningRate(*m_window, 0.125);
        {
            // Less than the session needs: the write runs out of room part way.
            FileSizeLimit full(rlim_t(m_previousBytes.size() / 2));
            const QString error = saveAndWait(*m_window, m_previous);
            QVERIFY2(error.contains(m_previous), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("File too large")), qPrintable(error));
        }
        QCOMPARE(readBytes(m_previous), m_previousBytes);
        QVERIFY(m_window->isWindowModified());
        // No half-written temporary file is left behind.
        QCOMPARE(QDir(m_folder).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("session.json")});
        QCOMPARE(saveAndWait(*m_window, m_previous), QString());
        QCOMPARE(loadSession(m_previous.toStdString()).session->config.training.optimizer.learningRate, 0.125);
    }

    void savingToAFolderThatIsGoneKeepsTheWork()
    {
        // The file was opened from a folder that is removed (an unplugged stick, a deleted folder).
        const QString sub = m_folder + QStringLiteral("/stick");
        QVERIFY(QDir().mkpath(sub));
        const QString path = sub + QStringLiteral("/s.json");
        QVERIFY(QFile::copy(m_previous, path));
        QVERIFY(m_window->openFile(path));
        editLearningRate(*m_window, 0.25);
        QVERIFY(QDir(sub).removeRecursively());
        const QString error = saveAndWait(*m_window, m_window->filePath());
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("No such file or directory")), qPrintable(error));
        QVERIFY(m_window->isWindowModified());
        QCOMPARE(m_window->filePath(), path);
        QVERIFY(QDir().mkpath(sub));
        QCOMPARE(saveAndWait(*m_window, path), QString());
        QVERIFY(!m_window->isWindowModified());
        QCOMPARE(loadSession(path.toStdString()).session->config.training.optimizer.learningRate, 0.25);
    }

    void anAutosaveFolderThatBecomesUnwritableWhileTrainingIsReportedAndRecovers()
    {
        SessionKeeper *keeper = m_window->sessionKeeper();
        keeper->setDelays(20, 50);
        QSignalSpy autosaved(keeper, &SessionKeeper::autosaved);
        m_window->action(QStringLiteral("play"))->trigger();
        QVERIFY(autosaved.wait(20000));
        QCOMPARE(autosaved.last().at(0).toString(), QString());
        const QString autosave = keeper->autosavePath();
        const QString folder = QFileInfo(autosave).path();

        // The folder turns into a file (a mount gone wrong, a cleaner's mistake): no write can
        // succeed there, for root neither.
        QVERIFY(QDir(folder).removeRecursively());
        QVERIFY(writeBytes(folder, "not a folder"));
        autosaved.clear();
        QTRY_VERIFY_WITH_TIMEOUT(!autosaved.isEmpty() && !autosaved.last().at(0).toString().isEmpty(), 20000);
        const QString error = autosaved.last().at(0).toString();
        QVERIFY2(error.contains(folder), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("Not a directory")) || error.contains(QStringLiteral("File exists")),
                 qPrintable(error));
        // The user is told once in the banner (nothing modal), then in the status bar while it
        // goes on failing.
        MessageBanner *banner = findMessageBanner(m_window.get());
        QVERIFY(banner && banner->isVisible());
        QCOMPARE(banner->kind(), MessageBanner::Warning);
        QVERIFY2(banner->text().contains(folder), qPrintable(banner->text()));
        QCOMPARE(QApplication::activeModalWidget(), nullptr);
        QVERIFY(m_window->findChildren<QMessageBox *>(QStringLiteral("errorBox")).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(autosaved.size() >= 3, 20000);
        QVERIFY(m_window->statusBar()->currentMessage().contains(folder));

        // The folder is back: autosaving resumes and the autosave holds the trained session.
        QVERIFY(QFile::remove(folder));
        autosaved.clear();
        QTRY_VERIFY_WITH_TIMEOUT(!autosaved.isEmpty() && autosaved.last().at(0).toString().isEmpty(), 20000);
        m_window->action(QStringLiteral("play"))->trigger();  // pause
        const SessionReadResult back = loadSession(autosave.toStdString());
        QVERIFY2(back.session, back.error.c_str());
        QVERIFY(back.session->state.has_value());
        QVERIFY(back.session->state->epoch > 0 || back.session->state->step > 0);
        QVERIFY(m_window->isWindowModified());
    }

    void aCsvOfTwoMillionRowsIsRefusedAndChangesNothing()
    {
        const QString path = m_folder + QStringLiteral("/huge.csv");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray chunk;
            for (int i = 0; i < 10000; ++i)
                chunk += QByteArray::number(i % 1000) + ".5,-0.25," + QByteArray::number(i % 2) + '\n';
            for (int i = 0; i < 200; ++i)
                QVERIFY(f.write(chunk) == chunk.size());
        }
        const Dataset before = m_window->document()->dataset();
        QVERIFY(!m_window->importCsv(path));
        QVERIFY(m_window->document()->dataset() == before);
        QVERIFY(!m_window->isWindowModified());
        QVERIFY(hasErrorBoxSaying(*m_window, QStringLiteral("1000000")));
    }

private:
    QTemporaryDir m_dir;
    int m_case = 0;
    std::unique_ptr<MainWindow> m_window;
    QString m_folder;
    QString m_previous;
    QByteArray m_previousBytes;
};

int main(int argc, char *argv[])
{
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toLocal8Bit());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("NeuralPlaygroundTests"));
    QApplication::setApplicationName(QStringLiteral("test_faults_window"));
    TestFaultsWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_faults_window.moc"
