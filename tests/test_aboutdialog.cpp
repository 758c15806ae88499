// The About box: the version CMake configured, the app's licence and the licences of the
// libraries linked in, the application icon, and that Close closes it.

#include "aboutdialog.h"

#include <Eigen/Core>

#include <QtTest>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>

using namespace np;

class TestAboutDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QApplication::setWindowIcon(QIcon(QStringLiteral(NP_APP_ICON)));
        QVERIFY(!QApplication::windowIcon().isNull());
    }

    void showsNameAndVersion()
    {
        AboutDialog dialog;
        QCOMPARE(dialog.windowTitle(), QStringLiteral("About Neural Playground"));
        auto *title = dialog.findChild<QLabel *>(QStringLiteral("title"));
        QVERIFY(title);
        QVERIFY2(title->text().contains(QStringLiteral("Neural Playground " NP_VERSION)), qPrintable(title->text()));
    }

    void namesEveryLicence()
    {
        AboutDialog dialog;
        const QString text = dialog.licenceText();
        QVERIFY2(text.contains(QStringLiteral("MIT licence")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()))));
        QVERIFY(text.contains(QStringLiteral("LGPL-3.0")));
        QVERIFY(text.contains(QStringLiteral("Eigen %1.%2.%3").arg(EIGEN_WORLD_VERSION).arg(EIGEN_MAJOR_VERSION).arg(EIGEN_MINOR_VERSION)));
        QVERIFY(text.contains(QStringLiteral("MPL-2.0")));
    }

    void drawsTheApplicationIcon()
    {
        AboutDialog dialog;
        const int em = dialog.fontMetrics().height();
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        const auto icon = std::find_if(labels.begin(), labels.end(), [](QLabel *l) { return !l->pixmap().isNull(); });
        QVERIFY(icon != labels.end());
        QCOMPARE((*icon)->pixmap().deviceIndependentSize().toSize(), QSize(4 * em, 4 * em));
        // The icon's tile is blue above the boundary: its top-left quarter is mostly blue.
        const QImage image = (*icon)->pixmap().toImage();
        const QColor c = image.pixelColor(image.width() / 3, image.height() / 4);
        QVERIFY2(c.blue() > 150 && c.red() < 100, qPrintable(c.name()));
    }

    void closeButtonCloses()
    {
        AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        buttons->button(QDialogButtonBox::Close)->click();
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
};

QTEST_MAIN(TestAboutDialog)
#include "test_aboutdialog.moc"
