// TensorFlow Playground links in the window, offscreen: Open Link gives the link's session (its
// points and initial weights reach the trainer), the dialog takes the link from the clipboard,
// hidden controls are locked, a bad link changes nothing, and Copy gives the link back.

#include "boundaryview.h"
#include "document.h"
#include "mainwindow.h"
#include "playgroundlinks.h"
#include "session/playgroundlink.h"
#include "trainingcontroller.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace np;
using namespace np::test;

namespace {

const char *kLink = "https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&"
                    "regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&"
                    "seed=0.80411&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&"
                    "xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&"
                    "sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false";

Session expectedSession(const QString &url)
{
    PlaygroundLink link;
    Session session;
    if (!parsePlaygroundLink(url.toStdString(), link).empty() || !playgroundSession(link, session).empty())
        qFatal("bad test link");
    return session;
}

PlaygroundLinks *linksOf(MainWindow &w)
{
    return w.findChild<PlaygroundLinks *>(QStringLiteral("playgroundLinks"));
}

}  // namespace

class TestPlaygroundLinkUi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("NeuralPlaygroundTests"));
        QApplication::setApplicationName(QStringLiteral("test_playgroundlinkui"));
    }

    void init() { QSettings().clear(); }

    void openLinkGivesItsSession()
    {
        MainWindow w;
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        PlaygroundLinks *links = linksOf(w);
        QVERIFY(links);
        QVERIFY(links->openLink(QString::fromLatin1(kLink)));
        const Session expected = expectedSession(QString::fromLatin1(kLink));
        QVERIFY(waitFor([&] { return w.document()->dataset() == expected.dataset; }));
        QCOMPARE(w.document()->config(), expected.config);
        QCOMPARE(w.document()->sourceLink(), std::string(kLink));
        // The trainer starts from its initial weights, not from ones it drew itself.
        QVERIFY(waitFor([&] { return w.controller()->latest().model.parameters == expected.state->parameters; }));

        // Copy gives the same link back, in the clipboard too.
        QCOMPARE(links->copyLink(), QString::fromLatin1(kLink));
        QCOMPARE(QApplication::clipboard()->text(), QString::fromLatin1(kLink));
    }

    void theDialogTakesTheLinkFromTheClipboard()
    {
        MainWindow w;
        w.show();
        QApplication::clipboard()->setText(QString::fromLatin1(kLink));
        QWidget *dialog = linksOf(w)->openLinkWithDialog();
        auto *field = dialog->findChild<QLineEdit *>(QStringLiteral("linkField"));
        QVERIFY(field);
        QCOMPARE(field->text(), QString::fromLatin1(kLink));
        QPushButton *open = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
        QVERIFY(open->isEnabled());
        open->click();
        const Session expected = expectedSession(QString::fromLatin1(kLink));
        QVERIFY(waitFor([&] { return w.document()->dataset() == expected.dataset; }));
    }

    void pasteOnThePlaneAndDropOnTheWindowOpenALink()
    {
        MainWindow w;
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        const Session expected = expectedSession(QString::fromLatin1(kLink));
        QApplication::clipboard()->setText(QString::fromLatin1(kLink));
        QTest::keyClick(w.boundaryView(), Qt::Key_V, Qt::ControlModifier);
        QVERIFY(waitFor([&] { return w.document()->dataset() == expected.dataset; }));

        // A dropped link: another seed, so other points.
        const QString dropped = QString::fromLatin1(kLink).replace("seed=0.80411", "seed=dropped");
        const Session droppedSession = expectedSession(dropped);
        QVERIFY(droppedSession.dataset != expected.dataset);
        QMimeData mime;
        mime.setText(dropped);
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(waitFor([&] { return w.document()->dataset() == droppedSession.dataset; }));

        // Other text is left alone.
        QMimeData other;
        other.setText(QStringLiteral("hello"));
        QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        refused.ignore();
        QApplication::sendEvent(&w, &refused);
        QVERIFY(!refused.isAccepted());
    }

    void hiddenControlsAreLocked()
    {
        MainWindow w;
        w.show();
        const QString url = QString::fromLatin1(kLink) + "&learningRate_hide=true&noise_hide=true";
        QVERIFY(linksOf(w)->openLink(url));
        auto *rate = w.findChild<QWidget *>(QStringLiteral("learningRate"));
        auto *noise = w.findChild<QWidget *>(QStringLiteral("noise"));
        auto *batch = w.findChild<QWidget *>(QStringLiteral("batchSize"));
        QVERIFY(rate && noise && batch);
        QVERIFY(waitFor([&] { return !rate->isEnabled() && !noise->isEnabled(); }));
        QVERIFY(batch->isEnabled());
        QCOMPARE(w.document()->sourceLink(), url.toStdString());
    }

    void aBadLinkChangesNothing()
    {
        MainWindow w;
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->hasSnapshot(); }));
        const Dataset before = w.document()->dataset();
        QVERIFY(!linksOf(w)->openLink(QStringLiteral("https://playground.tensorflow.org/#seed=1&wings=2")));
        QVERIFY(linksOf(w)->lastError().contains("'wings'"));
        auto *box = w.findChild<QMessageBox *>(QStringLiteral("errorBox"));
        QVERIFY(box && box->text().contains("'wings'"));
        box->close();
        QCOMPARE(w.document()->dataset(), before);
    }

    void copyNamesTheSettingThatPreventsIt()
    {
        MainWindow w;
        w.show();
        // The default session: a sigmoid output with cross-entropy and Adam.
        QVERIFY(linksOf(w)->copyLink().isEmpty());
        QVERIFY(!linksOf(w)->lastError().isEmpty());
        auto *box = w.findChild<QMessageBox *>(QStringLiteral("errorBox"));
        QVERIFY(box && box->text() == linksOf(w)->lastError());
        box->close();
    }
};

QTEST_MAIN(TestPlaygroundLinkUi)
#include "test_playgroundlinkui.moc"
