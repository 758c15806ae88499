#include <QtTest>

class TestMainwindow : public QObject
{
    Q_OBJECT

private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_MAIN(TestMainwindow)
#include "test_mainwindow.moc"
