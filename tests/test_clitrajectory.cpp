// neural-playground-cli trajectory, run as a separate process: the CSV's header and rows are the
// path the core computes, errors are named, divergence has its exit code.
#include "analysis/trajectory.h"

#include <QFile>
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

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(NP_CLI_PATH), args);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        qFatal("the command line tool did not finish");
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace

class TestCliTrajectory : public QObject
{
    Q_OBJECT

private slots:
    void momentumOnRosenbrockWritesThePath()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("path.csv");
        const Run r = cli({"trajectory", "--surface", "rosenbrock", "--optimizer", "momentum", "--learning-rate",
                           "0.001", "--momentum", "0.9", "--steps", "2000", "--start", "-1.5,2", "-o", path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("step,x,y,f"));
        QCOMPARE(lines.size(), 2002);  // header, the start, 2000 steps
        QCOMPARE(lines[1], QStringLiteral("0,-1.5,2,12.5"));  // (1 + 1.5)² + 100 (2 − 2.25)² = 6.25 + 6.25

        np::SurfaceSpec surface;
        surface.kind = np::SurfaceKind::Rosenbrock;
        np::OptimizerSpec spec;
        spec.kind = np::OptimizerKind::Momentum;
        spec.learningRate = 0.001;
        spec.momentum = 0.9;
        const np::Trajectory expected = np::runTrajectory(surface, spec, {-1.5, 2.0}, 2000);
        for (int t : {1, 2, 500, 2000}) {
            const QStringList cells = lines[t + 1].split(',');
            QCOMPARE(cells.size(), 4);
            QCOMPARE(cells[0].toInt(), t);
            QCOMPARE(cells[1].toDouble(), expected.positions[std::size_t(t)].x);  // read back exactly
            QCOMPARE(cells[2].toDouble(), expected.positions[std::size_t(t)].y);
            QCOMPARE(cells[3].toDouble(), expected.values[std::size_t(t)]);
        }
        // Momentum gets well down the banana valley in 2000 steps.
        QVERIFY(lines.last().split(',')[3].toDouble() < 0.1);
    }

    void noiseIsSeededOnStandardOutput()
    {
        const QStringList args{"trajectory", "--surface", "quadratic", "--condition", "20", "--optimizer", "adam",
                               "--learning-rate", "0.05", "--steps", "30", "--noise", "0.5"};
        const Run a = cli(args + QStringList{"--seed", "3"});
        const Run b = cli(args + QStringList{"--seed", "3"});
        const Run c = cli(args + QStringList{"--seed", "4"});
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(a.out.count('\n'), 32);
        QCOMPARE(a.out, b.out);
        QVERIFY(a.out != c.out);
        QVERIFY(a.out.startsWith("step,x,y,f\n0,-3.5,2,"));  // the quadratic's default start
    }

    void divergenceHasItsExitCode()
    {
        const Run r = cli({"trajectory", "--surface", "quadratic", "--condition", "10", "--learning-rate", "0.5",
                           "--steps", "1000"});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains("diverged"));
        QVERIFY(r.out.count('\n') < 1001);
    }

    void badInputIsNamed_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("surface") << QStringList{"--surface", "banana"} << "no surface 'banana'";
        QTest::newRow("optimizer") << QStringList{"--optimizer", "lbfgs"} << "no optimizer 'lbfgs'";
        QTest::newRow("start") << QStringList{"--start", "1;2"} << "--start needs X,Y";
        QTest::newRow("rate") << QStringList{"--learning-rate", "fast"} << "--learning-rate needs a number";
        QTest::newRow("kappa") << QStringList{"--condition", "0.5"} << "condition number";
        QTest::newRow("steps") << QStringList{"--steps", "-4"} << "--steps expects a whole number";
    }

    void badInputIsNamed()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = cli(QStringList{"trajectory"} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliTrajectory)
#include "test_clitrajectory.moc"
