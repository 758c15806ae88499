// neural-playground-cli run as a separate process: help, training output, sessions, prediction
// and error handling, checked through exit codes, stdout and stderr.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(QStringLiteral(NP_CLI_PATH), args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        qFatal("the command line tool did not finish");
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QList<QJsonObject> jsonLines(const QString &text)
{
    QList<QJsonObject> objects;
    for (const QString &line : text.split('\n', Qt::SkipEmptyParts))
        objects.append(QJsonDocument::fromJson(line.toUtf8()).object());
    return objects;
}

}  // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void helpDocumentsEveryCommandAndFlag()
    {
        const Run r = cli({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char *command : {"train", "predict", "data", "config", "gradcheck", "help", "--version"})
            QVERIFY2(r.out.contains(command), command);
        const Run train = cli({"help", "train"});
        QCOMPARE(train.exitCode, 0);
        for (const char *flag : {"--config", "--epochs", "--seed", "--save", "--every", "--json", "--quiet"})
            QVERIFY2(train.out.contains(flag), flag);
        QCOMPARE(cli({"predict", "--help"}).exitCode, 0);
        QVERIFY(cli({"--version"}).out.startsWith("neural-playground-cli "));
    }

    void usageErrorsExitWithTwo()
    {
        Run r = cli({});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("usage:"));
        r = cli({"fly"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown command 'fly'"));
        r = cli({"train", "--epochz", "3"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown option '--epochz'"));
        r = cli({"train", "--epochs", "many"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--epochs expects a whole number from 0 to 100000000, not 'many'"));
        r = cli({"train", "--epochs"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("needs a value"));
        r = cli({"predict"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--session"));
    }

    void trainPrintsJsonLinesAndFinalMetrics()
    {
        const Run r = cli({"train", "--epochs", "40", "--every", "10", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 1 + 4 + 1);  // start, progress at 10/20/30/40, final
        QCOMPARE(lines.front().value("type").toString(), QString("start"));
        QCOMPARE(lines.front().value("epochs").toInt(), 40);
        QCOMPARE(lines[1].value("type").toString(), QString("progress"));
        QCOMPARE(lines[1].value("epoch").toInt(), 10);
        QVERIFY(lines[1].value("samplesPerSecond").toDouble() > 0);
        const QJsonObject final = lines.back();
        QCOMPARE(final.value("type").toString(), QString("final"));
        QCOMPARE(final.value("epoch").toInt(), 40);
        QCOMPARE(final.value("stopReason").toString(), QString("none"));
        QVERIFY(final.value("trainLoss").toDouble() < lines[1].value("trainLoss").toDouble());
        QVERIFY(final.value("trainAccuracy").toDouble() > 0.5);
    }

    void seedsMakeRunsReproducible()
    {
        const auto finalLoss = [](const QString &seed) {
            const Run r = cli({"train", "-e", "20", "-s", seed, "--json", "--quiet"});
            return jsonLines(r.out).back().value("trainLoss").toDouble();
        };
        QCOMPARE(finalLoss("7"), finalLoss("7"));
        QVERIFY(finalLoss("7") != finalLoss("8"));
    }

    void savedSessionsResumeAndPredict()
    {
        QTemporaryDir dir;
        const QString session = dir.filePath("run.json");
        Run r = cli({"train", "-e", "30", "--save", session, "--quiet"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFile::exists(session));

        // 30 epochs, saved, then 20 more equals 50 in one go.
        const Run resumed = cli({"train", "-c", session, "-e", "20", "--json", "--quiet"});
        const Run straight = cli({"train", "-e", "50", "--json", "--quiet"});
        QCOMPARE(jsonLines(resumed.out).back().value("epoch").toInt(), 50);
        QCOMPARE(jsonLines(resumed.out).back().value("trainLoss").toDouble(),
                 jsonLines(straight.out).back().value("trainLoss").toDouble());

        r = cli({"predict", "--session", session}, "x1,x2\n0,0\n3.5,-1\n");
        QCOMPARE(r.exitCode, 0);
        const QStringList rows = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0], QString("x1,x2,class,p0,p1"));
        const QStringList fields = rows[2].split(',');
        QCOMPARE(fields.size(), 5);
        QCOMPARE(fields[0], QString("3.5"));
        QVERIFY(std::abs(fields[3].toDouble() + fields[4].toDouble() - 1.0) < 1e-6);
        QCOMPARE(fields[2].toInt(), fields[4].toDouble() >= 0.5 ? 1 : 0);

        r = cli({"predict", "--session", session}, "x1,x2\n1,banana\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("line 2: 'banana' is not a number"), qPrintable(r.err));
    }

    void badFilesAreNamedAndRefused()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath("bad.json");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"network": {"hidden": [{"units": 0}]}})");
        f.close();
        Run r = cli({"train", "-c", bad});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(bad + ": network.hidden[0].units: expected a whole number from 1 to 1024, found 0"),
                 qPrintable(r.err));
        r = cli({"train", "-c", dir.filePath("missing.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("missing.json"));
    }

    void divergenceExitsWithThree()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath("diverge.json");
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"data": {"generator": "plane", "count": 100},
                    "network": {"hidden": [{"units": 4, "activation": "linear"}], "output": "linear", "loss": "squared"},
                    "training": {"optimizer": {"type": "sgd", "learningRate": 5}}})");
        f.close();
        const Run r = cli({"train", "-c", config, "-e", "100"});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.contains("stopped: The loss became NaN or infinite"), qPrintable(r.out));
    }

    void configDataAndGradcheck()
    {
        Run r = cli({"config"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject config = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(config.value("format").toString(), QString("neural-playground-config"));
        QCOMPARE(config.value("data").toObject().value("generator").toString(), QString("spiral"));

        r = cli({"data"});
        QCOMPARE(r.exitCode, 0);
        const QStringList rows = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.front(), QString("x1,x2,label,split"));
        QCOMPARE(rows.size(), 401);

        r = cli({"gradcheck"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("hidden 1"));
        QVERIFY(r.out.contains("output layer"));
        QVERIFY(r.out.trimmed().endsWith("ok"));
    }
};

QTEST_MAIN(TestCli)
#include "test_cli.moc"
