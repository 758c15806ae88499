#include <QtTest>

class TestPanels : public QObject
{
    Q_OBJECT

private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_MAIN(TestPanels)
#include "test_panels.moc"
