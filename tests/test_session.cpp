// Session and config files: JSON round trips, bit-exact resumption of training, and the
// reader's answer to truncated, malformed and hostile files (DESIGN.md, "Bad input").

#include "common/numbertext.h"
#include "common/rng.h"
#include "data/generators.h"
#include "io/configjson.h"
#include "io/sessionjson.h"
#include "session/config.h"
#include "session/session.h"
#include "training/trainer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <sys/stat.h>

Q_DECLARE_METATYPE(np::Config)

namespace QTest {
// Error messages are std::string; show them when a comparison fails.
template <>
inline char *toString(const std::string &text)
{
    return qstrdup(text.c_str());
}
}  // namespace QTest

namespace np {

namespace {

const QString kDataDir = QStringLiteral(NP_TEST_DATA_DIR "/session/");

// --- building sessions ------------------------------------------------------------------

/// A small 2-class XOR problem (60 points, 48 for training) that trains in microseconds.
/// `regularised` adds batch norm and dropout, so the random generator's state matters
/// for every step; `earlyStopping` makes the state carry the best weights.
Config xorConfig(OptimizerKind kind, bool regularised = false, bool earlyStopping = false)
{
    Config c;
    c.data.generator = Generator::Xor;
    c.data.classes = 2;
    c.data.count = 60;
    c.data.noise = 0.1;
    c.data.validationFraction = 0.2;
    c.data.seed = 11;
    c.network.hidden = {LayerSpec{4, Activation::Tanh}};
    if (regularised) {
        LayerSpec first{6, Activation::ReLU};
        first.batchNorm = true;
        first.dropout = 0.25;
        LayerSpec second{4, Activation::Tanh};
        second.dropout = 0.1;
        c.network.hidden = {first, second};
    }
    c.network.head = OutputHead::Sigmoid;
    c.network.loss = Loss::BinaryCrossEntropy;
    c.init.seed = 5;
    c.training.optimizer.kind = kind;
    c.training.optimizer.learningRate = kind == OptimizerKind::Momentum ? 0.05 : 0.02;
    c.training.batchSize = 8;
    c.training.seed = 77;
    if (earlyStopping) {
        c.training.earlyStopping.enabled = true;
        c.training.earlyStopping.patience = 1000;
    }
    return c;
}

/// Resets a trainer on the config's generated data and trains `steps` updates.
void train(Trainer &trainer, const Config &config, std::int64_t steps)
{
    QCOMPARE(trainer.reset(config, generateDataset(config.data)), std::string());
    QCOMPARE(trainer.train(steps), steps);
}

/// The session the tables below edit: 20 XOR points (16 for training), one tanh layer of 3
/// (13 parameters), Adam, trained 7 steps. Compact JSON, so that edits and mutations land on content.
const QByteArray &baseSessionJson()
{
    static const QByteArray json = [] {
        Config c = xorConfig(OptimizerKind::Adam);
        c.data.count = 20;
        c.network.hidden = {LayerSpec{3, Activation::Tanh}};
        c.training.batchSize = 4;
        Trainer trainer;
        trainer.reset(c, generateDataset(c.data));
        trainer.train(7);
        const Session session{c, trainer.dataset(), trainer.state()};
        return QJsonDocument::fromJson(sessionToJson(session)).toJson(QJsonDocument::Compact);
    }();
    return json;
}

QJsonObject baseSessionObject()
{
    return QJsonDocument::fromJson(baseSessionJson()).object();
}

// --- editing JSON -----------------------------------------------------------------------

/// Sets (or, with an undefined value, removes) the value at a path like "config/network/hidden/0/units".
QJsonValue editedValue(const QJsonValue &node, QStringList path, const QJsonValue &value)
{
    const QString key = path.takeFirst();
    const bool leaf = path.isEmpty();
    if (node.isArray()) {
        QJsonArray a = node.toArray();
        const qsizetype i = key.toInt();
        Q_ASSERT(i >= 0 && i <= a.size());
        if (leaf && value.isUndefined())
            a.removeAt(i);
        else if (i == a.size())
            a.append(leaf ? value : editedValue(QJsonValue(), path, value));
        else
            a[i] = leaf ? value : editedValue(a.at(i), path, value);
        return a;
    }
    QJsonObject o = node.toObject();
    if (leaf && value.isUndefined())
        o.remove(key);
    else
        o[key] = leaf ? value : editedValue(o.value(key), path, value);
    return o;
}

QByteArray edited(const QJsonObject &root, const QString &path, const QJsonValue &value)
{
    return QJsonDocument(editedValue(root, path.split('/'), value).toObject()).toJson(QJsonDocument::Compact);
}

/// The base session with one value replaced.
QByteArray baseWith(const QString &path, const QJsonValue &value)
{
    return edited(baseSessionObject(), path, value);
}

QByteArray baseWithout(const QString &path)
{
    return edited(baseSessionObject(), path, QJsonValue(QJsonValue::Undefined));
}

// --- comparing --------------------------------------------------------------------------

bool sameBits(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

/// Empty when both vectors hold the same floats bit for bit, otherwise where they first differ.
QString floatDifference(const std::vector<Scalar> &a, const std::vector<Scalar> &b)
{
    if (a.size() != b.size())
        return QString("sizes %1 and %2").arg(a.size()).arg(b.size());
    if (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(Scalar)) == 0)
        return {};
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::bit_cast<std::uint32_t>(a[i]) != std::bit_cast<std::uint32_t>(b[i]))
            return QString("entry %1: %2 vs %3").arg(i).arg(double(a[i]), 0, 'g', 9).arg(double(b[i]), 0, 'g', 9);
    }
    return {};
}

void compareFloats(const std::vector<Scalar> &actual, const std::vector<Scalar> &expected, const char *what)
{
    const QString difference = floatDifference(actual, expected);
    QVERIFY2(difference.isEmpty(), qPrintable(QString(what) + " differ at " + difference));
}

void compareMetrics(const Metrics &a, const Metrics &b, std::size_t row)
{
    QVERIFY2(a.count == b.count, qPrintable(QString("history row %1: count %2 vs %3").arg(row).arg(a.count).arg(b.count)));
    for (auto [x, y] : {std::pair{a.loss, b.loss}, {a.accuracy, b.accuracy}, {a.rmse, b.rmse}, {a.r2, b.r2}})
        QVERIFY2(sameBits(x, y), qPrintable(QString("history row %1: %2 vs %3").arg(row).arg(x, 0, 'g', 17).arg(y, 0, 'g', 17)));
}

void compareHistory(const History &a, const History &b)
{
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].epoch, b[i].epoch);
        QCOMPARE(a[i].step, b[i].step);
        QVERIFY(sameBits(a[i].learningRate, b[i].learningRate));
        QVERIFY(sameBits(a[i].penalty, b[i].penalty));
        compareMetrics(a[i].train, b[i].train, i);
        if (QTest::currentTestFailed())
            return;
        compareMetrics(a[i].validation, b[i].validation, i);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(a[i].healthLayers, b[i].healthLayers);
        for (int l = 0; l < a[i].healthLayers; ++l) {
            const LayerHealth &x = a[i].health[std::size_t(l)], &y = b[i].health[std::size_t(l)];
            QVERIFY(sameBits(double(x.gradientNorm), double(y.gradientNorm)));
            QVERIFY(sameBits(double(x.deadShare), double(y.deadShare)));
            QVERIFY(sameBits(double(x.saturatedShare), double(y.saturatedShare)));
        }
    }
}

/// Every field of two trainer states, floats bit for bit.
void compareStates(const TrainerState &a, const TrainerState &b)
{
    compareFloats(a.parameters, b.parameters, "parameters");
    compareFloats(a.buffers, b.buffers, "buffers");
    QCOMPARE(a.optimizer.kind, b.optimizer.kind);
    QCOMPARE(a.optimizer.t, b.optimizer.t);
    QCOMPARE(a.optimizer.accumulators.size(), b.optimizer.accumulators.size());
    for (std::size_t i = 0; i < a.optimizer.accumulators.size(); ++i)
        compareFloats(a.optimizer.accumulators[i], b.optimizer.accumulators[i], "optimizer accumulators");
    QVERIFY(a.rng == b.rng);
    QCOMPARE(a.order, b.order);
    QCOMPARE(a.cursor, b.cursor);
    QCOMPARE(a.epoch, b.epoch);
    QCOMPARE(a.step, b.step);
    QCOMPARE(a.samples, b.samples);
    compareHistory(a.history, b.history);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(sameBits(a.earlyStopping.bestLoss, b.earlyStopping.bestLoss));
    QCOMPARE(a.earlyStopping.bestEpoch, b.earlyStopping.bestEpoch);
    QCOMPARE(a.earlyStopping.badEpochs, b.earlyStopping.badEpochs);
    compareFloats(a.earlyStopping.bestParameters, b.earlyStopping.bestParameters, "best parameters");
    compareFloats(a.earlyStopping.bestBuffers, b.earlyStopping.bestBuffers, "best buffers");
    QCOMPARE(a.stopReason, b.stopReason);
    QCOMPARE(a.stopMessage, b.stopMessage);
}

/// Every field of the config set away from both Config{} and defaultConfig().
Config everyFieldChanged()
{
    Config c;
    c.data.generator = Generator::Checkerboard;
    c.data.classes = 5;
    c.data.count = 321;
    c.data.noise = 0.35;
    c.data.validationFraction = 0.3;
    c.data.seed = (std::uint64_t(1) << 40) + 1;
    c.features = FeatureSet{Feature::X1Squared, Feature::Radius, Feature::Angle};
    c.standardize = true;
    LayerSpec maxout{5, Activation::Maxout};
    maxout.alpha = 0.3;
    maxout.pieces = 3;
    maxout.batchNorm = true;
    maxout.dropout = 0.25;
    LayerSpec leaky{7, Activation::LeakyReLU};
    leaky.alpha = 0.05;
    leaky.pieces = 4;
    leaky.dropout = 0.1;
    c.network.hidden = {maxout, leaky};
    c.network.head = OutputHead::OneVsRest;
    c.network.loss = Loss::Squared;
    c.init.scheme = InitScheme::He;
    c.init.scale = 0.75;
    c.init.bias = 0.1;
    c.init.sparseConnections = 9;
    c.init.seed = std::uint64_t(1) << 40;
    TrainingSpec &t = c.training;
    t.algorithm = Algorithm::Perceptron;
    t.optimizer.kind = OptimizerKind::RMSProp;
    t.optimizer.learningRate = 0.123;
    t.optimizer.momentum = 0.8;
    t.optimizer.beta1 = 0.85;
    t.optimizer.beta2 = 0.995;
    t.optimizer.rho = 0.95;
    t.optimizer.epsilon = 1e-7;
    t.optimizer.weightDecay = 0.02;
    t.schedule.kind = ScheduleKind::Cosine;
    t.schedule.finalLearningRate = 0.001;
    t.schedule.tau = 12345;
    t.schedule.decay = 0.7;
    t.schedule.decaySteps = 77;
    t.batchSize = 32;
    t.shuffle = false;
    t.penalty.l1 = 0.001;
    t.penalty.l2 = 0.002;
    t.earlyStopping.enabled = true;
    t.earlyStopping.patience = 7;
    t.earlyStopping.minDelta = 1e-4;
    t.earlyStopping.restoreBest = false;
    t.maxEpochs = 500;
    t.targetLoss = 0.05;
    t.seed = (std::uint64_t(1) << 40) + 3;
    return c;
}

QByteArray readFixture(const QString &name)
{
    QFile file(kDataDir + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/// Every entry of a folder, hidden ones included.
QStringList entries(const QString &folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                                  QDir::Name);
}

/// 1..4 random edits of the kinds a damaged or hand-edited file shows.
QByteArray mutate(QByteArray text, Rng &rng)
{
    static constexpr char kAlphabet[] = "{}[]\",:0123456789.e-";
    const std::uint32_t edits = 1 + rng.below(4);
    for (std::uint32_t e = 0; e < edits && !text.isEmpty(); ++e) {
        const qsizetype at = rng.below(static_cast<std::uint32_t>(text.size()));
        switch (rng.below(10)) {
        case 0:
        case 1:
        case 2:
            text[at] = static_cast<char>(static_cast<unsigned char>(text[at]) ^ (1u << rng.below(8)));
            break;
        case 3:
        case 4:
            text.remove(at, 1 + rng.below(8));
            break;
        case 5:
        case 6:
            text.insert(at, kAlphabet[rng.below(sizeof kAlphabet - 1)]);
            break;
        case 7:
            text.truncate(at);
            break;
        default: {
            // A digit for another keeps the JSON well-formed, so the checks behind the parser get hit.
            qsizetype digit = at;
            while (digit < text.size() && (text[digit] < '0' || text[digit] > '9'))
                ++digit;
            if (digit < text.size())
                text[digit] = static_cast<char>('0' + rng.below(10));
            break;
        }
        }
    }
    return text;
}

}  // namespace

class TestSession : public QObject
{
    Q_OBJECT

private slots:
    void messagesQuoteNumbersAsWritten();
    void configRoundTrip_data();
    void configRoundTrip();
    void configJsonWritesEveryFieldByName();
    void configSeedsRoundTripOrAreRefused();

    void sessionRoundTripIsBitExact_data();
    void sessionRoundTripIsBitExact();
    void oneInputSessionRoundTrips();
    void savedSessionResumesBitExactly_data();
    void savedSessionResumesBitExactly();
    void historyKeepsPointCountsPerRow();
    void negativeZeroWeightsRoundTrip();

    void configFileGeneratesItsData();
    void partialConfigKeepsDefaults();
    void handWrittenSessionLoads();

    void badInputIsRefused_data();
    void badInputIsRefused();
    void truncatedFileNamesTheLine();
    void deepNestingIsRefused();
    void millionPointDatasetIsRefused();
    void randomBytesAreRefusedQuickly();

    void loadNamesMissingPathAndFolder();
    void loadRefusesHugeFileBeforeReading();
    void saveIsAtomicAndReplaces();
    void saveNamesUnwritableFolder();

    void mutationFuzz();
};

// --- 0. numbers in messages ------------------------------------------------------------

void TestSession::messagesQuoteNumbersAsWritten()
{
    QCOMPARE(np::formatNumber(160), std::string("160"));
    QCOMPARE(np::formatNumber(-3), std::string("-3"));
    QCOMPARE(np::formatNumber(1e6), std::string("1000000"));  // whole numbers in full
    QCOMPARE(np::formatNumber(0.03), std::string("0.03"));
    QCOMPARE(np::formatNumber(1.5e20), std::string("1.5e+20"));
    QCOMPARE(np::formatNumber(2.0 / 3.0), std::string("0.666667"));
    QCOMPARE(np::formatNumber(std::numeric_limits<double>::infinity()), std::string("inf"));
    QCOMPARE(np::formatNumber(std::nan("")), std::string("nan"));
}

// --- 1. config round trip ---------------------------------------------------------------

void TestSession::configRoundTrip_data()
{
    QTest::addColumn<Config>("config");
    QTest::newRow("Config{}") << Config{};
    QTest::newRow("defaultConfig()") << defaultConfig();
    QTest::newRow("every field changed") << everyFieldChanged();
}

void TestSession::configRoundTrip()
{
    QFETCH(Config, config);

    // Read over a config that differs in every field, so that each one must really be read.
    const Config other = config == everyFieldChanged() ? Config{} : everyFieldChanged();

    // Straight from object to object.
    Config read = other;
    JsonReader reader;
    configFromJson(configToJson(config), read, reader);
    QCOMPARE(reader.error(), std::string());
    QVERIFY(read == config);

    // Through text, as in a file.
    const QByteArray text = QJsonDocument(configToJson(config)).toJson(QJsonDocument::Indented);
    Config fromText = other;
    JsonReader textReader;
    configFromJson(QJsonDocument::fromJson(text).object(), fromText, textReader);
    QCOMPARE(textReader.error(), std::string());
    QVERIFY(fromText == config);
}

void TestSession::configJsonWritesEveryFieldByName()
{
    const Config c = everyFieldChanged();
    const Config plain;
    // The row above only proves something if every part differs from the defaults.
    QVERIFY(c.data.generator != plain.data.generator && c.data.classes != plain.data.classes
            && c.data.count != plain.data.count && c.data.noise != plain.data.noise
            && c.data.validationFraction != plain.data.validationFraction && c.data.seed != plain.data.seed);
    QVERIFY(c.features != plain.features && c.standardize != plain.standardize);
    QVERIFY(c.network.head != plain.network.head && c.network.loss != plain.network.loss);
    QVERIFY(c.init.scheme != plain.init.scheme && c.init.scale != plain.init.scale && c.init.bias != plain.init.bias
            && c.init.sparseConnections != plain.init.sparseConnections && c.init.seed != plain.init.seed);
    const TrainingSpec &t = c.training, &u = plain.training;
    QVERIFY(t.algorithm != u.algorithm && t.batchSize != u.batchSize && t.shuffle != u.shuffle
            && t.maxEpochs != u.maxEpochs && t.targetLoss != u.targetLoss && t.seed != u.seed);
    QVERIFY(t.optimizer.kind != u.optimizer.kind && t.optimizer.learningRate != u.optimizer.learningRate
            && t.optimizer.momentum != u.optimizer.momentum && t.optimizer.beta1 != u.optimizer.beta1
            && t.optimizer.beta2 != u.optimizer.beta2 && t.optimizer.rho != u.optimizer.rho
            && t.optimizer.epsilon != u.optimizer.epsilon && t.optimizer.weightDecay != u.optimizer.weightDecay);
    QVERIFY(t.schedule.kind != u.schedule.kind && t.schedule.finalLearningRate != u.schedule.finalLearningRate
            && t.schedule.tau != u.schedule.tau && t.schedule.decay != u.schedule.decay
            && t.schedule.decaySteps != u.schedule.decaySteps);
    QVERIFY(t.penalty.l1 != u.penalty.l1 && t.penalty.l2 != u.penalty.l2);
    QVERIFY(t.earlyStopping.enabled != u.earlyStopping.enabled && t.earlyStopping.patience != u.earlyStopping.patience
            && t.earlyStopping.minDelta != u.earlyStopping.minDelta
            && t.earlyStopping.restoreBest != u.earlyStopping.restoreBest);

    // The file format's stable keys and values.
    const QJsonObject o = configToJson(c);
    QCOMPARE(o.keys(), QStringList({"data", "features", "init", "network", "standardize", "training"}));
    QCOMPARE(o["data"]["generator"].toString(), QString("checkerboard"));
    QCOMPARE(o["data"]["seed"].toDouble(), 1099511627777.0);
    QCOMPARE(o["features"].toArray(), QJsonArray({"x1sq", "r", "theta"}));
    const QJsonObject layer = o["network"]["hidden"][0].toObject();
    QCOMPARE(layer, QJsonObject({{"units", 5}, {"activation", "maxout"}, {"alpha", 0.3}, {"pieces", 3},
                                 {"batchNorm", true}, {"dropout", 0.25}}));
    QCOMPARE(o["network"]["hidden"][1]["activation"].toString(), QString("leaky_relu"));
    QCOMPARE(o["network"]["output"].toString(), QString("one_vs_rest"));
    QCOMPARE(o["network"]["loss"].toString(), QString("squared"));
    QCOMPARE(o["init"]["scheme"].toString(), QString("he"));
    QCOMPARE(o["init"]["seed"].toDouble(), 1099511627776.0);
    QCOMPARE(o["training"]["algorithm"].toString(), QString("perceptron"));
    QCOMPARE(o["training"]["optimizer"]["type"].toString(), QString("rmsprop"));
    QCOMPARE(o["training"]["schedule"]["type"].toString(), QString("cosine"));
    QCOMPARE(o["training"]["schedule"]["tau"].toDouble(), 12345.0);
    QCOMPARE(o["training"]["earlyStopping"]["restoreBest"].toBool(), false);
    QCOMPARE(o["training"]["seed"].toDouble(), 1099511627779.0);
}

void TestSession::configSeedsRoundTripOrAreRefused()
{
    // 2^53 is the largest seed a JSON number holds exactly; it must come back.
    Config c = defaultConfig();
    c.data.seed = c.init.seed = c.training.seed = std::uint64_t(1) << 53;
    SessionReadResult r = parseSession(configFileToJson(c));
    QCOMPARE(r.error, std::string());
    QCOMPARE(r.session->config.training.seed, std::uint64_t(1) << 53);

    // A larger seed (a Config may hold any 64-bit value) must either be refused when the config
    // is validated, or survive saving; it must never be written to a file that cannot be opened.
    c = defaultConfig();
    c.training.seed = (std::uint64_t(1) << 60) + 1;
    const Dataset data = generateDataset(c.data);
    const std::string problem = validateConfig(c, data.task, data.classCount);
    if (!problem.empty()) {
        QVERIFY2(QString::fromStdString(problem).contains("seed", Qt::CaseInsensitive), problem.c_str());
        return;
    }
    r = parseSession(sessionToJson(Session{c, data, std::nullopt}));
    QVERIFY2(r.session.has_value(), ("a valid config saved to a file that does not load: " + r.error).c_str());
    QCOMPARE(r.session->config.training.seed, c.training.seed);
}

// --- 2. sessions, bit for bit -----------------------------------------------------------

void TestSession::sessionRoundTripIsBitExact_data()
{
    QTest::addColumn<int>("optimizer");
    QTest::addColumn<bool>("regularised");
    QTest::addColumn<bool>("earlyStopping");
    QTest::newRow("adam") << int(OptimizerKind::Adam) << false << false;
    QTest::newRow("momentum, batch norm, dropout") << int(OptimizerKind::Momentum) << true << false;
    QTest::newRow("adamw, batch norm, dropout, early stopping") << int(OptimizerKind::AdamW) << true << true;
    QTest::newRow("rmsprop, early stopping") << int(OptimizerKind::RMSProp) << false << true;
}

void TestSession::sessionRoundTripIsBitExact()
{
    QFETCH(int, optimizer);
    QFETCH(bool, regularised);
    QFETCH(bool, earlyStopping);
    const Config config = xorConfig(OptimizerKind(optimizer), regularised, earlyStopping);
    Trainer trainer;
    train(trainer, config, 37);
    const Session session{config, trainer.dataset(), trainer.state()};
    // The state must be worth comparing: several epochs, a shuffled order, moving accumulators.
    QCOMPARE(session.state->step, 37);
    QCOMPARE(session.state->epoch, 6);  // 48 training points in batches of 8
    QCOMPARE(session.state->history.size(), std::size_t(7));
    QCOMPARE(session.state->buffers.empty(), !regularised);
    QCOMPARE(session.state->earlyStopping.bestParameters.empty(), !earlyStopping);

    const SessionReadResult r = parseSession(sessionToJson(session));
    QCOMPARE(r.error, std::string());
    QVERIFY(r.session);
    QVERIFY(r.session->config == config);
    QVERIFY(r.session->dataset == session.dataset);
    QVERIFY(r.session->state);
    compareStates(*r.session->state, *session.state);
}

void TestSession::oneInputSessionRoundTrips()
{
    // The 1-D mode: a curve generator, the network reading x1 alone; saved and loaded bit-exactly,
    // and a drawn curve's points (not what the generator makes) travel with the session.
    Config config = defaultConfig();
    config.data.generator = Generator::CurveCubic;
    config.data.count = 60;
    config.features = {Feature::X1};
    config.network.hidden = {LayerSpec{5, Activation::Sigmoid}};
    config.network.head = OutputHead::Linear;
    config.network.loss = Loss::Squared;
    Trainer trainer;
    train(trainer, config, 20);
    QCOMPARE(trainer.model().inputs, 1);
    const Session session{config, trainer.dataset(), trainer.state()};
    const QByteArray json = sessionToJson(session);
    QVERIFY(json.contains("\"curve-cubic\""));
    const SessionReadResult r = parseSession(json);
    QCOMPARE(r.error, std::string());
    QVERIFY(r.session->config == config);
    QVERIFY(r.session->dataset == session.dataset);
    compareStates(*r.session->state, *session.state);

    const Dataset drawn = curveDataset(DrawnCurve({{-3.0, 0.5}, {2.0, -0.25}}), 30, 0.0, 0.2, 4);
    const SessionReadResult d = parseSession(sessionToJson(Session{config, drawn, std::nullopt}));
    QCOMPARE(d.error, std::string());
    QVERIFY(d.session->dataset == drawn);
}

void TestSession::savedSessionResumesBitExactly_data()
{
    sessionRoundTripIsBitExact_data();
}

void TestSession::savedSessionResumesBitExactly()
{
    QFETCH(int, optimizer);
    QFETCH(bool, regularised);
    QFETCH(bool, earlyStopping);
    const Config config = xorConfig(OptimizerKind(optimizer), regularised, earlyStopping);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const std::string path = folder.filePath("run.json").toStdString();

    Trainer first;
    train(first, config, 37);
    const TrainerState saved = first.state();
    QCOMPARE(saveSession(path, Session{config, first.dataset(), saved}), std::string());

    const SessionReadResult loaded = loadSession(path);
    QCOMPARE(loaded.error, std::string());
    Trainer resumed;
    QCOMPARE(resumed.reset(loaded.session->config, loaded.session->dataset), std::string());
    QCOMPARE(resumed.restore(*loaded.session->state), std::string());
    compareStates(resumed.state(), saved);
    QCOMPARE(resumed.train(53), 53);

    Trainer straight;
    train(straight, config, 90);
    compareStates(resumed.state(), straight.state());
    QVERIFY(!floatDifference(straight.state().parameters, saved.parameters).isEmpty());

    // The comparison can fail: resuming with another generator state (other shuffles, other
    // dropout masks) ends elsewhere.
    TrainerState otherRng = *loaded.session->state;
    otherRng.rng[0] ^= 1;
    Trainer wrong;
    QCOMPARE(wrong.reset(loaded.session->config, loaded.session->dataset), std::string());
    QCOMPARE(wrong.restore(otherRng), std::string());
    wrong.train(53);
    QVERIFY(!floatDifference(wrong.state().parameters, straight.state().parameters).isEmpty());
}

void TestSession::historyKeepsPointCountsPerRow()
{
    // Editing the data keeps the history, so its rows can count different numbers of points.
    const Config config = xorConfig(OptimizerKind::Adam);
    Trainer trainer;
    train(trainer, config, 12);
    Dataset smaller = trainer.dataset();
    smaller.points.resize(40);
    QCOMPARE(trainer.setDataset(smaller).error, std::string());
    QVERIFY(trainer.trainEpoch());
    const TrainerState state = trainer.state();
    QVERIFY(state.history.front().train.count != state.history.back().train.count);

    const SessionReadResult r = parseSession(sessionToJson(Session{config, smaller, state}));
    QCOMPARE(r.error, std::string());
    compareHistory(r.session->state->history, state.history);
}

void TestSession::negativeZeroWeightsRoundTrip()
{
    // Qt's JSON writer prints -0 as 0, so a zero's sign is not kept: the value round-trips
    // (-0 == +0, and no computation of the engine depends on the sign of a zero weight), the
    // sign bit does not. Training never produces -0 weights; only a hand edit could.
    const Config config = xorConfig(OptimizerKind::Momentum);
    Trainer trainer;
    train(trainer, config, 3);
    TrainerState state = trainer.state();
    state.parameters[0] = -0.0f;
    state.optimizer.accumulators[0][1] = -0.0f;
    const SessionReadResult r = parseSession(sessionToJson(Session{config, trainer.dataset(), state}));
    QCOMPARE(r.error, std::string());
    QCOMPARE(r.session->state->parameters[0], 0.0f);
    QCOMPARE(r.session->state->optimizer.accumulators[0][1], 0.0f);
    for (std::size_t i = 1; i < state.parameters.size(); ++i)
        QCOMPARE(r.session->state->parameters[i], state.parameters[i]);
}

// --- 3. config files --------------------------------------------------------------------

void TestSession::configFileGeneratesItsData()
{
    const Config config = defaultConfig();
    const QByteArray json = configFileToJson(config);
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    QCOMPARE(o["format"].toString(), QString("neural-playground-config"));
    QCOMPARE(o["version"].toInt(), 1);
    QVERIFY(!o.contains("dataset") && !o.contains("state") && !o.contains("config"));

    const SessionReadResult r = parseSession(json);
    QCOMPARE(r.error, std::string());
    QVERIFY(r.session->config == config);
    QCOMPARE(r.session->dataset.points.size(), std::size_t(400));
    QVERIFY(r.session->dataset == generateDataset(config.data));
    QVERIFY(!r.session->state);
}

void TestSession::partialConfigKeepsDefaults()
{
    const SessionReadResult r = parseSession(readFixture("partial-config.json"));
    QCOMPARE(r.error, std::string());
    Config expected;  // missing fields keep Config's defaults
    expected.network.hidden = {LayerSpec{3}};
    QVERIFY(r.session->config == expected);
    QCOMPARE(r.session->config.network.hidden[0].activation, Activation::Tanh);
    QVERIFY(r.session->dataset == generateDataset(expected.data));
    QVERIFY(!r.session->state);

    // A partial session config the same way, with its data and without a state.
    const SessionReadResult s = parseSession(R"({"format": "neural-playground-session",
        "config": {"training": {"optimizer": {"type": "nesterov"}}}})");
    QCOMPARE(s.error, std::string());
    QCOMPARE(s.session->config.training.optimizer.kind, OptimizerKind::Nesterov);
    QCOMPARE(s.session->config.training.optimizer.learningRate, 0.01);
    QVERIFY(s.session->dataset == generateDataset(DataSpec{}));
}

void TestSession::handWrittenSessionLoads()
{
    // A session typed by hand: files written by earlier builds must keep loading, so the keys keep these names.
    const SessionReadResult r = loadSession((kDataDir + "tiny-session.json").toStdString());
    QCOMPARE(r.error, std::string());
    const Session &s = *r.session;
    QCOMPARE(s.config.data.generator, Generator::Gaussians);
    QCOMPARE(s.config.data.count, 4);
    QCOMPARE(s.config.training.optimizer.kind, OptimizerKind::SGD);
    QCOMPARE(s.config.training.optimizer.learningRate, 0.5);
    QCOMPARE(s.config.training.batchSize, 0);
    QCOMPARE(s.dataset.points.size(), std::size_t(4));
    QVERIFY((s.dataset.points[1] == DataPoint{1.0, -0.5, 1, 0.0, false}));
    QVERIFY((s.dataset.points[3] == DataPoint{-2.0, -1.0, 0, 0.0, true}));
    const TrainerState &st = *s.state;
    QCOMPARE(st.parameters, std::vector<Scalar>({0.25f, -0.5f, 0.125f}));
    QVERIFY(st.buffers.empty());
    QCOMPARE(st.optimizer.kind, OptimizerKind::SGD);
    QCOMPARE(st.optimizer.t, 3);
    QVERIFY((st.rng == Rng::State{0x0123456789abcdefull, 0xfedcba9876543210ull, 1ull, 0x8000000000000000ull}));
    QCOMPARE(st.order, std::vector<int>({2, 0, 1}));
    QCOMPARE(st.epoch, 3);
    QCOMPARE(st.samples, 9);
    QCOMPARE(st.history.size(), std::size_t(4));
    QCOMPARE(st.history[2].train.loss, 0.5);
    QCOMPARE(st.history[1].train.accuracy, 0.6666666666666666);
    QCOMPARE(st.history[3].validation.loss, 0.55);
    QCOMPARE(st.history[3].train.count, 3);
    QCOMPARE(st.history[3].validation.count, 1);
    QVERIFY(std::isnan(st.history[0].train.rmse));
    QVERIFY(std::isinf(st.earlyStopping.bestLoss));
    QCOMPARE(st.stopReason, StopReason::None);

    // It resumes: one full-batch step is one epoch.
    Trainer trainer;
    QCOMPARE(trainer.reset(s.config, s.dataset), std::string());
    QCOMPARE(trainer.restore(st), std::string());
    QCOMPARE(trainer.train(1), 1);
    QCOMPARE(trainer.stepCount(), 4);
    QCOMPARE(trainer.epoch(), 4);
    QCOMPARE(trainer.history().size(), std::size_t(5));
    QVERIFY(trainer.state().parameters != st.parameters);
}

// --- 4. bad input -----------------------------------------------------------------------

void TestSession::badInputIsRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    const QByteArray base = baseSessionJson();
    const QJsonObject root = baseSessionObject();
    const QJsonObject state = root["state"].toObject();
    const int firstInOrder = state["order"][0].toInt();

    QTest::newRow("empty") << QByteArray() << "the file is empty";
    QTest::newRow("whitespace") << QByteArray(" \n\t\r\n  ") << "the file is empty";
    QTest::newRow("truncated session") << base.left(base.size() / 2) << "not valid JSON (";
    QTest::newRow("top-level array") << QByteArray("[{\"format\": \"neural-playground-session\"}]")
                                     << "expected a JSON object at the top level";
    QTest::newRow("top-level number") << QByteArray("42") << "not valid JSON (";
    QTest::newRow("infinite number 1e999") << QByteArray(R"({"config": {"data": {"noise": 1e999}}})")
                                           << "not valid JSON (illegal number at line 1, byte 35)";
    QTest::newRow("unknown format") << QByteArray(R"({"format": "tensorflow-playground"})")
                                    << "unknown format 'tensorflow-playground' (expected neural-playground-session "
                                       "or neural-playground-config)";
    QTest::newRow("version 99") << readFixture("version-99.json")
                                << "this file has format version 99; this program reads up to version 1. "
                                   "Please update Neural Playground.";
    QTest::newRow("version 0") << baseWith("version", 0) << "version: expected a whole number from 1 to 1000000, found 0";
    QTest::newRow("version as text") << baseWith("version", "1")
                                     << "version: expected a whole number from 1 to 1000000, found a string";
    QTest::newRow("session without config") << baseWithout("config") << "config: missing";
    QTest::newRow("unknown top-level key") << baseWith("comment", "hello") << "unknown key 'comment'";
    QTest::newRow("typo in training.optimizer")
        << baseWith("config/training/optimizer/learningrate", 0.1)
        << "config.training.optimizer: unknown key 'learningrate'";
    QTest::newRow("typo in config file")
        << QByteArray(R"({"training": {"optimizer": {"learningrate": 0.1}}})")
        << "training.optimizer: unknown key 'learningrate'";
    QTest::newRow("unknown key in a layer") << baseWith("config/network/hidden/0/neurons", 3)
                                            << "config.network.hidden[0]: unknown key 'neurons'";
    QTest::newRow("unknown key in state") << baseWith("state/momentum", 0.9) << "state: unknown key 'momentum'";
    QTest::newRow("units as a string") << baseWith("config/network/hidden/0/units", "3")
                                       << "config.network.hidden[0].units: expected a whole number from 1 to "
                                          "1024, found a string";
    QTest::newRow("standardize 1") << baseWith("config/standardize", 1)
                                   << "config.standardize: expected true or false, found a number";
    QTest::newRow("network as an array") << baseWith("config/network", QJsonArray())
                                         << "config.network: expected an object, found an array";
    QTest::newRow("layer as a number") << baseWith("config/network/hidden/0", 3)
                                       << "config.network.hidden[0]: expected an object describing the layer";
    QTest::newRow("units 0") << baseWith("config/network/hidden/0/units", 0)
                             << "config.network.hidden[0].units: expected a whole number from 1 to 1024, found 0";
    QTest::newRow("units 5000") << baseWith("config/network/hidden/0/units", 5000)
                                << "config.network.hidden[0].units: expected a whole number from 1 to 1024, found 5000";
    QTest::newRow("units 2.5") << baseWith("config/network/hidden/0/units", 2.5)
                               << "config.network.hidden[0].units: expected a whole number from 1 to 1024, found 2.5";
    QTest::newRow("learning rate -1") << baseWith("config/training/optimizer/learningRate", -1)
                                      << "config.training.optimizer.learningRate: expected a number from 0 to "
                                         "1000, found -1";
    QTest::newRow("dropout 0.95") << baseWith("config/network/hidden/0/dropout", 0.95)
                                  << "config.network.hidden[0].dropout: expected a number from 0 to 0.9, found 0.95";
    QTest::newRow("count 0") << baseWith("config/data/count", 0)
                             << "config.data.count: expected a whole number from 1 to 1000000, found 0";
    QTest::newRow("noise 1e308") << baseWith("config/data/noise", 1e308)
                                 << "config.data.noise: expected a number from 0 to 10, found 1e+308";
    QTest::newRow("seed -1") << baseWith("config/training/seed", -1)
                             << "config.training.seed: expected a whole number from 0 to 9007199254740992, found -1";
    QTest::newRow("xor with 3 classes") << baseWith("config/data/classes", 3) << "config.data: XOR has exactly 2 classes";
    QJsonArray layers;
    for (int i = 0; i < 33; ++i)
        layers.append(QJsonObject{{"units", 2}});
    QTest::newRow("33 hidden layers") << baseWith("config/network/hidden", layers)
                                      << "config.network.hidden: at most 32 hidden layers are supported";
    QTest::newRow("no features") << baseWith("config/features", QJsonArray())
                                 << "config.features: choose at least one input feature";
    QTest::newRow("unknown feature") << baseWith("config/features", QJsonArray({"x1", "x3"}))
                                     << "config.features: entry 1 is not a feature (x1, x2, x1sq, x2sq, x1x2, sinx1, "
                                        "sinx2, r, theta)";
    QTest::newRow("activation relu6") << baseWith("config/network/hidden/0/activation", "relu6")
                                      << "config.network.hidden[0].activation: unknown activation 'relu6'";
    QTest::newRow("output foo") << baseWith("config/network/output", "foo") << "config.network.output: unknown output 'foo'";
    QTest::newRow("optimizer lion") << baseWith("config/training/optimizer/type", "lion")
                                    << "config.training.optimizer.type: unknown optimizer 'lion'";
    QTest::newRow("softmax with hinge")
        << edited(QJsonDocument::fromJson(baseWith("config/network/output", "softmax")).object(), "config/network/loss",
                  "hinge")
        << "Softmax (multi-class) output with Hinge loss does not fit: softmax outputs are trained with categorical "
           "cross-entropy or squared error.";
    QTest::newRow("perceptron with hidden layers")
        << QByteArray(R"({"network": {"hidden": [{"units": 4}], "output": "step", "loss": "perceptron"},
                          "training": {"algorithm": "perceptron"}})")
        << "Rosenblatt's perceptron rule trains a single layer: remove the hidden layers.";
    QTest::newRow("dataset without x2") << baseWithout("dataset/x2") << "dataset.x2: missing";
    QTest::newRow("dataset columns of different lengths") << baseWithout("dataset/x2/5")
                                                          << "dataset: the columns x1, x2, label and validation must "
                                                             "have the same length";
    QTest::newRow("coordinate as text") << baseWith("dataset/x1/4", "0.5") << "dataset.x1: value 4 is not a finite number";
    QTest::newRow("label 2 of 2 classes") << baseWith("dataset/label/0", 2)
                                          << "dataset.label: point 0 has class 2, outside 0..1";
    QTest::newRow("label -1") << baseWith("dataset/label/3", -1) << "dataset.label: point 3 has class -1, outside 0..1";
    QTest::newRow("task unknown") << baseWith("dataset/task", "clustering")
                                  << "dataset.task: expected 'classification' or 'regression', found 'clustering'";
    QTest::newRow("dataset of 3 classes, sigmoid output")
        << edited(QJsonDocument::fromJson(baseWith("dataset/classes", 3)).object(), "dataset/label/0", 2)
        << "A single sigmoid output separates only 2 classes; use softmax or K sigmoids for 3.";

    QTest::newRow("regression data, sigmoid output")
        << [&] {
               QJsonObject dataset = root["dataset"].toObject();
               dataset["task"] = "regression";
               dataset["target"] = dataset.take("label");
               QJsonObject session = root;
               session.remove("state");
               session["dataset"] = dataset;
               return QJsonDocument(session).toJson(QJsonDocument::Compact);
           }()
        << "Regression needs a linear (or tanh) output, not Sigmoid (binary).";
    QTest::newRow("config file with a state")
        << QJsonDocument(QJsonObject{{"format", "neural-playground-config"}, {"state", state}}).toJson()
        << "unknown key 'state'";
    QTest::newRow("state as an array") << baseWith("state", QJsonArray()) << "state: expected an object, found an array";
    QTest::newRow("state null") << baseWith("state", QJsonValue::Null) << "state: expected an object, found null";
    QTest::newRow("optimizer step -1") << baseWith("state/optimizer/t", -1)
                                       << "state.optimizer.t: expected a whole number from 0 to 4503599627370496, "
                                          "found -1";

    QJsonArray fewer = state["parameters"].toArray();
    fewer.removeFirst();
    QJsonArray fewerSlots;
    for (const QJsonValue &slot : state["optimizer"]["accumulators"].toArray()) {
        QJsonArray a = slot.toArray();
        a.removeFirst();
        fewerSlots.append(a);
    }
    QTest::newRow("state with 12 of 13 parameters")
        << edited(QJsonDocument::fromJson(baseWith("state/parameters", fewer)).object(), "state/optimizer/accumulators",
                  fewerSlots)
        << "state: the saved weights (12 values) do not fit the network (13 parameters)";
    QTest::newRow("accumulator of the wrong length") << baseWithout("state/optimizer/accumulators/1/0")
                                                     << "state.optimizer.accumulators[1]: expected 13 values, found 12";
    QTest::newRow("three accumulators")
        << baseWith("state/optimizer/accumulators/2", state["optimizer"]["accumulators"][0])
        << "state.optimizer.accumulators: an optimizer keeps at most 2 accumulators";
    QTest::newRow("optimizer state of another kind") << baseWith("state/optimizer/type", "momentum")
                                                     << "state: the saved optimizer state does not belong to Adam for "
                                                        "this network";
    QTest::newRow("best weights of the wrong length")
        << baseWith("state/earlyStopping/bestParameters", fewer) << "state.earlyStopping.bestParameters: expected 13 values, found 12";
    QTest::newRow("parameter beyond float range") << baseWith("state/parameters/2", 1e39)
                                                  << "state.parameters: value 2 is not a finite single-precision number";
    QTest::newRow("parameter null") << baseWith("state/parameters/0", QJsonValue::Null)
                                    << "state.parameters: value 0 is not a finite single-precision number";
    QTest::newRow("order not a permutation") << baseWith("state/order/1", firstInOrder)
                                             << "state: the saved training order is not a permutation of the "
                                                "training points";
    QTest::newRow("order entry 16 of 16") << baseWith("state/order/0", 16)
                                          << "state: the saved training order is not a permutation of the training "
                                             "points";
    QTest::newRow("order entry -1") << baseWith("state/order/2", -1) << "state.order: entry 2 is not a point index";
    QTest::newRow("order too short") << baseWithout("state/order/0")
                                     << "state: the saved training order has 15 entries for 16 training points";
    QTest::newRow("cursor past the end") << baseWith("state/cursor", 17)
                                         << "state: the saved position in the epoch is out of range";
    const QString zero = "0000000000000000";
    QTest::newRow("rng all zero") << baseWith("state/rng", QJsonArray({zero, zero, zero, zero}))
                                  << "state.rng: the generator state cannot be all zero";
    QTest::newRow("rng word not hex") << baseWith("state/rng/1", "00000000000000zz")
                                      << "state.rng: word 1 is not 16 hexadecimal digits";
    QTest::newRow("rng word as a number") << baseWith("state/rng/2", 12345)
                                          << "state.rng: word 2 is not 16 hexadecimal digits";
    QTest::newRow("rng word with 0x") << baseWith("state/rng/0", "0x00000000000001")
                                      << "state.rng: word 0 is not 16 hexadecimal digits";
    QTest::newRow("rng word with a space") << baseWith("state/rng/3", " 00000000000000f")
                                           << "state.rng: word 3 is not 16 hexadecimal digits";
    QTest::newRow("rng of 3 words") << baseWithout("state/rng/3") << "state.rng: expected 4 words of generator state";
    QTest::newRow("history columns of different lengths")
        << baseWithout("state/history/trainLoss/0")
        << QString("state.history.trainLoss: has %1 entries, the other columns %2")
               .arg(state["history"]["epoch"].toArray().size() - 1)
               .arg(state["history"]["epoch"].toArray().size());
    QTest::newRow("history epoch 1.5") << baseWith("state/history/epoch/1", 1.5)
                                       << "state.history: epoch and step must be whole numbers that are not negative";
    QTest::newRow("stop reason unknown") << baseWith("state/stopReason", "bored")
                                         << "state.stopReason: unknown stop reason 'bored'";
    QTest::newRow("deep arrays inside the config") << [&] {
        QByteArray json = base;
        const QByteArray deep = QByteArray(1000, '[') + QByteArray(1000, ']');
        return json.replace("\"features\":[\"x1\",\"x2\"]", "\"features\":" + deep);
    }() << "config.features: entry 0 is not a feature";
}

void TestSession::badInputIsRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const SessionReadResult r = parseSession(json);
    QVERIFY2(!r.session, "bad input was accepted");
    QVERIFY2(QString::fromStdString(r.error).contains(error),
             qPrintable("error was: " + QString::fromStdString(r.error)));
}

void TestSession::truncatedFileNamesTheLine()
{
    Trainer trainer;
    const Config config = xorConfig(OptimizerKind::Adam);
    train(trainer, config, 5);
    const QByteArray whole = sessionToJson(Session{config, trainer.dataset(), trainer.state()});
    const QByteArray half = whole.left(whole.size() / 2);
    const SessionReadResult r = parseSession(half);
    QVERIFY(!r.session);
    const QRegularExpressionMatch m = QRegularExpression(R"(^not valid JSON \((.+) at line (\d+), byte (\d+)\)$)")
                                          .match(QString::fromStdString(r.error));
    QVERIFY2(m.hasMatch(), r.error.c_str());
    const int line = m.captured(2).toInt();
    const int byte = m.captured(3).toInt();
    QVERIFY(byte > 0 && byte <= half.size());
    QCOMPARE(line, half.left(byte).count('\n') + 1);
    QVERIFY(line > 100);  // an indented file: the error is deep inside it
}

void TestSession::deepNestingIsRefused()
{
    QElapsedTimer timer;
    timer.start();
    for (const QByteArray &open : {QByteArray("["), QByteArray("{\"a\":")}) {
        const SessionReadResult r = parseSession(open.repeated(100'000));
        QVERIFY(!r.session);
        QVERIFY2(QString::fromStdString(r.error).startsWith("not valid JSON (too deeply nested document"),
                 r.error.c_str());
    }
    qInfo("refused in %lld ms", static_cast<long long>(timer.elapsed()));  // timing: a benchmark's job
}

void TestSession::millionPointDatasetIsRefused()
{
    // Well-formed and large: the reader's own limit speaks, after the columns agree.
    QByteArray column = QByteArray("0,").repeated(1'000'001);
    column.chop(1);
    const QByteArray json = R"({"format": "neural-playground-session", "config": {}, "dataset": {"x1": [)" + column
                            + R"(], "x2": [)" + column + R"(], "label": [)" + column + R"(], "validation": [)"
                            + column + "]}}";
    const SessionReadResult r = parseSession(json);
    QVERIFY(!r.session);
    QCOMPARE(r.error, std::string("dataset: more than 1000000 points"));
}

void TestSession::randomBytesAreRefusedQuickly()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath("noise.json");
    Rng rng(20240611);
    QByteArray bytes(20 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); i += 8) {
        const std::uint64_t word = rng.nextU64();
        std::memcpy(bytes.data() + i, &word, 8);
    }
    bytes[0] = 'x';  // a seed-independent start, so the message below is certain
    QVERIFY(writeAll(path, bytes));

    QElapsedTimer timer;
    timer.start();
    const SessionReadResult r = loadSession(path.toStdString());
    const qint64 ms = timer.elapsed();
    QVERIFY(!r.session);
    QCOMPARE(r.error, (path + ": not valid JSON (illegal value at line 1, byte 1)").toStdString());
    qInfo("refused in %lld ms", static_cast<long long>(ms));

    // Random bytes behind a plausible start get further into the parser.
    bytes.replace(0, 9, "{\"x1\": [1");
    const SessionReadResult r2 = parseSession(bytes);
    QVERIFY(!r2.session);
    QVERIFY2(QString::fromStdString(r2.error).startsWith("not valid JSON ("), r2.error.c_str());
}

// --- 5. files ---------------------------------------------------------------------------

void TestSession::loadNamesMissingPathAndFolder()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const std::string missing = folder.filePath("missing.json").toStdString();
    SessionReadResult r = loadSession(missing);
    QVERIFY(!r.session);
    QCOMPARE(r.error, "cannot open '" + missing + "': No such file or directory");

    const std::string dir = folder.path().toStdString();
    r = loadSession(dir);
    QVERIFY(!r.session);
    QCOMPARE(r.error, "'" + dir + "' is a folder, not a file");

    // Content errors are prefixed with the file.
    const QString empty = folder.filePath("empty.json");
    QVERIFY(writeAll(empty, QByteArray()));
    r = loadSession(empty.toStdString());
    QVERIFY(!r.session);
    QCOMPARE(r.error, empty.toStdString() + ": the file is empty");
}

void TestSession::loadRefusesHugeFileBeforeReading()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath("huge.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(kMaxSessionBytes + 1));  // sparse: no disk space, no time
    file.close();
    QElapsedTimer timer;
    timer.start();
    const SessionReadResult r = loadSession(path.toStdString());
    QVERIFY(!r.session);
    // Built as a QString: GCC 12 warns wrongly (-Wstringop-overflow) on "'" + std::string here.
    QCOMPARE(QString::fromStdString(r.error),
             QStringLiteral("'%1' is too large (536870913 bytes; the limit is 536870912)").arg(path));
    qInfo("refused in %lld ms", static_cast<long long>(timer.elapsed()));
}

void TestSession::saveIsAtomicAndReplaces()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath("session.json");
    QVERIFY(writeAll(path, "an older session that must be replaced whole"));

    const Config config = xorConfig(OptimizerKind::Adam);
    Trainer trainer;
    train(trainer, config, 9);
    const Session session{config, trainer.dataset(), trainer.state()};
    QCOMPARE(saveSession(path.toStdString(), session), std::string());
    QCOMPARE(entries(folder.path()), QStringList({"session.json"}));  // no ".session.json.XXXXXX" left
    QCOMPARE(readAll(path), sessionToJson(session));
    struct stat info{};
    QCOMPARE(::stat(path.toLocal8Bit().constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777u, 0644u);

    // Saving again over it (a shorter session) leaves exactly the new bytes.
    const Session configOnly{config, trainer.dataset(), std::nullopt};
    QCOMPARE(saveSession(path.toStdString(), configOnly), std::string());
    QCOMPARE(entries(folder.path()), QStringList({"session.json"}));
    QCOMPARE(readAll(path), sessionToJson(configOnly));
    const SessionReadResult r = loadSession(path.toStdString());
    QCOMPARE(r.error, std::string());
    QVERIFY(!r.session->state);
    QVERIFY(r.session->dataset == session.dataset);
}

void TestSession::saveNamesUnwritableFolder()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const std::string path = folder.filePath("no/such/folder/session.json").toStdString();
    const Config config = defaultConfig();
    const std::string error = saveSession(path, Session{config, generateDataset(config.data), std::nullopt});
    QCOMPARE(error, "cannot create a temporary file next to '" + path + "': No such file or directory");
    QCOMPARE(entries(folder.path()), QStringList());
}

// --- 6. fuzz ----------------------------------------------------------------------------

void TestSession::mutationFuzz()
{
    const QByteArray base = baseSessionJson();
    QVERIFY(parseSession(base).session);
    Rng rng(0x5e5510);
    constexpr int kInputs = 2000;
    int accepted = 0, rejected = 0, withState = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kInputs; ++i) {
        const QByteArray input = mutate(base, rng);
        const SessionReadResult r = parseSession(input);
        if (!r.session) {
            QVERIFY2(!r.error.empty(), qPrintable("no session and no error for input " + QString::number(i)));
            ++rejected;
            continue;
        }
        QVERIFY2(r.error.empty(), r.error.c_str());
        ++accepted;
        withState += r.session->state ? 1 : 0;
        // Whatever was accepted saves and loads again unchanged.
        const SessionReadResult again = parseSession(sessionToJson(*r.session));
        QVERIFY2(again.session, qPrintable("input " + QString::number(i) + " resaved: "
                                           + QString::fromStdString(again.error) + "\n" + QString::fromUtf8(input)));
        QVERIFY(again.session->config == r.session->config);
        QVERIFY(again.session->dataset == r.session->dataset);
        QCOMPARE(again.session->state.has_value(), r.session->state.has_value());
    }
    qInfo("mutation fuzz: %d inputs, %d parsed OK (%d with a state), %d rejected, %lld ms", kInputs, accepted,
          withState, rejected, static_cast<long long>(timer.elapsed()));
    QCOMPARE(accepted + rejected, kInputs);
    // Both paths must really be exercised, or the fuzz proves little.
    QVERIFY(accepted >= 100);
    QVERIFY(rejected >= 1000);
}

}  // namespace np

QTEST_APPLESS_MAIN(np::TestSession)
#include "test_session.moc"
