// neural-playground-cli run as a separate process: help, training output, sessions, prediction
// and error handling, checked through exit codes, stdout and stderr.

#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &args, const QByteArray &input = {},
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(environment);
    p.start(QStringLiteral(NP_CLI_PATH), args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        qFatal("the command line tool did not finish");
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Width and height from a PNG's header (the IHDR chunk comes first), without QtGui.
QSize pngSize(const QByteArray &png)
{
    if (png.size() < 24 || !png.startsWith("\x89PNG\r\n\x1a\n") || png.mid(12, 4) != "IHDR")
        return {};
    const auto u32 = [&png](int at) {
        return int((uchar(png[at]) << 24) | (uchar(png[at + 1]) << 16) | (uchar(png[at + 2]) << 8) | uchar(png[at + 3]));
    };
    return {u32(16), u32(20)};
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
        for (const char *command : {"train", "predict", "data", "config", "gradcheck", "export", "figure", "history",
                                    "help", "--version"})
            QVERIFY2(r.out.contains(command), command);
        const Run train = cli({"help", "train"});
        QCOMPARE(train.exitCode, 0);
        for (const char *flag :
             {"--config", "--epochs", "--seed", "--save", "--every", "--json", "--quiet", "--history-csv"})
            QVERIFY2(train.out.contains(flag), flag);
        const Run predict = cli({"predict", "--help"});
        QCOMPARE(predict.exitCode, 0);
        QVERIFY(predict.out.contains("--session") && predict.out.contains("--model"));
        const Run figure = cli({"help", "figure"});
        QCOMPARE(figure.exitCode, 0);
        for (const char *flag : {"--config", "--epochs", "--view", "--out", "--format", "--size", "--scale", "--title",
                                 "--no-title", "--no-legend", "boundary", "loss", "all"})
            QVERIFY2(figure.out.contains(flag), flag);
        const Run exporting = cli({"help", "export"});
        for (const char *word : {"--session", "--output", ".json", ".onnx", ".safetensors", ".npz"})
            QVERIFY2(exporting.out.contains(word), word);
        QVERIFY(cli({"help", "history"}).out.contains("--output"));
    }

    void lessonsAreInputsWithTheirVariants()
    {
        const QString lesson = QStringLiteral(NP_LESSONS_DIR "/07-dying-relu.json");
        Run r = cli({"train", "-c", lesson, "--variant", "leaky", "-e", "2", "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({"data", "-c", lesson});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("x1,x2,"));
        r = cli({"train", "-c", lesson, "--variant", "nope", "-e", "1"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("has no variant 'nope'") && r.err.contains("leaky"), qPrintable(r.err));
    }

    void versionComesFromTheProject()
    {
        const Run r = cli({"--version"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("neural-playground-cli " NP_VERSION "\n"));
    }

    void exportWritesEveryFormatAndTheJsonPredictsAlike()
    {
        QTemporaryDir dir;
        const QString session = dir.filePath("run.json");
        QCOMPARE(cli({"train", "-e", "25", "--save", session, "--quiet"}).exitCode, 0);

        for (const char *name : {"model.json", "model.onnx", "model.safetensors", "model.npz"}) {
            const QString path = dir.filePath(name);
            const Run r = cli({"export", "--session", session, "--output", path});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(readAll(path).size() > 100, name);
        }
        QCOMPARE(QJsonDocument::fromJson(readAll(dir.filePath("model.json"))).object().value("format").toString(),
                 QString("neural-playground-model"));
        QVERIFY(readAll(dir.filePath("model.npz")).startsWith("PK\x03\x04"));  // a zip of .npy files
        QVERIFY(readAll(dir.filePath("model.safetensors")).mid(8, 1) == "{");  // header length, then JSON
        QVERIFY(readAll(dir.filePath("model.onnx")).contains("neural-playground"));

        Run r = cli({"export", "--session", session, "--output", dir.filePath("model.txt")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("model.txt"), qPrintable(r.err));
        r = cli({"export", "--session", session, "--output", dir.filePath("no/such/folder/model.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no/such/folder/model.json"), qPrintable(r.err));

        // The exported JSON predicts what the session predicts.
        QByteArray points = "x1,x2\n";
        for (int i = -5; i <= 5; ++i)
            points += QByteArray::number(0.9 * i) + "," + QByteArray::number(5.5 - 1.1 * (i + 5)) + "\n";
        const Run fromSession = cli({"predict", "--session", session}, points);
        const Run fromModel = cli({"predict", "--model", dir.filePath("model.json")}, points);
        QCOMPARE(fromModel.exitCode, 0);
        const QStringList a = fromSession.out.split('\n', Qt::SkipEmptyParts);
        const QStringList b = fromModel.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(b.size(), 12);
        QCOMPARE(a.size(), b.size());
        QCOMPARE(b.front(), a.front());
        for (qsizetype row = 1; row < a.size(); ++row) {
            const QStringList fa = a[row].split(',');
            const QStringList fb = b[row].split(',');
            QCOMPARE(fa.size(), fb.size());
            for (qsizetype k = 0; k < fa.size(); ++k)
                QVERIFY2(std::abs(fa[k].toDouble() - fb[k].toDouble()) <= 1e-6, qPrintable(a[row] + " / " + b[row]));
        }

        r = cli({"predict", "--session", session, "--model", dir.filePath("model.json")}, points);
        QCOMPARE(r.exitCode, 2);
        r = cli({"predict", "--model", dir.filePath("missing.json")}, points);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("missing.json"));
    }

    void figureWritesPngsHeadless()
    {
        QTemporaryDir dir;
        const QString session = dir.filePath("run.json");
        QCOMPARE(cli({"train", "-e", "10", "--save", session, "--quiet"}).exitCode, 0);
        // No platform set: the tool must pick the offscreen one itself, not look for a display.
        QProcessEnvironment headless = QProcessEnvironment::systemEnvironment();
        headless.remove("QT_QPA_PLATFORM");
        headless.remove("DISPLAY");
        headless.remove("WAYLAND_DISPLAY");

        const QString png = dir.filePath("boundary.png");
        Run r = cli({"figure", "-c", session, "--view", "boundary", "--out", png, "--size", "640x480"}, {}, headless);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(pngSize(readAll(png)), QSize(640, 480));

        const QString folder = dir.filePath("figures");
        r = cli({"figure", "-e", "3", "--out", folder, "--format", "svg", "--no-title", "--no-legend"}, {}, headless);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QDir(folder).entryList(QDir::Files),
                 QStringList({"backprop.svg", "boundary.svg", "closedform.svg", "folding.svg", "function.svg", "health.svg",
                              "landscape.svg", "loss.svg", "network.svg", "optimizers.svg", "regions.svg"}));
        QVERIFY(!readAll(folder + "/loss.svg").contains("validation loss</text>"));
        QVERIFY(r.out.contains("loss.svg"));

        r = cli({"figure", "--view", "histogram"}, {}, headless);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("boundary, loss, network, folding, regions, health, backprop, function, optimizers, landscape, closedform or all"), qPrintable(r.err));
        r = cli({"figure", "--size", "big"}, {}, headless);
        QCOMPARE(r.exitCode, 2);
        r = cli({"figure", "-c", session, "--view", "loss", "--out", dir.filePath("none/x/loss.pdf")}, {}, headless);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("loss.pdf"), qPrintable(r.err));
    }

    void historyCsvHasOneRowPerRecord()
    {
        QTemporaryDir dir;
        const QString csv = dir.filePath("history.csv");
        const QString session = dir.filePath("run.json");
        const Run r = cli({"train", "-e", "12", "--history-csv", csv, "--save", session, "--quiet"});
        QCOMPARE(r.exitCode, 0);
        const QStringList rows = QString::fromUtf8(readAll(csv)).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 1 + 13);  // the header, epochs 0 to 12
        QVERIFY2(rows[0].startsWith("epoch,step,learning_rate,penalty,train_loss,train_accuracy,train_rmse,train_r2,"
                                    "validation_loss,validation_accuracy,validation_rmse,validation_r2"),
                 qPrintable(rows[0]));
        const int columns = int(rows[0].split(',').size());
        for (int i = 1; i < rows.size(); ++i) {
            const QStringList fields = rows[i].split(',');
            QCOMPARE(fields.size(), columns);
            QCOMPARE(fields[0].toInt(), i - 1);
            QVERIFY(fields[6].isEmpty());  // RMSE does not apply to classification
        }
        // The session remembers the same history.
        const Run history = cli({"history", "--session", session});
        QCOMPARE(history.exitCode, 0);
        QCOMPARE(history.out.toUtf8(), readAll(csv));
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

    // What 'data' writes goes back into 'predict': the labels are written beside the
    // predictions and the accuracy against them goes to standard error; the split is ignored.
    void predictReadsWhatDataWrites()
    {
        QTemporaryDir dir;
        const QString session = dir.filePath("run.json");
        const QString data = dir.filePath("d.csv");
        QCOMPARE(cli({"train", "-e", "30", "--save", session, "--quiet"}).exitCode, 0);
        Run r = cli({"data", "-o", data});
        QCOMPARE(r.exitCode, 0);
        const QByteArray written = readAll(data);
        QVERIFY(written.startsWith("x1,x2,label,split\n"));
        const int points = int(written.count('\n')) - 1;

        r = cli({"predict", "-m", session, "-i", data});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList rows = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), points + 1);
        QCOMPARE(rows[0], QString("x1,x2,label,class,p0,p1"));
        QCOMPARE(rows[1].split(',').size(), 6);
        QVERIFY2(r.err.contains(QRegularExpression(QString("^accuracy \\d+\\.\\d\\d% \\(\\d+ of %1 labelled points\\)\n$")
                                                       .arg(points))),
                 qPrintable(r.err));

        // A header-less line of three numbers is a point and its label.
        r = cli({"predict", "-m", session}, "0,0,1\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.split('\n', Qt::SkipEmptyParts).size(), 2);
        QVERIFY(r.out.startsWith("x1,x2,label,class,p0,p1\n0,0,1,"));
        QVERIFY2(r.err.contains("of 1 labelled points"), qPrintable(r.err));

        // Two columns are points alone: nothing to compare with.
        r = cli({"predict", "-m", session}, "0,0\n1,1\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("x1,x2,class,p0,p1\n"));
        QCOMPARE(r.err, QString());
    }

    // Outputs are checked before training, not after it.
    void trainChecksItsOutputsFirst()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath("missing/s.json");
        const Run r = cli({"train", "-e", "100000000", "--save", missing});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QString());  // not one epoch trained
        QCOMPARE(r.err, QString("neural-playground-cli: cannot write '%1': the folder '%2' does not exist (No such file or directory)\n")
                            .arg(missing, dir.filePath("missing")));
        const Run folder = cli({"train", "-e", "100000000", "--history-csv", dir.path()});
        QCOMPARE(folder.exitCode, 1);
        QVERIFY2(folder.err.contains("it is a folder"), qPrintable(folder.err));
    }

    // Into a pipe, the first lines arrive while training runs (here, a run of 10^8 epochs
    // that reports every 5 x 10^6: nothing else would flush them for a long time).
    void progressReachesAPipeAtOnce()
    {
        QProcess p;
        p.start(QStringLiteral(NP_CLI_PATH), {"train", "-e", "100000000"});
        QByteArray out;
        while (!out.contains("epoch") && p.waitForReadyRead(60000))
            out += p.readAllStandardOutput();
        QVERIFY2(out.startsWith("training "), out.constData());
        QVERIFY(out.contains("epoch"));
        QCOMPARE(p.state(), QProcess::Running);
        p.kill();
        p.waitForFinished();
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
