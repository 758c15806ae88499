#include <QtTest>

class TestLossplot : public QObject
{
    Q_OBJECT

private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_MAIN(TestLossplot)
#include "test_lossplot.moc"
