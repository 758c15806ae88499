// Hostile files: every loader (session JSON, config JSON, model JSON, CSV) is fed mutations of
// a valid file — flipped bytes, truncations, huge numbers, NaN, deep nesting, long strings,
// duplicated keys and slices, values of the wrong type — from a fixed seed. Each input must be
// refused with a message or accepted as an object that passes the validators (and writes back
// to the same object); a crash or a hang fails the test. A crash prints the loader and input
// number, which the seed turns back into the same bytes. NP_FUZZ_INPUTS and NP_FUZZ_SEED change
// the count and the seed for longer hunts.

#include "analysis/prediction.h"
#include "common/rng.h"
#include "data/csv.h"
#include "data/generators.h"
#include "io/modeljson.h"
#include "io/sessionjson.h"
#include "training/trainer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <csignal>
#include <cstring>
#include <functional>
#include <unistd.h>

using namespace np;

namespace {

const int kInputsPerLoader = qEnvironmentVariableIsSet("NP_FUZZ_INPUTS") ? qEnvironmentVariableIntValue("NP_FUZZ_INPUTS") : 20000;
const std::uint64_t kSeed = qEnvironmentVariableIsSet("NP_FUZZ_SEED") ? qEnvironmentVariable("NP_FUZZ_SEED").toULongLong() : 20240601;

// --- where a crash happened (read by the signal handler) ------------------------------------

char g_where[160] = "";

void onFatalSignal(int signal)
{
    const char prefix[] = "\ntest_fuzz: fatal signal while parsing ";
    [[maybe_unused]] auto n = ::write(2, prefix, sizeof prefix - 1);
    n = ::write(2, g_where, std::strlen(g_where));
    n = ::write(2, "\n", 1);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

// --- seeds ----------------------------------------------------------------------------------

Config seedConfig()
{
    Config c;
    c.data.generator = Generator::Spiral;
    c.data.classes = 3;
    c.data.count = 40;
    c.data.seed = 5;
    c.network.hidden = {LayerSpec{5, Activation::Tanh}, LayerSpec{4, Activation::ReLU}};
    c.network.head = OutputHead::Softmax;
    c.network.loss = Loss::CategoricalCrossEntropy;
    return c;
}

Session seedSession()
{
    Session s{seedConfig(), generateDataset(seedConfig().data), std::nullopt};
    Trainer trainer;
    if (!trainer.reset(s.config, s.dataset).empty())
        return s;
    trainer.trainEpoch();
    trainer.trainEpoch();
    s.state = trainer.state();
    return s;
}

Model seedModel()
{
    const Session s = seedSession();
    Trainer trainer;
    trainer.reset(s.config, s.dataset);
    trainer.restore(*s.state);
    return trainer.model();
}

// --- mutations ------------------------------------------------------------------------------

class Mutator
{
public:
    explicit Mutator(std::uint64_t seed) : m_rng(seed) {}

    std::uint32_t below(std::size_t n) { return n == 0 ? 0 : m_rng.below(std::uint32_t(std::min<std::size_t>(n, 0xffffffffu))); }
    bool chance(double p) { return m_rng.uniform() < p; }

    /// Something that breaks a reader when put in the wrong place.
    QByteArray token(bool json)
    {
        static const char *const common[] = {
            "1e999", "-1e999", "1e308", "-1e308", "1e-320", "NaN", "nan", "-nan", "inf", "-inf", "Infinity",
            "-0", "0", "-1", "2147483648", "-2147483649", "9007199254740993", "18446744073709551616",
            "0.5", "7", "8", "255", "1e9", "0x10", "\"", "\\", ",", ":", "\n", "\r\n", "\t", "\xef\xbb\xbf",
            "\xff\xfe", "\xc3", "\0", "\\u0000", "\\ud800", "'", "#", " "};
        static const char *const jsonOnly[] = {"null", "true", "false", "[]", "{}", "\"\"", "[", "]", "{", "}",
                                               "\"x\": 1,", ",,", "[null]", "{\"\": 0}", "\"\\uffff\""};
        static const char *const csvOnly[] = {"x1,x2,label", "x,y,class,split", "target", "validation",
                                              "train", "\"1,2\"", "1,2,3,4,5", ",,,", "1;2;3"};
        switch (below(json ? 6 : 5)) {
        case 0:
            return longString();
        case 1:
            return deepNesting(json);
        default:
            break;
        }
        if (json && chance(0.4))
            return jsonOnly[below(std::size(jsonOnly))];
        if (!json && chance(0.4))
            return csvOnly[below(std::size(csvOnly))];
        const char *t = common[below(std::size(common))];
        return t[0] == '\0' ? QByteArray(1, '\0') : QByteArray(t);
    }

    QByteArray longString()
    {
        const int n = 1 << (4 + below(14));  // 16 .. 128 k characters
        return '"' + QByteArray(n, char('a' + below(26))) + '"';
    }

    QByteArray deepNesting(bool json)
    {
        const int depth = 1 << (2 + below(13));  // 4 .. 16 k levels
        const char open = json && chance(0.5) ? '{' : '[';
        if (open == '{') {
            QByteArray s;
            for (int i = 0; i < depth; ++i)
                s += "{\"a\":";
            return s + "1" + QByteArray(depth, '}');
        }
        return QByteArray(depth, '[') + (chance(0.5) ? QByteArray(depth, ']') : QByteArray());
    }

    /// One byte-level change: flip, truncate, insert, delete, duplicate a slice, replace a number.
    void mutateBytes(QByteArray &s, bool json)
    {
        if (s.isEmpty()) {
            s = token(json);
            return;
        }
        const auto pos = qsizetype(below(std::size_t(s.size())));
        switch (below(8)) {
        case 0:  // flip bits of a few bytes
            for (int i = 0, n = 1 + int(below(4)); i < n; ++i)
                s[qsizetype(below(std::size_t(s.size())))] ^= char(1u << below(8));
            break;
        case 1:  // truncate
            s.truncate(pos);
            break;
        case 2:
        case 3:  // insert a token
            s.insert(pos, token(json));
            break;
        case 4: {  // delete a slice
            const auto n = qsizetype(below(std::size_t(std::min<qsizetype>(s.size() - pos, 64)) + 1));
            s.remove(pos, n);
            break;
        }
        case 5: {  // duplicate a slice somewhere (repeated keys, rows, brackets)
            const auto n = qsizetype(below(std::size_t(std::min<qsizetype>(s.size() - pos, 200)) + 1));
            const QByteArray slice = s.mid(pos, n);
            s.insert(qsizetype(below(std::size_t(s.size()) + 1)), slice);
            break;
        }
        case 6: {  // replace the number at or after pos
            qsizetype a = pos;
            while (a < s.size() && !(std::isdigit(static_cast<unsigned char>(s[a])) != 0))
                ++a;
            qsizetype b = a;
            while (b < s.size() && (std::isdigit(static_cast<unsigned char>(s[b])) != 0 || s[b] == '.' || s[b] == 'e' || s[b] == '-'))
                ++b;
            s.replace(a, b - a, token(json));
            break;
        }
        default:  // a random byte
            s.insert(pos, char(below(256)));
            break;
        }
    }

    /// A change that keeps the JSON well-formed, so it reaches the validators: a value swapped
    /// for one of another type or range, a key removed, an unknown or repeated key added.
    QByteArray mutateJsonTree(const QByteArray &text)
    {
        QJsonDocument doc = QJsonDocument::fromJson(text);
        if (!doc.isObject())
            return text;
        QJsonObject root = doc.object();
        mutateValue(root, 0);
        QByteArray out = QJsonDocument(root).toJson(chance(0.5) ? QJsonDocument::Compact : QJsonDocument::Indented);
        if (chance(0.2)) {
            // A repeated key (QJsonObject cannot hold one): the first key again with a new value.
            const QString key = root.isEmpty() ? QStringLiteral("version") : root.keys().at(qsizetype(below(std::size_t(root.size()))));
            out.insert(1, "\"" + key.toUtf8() + "\": " + jsonValueText() + ",");
        }
        return out;
    }

private:
    QByteArray jsonValueText()
    {
        return QJsonDocument(QJsonArray{randomValue()}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    }

    QJsonValue randomValue()
    {
        switch (below(14)) {
        case 0: return QJsonValue(QJsonValue::Null);
        case 1: return chance(0.5);
        case 2: return 0;
        case 3: return -1;
        case 4: return 1e300 * (chance(0.5) ? 1 : -1);
        case 5: return 0.5;
        case 6: return 9007199254740993.0;
        case 7: return double(1u << below(32));
        case 8: return QString();
        case 9: return QString::fromLatin1(longString().mid(1).chopped(1));
        case 10: return QJsonArray();
        case 11: return QJsonObject();
        case 12: {
            QJsonArray a;
            for (int i = 0, n = int(below(50)); i < n; ++i)
                a.append(chance(0.9) ? QJsonValue(m_rng.normal(0, 1e3)) : randomValue());
            return a;
        }
        default: return QStringLiteral("adam");
        }
    }

    // Walks into a random child and changes something there.
    void mutateValue(QJsonObject &object, int depth)
    {
        const QStringList keys = object.keys();
        if (keys.isEmpty() || (depth > 0 && chance(0.3))) {
            object.insert(chance(0.5) ? QStringLiteral("unknownKey") : QStringLiteral("epoch"), randomValue());
            return;
        }
        const QString key = keys.at(qsizetype(below(std::size_t(keys.size()))));
        QJsonValue value = object.value(key);
        if (value.isObject() && chance(0.7)) {
            QJsonObject child = value.toObject();
            mutateValue(child, depth + 1);
            object.insert(key, child);
        } else if (value.isArray() && !value.toArray().isEmpty() && chance(0.6)) {
            QJsonArray a = value.toArray();
            const auto i = qsizetype(below(std::size_t(a.size())));
            if (a.at(i).isObject()) {
                QJsonObject child = a.at(i).toObject();
                mutateValue(child, depth + 1);
                a[i] = child;
            } else if (chance(0.3)) {
                a.removeAt(i);
            } else {
                a[i] = randomValue();
            }
            object.insert(key, a);
        } else if (chance(0.2)) {
            object.remove(key);
        } else {
            object.insert(key, randomValue());
        }
    }

    Rng m_rng;
};

// --- validators of what the loaders accept ---------------------------------------------------

QString checkDataset(const Dataset &d)
{
    if (d.isClassification() && (d.classCount < kMinClasses || d.classCount > kMaxClasses))
        return QStringLiteral("class count %1").arg(d.classCount);
    for (const DataPoint &p : d.points) {
        if (!std::isfinite(p.x1) || !std::isfinite(p.x2) || (!d.isClassification() && !std::isfinite(p.target)))
            return QStringLiteral("a point that is not finite");
        if (d.isClassification() && (p.label < 0 || p.label >= d.classCount))
            return QStringLiteral("label %1 of %2 classes").arg(p.label).arg(d.classCount);
    }
    return {};
}

QString checkSession(const Session &s)
{
    if (std::string e = validateConfig(s.config, s.dataset.task, s.dataset.classCount); !e.empty())
        return QString::fromStdString(e);
    if (QString e = checkDataset(s.dataset); !e.isEmpty())
        return e;
    if (s.state) {
        for (float w : s.state->parameters) {
            if (!std::isfinite(w))
                return QStringLiteral("a weight that is not finite");
        }
        Trainer trainer;
        if (std::string e = trainer.reset(s.config, s.dataset); !e.empty())
            return QString::fromStdString(e);
        if (std::string e = trainer.restore(*s.state); !e.empty())
            return QString::fromStdString(e);
    }
    // What was accepted writes back to the same thing.
    const SessionReadResult again = parseSession(sessionToJson(s));
    if (!again.session)
        return QStringLiteral("written back, it does not read: ") + QString::fromStdString(again.error);
    if (again.session->config != s.config || again.session->dataset != s.dataset
        || again.session->state.has_value() != s.state.has_value()
        || (s.state && again.session->state->parameters != s.state->parameters))
        return QStringLiteral("written back, it reads differently");
    return {};
}

QString checkModel(const Model &m)
{
    if (m.inputs != m.features.count())
        return QStringLiteral("%1 inputs for %2 features").arg(m.inputs).arg(m.features.count());
    int expected = 0;
    for (int n : parameterCounts(m.network, m.inputs, m.outputs))
        expected += n;
    if (int(m.parameters.size()) != expected)
        return QStringLiteral("%1 parameters, the layers need %2").arg(m.parameters.size()).arg(expected);
    for (float w : m.parameters) {
        if (!std::isfinite(w))
            return QStringLiteral("a weight that is not finite");
    }
    if (!m.standardizer.isEmpty()
        && (m.standardizer.mean.size() != m.inputs || m.standardizer.scale.size() != m.inputs
            || !m.standardizer.mean.allFinite() || !m.standardizer.scale.allFinite()))
        return QStringLiteral("a standardiser that does not fit");
    Matrix<double> points(2, 3);  // 2 x points
    points << 0.0, 1.5, -2.0, 0.0, -0.5, 3.0;
    if (predict(m, points).cols() != 3)
        return QStringLiteral("it does not predict");
    const ExportResult again = encodeModelJson(m);
    const ModelReadResult back = parseModelJson(QByteArray::fromStdString(again.bytes));
    if (!back.model || back.model->parameters != m.parameters)
        return QStringLiteral("written back, it reads differently");
    return {};
}

QString checkCsv(const Dataset &d)
{
    if (QString e = checkDataset(d); !e.isEmpty())
        return e;
    if (d.points.size() > std::size_t(kMaxCsvPoints))
        return QStringLiteral("too many points");
    const CsvReadResult back = parseCsv(formatCsv(d));
    if (!back.dataset || *back.dataset != d)
        return QStringLiteral("written back, it reads differently");
    return {};
}

struct Tally
{
    int tried = 0;
    int rejected = 0;
    int accepted = 0;
};

/// Feeds kInputsPerLoader mutations of `seed` to `load`, which returns empty when it refused
/// the input with a message, the validation failure of an accepted object otherwise
/// ("ok" when it passed).
Tally fuzz(const char *name, const QByteArray &seed, bool json, std::uint64_t rngSeed,
           const std::function<QString(const QByteArray &)> &load)
{
    Mutator mutator(rngSeed);
    Tally tally;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kInputsPerLoader; ++i) {
        QByteArray input = seed;
        // Mostly one change, so many inputs get past the parser to the validators.
        const int changes = mutator.chance(0.6) ? 1 : 2 + int(mutator.below(3));
        for (int c = 0; c < changes; ++c) {
            if (json && mutator.chance(0.5))
                input = mutator.mutateJsonTree(input);
            else
                mutator.mutateBytes(input, json);
        }
        std::snprintf(g_where, sizeof g_where, "%s input %d (seed %llu)", name, i,
                      static_cast<unsigned long long>(rngSeed));
        QElapsedTimer one;
        one.start();
        const QString verdict = load(input);
        ++tally.tried;
        if (verdict.isEmpty()) {
            ++tally.rejected;
        } else if (verdict == QLatin1String("ok")) {
            ++tally.accepted;
        } else {
            qWarning("%s input %d was accepted but is invalid: %s", name, i, qPrintable(verdict));
            return {};
        }
        if (one.elapsed() > 5000) {
            qWarning("%s input %d took %lld ms", name, i, one.elapsed());
            return {};
        }
    }
    qInfo("%s: %d inputs tried, %d rejected with a message, %d accepted and valid (%lld ms)", name, tally.tried,
          tally.rejected, tally.accepted, clock.elapsed());
    return tally;
}

}  // namespace

class TestFuzz : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        for (int s : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL})
            std::signal(s, onFatalSignal);
    }

    void sessionJson()
    {
        const QByteArray seed = sessionToJson(seedSession());
        QVERIFY(parseSession(seed).session);
        const Tally t = fuzz("session JSON", seed, true, kSeed, [](const QByteArray &input) {
            const SessionReadResult r = parseSession(input);
            if (!r.session)
                return r.error.empty() ? QStringLiteral("refused without a message") : QString();
            const QString problem = checkSession(*r.session);
            return problem.isEmpty() ? QStringLiteral("ok") : problem;
        });
        QCOMPARE(t.tried, kInputsPerLoader);
        QVERIFY(t.accepted > 0);  // the mutations were not all fatal: validators were exercised
        QVERIFY(t.rejected > 0);
    }

    void configJson()
    {
        const QByteArray seed = configFileToJson(seedConfig());
        QVERIFY(parseSession(seed).session);
        const Tally t = fuzz("config JSON", seed, true, kSeed + 1, [](const QByteArray &input) {
            const SessionReadResult r = parseSession(input);
            if (!r.session)
                return r.error.empty() ? QStringLiteral("refused without a message") : QString();
            const QString problem = checkSession(*r.session);
            return problem.isEmpty() ? QStringLiteral("ok") : problem;
        });
        QCOMPARE(t.tried, kInputsPerLoader);
        QVERIFY(t.accepted > 0);
        QVERIFY(t.rejected > 0);
    }

    void modelJson()
    {
        const ExportResult encoded = encodeModelJson(seedModel());
        QVERIFY(encoded.error.empty());
        const QByteArray seed = QByteArray::fromStdString(encoded.bytes);
        QVERIFY(parseModelJson(seed).model);
        const Tally t = fuzz("model JSON", seed, true, kSeed + 2, [](const QByteArray &input) {
            const ModelReadResult r = parseModelJson(input);
            if (!r.model)
                return r.error.empty() ? QStringLiteral("refused without a message") : QString();
            const QString problem = checkModel(*r.model);
            return problem.isEmpty() ? QStringLiteral("ok") : problem;
        });
        QCOMPARE(t.tried, kInputsPerLoader);
        QVERIFY(t.accepted > 0);
        QVERIFY(t.rejected > 0);
    }

    void csv()
    {
        Dataset data = generateDataset(seedConfig().data);
        data.points[3].validation = true;
        const QByteArray seed = QByteArray::fromStdString(formatCsv(data));
        QVERIFY(parseCsv(seed.toStdString()).dataset);
        const Tally t = fuzz("CSV", seed, false, kSeed + 3, [](const QByteArray &input) {
            const CsvReadResult r = parseCsv(std::string_view(input.constData(), std::size_t(input.size())));
            if (!r.dataset)
                return r.error.empty() ? QStringLiteral("refused without a message") : QString();
            const QString problem = checkCsv(*r.dataset);
            return problem.isEmpty() ? QStringLiteral("ok") : problem;
        });
        QCOMPARE(t.tried, kInputsPerLoader);
        QVERIFY(t.accepted > 0);
        QVERIFY(t.rejected > 0);
    }
};

QTEST_GUILESS_MAIN(TestFuzz)
#include "test_fuzz.moc"
