#include "data/csv.h"
#include "data/generators.h"

#include <QtTest>

#include <cstring>
#include <fstream>
#include <string>

using np::DataPoint;
using np::Dataset;

namespace {

DataPoint point(double x1, double x2, int label, double target, bool validation)
{
    DataPoint p;
    p.x1 = x1;
    p.x2 = x2;
    p.label = label;
    p.target = target;
    p.validation = validation;
    return p;
}

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

/// Equal datasets down to the sign of zero.
bool bitIdentical(const Dataset &a, const Dataset &b)
{
    if (!(a == b))
        return false;
    for (std::size_t i = 0; i < a.points.size(); ++i) {
        const DataPoint &p = a.points[i], &q = b.points[i];
        if (!sameBits(p.x1, q.x1) || !sameBits(p.x2, q.x2) || !sameBits(p.target, q.target))
            return false;
    }
    return true;
}

QByteArray bytes(const std::string &text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

std::string_view view(const QByteArray &text)
{
    return std::string_view(text.constData(), static_cast<std::size_t>(text.size()));
}

void goodRow(const char *name, const QByteArray &text, bool regression, int classCount, int points,
             int validation, double lastX1, double lastOutput)
{
    QTest::newRow(name) << text << regression << classCount << points << validation << lastX1
                        << lastOutput;
}

void badRow(const char *name, const QByteArray &text, const QString &error)
{
    QTest::newRow(name) << text << error;
}

}  // namespace

class TestCsv : public QObject
{
    Q_OBJECT

private slots:
    void formatWritesHeaderAndShortestNumbers()
    {
        Dataset d;
        d.classCount = 3;
        d.points = {point(0.1, -2.5e17, 2, 0, false), point(1e-300, 3, 0, 0, true)};
        QCOMPARE(bytes(np::formatCsv(d)),
                 QByteArray("x1,x2,label,split\n0.1,-2.5e+17,2,train\n1e-300,3,0,validation\n"));
        d.task = np::Task::Regression;
        d.classCount = 2;
        d.points = {point(-0.5, 0, 0, 1.0 / 3.0, false)};
        QCOMPARE(bytes(np::formatCsv(d)),
                 QByteArray("x1,x2,target,split\n-0.5,0,0.3333333333333333,train\n"));
    }

    void roundTripIsBitExact_data()
    {
        QTest::addColumn<bool>("regression");
        QTest::newRow("classification") << false;
        QTest::newRow("regression") << true;
    }

    void roundTripIsBitExact()
    {
        QFETCH(bool, regression);
        // Shortest forms, the extremes of the range, a subnormal and a negative zero.
        const double awkward[] = {0.1, 1e-300, -2.5e17, 5e-324, -0.0, 1.0 / 3.0,
                                  0.30000000000000004, 1.7976931348623157e308, -123456789.125,
                                  2.2250738585072014e-308};
        Dataset d;
        d.task = regression ? np::Task::Regression : np::Task::Classification;
        d.classCount = regression ? 2 : 8;
        int i = 0;
        for (double a : awkward) {
            for (double b : awkward) {
                const int label = regression ? 0 : i % 8;
                const double target = regression ? b - a * 0.5 : 0.0;
                d.points.push_back(point(a, b, label, target, i % 3 == 0));
                ++i;
            }
        }
        const np::CsvReadResult result = np::parseCsv(np::formatCsv(d));
        QCOMPARE(QString::fromStdString(result.error), QString());
        QVERIFY(result.dataset.has_value());
        QVERIFY(bitIdentical(*result.dataset, d));
        QVERIFY(std::signbit(result.dataset->points[4].x2));  // -0.0 kept its sign
    }

    void parsesVariants_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("regression");
        QTest::addColumn<int>("classCount");
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("validation");
        QTest::addColumn<double>("lastX1");
        QTest::addColumn<double>("lastOutput");  // label or target of the last point

        // name, text, regression, classes, points, validation points, last x1, last output
        goodRow("headerless labels", "1,2,0\n3,4,1\n", false, 2, 2, 0, 3, 1);
        goodRow("headerless six classes", "1,2,0\n3,4,5\n", false, 6, 2, 0, 3, 5);
        goodRow("headerless only class 0", "1,2,0\n", false, 2, 1, 0, 1, 0);
        goodRow("headerless fraction", "1,2,0.5\n3,4,1\n", true, 2, 2, 0, 3, 1);
        goodRow("headerless 8 is a value", "1,2,8\n-1,4,1\n", true, 2, 2, 0, -1, 1);
        goodRow("headerless negative", "1,2,-1\n7,4,1\n", true, 2, 2, 0, 7, 1);
        goodRow("headerless split", "1,2,1,validation\n3,4,0,train\n5,6,1,VAL\n",
                false, 2, 3, 2, 5, 1);
        goodRow("CRLF comments blanks spaces",
                "# exported\r\n\r\n  x1 , x2 , label \r\n 1.5 ,\t2 , 3 \r\n\r\n# end\r\n",
                false, 4, 1, 0, 1.5, 3);
        goodRow("lone CR", "x1,x2,label\r1,2,1\r3,4,0", false, 2, 2, 0, 3, 0);
        goodRow("no final newline", "x1,x2,label\n1,2,0\n9,8,1", false, 2, 2, 0, 9, 1);
        goodRow("byte order mark", "\xEF\xBB\xBFx1,x2,label\n1,2,1\n", false, 2, 1, 0, 1, 1);
        goodRow("quoted fields", "\"x1\",\"x2\",\"label\"\n\"1.25\", \"2\" ,1\n",
                false, 2, 1, 0, 1.25, 1);
        goodRow("x y class", "X,Y,Class\n1,2,2\n", false, 3, 1, 0, 1, 2);
        goodRow("x1 x2 y infers the task", "x1,x2,y\n1,2,0.25\n", true, 2, 1, 0, 1, 0.25);
        goodRow("target keeps integers", "x1,x2,target\n1,2,1\n3,4,0\n", true, 2, 2, 0, 3, 0);
        goodRow("value column", "x,y,value\n1,2,-7.5\n", true, 2, 1, 0, 1, -7.5);
        goodRow("reordered columns", "split,label,x2,x1\nvalidation,1,2,3\nTrain,0,4,5\n",
                false, 2, 2, 1, 5, 0);
        goodRow("plus sign and exponent", "+1.5e1,-2E-1,+1\n", false, 2, 1, 0, 15, 1);
        goodRow("subnormal", "5e-324,0,0\n", false, 2, 1, 0, 5e-324, 0);
        goodRow("empty split is train", "x1,x2,label,split\n1,2,0,\n", false, 2, 1, 0, 1, 0);
    }

    void parsesVariants()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, regression);
        QFETCH(int, classCount);
        QFETCH(int, points);
        QFETCH(int, validation);
        QFETCH(double, lastX1);
        QFETCH(double, lastOutput);
        const np::CsvReadResult result = np::parseCsv(view(text));
        QCOMPARE(QString::fromStdString(result.error), QString());
        QVERIFY(result.dataset.has_value());
        const Dataset &d = *result.dataset;
        QCOMPARE(d.task, regression ? np::Task::Regression : np::Task::Classification);
        QCOMPARE(d.classCount, classCount);
        QCOMPARE(int(d.points.size()), points);
        QCOMPARE(d.validationCount(), validation);
        const DataPoint &last = d.points.back();
        QVERIFY(last.x1 == lastX1);
        if (regression) {
            QVERIFY(last.target == lastOutput);
            QCOMPARE(last.label, 0);
        } else {
            QCOMPARE(last.label, int(lastOutput));
            QCOMPARE(last.target, 0.0);
        }
    }

    void headerlessValuesLandInTheRightFields()
    {
        const np::CsvReadResult result = np::parseCsv("0.5,-1.5,3\n");
        QVERIFY(result.dataset.has_value());
        QCOMPARE(result.dataset->points.front(), point(0.5, -1.5, 3, 0.0, false));
    }

    void rejectsMalformedInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");

        const QByteArray garbage(100000, 'z');
        const QString shown = "'" + QString(40, 'z') + "...'";
        const QString expectedColumns = " (expected x1, x2, label or target, and optionally split)";
        badRow("missing field", "x1,x2,label\n1,2,0\n3,4\n", "line 3: expected 3 fields, found 2");
        badRow("missing field CRLF", "x1,x2,label\r\n1,2,0\r\n3,4\r\n",
               "line 3: expected 3 fields, found 2");
        badRow("extra field", "1,2,0,train,5\n", "line 1: expected 3 fields, found 5");
        badRow("truncated last line", "x1,x2,label\n1,2,0\n3,",
               "line 3: expected 3 fields, found 2");
        badRow("bad number", "1,2,0\n1,abc,0\n", "line 2: 'abc' is not a number");
        badRow("number with junk", "1,2,0\n1,2x,0\n", "line 2: '2x' is not a number");
        badRow("empty field", "1,,0\n", "line 1: field 2 is empty");
        badRow("label out of range", "x1,x2,label\n1,2,0\n\n# note\n1,2,9\n",
               "line 5: class label 9 is outside 0..7");
        badRow("negative label", "x1,x2,class\n1,2,-1\n", "line 2: class label -1 is outside 0..7");
        badRow("fractional label", "x1,x2,label\n1,2,1.5\n",
               "line 2: class label 1.5 is not a whole number");
        badRow("nan", "1,2,0\n# c\n\nnan,1,0\n", "line 4: non-finite value 'nan'");
        badRow("infinity", "x1,x2,target\n1,-inf,0\n", "line 2: non-finite value '-inf'");
        badRow("overflow", "1e999,1,0\n", "line 1: '1e999' is out of range");
        badRow("empty file", "", "the file contains no data points");
        badRow("comments only", "# nothing\n\n  \n", "the file contains no data points");
        badRow("only a header", "x1,x2,label\n", "the file contains no data points");
        badRow("NUL byte", QByteArray("1,2,0\n\0\n", 8),
               "the data contains binary content (a NUL byte)");
        badRow("long garbage field", "x1,x2,label\n1,2," + garbage + "\n",
               "line 2: " + shown + " is not a number");
        badRow("long garbage line", garbage + "\n1,2,0\n",
               "line 1: unknown column " + shown + expectedColumns);
        badRow("control bytes are masked", "1,2,0\n1,\x01\x02,0\n",
               "line 2: '?\?' is not a number");
        badRow("unknown column", "x1,x2,colour\n1,2,0\n",
               "line 1: unknown column 'colour'" + expectedColumns);
        badRow("no output column", "x,y\n1,2\n",
               "line 1: the header has no label or target column");
        badRow("two outputs", "x1,x2,label,target\n1,2,0,0\n",
               "line 1: the header has more than one label or target column");
        badRow("no x1", "x2,label\n1,0\n", "line 1: the header has no x1 column");
        badRow("x1 twice", "x,x1,x2,label\n1,1,2,0\n",
               "line 1: the header has more than one x1 column");
        badRow("bad split", "1,2,0,test\n",
               "line 1: split 'test' is neither 'train' nor 'validation'");
        badRow("open quote", "x1,x2,label\n\"1,2,0\n",
               "line 2: a quoted field has no closing quote");
        badRow("text after quote", "\"1\"x,2,0\n", "line 1: unexpected text after a quoted field");
    }

    void rejectsMalformedInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        const np::CsvReadResult result = np::parseCsv(view(text));
        QCOMPARE(QString::fromStdString(result.error), error);
        QVERIFY(!result.dataset.has_value());
    }

    void pointLimit()
    {
        std::string text;
        text.reserve(6 * (np::kMaxCsvPoints + 1));
        for (int i = 0; i < np::kMaxCsvPoints; ++i)
            text += "1,2,1\n";
        const np::CsvReadResult full = np::parseCsv(text);
        QVERIFY(full.error.empty());
        QCOMPARE(int(full.dataset->points.size()), np::kMaxCsvPoints);

        text += "1,2,1\n";
        const np::CsvReadResult over = np::parseCsv(text);
        QCOMPARE(QString::fromStdString(over.error), QString("more than 1000000 data points"));
        QVERIFY(!over.dataset.has_value());
    }

    void sizeLimit()
    {
        const std::string text(np::kMaxCsvBytes + 1, ' ');
        const np::CsvReadResult result = np::parseCsv(text);
        QCOMPARE(QString::fromStdString(result.error),
                 QString("the data is too large (67108865 bytes; the limit is 67108864)"));
        QVERIFY(!result.dataset.has_value());
    }

    void readMissingFileNamesThePath()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("missing.csv").toStdString();
        const np::CsvReadResult result = np::readCsvFile(path);
        QVERIFY(!result.dataset.has_value());
        QVERIFY2(result.error.starts_with("cannot open '" + path + "'"), result.error.c_str());
    }

    void readMalformedFileNamesPathAndLine()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("bad.csv").toStdString();
        std::ofstream(path) << "x1,x2,label\n1,2,0\n1,2\n";
        const np::CsvReadResult result = np::readCsvFile(path);
        QVERIFY(!result.dataset.has_value());
        QCOMPARE(QString::fromStdString(result.error),
                 QString::fromStdString(path + ": line 3: expected 3 fields, found 2"));
    }

    void writeThenReadRoundTrips()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("spiral.csv").toStdString();
        np::DataSpec spec;
        spec.generator = np::Generator::Spiral;
        spec.classes = 3;
        spec.count = 600;
        spec.noise = 0.3;
        spec.validationFraction = 0.25;
        spec.seed = 77;
        const Dataset d = np::generateDataset(spec);
        QCOMPARE(QString::fromStdString(np::writeCsvFile(path, d)), QString());
        const np::CsvReadResult result = np::readCsvFile(path);
        QCOMPARE(QString::fromStdString(result.error), QString());
        QVERIFY(result.dataset.has_value());
        QVERIFY(bitIdentical(*result.dataset, d));
        QCOMPARE(result.dataset->validationCount(), 150);

        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytes(np::formatCsv(d)));

        const std::string badPath = dir.filePath("no/such/folder/x.csv").toStdString();
        const std::string error = np::writeCsvFile(badPath, d);
        QVERIFY2(error.find(badPath) != std::string::npos, error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestCsv)
#include "test_csv.moc"
