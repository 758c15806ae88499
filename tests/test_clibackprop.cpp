// neural-playground-cli backprop, run as a separate process: the notes' graphs as tables and
// JSON, and one point walked through a session's network.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(NP_CLI_PATH), args);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        qFatal("the command line tool did not finish");
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

// The row of a table whose first column is `wire`.
QStringList tableRow(const QString &table, const QString &wire)
{
    for (const QString &line : table.split('\n')) {
        const QStringList cells = line.split(' ', Qt::SkipEmptyParts);
        if (!cells.isEmpty() && cells.first() == wire)
            return cells;
    }
    return {};
}

}  // namespace

class TestCliBackprop : public QObject
{
    Q_OBJECT

private slots:
    void sigmoidNeuronTableHasTheNotesGradients()
    {
        const Run r = cli({"backprop", "--example", "sigmoid-neuron"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(tableRow(r.out, QStringLiteral("w\u2081")), (QStringList{"w\u2081", "input", "2.0000", "-0.1966"}));
        QCOMPARE(tableRow(r.out, QStringLiteral("w\u2082")).last(), QStringLiteral("-0.3932"));
        QCOMPARE(tableRow(r.out, QStringLiteral("x\u2081")).last(), QStringLiteral("0.3932"));
        QCOMPARE(tableRow(r.out, QStringLiteral("x\u2082")).last(), QStringLiteral("-0.5898"));
        QCOMPARE(tableRow(r.out, QStringLiteral("b")).last(), QStringLiteral("0.1966"));
        QCOMPARE(tableRow(r.out, QStringLiteral("f")), (QStringList{"f", "1/x", "1", "+", "e\u207b\u1dbb", "0.7311", "1.0000"}));
    }

    void addMultiplyJson()
    {
        const Run r = cli({"backprop", "--example", "add-multiply", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(root["example"].toString(), QStringLiteral("add-multiply"));
        const QJsonArray wires = root["wires"].toArray();
        QCOMPARE(wires.size(), 5);
        QCOMPARE(wires[0].toObject()["name"].toString(), QStringLiteral("x"));
        QCOMPARE(wires[0].toObject()["gradient"].toDouble(), -4.0);
        QCOMPARE(wires[2].toObject()["gradient"].toDouble(), 3.0);
        QCOMPARE(wires[4].toObject()["value"].toDouble(), -12.0);
        QCOMPARE(wires[4].toObject()["inputs"].toArray().size(), 2);
    }

    void unknownExampleIsAUsageError()
    {
        const Run r = cli({"backprop", "--example", "nope"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("sigmoid-neuron"));
    }

    void pointWalkTableAndJsonAgree()
    {
        const QString lesson = QStringLiteral(NP_LESSONS_DIR "/02-xor-hidden-layer.json");
        const Run table = cli({"backprop", "-c", lesson, "--point", "0.5,-1", "--label", "1"});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains("layer 1 ("));
        QVERIFY(table.out.contains("output layer ("));
        QVERIFY(table.out.contains("dL/dW"));
        QVERIFY(table.out.contains("after one SGD step"));
        const Run json = cli({"backprop", "-c", lesson, "--point", "0.5,-1", "--label", "1", "--json"});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(root["point"].toArray()[1].toDouble(), -1.0);
        const QJsonArray layers = root["layers"].toArray();
        QVERIFY(layers.size() >= 2);
        // dL/dW of the output layer = delta a_prevᵀ (+ the penalty): one row per output unit.
        const QJsonObject out = layers.last().toObject();
        const QJsonObject hidden = layers[layers.size() - 2].toObject();
        const double delta = out["delta"].toArray()[0].toDouble();
        const QJsonArray a = hidden["a"].toArray();
        const QJsonArray dW = out["dW"].toArray()[0].toArray();
        QCOMPARE(dW.size(), a.size());
        QVERIFY(std::abs(dW[0].toDouble() - delta * a[0].toDouble()) < 1e-3);
        // The table prints the same loss to 4 decimals.
        QVERIFY(table.out.contains(QString::number(root["loss"].toDouble(), 'f', 4)));
    }

    void figureDrawsTheViewHeadless()
    {
        QTemporaryDir dir;
        const QString lesson = QStringLiteral(NP_LESSONS_DIR "/18-one-sgd-step.json");
        const QString png = dir.filePath("backprop.png");
        QProcess p;
        QProcessEnvironment headless = QProcessEnvironment::systemEnvironment();
        headless.remove("DISPLAY");
        p.setProcessEnvironment(headless);
        p.start(QStringLiteral(NP_CLI_PATH), {"figure", "-c", lesson, "-e", "2", "--view", "backprop", "--out", png,
                                              "--size", "800x500"});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QFile file(png);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\x89PNG"));
        QVERIFY(bytes.size() > 5000);
    }

    void pointWalkNeedsAValidLabel()
    {
        const QString lesson = QStringLiteral(NP_LESSONS_DIR "/02-xor-hidden-layer.json");
        Run r = cli({"backprop", "-c", lesson, "--point", "0.5,-1", "--label", "7"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("class from 0 to 1"));
        r = cli({"backprop", "-c", lesson, "--point", "0.5", "--label", "1"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("X1,X2"));
    }
};

QTEST_APPLESS_MAIN(TestCliBackprop)
#include "test_clibackprop.moc"
