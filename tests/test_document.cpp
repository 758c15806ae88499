#include <QtTest>

class TestDocument : public QObject
{
    Q_OBJECT

private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_MAIN(TestDocument)
#include "test_document.moc"
