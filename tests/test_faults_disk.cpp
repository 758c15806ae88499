// Faults on disk, through the command-line tool (separate processes, as a user runs it) and the
// loaders: saving into a read-only mount, onto a full disk and into a folder that is gone, and
// loading a session truncated at every byte, a CSV of two million rows and the largest sessions
// allowed. Every failure names the file and the cause and leaves the previous file as it was.
//
// A read-only mount and a small full tmpfs need a private mount namespace: `unshare -rm` (an
// unprivileged user namespace) or, for root, `unshare -m`. Where neither is allowed (some CI
// containers), those two cases are skipped with the reason; the full disk is then still tested
// with a file size limit (RLIMIT_FSIZE), which needs no privileges.

#include "faultsupport.h"

#include "data/csv.h"
#include "data/generators.h"
#include "io/sessionjson.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>

using namespace np;
using namespace np::faults;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.closeWriteChannel();
    if (!p.waitForFinished(300000))
        qFatal("%s did not finish", qPrintable(program));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

const QString kCli = QStringLiteral(NP_CLI_PATH);

/// Runs a shell script in a private mount namespace, with $CLI set; empty when none can be had.
std::optional<Run> inMountNamespace(const QString &script)
{
    static const std::optional<QStringList> prefix = []() -> std::optional<QStringList> {
        QTemporaryDir probe;
        const QString test = QStringLiteral("mount -t tmpfs -o size=64k tmpfs '%1'").arg(probe.path());
        for (const QStringList &candidate : {QStringList{"-r", "-m"}, QStringList{"-m"}}) {
            if (run(QStringLiteral("unshare"), candidate + QStringList{"sh", "-c", test}).exitCode == 0)
                return candidate;
        }
        return std::nullopt;
    }();
    if (!prefix)
        return std::nullopt;
    return run(QStringLiteral("unshare"), *prefix + QStringList{"sh", "-c", "CLI='" + kCli + "'\n" + script});
}

const char *kNoNamespace = "no private mount namespace here (unshare -rm and unshare -m are refused), so no "
                           "read-only or small tmpfs can be mounted";

/// A small config that trains in a moment; its sessions are a few kilobytes.
QString writeSmallConfig(const QString &folder)
{
    Config c;
    c.data.count = 60;
    const QString path = folder + QStringLiteral("/small.json");
    const QByteArray json = configFileToJson(c);
    writeBytes(path, json);
    return path;
}

}  // namespace

class TestFaultsDisk : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_folder = m_dir.filePath(QStringLiteral("case%1").arg(++m_case));
        QVERIFY(QDir().mkpath(m_folder));
        m_config = writeSmallConfig(m_folder);
    }

    void cliSavingIntoAReadOnlyMountKeepsThePreviousFile()
    {
        // Inside the namespace: a tmpfs with a previous session, made read-only, then saved onto.
        const std::optional<Run> r = inMountNamespace(QStringLiteral(R"(
            set -u
            m='%1/mnt'; mkdir -p "$m"; mount -t tmpfs -o size=1m tmpfs "$m"
            "$CLI" train -c '%2' -e 1 -q -o "$m/s.json" >/dev/null || exit 90
            cp "$m/s.json" '%1/previous.json'
            mount -o remount,ro "$m" || exit 91
            "$CLI" train -c '%2' -e 2 -q -o "$m/s.json"; echo "exit=$?"
            cmp -s "$m/s.json" '%1/previous.json' && echo intact
            ls -A "$m"
        )").arg(m_folder, m_config));
        if (!r)
            QSKIP(kNoNamespace);
        QVERIFY2(r->out.contains(QStringLiteral("exit=1")), qPrintable(r->out + r->err));
        QVERIFY2(r->err.contains(m_folder + QStringLiteral("/mnt/s.json")), qPrintable(r->err));
        QVERIFY2(r->err.contains(QStringLiteral("Read-only file system")), qPrintable(r->err));
        QVERIFY2(r->out.contains(QStringLiteral("intact")), qPrintable(r->out));
        QVERIFY2(r->out.trimmed().endsWith(QStringLiteral("\ns.json")), qPrintable(r->out));
    }

    void cliSavingOntoAFullTmpfsKeepsThePreviousFile()
    {
        const std::optional<Run> r = inMountNamespace(QStringLiteral(R"(
            set -u
            m='%1/mnt'; mkdir -p "$m"; mount -t tmpfs -o size=256k tmpfs "$m"
            "$CLI" train -c '%2' -e 1 -q -o "$m/s.json" >/dev/null || exit 90
            cp "$m/s.json" '%1/previous.json'
            dd if=/dev/zero of="$m/filler" bs=4k 2>/dev/null
            "$CLI" train -c '%2' -e 2 -q -o "$m/s.json"; echo "exit=$?"
            cmp -s "$m/s.json" '%1/previous.json' && echo intact
            ls -A "$m" | tr '\n' ' '
        )").arg(m_folder, m_config));
        if (!r)
            QSKIP(kNoNamespace);
        QVERIFY2(r->out.contains(QStringLiteral("exit=1")), qPrintable(r->out + r->err));
        QVERIFY2(r->err.contains(m_folder + QStringLiteral("/mnt/s.json")), qPrintable(r->err));
        QVERIFY2(r->err.contains(QStringLiteral("No space left on device")), qPrintable(r->err));
        QVERIFY2(r->out.contains(QStringLiteral("intact")), qPrintable(r->out));
        // No temporary file is left to fill the disk further.
        QVERIFY2(r->out.contains(QStringLiteral("filler s.json")), qPrintable(r->out));
    }

    void cliSavingPastTheFileSizeLimitKeepsThePreviousFile()
    {
        const QString path = m_folder + QStringLiteral("/s.json");
        QCOMPARE(run(kCli, {"train", "-c", m_config, "-e", "1", "-q", "-o", path}).exitCode, 0);
        const QByteArray previous = readBytes(path);
        // SIGXFSZ ignored, as it stays across exec: write() fails with EFBIG as on a full disk.
        const Run r = run(QStringLiteral("bash"),
                          {"-c", "trap '' XFSZ; ulimit -f 2; exec \"$@\"", "bash", kCli, "train", "-c", m_config, "-e",
                           "2", "-q", "-o", path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(path), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("File too large")), qPrintable(r.err));
        QCOMPARE(readBytes(path), previous);
        QCOMPARE(QDir(m_folder).entryList(QDir::Files | QDir::Hidden), (QStringList{"s.json", "small.json"}));
    }

    void cliSavingIntoAFolderThatIsGoneSaysSo()
    {
        const QString path = m_folder + QStringLiteral("/gone/s.json");
        for (const QStringList &args : {QStringList{"train", "-c", m_config, "-e", "1", "-q", "-o", path},
                                        QStringList{"data", "-c", m_config, "-o", path}}) {
            const Run r = run(kCli, args);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(path), qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("No such file or directory")), qPrintable(r.err));
        }
        QVERIFY(!QFileInfo::exists(m_folder + QStringLiteral("/gone")));
    }

    void libraryFailuresNameTheFileAndTheCause()
    {
        Session session{Config{}, generateDataset(Config{}.data), std::nullopt};
        const std::string gone = (m_folder + QStringLiteral("/gone/s.json")).toStdString();
        std::string error = saveSession(gone, session);
        QVERIFY2(error.find(gone) != std::string::npos && error.find("No such file or directory") != std::string::npos,
                 error.c_str());
        const std::string path = (m_folder + QStringLiteral("/s.json")).toStdString();
        QCOMPARE(saveSession(path, session), std::string());
        const QByteArray previous = readBytes(QString::fromStdString(path));
        {
            ReadOnlyFolder readOnly(m_folder);
            if (readOnly.holds()) {
                error = saveSession(path, session);
                QVERIFY2(error.find(path) != std::string::npos && error.find("Permission denied") != std::string::npos,
                         error.c_str());
                error = writeCsvFile(path + ".csv", session.dataset);
                QVERIFY2(error.find("Permission denied") != std::string::npos, error.c_str());
            }
        }
        {
            FileSizeLimit full(1024);
            error = saveSession(path, session);
            QVERIFY2(error.find(path) != std::string::npos && error.find("File too large") != std::string::npos,
                     error.c_str());
        }
        QCOMPARE(readBytes(QString::fromStdString(path)), previous);
        // A folder where the file should be.
        QVERIFY(QDir().mkpath(m_folder + QStringLiteral("/folder.json")));
        const SessionReadResult read = loadSession((m_folder + QStringLiteral("/folder.json")).toStdString());
        QVERIFY(!read.session);
        QVERIFY2(read.error.find("folder.json") != std::string::npos && read.error.find("folder") != std::string::npos,
                 read.error.c_str());
    }

    void aSessionTruncatedAtEveryByteIsRefusedWithAMessage()
    {
        // A small trained session: config, points, weights, optimiser state and history.
        const QString full = m_folder + QStringLiteral("/full.json");
        QCOMPARE(run(kCli, {"train", "-c", m_config, "-e", "2", "-q", "-o", full}).exitCode, 0);
        const QByteArray bytes = readBytes(full);
        QVERIFY(bytes.size() > 1000);
        const QString cut = m_folder + QStringLiteral("/cut.json");
        const std::string cutPath = cut.toStdString();
        int refused = 0;
        for (qsizetype n = 0; n < bytes.size(); ++n) {
            QVERIFY(writeBytes(cut, bytes.left(n)));
            const SessionReadResult r = loadSession(cutPath);
            if (bytes.mid(n).trimmed().isEmpty()) {
                // Only trailing white space is gone: still the whole session.
                QVERIFY2(r.session, qPrintable(QStringLiteral("cut at %1: %2").arg(n).arg(r.error.c_str())));
                continue;
            }
            QVERIFY2(!r.session, qPrintable(QStringLiteral("cut at %1 of %2 bytes was accepted").arg(n).arg(bytes.size())));
            QVERIFY2(r.error.rfind(cutPath, 0) == 0 && r.error.size() > cutPath.size() + 4,
                     qPrintable(QStringLiteral("cut at %1: %2").arg(n).arg(r.error.c_str())));
            ++refused;
        }
        QVERIFY(refused >= bytes.size() - 2);
        // The command line says the same, for a few of the cuts.
        for (qsizetype n : {qsizetype(0), qsizetype(1), bytes.size() / 3, bytes.size() / 2, bytes.size() - 2}) {
            QVERIFY(writeBytes(cut, bytes.left(n)));
            const Run r = run(kCli, {"data", "-c", cut, "-o", m_folder + QStringLiteral("/out.csv")});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(cut), qPrintable(r.err));
            QVERIFY(!QFileInfo::exists(m_folder + QStringLiteral("/out.csv")));
        }
    }

    void aCsvOfTwoMillionRowsIsRefusedWithTheLimit()
    {
        const QString path = m_folder + QStringLiteral("/two-million.csv");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("x1,x2,label\n");
            QByteArray chunk;
            for (int i = 0; i < 10000; ++i)
                chunk += QByteArray::number(i % 1000) + ".5,-0.25," + QByteArray::number(i % 2) + '\n';
            for (int i = 0; i < 200; ++i)
                QVERIFY(f.write(chunk) == chunk.size());
        }
        const CsvReadResult r = readCsvFile(path.toStdString());
        QVERIFY(!r.dataset);
        QVERIFY2(r.error.find(path.toStdString()) != std::string::npos && r.error.find("1000000") != std::string::npos,
                 r.error.c_str());
        // The largest CSV allowed (a million rows) is read, and what it costs is reported.
        const QString largest = m_folder + QStringLiteral("/one-million.csv");
        QVERIFY(QFile::copy(path, largest));
        {
            QFile f(largest);
            QVERIFY(f.resize(QByteArray("x1,x2,label\n").size() + qint64(readBytes(path).size() - 12) / 2));
        }
        const CsvReadResult one = readCsvFile(largest.toStdString());
        QVERIFY2(one.dataset, one.error.c_str());
        QCOMPARE(one.dataset->points.size(), std::size_t(kMaxCsvPoints));
    }

    void theLargestSessionsLoadOrAreRefusedBeforeParsing()
    {
        // Beyond the size limit: refused from the size alone (a sparse file; nothing is read).
        const QString tooLarge = m_folder + QStringLiteral("/too-large.json");
        {
            QFile f(tooLarge);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(kMaxSessionBytes + 1));
        }
        const SessionReadResult refused = loadSession(tooLarge.toStdString());
        QVERIFY(!refused.session);
        QVERIFY2(refused.error.find("too large") != std::string::npos, refused.error.c_str());

        // The most points a session may hold, written as the app writes them, loaded by the
        // command line tool; its peak memory is reported.
        Config config;
        config.data.count = 1'000'000;
        const Session big{config, generateDataset(config.data), std::nullopt};
        const QString path = m_folder + QStringLiteral("/largest.json");
        QCOMPARE(saveSession(path.toStdString(), big), std::string());
        const qint64 size = QFileInfo(path).size();
        const Run r = run(kCli, {"data", "-c", path, "-o", m_folder + QStringLiteral("/largest.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        rusage usage{};
        ::getrusage(RUSAGE_CHILDREN, &usage);
        qInfo("a session of %lld points (%.1f MB) loads with a peak of %.0f MB in the command line tool",
              static_cast<long long>(big.dataset.points.size()), double(size) / 1e6, double(usage.ru_maxrss) / 1024.0);
        QCOMPARE(readCsvFile((m_folder + QStringLiteral("/largest.csv")).toStdString()).dataset->points.size(),
                 big.dataset.points.size());
    }

private:
    QTemporaryDir m_dir;
    int m_case = 0;
    QString m_folder;
    QString m_config;
};

QTEST_GUILESS_MAIN(TestFaultsDisk)
#include "test_faults_disk.moc"
