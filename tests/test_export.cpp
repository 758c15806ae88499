#include <QtTest>

class TestExport : public QObject
{
    Q_OBJECT

private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_APPLESS_MAIN(TestExport)
#include "test_export.moc"
