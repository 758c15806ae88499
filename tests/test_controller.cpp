#include <QtTest>

class TestController : public QObject
{
    Q_OBJECT

private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_MAIN(TestController)
#include "test_controller.moc"
