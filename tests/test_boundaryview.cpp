#include <QtTest>

class TestBoundaryview : public QObject
{
    Q_OBJECT

private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_MAIN(TestBoundaryview)
#include "test_boundaryview.moc"
