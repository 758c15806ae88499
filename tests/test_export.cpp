// Model exports: the model JSON round trip and its reader's answer to bad files, the protobuf
// wire writer and the ONNX file's structure, the safetensors header, the NPZ's ZIP and .npy
// layout. The runtime checks in tests/runtime/ load the same files in onnxruntime, NumPy and PyTorch.

#include "runtime/fixturemodels.h"

#include "analysis/prediction.h"
#include "common/rng.h"
#include "io/modelexport.h"
#include "io/modeljson.h"
#include "io/npz.h"
#include "io/onnxexport.h"
#include "io/protowriter.h"
#include "io/safetensors.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

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

// --- models -----------------------------------------------------------------------------

/// A small model with fixed weights that are exact binary fractions (short in JSON): features
/// x1, x2, r standardised, tanh(3) -> leaky ReLU(2, alpha 0.2) -> sigmoid; optionally batch norm
/// and dropout on the first layer.
Model smallModel(bool batchNorm = false)
{
    Model m;
    m.features = {Feature::X1, Feature::X2, Feature::Radius};
    m.inputs = 3;
    m.network.hidden = {fixtures::layer(3, Activation::Tanh, 0.01, 2, batchNorm, batchNorm ? 0.25 : 0.0),
                        fixtures::layer(2, Activation::LeakyReLU, 0.2)};
    m.network.head = OutputHead::Sigmoid;
    m.network.loss = Loss::BinaryCrossEntropy;
    m.outputs = 1;
    m.standardizer.mean = Vector<double>{{0.5, -0.25, 3.0}};
    m.standardizer.scale = Vector<double>{{2.0, 4.0, 1.5}};
    Network<Scalar> net(m.network, m.inputs, m.outputs);
    for (std::size_t i = 0; i < net.parameters().size(); ++i)
        net.parameters()[i] = static_cast<float>(static_cast<int>(i * 37 % 23) - 11) / 8.0f;
    if (batchNorm) {
        net.gamma(0) << 2.0f, 0.5f, 1.0f;
        net.beta(0) << 0.25f, -0.5f, 0.0f;
        net.runningMean(0) << 0.5f, -1.0f, 2.0f;
        net.runningVar(0) << 3.0f, 0.25f, 1.0f;
    }
    m.parameters.assign(net.parameters().begin(), net.parameters().end());
    m.buffers.assign(net.buffers().begin(), net.buffers().end());
    return m;
}

bool hasBatchNorm(const Model &model)
{
    return std::any_of(model.network.hidden.begin(), model.network.hidden.end(),
                       [](const LayerSpec &l) { return l.batchNorm; });
}

/// The fixture models, trained once for the whole test.
const std::vector<std::pair<std::string, Model>> &trainedModels()
{
    static const std::vector<std::pair<std::string, Model>> models = [] {
        std::vector<std::pair<std::string, Model>> list;
        for (const fixtures::FixtureModel &f : fixtures::fixtureModels()) {
            std::string error;
            Model model = fixtures::trainFixture(f, error);
            if (!error.empty())
                qFatal("fixture %s: %s", f.name.c_str(), error.c_str());
            list.emplace_back(f.name, std::move(model));
        }
        return list;
    }();
    return models;
}

/// The largest |a - b| / max(1, |b|) over two prediction matrices.
double maxDifference(const Matrix<Scalar> &a, const Matrix<Scalar> &b)
{
    if (a.rows() != b.rows() || a.cols() != b.cols())
        return INFINITY;
    double worst = 0;
    for (Index i = 0; i < a.size(); ++i) {
        const double expected = b.data()[i];
        worst = std::max(worst, std::abs(double(a.data()[i]) - expected) / std::max(1.0, std::abs(expected)));
    }
    return worst;
}

QByteArray modelJson(const Model &model)
{
    const ExportResult r = encodeModelJson(model);
    if (!r.error.empty())
        qFatal("encodeModelJson: %s", r.error.c_str());
    return QByteArray::fromStdString(r.bytes);
}

// --- editing JSON for the bad-input table -------------------------------------------------

QJsonValue edit(const QJsonValue &node, QStringList path, const QJsonValue &value, bool remove)
{
    const QString key = path.takeFirst();
    if (node.isArray()) {
        QJsonArray a = node.toArray();
        const int i = key.toInt();
        if (path.isEmpty() && remove)
            a.removeAt(i);
        else
            a[i] = path.isEmpty() ? value : edit(a[i], path, value, remove);
        return a;
    }
    QJsonObject o = node.toObject();
    if (path.isEmpty() && remove)
        o.remove(key);
    else
        o[key] = path.isEmpty() ? value : edit(o[key], path, value, remove);
    return o;
}

const QJsonObject &baseObject()
{
    static const QJsonObject root = QJsonDocument::fromJson(modelJson(smallModel())).object();
    return root;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray baseWith(const QString &path, const QJsonValue &value)
{
    return compact(edit(baseObject(), path.split('/'), value, false).toObject());
}

QByteArray baseWithout(const QString &path)
{
    return compact(edit(baseObject(), path.split('/'), {}, true).toObject());
}

QByteArray mutate(QByteArray text, Rng &rng)
{
    // Tokens that keep the JSON well-formed more often than random bytes, so the checks behind
    // the parser (types, shapes, limits) are reached.
    static const char *const kTokens[] = {"null", "1e39", "-1", "0", "[]", "{}", "\"x\"", "2.5", "true", "1024"};
    const std::uint32_t edits = 1 + rng.below(3);
    for (std::uint32_t e = 0; e < edits && !text.isEmpty(); ++e) {
        const qsizetype at = rng.below(static_cast<std::uint32_t>(text.size()));
        switch (rng.below(8)) {
        case 0:
            text[at] = static_cast<char>(static_cast<unsigned char>(text[at]) ^ (1u << rng.below(8)));
            break;
        case 1:
            text.remove(at, 1 + rng.below(6));
            break;
        case 2:
            text.truncate(at);
            break;
        case 3: {
            // Replace the number starting at or after `at` with a token.
            qsizetype start = at;
            while (start < text.size() && !(text[start] == '-' || (text[start] >= '0' && text[start] <= '9')))
                ++start;
            qsizetype end = start;
            while (end < text.size() && QByteArray("-+.e0123456789").contains(text[end]))
                ++end;
            text.replace(start, end - start, kTokens[rng.below(std::size(kTokens))]);
            break;
        }
        case 4: {
            // Duplicate or drop an array element: shapes stop chaining.
            const qsizetype comma = text.indexOf(',', at);
            if (comma > 0)
                text.insert(comma, rng.below(2) ? QByteArray(",0.5") : QByteArray(",[0.5]"));
            break;
        }
        default: {
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

// --- reading the binary formats back --------------------------------------------------------

std::uint64_t readLittleEndian(const std::string &bytes, std::size_t at, int size)
{
    std::uint64_t value = 0;
    for (int i = size - 1; i >= 0; --i)
        value = value << 8 | static_cast<unsigned char>(bytes.at(at + static_cast<std::size_t>(i)));
    return value;
}

/// One protobuf field: wire type 0 (value), 2 (bytes) or 5 (value, 32 bits).
struct ProtoField
{
    int field = 0;
    int wire = 0;
    std::uint64_t value = 0;
    std::string bytes;
};

/// Decodes the fields of one message; empty with ok = false on malformed input.
std::vector<ProtoField> decodeMessage(const std::string &data, bool &ok)
{
    std::vector<ProtoField> fields;
    std::size_t at = 0;
    auto varint = [&](std::uint64_t &out) {
        out = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at >= data.size())
                return false;
            const auto byte = static_cast<unsigned char>(data[at++]);
            out |= std::uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return true;
        }
        return false;
    };
    ok = true;
    while (at < data.size()) {
        std::uint64_t tag = 0;
        if (!varint(tag)) {
            ok = false;
            return {};
        }
        ProtoField f;
        f.field = static_cast<int>(tag >> 3);
        f.wire = static_cast<int>(tag & 7);
        if (f.wire == 0) {
            ok = varint(f.value);
        } else if (f.wire == 2) {
            std::uint64_t length = 0;
            ok = varint(length) && length <= data.size() - at;
            if (ok)
                f.bytes = data.substr(at, length);
            at += ok ? length : 0;
        } else if (f.wire == 5) {
            ok = at + 4 <= data.size();
            if (ok)
                f.value = readLittleEndian(data, at, 4);
            at += 4;
        } else {
            ok = false;
        }
        if (!ok)
            return {};
        fields.push_back(std::move(f));
    }
    return fields;
}

std::vector<ProtoField> fieldsNumbered(const std::vector<ProtoField> &fields, int number)
{
    std::vector<ProtoField> out;
    for (const ProtoField &f : fields) {
        if (f.field == number)
            out.push_back(f);
    }
    return out;
}

std::string hex(const std::string &bytes)
{
    static const char digits[] = "0123456789abcdef";
    std::string text;
    for (unsigned char c : bytes) {
        text += digits[c >> 4];
        text += digits[c & 15];
    }
    return text;
}

/// The graph of an ONNX file, decoded: nodes as (op_type, output), initializers by name.
struct OnnxGraph
{
    std::vector<std::pair<std::string, std::string>> nodes;
    std::map<std::string, std::string> initializers;  // name -> raw_data
    std::vector<std::string> inputs, outputs;
};

OnnxGraph decodeGraph(const std::string &graphBytes)
{
    bool ok = false;
    const std::vector<ProtoField> graph = decodeMessage(graphBytes, ok);
    OnnxGraph g;
    auto firstString = [](const std::vector<ProtoField> &fields, int number) {
        const auto found = fieldsNumbered(fields, number);
        return found.empty() ? std::string() : found.front().bytes;
    };
    for (const ProtoField &n : fieldsNumbered(graph, 1)) {
        const std::vector<ProtoField> node = decodeMessage(n.bytes, ok);
        g.nodes.emplace_back(firstString(node, 4), firstString(node, 2));
    }
    for (const ProtoField &t : fieldsNumbered(graph, 5)) {
        const std::vector<ProtoField> tensor = decodeMessage(t.bytes, ok);
        g.initializers[firstString(tensor, 8)] = firstString(tensor, 9);
    }
    for (const ProtoField &i : fieldsNumbered(graph, 11))
        g.inputs.push_back(firstString(decodeMessage(i.bytes, ok), 1));
    for (const ProtoField &o : fieldsNumbered(graph, 12))
        g.outputs.push_back(firstString(decodeMessage(o.bytes, ok), 1));
    return g;
}

/// The weights of layer l as the exporters lay them out: row-major (rows x in).
std::vector<float> rowMajorWeights(const Model &model, int l)
{
    Network<Scalar> net = model.instantiate();
    const ConstMatrixMap<Scalar> W = std::as_const(net).W(l);
    std::vector<float> out;
    for (Index r = 0; r < W.rows(); ++r) {
        for (Index c = 0; c < W.cols(); ++c)
            out.push_back(W(r, c));
    }
    return out;
}

}  // namespace

class TestExport : public QObject
{
    Q_OBJECT

private slots:
    void jsonRoundTripPredictsTheSame_data();
    void jsonRoundTripPredictsTheSame();
    void jsonWritesTheDocumentedSchema();
    void batchNormIsFoldedIntoWeightsAndBias();
    void documentedExampleLoads();
    void badModelJsonIsRefused_data();
    void badModelJsonIsRefused();
    void hugeOrMissingModelFilesAreNamed();
    void mutationFuzz();

    void varintEncodings_data();
    void varintEncodings();
    void protoFieldEncodings();
    void onnxFileHasTheDeclaredStructure();
    void onnxOperatorsFollowTheActivation_data();
    void onnxOperatorsFollowTheActivation();
    void onnxIsDeterministic();

    void safetensorsHeaderParsesBack();
    void crc32OfKnownStrings();
    void npyHeaderIsAlignedTo64_data();
    void npyHeaderIsAlignedTo64();
    void npzZipDirectoryIsConsistent();

    void exportRefusesBrokenModels();
    void formatFromPath_data();
    void formatFromPath();
};

// --- model JSON ---------------------------------------------------------------------------

void TestExport::jsonRoundTripPredictsTheSame_data()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < trainedModels().size(); ++i)
        QTest::newRow(trainedModels()[i].first.c_str()) << static_cast<int>(i);
    QTest::newRow("smallModel") << -1;
    QTest::newRow("smallModel with batch norm") << -2;
}

void TestExport::jsonRoundTripPredictsTheSame()
{
    QFETCH(int, index);
    const Model model = index >= 0 ? trainedModels()[static_cast<std::size_t>(index)].second : smallModel(index == -2);
    const QByteArray json = modelJson(model);
    const ModelReadResult read = parseModelJson(json);
    QCOMPARE(read.error, std::string());
    const Model &loaded = *read.model;

    QVERIFY(loaded.features == model.features);
    QCOMPARE(loaded.task, model.task);
    QCOMPARE(loaded.network.head, model.network.head);
    QCOMPARE(loaded.network.loss, model.network.loss);
    QCOMPARE(loaded.outputs, model.outputs);
    QCOMPARE(loaded.network.hidden.size(), model.network.hidden.size());
    if (model.task == Task::Classification)
        QCOMPARE(loaded.classCount, model.classCount);
    QVERIFY(loaded.buffers.empty());

    const Matrix<double> points = fixtures::fixturePoints();
    const Matrix<Scalar> before = predict(model, points);
    const Matrix<Scalar> after = predict(loaded, points);
    if (hasBatchNorm(model)) {
        // Folding rounds W' and b' once more than the engine's own arithmetic does.
        const double difference = maxDifference(after, before);
        qInfo("batch norm folded: largest difference %.3g over %lld points", difference,
              static_cast<long long>(points.cols()));
        QVERIFY2(difference <= 1e-6, qPrintable(QString("largest difference %1").arg(difference)));
    } else {
        // Every float reads back exactly, so the predictions are bit for bit the same.
        QVERIFY(loaded.parameters == model.parameters);
        QVERIFY(after == before);
    }
    // Writing what was read gives the same file: the reader loses nothing the writer wrote.
    QCOMPARE(modelJson(loaded), json);
}

void TestExport::jsonWritesTheDocumentedSchema()
{
    Model model = smallModel();
    model.network.hidden[0] = fixtures::layer(3, Activation::Maxout, 0.01, 2);
    Network<Scalar> net(model.network, 3, 1);
    for (std::size_t i = 0; i < net.parameters().size(); ++i)
        net.parameters()[i] = static_cast<float>(i) / 4.0f;  // weight i of the flat vector is i/4
    model.parameters.assign(net.parameters().begin(), net.parameters().end());

    const QJsonObject o = QJsonDocument::fromJson(modelJson(model)).object();
    QCOMPARE(o.keys(), QStringList({"classes", "features", "format", "layers", "loss", "output", "standardize", "task",
                                    "version"}));
    QCOMPARE(o["format"].toString(), QString("neural-playground-model"));
    QCOMPARE(o["version"].toInt(), 1);
    QCOMPARE(o["task"].toString(), QString("classification"));
    QCOMPARE(o["classes"].toInt(), 2);
    QCOMPARE(o["features"].toArray(), QJsonArray({"x1", "x2", "r"}));
    QCOMPARE(o["standardize"]["mean"].toArray(), QJsonArray({0.5, -0.25, 3}));
    QCOMPARE(o["standardize"]["scale"].toArray(), QJsonArray({2, 4, 1.5}));

    // Maxout: 3 units of 2 pieces, 6 rows of 3 inputs, unit-major; W is column-major in the
    // engine, so row r, column c is parameter r + 6c.
    const QJsonObject maxout = o["layers"][0].toObject();
    QCOMPARE(maxout.keys(), QStringList({"activation", "bias", "pieces", "units", "weights"}));
    QCOMPARE(maxout["units"].toInt(), 3);
    QCOMPARE(maxout["pieces"].toInt(), 2);
    QCOMPARE(maxout["weights"].toArray().size(), 6);
    QCOMPARE(maxout["weights"][1].toArray(), QJsonArray({0.25, 1.75, 3.25}));
    QCOMPARE(maxout["bias"].toArray(), QJsonArray({4.5, 4.75, 5, 5.25, 5.5, 5.75}));
    const QJsonObject leaky = o["layers"][1].toObject();
    QCOMPARE(leaky.keys(), QStringList({"activation", "alpha", "bias", "units", "weights"}));
    QCOMPARE(leaky["alpha"].toDouble(), 0.2);
    QCOMPARE(leaky["weights"].toArray(), QJsonArray({QJsonArray({6, 6.5, 7}), QJsonArray({6.25, 6.75, 7.25})}));
    QCOMPARE(o["output"].toObject(),
             QJsonObject({{"head", "sigmoid"}, {"units", 1}, {"weights", QJsonArray({QJsonArray({8, 8.25})})},
                          {"bias", QJsonArray({8.5})}}));
    QCOMPARE(o["loss"].toString(), QString("binary_cross_entropy"));

    // Without standardisation (or with the trainer's identity one) the key is null.
    model.standardizer = Standardizer::identity(3);
    QVERIFY(QJsonDocument::fromJson(modelJson(model)).object()["standardize"].isNull());
    // Floats are written in their shortest exact form, not as the double they widen to.
    QVERIFY(modelJson(smallModel()).contains("[-1.375, 1, 0.5]"));
}

void TestExport::batchNormIsFoldedIntoWeightsAndBias()
{
    const Model model = smallModel(true);
    const std::vector<DenseLayer> layers = denseLayers(model);
    const std::vector<DenseLayer> folded = foldBatchNorm(layers);
    QVERIFY(layers[0].batchNorm() && layers[0].bias.empty());
    QVERIFY(!folded[0].batchNorm());
    // s = gamma / sqrt(var + 1e-5); W' = s W; b' = beta - s mean, rounded once from double.
    const double gamma[] = {2.0, 0.5, 1.0}, beta[] = {0.25, -0.5, 0.0}, mean[] = {0.5, -1.0, 2.0},
                 var[] = {3.0, 0.25, 1.0};
    for (int r = 0; r < 3; ++r) {
        const double s = gamma[r] / std::sqrt(var[r] + 1e-5);
        // Exact comparisons: QCOMPARE would compare floats fuzzily.
        QVERIFY(folded[0].bias[static_cast<std::size_t>(r)] == static_cast<float>(beta[r] - s * mean[r]));
        for (int c = 0; c < 3; ++c) {
            const std::size_t i = static_cast<std::size_t>(r * 3 + c);
            QVERIFY(folded[0].weight[i] == static_cast<float>(s * double(layers[0].weight[i])));
        }
    }
    // Layers without batch norm pass through untouched.
    QVERIFY(folded[1].weight == layers[1].weight && folded[1].bias == layers[1].bias);

    // The folded model (what the JSON reader returns) predicts what the engine does.
    const ModelReadResult read = parseModelJson(modelJson(model));
    QCOMPARE(read.error, std::string());
    const Matrix<double> points = fixtures::fixturePoints();
    const double difference = maxDifference(predict(*read.model, points), predict(model, points));
    QVERIFY2(difference <= 1e-6, qPrintable(QString::number(difference)));
}

void TestExport::documentedExampleLoads()
{
    // The first JSON block of docs/model-formats.md is the schema's example.
    QFile doc(QStringLiteral(NP_TEST_DATA_DIR "/../../docs/model-formats.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QByteArray text = doc.readAll();
    const qsizetype start = text.indexOf("```json\n") + 8;
    QVERIFY(start > 8);
    const QByteArray json = text.mid(start, text.indexOf("```", start) - start);
    const ModelReadResult r = parseModelJson(json);
    QCOMPARE(r.error, std::string());
    const Model &m = *r.model;
    QCOMPARE(m.inputs, 4);
    QCOMPARE(m.outputs, 3);
    QCOMPARE(m.network.hidden[1].activation, Activation::Maxout);

    // One point by hand, in double: features, standardisation, leaky ReLU, maxout, softmax.
    const double x1 = 1.0, x2 = -2.0;
    const double f[4] = {(x1 - 0.1) / 2.9, (x2 + 0.2) / 3.1, (std::sqrt(5.0) - 3.5) / 1.6,
                         (std::atan2(x2, x1) - 0.01) / 1.8};
    const double W1[2][4] = {{0.5, -1.25, 0.75, 2}, {1, 0.5, -0.25, 0.125}}, b1[2] = {0.1, -0.3};
    double a1[2];
    for (int j = 0; j < 2; ++j) {
        double z = b1[j];
        for (int i = 0; i < 4; ++i)
            z += W1[j][i] * float(f[i]);
        a1[j] = z > 0 ? z : 0.1 * z;
    }
    const double W2[4][2] = {{1.5, -2}, {0.25, 0.5}, {-1, 1}, {0.5, 0.5}}, b2[4] = {0, 0.2, -0.1, 0.3};
    double z2[4];
    for (int r2 = 0; r2 < 4; ++r2)
        z2[r2] = W2[r2][0] * a1[0] + W2[r2][1] * a1[1] + b2[r2];
    const double a2[2] = {std::max(z2[0], z2[1]), std::max(z2[2], z2[3])};
    const double W3[3][2] = {{1, 2}, {-1, 0.5}, {0, -2}}, b3[3] = {0.1, 0.2, 0.3};
    double z3[3], sum = 0;
    for (int k = 0; k < 3; ++k) {
        z3[k] = std::exp(W3[k][0] * a2[0] + W3[k][1] * a2[1] + b3[k]);
        sum += z3[k];
    }
    const Matrix<Scalar> y = predict(m, Matrix<double>{{x1}, {x2}});
    for (int k = 0; k < 3; ++k) {
        const double expected = z3[k] / sum;
        QVERIFY2(std::abs(y(k, 0) - expected) < 1e-6,
                 qPrintable(QString("class %1: %2, not %3").arg(k).arg(y(k, 0)).arg(expected)));
    }
}

void TestExport::badModelJsonIsRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("prefix");  // the message starts with `error` (parser offsets vary)

    const QByteArray base = modelJson(smallModel());
    QJsonArray tooManyLayers;
    for (int i = 0; i < 33; ++i)
        tooManyLayers.append(baseObject()["layers"][0]);
    QJsonObject wide = baseObject()["layers"][0].toObject();
    wide["units"] = 1024;
    QJsonObject wideLeaky = baseObject()["layers"][1].toObject();
    wideLeaky["units"] = 1024;
    QJsonArray shortRows;
    for (const QJsonValue &row : baseObject()["layers"][1]["weights"].toArray()) {
        QJsonArray r = row.toArray();
        r.removeLast();
        shortRows.append(r);
    }

    QTest::newRow("empty") << QByteArray() << "the file is empty" << false;
    QTest::newRow("whitespace") << QByteArray(" \n\t ") << "the file is empty" << false;
    QTest::newRow("truncated") << base.left(base.size() / 2) << "not valid JSON (" << true;
    QTest::newRow("NaN literal") << QByteArray(R"({"format": "neural-playground-model", "layers": [NaN]})")
                                 << "not valid JSON (illegal number at line 1, byte 49)" << false;
    QTest::newRow("1e999") << QByteArray(R"({"version": 1e999})")
                           << "not valid JSON (illegal number at line 1, byte 17)" << false;
    QTest::newRow("deep nesting") << QByteArray("[").repeated(100'000) << "not valid JSON (too deeply nested document"
                                  << true;
    QTest::newRow("top-level array") << QByteArray("[1, 2]") << "expected a JSON object at the top level" << false;
    QTest::newRow("format missing") << baseWithout("format") << "format: missing" << false;
    QTest::newRow("a session file") << baseWith("format", "neural-playground-session")
                                    << "format: expected 'neural-playground-model', found 'neural-playground-session'"
                                    << false;
    QTest::newRow("version 2") << baseWith("version", 2)
                               << "this file has format version 2; this program reads up to version 1. Please "
                                  "update Neural Playground."
                               << false;
    QTest::newRow("version as text") << baseWith("version", "1")
                                     << "version: expected a whole number from 1 to 1000000, found a string" << false;
    QTest::newRow("unknown top-level key") << baseWith("comment", "hi") << "unknown key 'comment'" << false;
    QTest::newRow("task ranking") << baseWith("task", "ranking")
                                  << "task: expected 'classification' or 'regression', found 'ranking'" << false;
    QTest::newRow("classes 9") << baseWith("classes", 9) << "classes: expected a whole number from 2 to 8, found 9"
                               << false;
    QTest::newRow("classes missing") << baseWithout("classes") << "classes: missing" << false;
    QTest::newRow("classes with regression") << baseWith("task", "regression")
                                             << "classes: a regression model has no classes" << false;
    QTest::newRow("no features") << baseWith("features", QJsonArray()) << "features: expected at least one feature"
                                 << false;
    QTest::newRow("unknown feature") << baseWith("features", QJsonArray({"x1", "x3", "r"}))
                                     << "features: entry 1 is not a feature (x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2, "
                                        "r, theta)"
                                     << false;
    QTest::newRow("feature as number") << baseWith("features/0", 1)
                                       << "features: entry 0 is not a feature (x1, x2, x1sq, x2sq, x1x2, sinx1, "
                                          "sinx2, r, theta)"
                                       << false;
    QTest::newRow("features out of order") << baseWith("features", QJsonArray({"x2", "x1", "r"}))
                                           << "features: 'x1' must come before 'x2' (the order is x1, x2, x1sq, "
                                              "x2sq, x1x2, sinx1, sinx2, r, theta)"
                                           << false;
    QTest::newRow("feature twice") << baseWith("features", QJsonArray({"x1", "x1", "r"}))
                                   << "features: 'x1' is listed twice" << false;
    QTest::newRow("standardize as array") << baseWith("standardize", QJsonArray())
                                          << "standardize: expected an object, found an array" << false;
    QTest::newRow("standardize mean short") << baseWith("standardize/mean", QJsonArray({0, 1}))
                                            << "standardize.mean: expected 3 values (one per feature), found 2"
                                            << false;
    QTest::newRow("standardize scale 0") << baseWith("standardize/scale/1", 0)
                                         << "standardize.scale: value 1 must be positive" << false;
    QTest::newRow("standardize mean text") << baseWith("standardize/mean/0", "a")
                                           << "standardize.mean: value 0 is not a finite number" << false;
    QTest::newRow("standardize scale missing") << baseWithout("standardize/scale")
                                               << "standardize.scale: missing" << false;
    QTest::newRow("standardize sd") << baseWith("standardize/sd", 1) << "standardize: unknown key 'sd'" << false;
    QTest::newRow("layers missing") << baseWithout("layers") << "layers: missing" << false;
    QTest::newRow("layers as object") << baseWith("layers", QJsonObject())
                                      << "layers: expected an array, found an object" << false;
    QTest::newRow("33 layers") << baseWith("layers", tooManyLayers) << "layers: at most 32 hidden layers are supported"
                               << false;
    QTest::newRow("layer as number") << baseWith("layers/0", 3) << "layers[0]: expected an object describing the layer"
                                     << false;
    QTest::newRow("batch norm in a layer") << baseWith("layers/0/batchNorm", true)
                                           << "layers[0]: unknown key 'batchNorm'" << false;
    QTest::newRow("units missing") << baseWithout("layers/0/units") << "layers[0].units: missing" << false;
    QTest::newRow("units 0") << baseWith("layers/0/units", 0)
                             << "layers[0].units: expected a whole number from 1 to 1024, found 0" << false;
    QTest::newRow("units 2.5") << baseWith("layers/0/units", 2.5)
                               << "layers[0].units: expected a whole number from 1 to 1024, found 2.5" << false;
    QTest::newRow("activation relu6") << baseWith("layers/0/activation", "relu6")
                                      << "layers[0].activation: unknown activation 'relu6'" << false;
    QTest::newRow("alpha on tanh") << baseWith("layers/0/alpha", 0.1)
                                   << "layers[0].alpha: only leaky_relu and elu take alpha" << false;
    QTest::newRow("leaky without alpha") << baseWithout("layers/1/alpha") << "layers[1].alpha: missing" << false;
    QTest::newRow("alpha 1000") << baseWith("layers/1/alpha", 1000)
                                << "layers[1].alpha: expected a number from -100 to 100, found 1000" << false;
    QTest::newRow("pieces on tanh") << baseWith("layers/0/pieces", 2) << "layers[0].pieces: only maxout takes pieces"
                                    << false;
    QTest::newRow("maxout without pieces") << baseWith("layers/0/activation", "maxout") << "layers[0].pieces: missing"
                                           << false;
    QTest::newRow("maxout rows") << baseWith("layers/0", [] {
        QJsonObject layer = baseObject()["layers"][0].toObject();
        layer["activation"] = "maxout";
        layer["pieces"] = 2;
        return layer;
    }()) << "layers[0].weights: expected 6 rows (units × pieces, unit-major), found 3"
                                 << false;
    QTest::newRow("output missing") << baseWithout("output") << "output: missing" << false;
    QTest::newRow("output head relu") << baseWith("output/head", "relu") << "output.head: unknown output head 'relu'"
                                      << false;
    QTest::newRow("sigmoid head, 3 classes")
        << baseWith("classes", 3)
        << "output.head: A single sigmoid output separates only 2 classes; use softmax or K sigmoids for 3." << false;
    QTest::newRow("softmax head, 1 unit") << baseWith("output/head", "softmax")
                                          << "output.units: a softmax head for 2 classes has 2 units, found 1" << false;
    QTest::newRow("units of regression") << [] {
        QJsonObject o = edit(baseObject(), {"task"}, "regression", false).toObject();
        o.remove("classes");
        o["output"] = edit(o["output"], {"head"}, "linear", false);
        o["output"] = edit(o["output"], {"units"}, 2, false);
        o.remove("loss");
        return compact(o);
    }() << "output.units: a linear head for regression has 1 unit, found 2"
                                         << false;
    QTest::newRow("unknown output key") << baseWith("output/activation", "sigmoid")
                                        << "output: unknown key 'activation'" << false;
    QTest::newRow("loss mse") << baseWith("loss", "mse") << "loss: unknown loss 'mse'" << false;
    QTest::newRow("loss does not fit")
        << baseWith("loss", "categorical_cross_entropy")
        << "loss: Sigmoid (binary) output with Categorical cross-entropy does not fit: sigmoid outputs are trained "
           "with binary cross-entropy or squared error."
        << false;
    QTest::newRow("too many parameters")
        << baseWith("layers", QJsonArray({wide, wideLeaky, wide}))
        << "the network has 2104321 parameters; the limit is 2000000" << false;
    QTest::newRow("weights missing") << baseWithout("layers/0/weights") << "layers[0].weights: missing" << false;
    QTest::newRow("a row short") << baseWithout("layers/0/weights/2")
                                 << "layers[0].weights: expected 3 rows (one per unit), found 2" << false;
    QTest::newRow("first layer does not fit the features")
        << baseWithout("layers/0/weights/1/2")
        << "layers[0].weights[1]: has 2 columns, but the layer's input has 3 (the 3 features)" << false;
    QTest::newRow("shapes do not chain") << baseWith("layers/1/weights", shortRows)
                                         << "layers[1].weights[0]: has 2 columns, but the layer's input has 3 (the "
                                            "units of layers[0])"
                                         << false;
    QTest::newRow("output does not chain") << baseWith("output/weights/0", QJsonArray({1, 2, 3}))
                                           << "output.weights[0]: has 3 columns, but the layer's input has 2 (the "
                                              "units of layers[1])"
                                           << false;
    QTest::newRow("row as number") << baseWith("layers/0/weights/2", 5)
                                   << "layers[0].weights[2]: expected an array, found a number" << false;
    QTest::newRow("weight null") << baseWith("layers/0/weights/1/0", QJsonValue())
                                 << "layers[0].weights[1]: value 0 is not a finite single-precision number" << false;
    QTest::newRow("weight 1e39") << baseWith("layers/1/weights/0/2", 1e39)
                                 << "layers[1].weights[0]: value 2 is not a finite single-precision number" << false;
    QTest::newRow("weight as text") << baseWith("output/weights/0/1", "0.5")
                                    << "output.weights[0]: value 1 is not a finite single-precision number" << false;
    QTest::newRow("bias short") << baseWithout("layers/1/bias/0") << "layers[1].bias: expected 2 values, found 1"
                                << false;
    QTest::newRow("bias missing") << baseWithout("output/bias") << "output.bias: missing" << false;
}

void TestExport::badModelJsonIsRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QFETCH(bool, prefix);
    const ModelReadResult r = parseModelJson(json);
    QVERIFY2(!r.model, "bad input was accepted");
    if (prefix)
        QVERIFY2(QString::fromStdString(r.error).startsWith(error), r.error.c_str());
    else
        QCOMPARE(QString::fromStdString(r.error), error);
}

void TestExport::hugeOrMissingModelFilesAreNamed()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const std::string missing = folder.filePath("missing.json").toStdString();
    ModelReadResult r = loadModelJson(missing);
    QVERIFY(!r.model);
    QCOMPARE(r.error, "cannot open '" + missing + "': No such file or directory");

    const std::string dir = folder.path().toStdString();
    QCOMPARE(loadModelJson(dir).error, "'" + dir + "' is a folder, not a file");

    // Content errors are prefixed with the file.
    const std::string path = folder.filePath("model.json").toStdString();
    QCOMPARE(saveModelJson(path, smallModel()), std::string());
    r = loadModelJson(path);
    QCOMPARE(r.error, std::string());
    QVERIFY(r.model->parameters == smallModel().parameters);
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(baseWith("layers/0/units", 0));
    file.close();
    QCOMPARE(loadModelJson(path).error,
             path + ": layers[0].units: expected a whole number from 1 to 1024, found 0");

    // A file too large for any allowed network is refused before it is read.
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(kMaxModelBytes + 1));  // sparse: no disk space, no time
    file.close();
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(loadModelJson(path).error, "'" + path + "' is too large (67108865 bytes; the limit is 67108864)");
    qInfo("refused in %lld ms", static_cast<long long>(timer.elapsed()));
}

void TestExport::mutationFuzz()
{
    const QByteArray base = compact(baseObject());
    QVERIFY(parseModelJson(base).model);
    Rng rng(0xfeed5eed);
    constexpr int kInputs = 4000;
    int accepted = 0, rejected = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kInputs; ++i) {
        const QByteArray input = mutate(base, rng);
        const ModelReadResult r = parseModelJson(input);
        if (!r.model) {
            QVERIFY2(!r.error.empty(), qPrintable("no model and no error for input " + QString::number(i)));
            ++rejected;
            continue;
        }
        QVERIFY2(r.error.empty(), r.error.c_str());
        ++accepted;
        // Whatever was accepted is a consistent model: it exports, and its JSON reads back the same.
        QCOMPARE(checkExportable(*r.model), std::string());
        const ModelReadResult again = parseModelJson(modelJson(*r.model));
        QVERIFY2(again.model, again.error.c_str());
        QVERIFY(again.model->parameters == r.model->parameters);
        QVERIFY(again.model->network == r.model->network);
    }
    qInfo("model JSON mutation fuzz: %d inputs, %d loaded, %d rejected with a message, %lld ms", kInputs, accepted,
          rejected, static_cast<long long>(timer.elapsed()));
    QCOMPARE(accepted + rejected, kInputs);
    // Both paths must really be exercised, or the fuzz proves little.
    QVERIFY(accepted >= 200);
    QVERIFY(rejected >= 2000);
}

// --- protobuf and ONNX ---------------------------------------------------------------------

void TestExport::varintEncodings_data()
{
    QTest::addColumn<quint64>("value");
    QTest::addColumn<QString>("bytes");
    QTest::newRow("0") << quint64(0) << "00";
    QTest::newRow("1") << quint64(1) << "01";
    QTest::newRow("127") << quint64(127) << "7f";
    QTest::newRow("128") << quint64(128) << "8001";
    QTest::newRow("300") << quint64(300) << "ac02";
    QTest::newRow("16384") << quint64(16384) << "808001";
    QTest::newRow("2^32") << (quint64(1) << 32) << "8080808010";
    QTest::newRow("2^63") << (quint64(1) << 63) << "80808080808080808001";
    QTest::newRow("int64 -1") << quint64(~0ull) << "ffffffffffffffffff01";
}

void TestExport::varintEncodings()
{
    QFETCH(quint64, value);
    QFETCH(QString, bytes);
    std::string out;
    ProtoWriter::appendVarint(out, value);
    QCOMPARE(QString::fromStdString(hex(out)), bytes);
}

void TestExport::protoFieldEncodings()
{
    // The examples of the protobuf encoding guide.
    ProtoWriter a;
    a.varint(1, 150);
    QCOMPARE(hex(a.data()), std::string("089601"));
    ProtoWriter b;
    b.bytes(2, "testing");
    QCOMPARE(hex(b.data()), std::string("120774657374696e67"));
    ProtoWriter c;
    c.message(3, a);
    QCOMPARE(hex(c.data()), std::string("1a03089601"));
    ProtoWriter d;
    d.float32(2, 1.0f);   // AttributeProto.f
    d.int64(3, -2);       // negative int64: ten bytes
    d.varint(20, 2);      // a two-byte tag
    QCOMPARE(hex(d.data()), std::string("150000803f18feffffffffffffffff01a00102"));
}

void TestExport::onnxFileHasTheDeclaredStructure()
{
    const Model model = smallModel(true);
    const ExportResult onnx = encodeOnnx(model);
    QCOMPARE(onnx.error, std::string());
    bool ok = false;
    const std::vector<ProtoField> file = decodeMessage(onnx.bytes, ok);
    QVERIFY(ok);
    // ModelProto: ir_version 7, producer, one opset import (default domain, 13), a graph.
    QCOMPARE(file.front().field, 1);
    QCOMPARE(file.front().value, std::uint64_t(7));
    QCOMPARE(fieldsNumbered(file, 2).at(0).bytes, std::string("neural-playground"));
    const std::vector<ProtoField> opsets = fieldsNumbered(file, 8);
    QCOMPARE(opsets.size(), std::size_t(1));
    const std::vector<ProtoField> opset = decodeMessage(opsets[0].bytes, ok);
    QCOMPARE(fieldsNumbered(opset, 1).at(0).bytes, std::string());
    QCOMPARE(fieldsNumbered(opset, 2).at(0).value, std::uint64_t(13));
    std::map<std::string, std::string> metadata;
    for (const ProtoField &entry : fieldsNumbered(file, 14)) {
        const std::vector<ProtoField> kv = decodeMessage(entry.bytes, ok);
        metadata[kv.at(0).bytes] = kv.at(1).bytes;
    }
    QCOMPARE(metadata["features"], std::string(R"(["x1","x2","r"])"));
    QCOMPARE(metadata["standardize"], std::string(R"({"mean":[0.5,-0.25,3],"scale":[2,4,1.5]})"));

    const OnnxGraph g = decodeGraph(fieldsNumbered(file, 7).at(0).bytes);
    QCOMPARE(g.inputs, std::vector<std::string>{"x"});
    QCOMPARE(g.outputs, std::vector<std::string>{"y"});
    QCOMPARE(g.nodes.back(), std::make_pair(std::string("Sigmoid"), std::string("y")));
    // Batch norm is folded: no BatchNormalization node, and layer 1's Gemm holds W' and b'.
    const auto ops = [&] {
        std::vector<std::string> names;
        for (const auto &[op, output] : g.nodes)
            names.push_back(op);
        return names;
    }();
    QCOMPARE(std::count(ops.begin(), ops.end(), "Gemm"), std::ptrdiff_t(3));
    QCOMPARE(std::count(ops.begin(), ops.end(), "BatchNormalization"), std::ptrdiff_t(0));
    const std::vector<DenseLayer> folded = foldBatchNorm(denseLayers(model));
    QCOMPARE(g.initializers.at("layer1/W"), littleEndian(folded[0].weight));
    QCOMPARE(g.initializers.at("layer1/b"), littleEndian(folded[0].bias));
    QCOMPARE(g.initializers.at("output/W"), littleEndian(rowMajorWeights(model, 2)));
    const std::vector<double> mean{0.5, -0.25, 3.0};
    QCOMPARE(g.initializers.at("standardize/mean"), littleEndian(mean));
    QCOMPARE(g.initializers.at("layer2/W").size(), std::size_t(2 * 3 * 4));
}

void TestExport::onnxOperatorsFollowTheActivation_data()
{
    QTest::addColumn<int>("activation");
    QTest::addColumn<QStringList>("ops");  // the ops between layer 1's Gemm and layer 2's
    QTest::newRow("step") << int(Activation::Step) << QStringList({"Greater", "Cast"});
    QTest::newRow("linear") << int(Activation::Linear) << QStringList();
    QTest::newRow("sigmoid") << int(Activation::Sigmoid) << QStringList({"Sigmoid"});
    QTest::newRow("tanh") << int(Activation::Tanh) << QStringList({"Tanh"});
    QTest::newRow("relu") << int(Activation::ReLU) << QStringList({"Relu"});
    QTest::newRow("leaky_relu") << int(Activation::LeakyReLU) << QStringList({"LeakyRelu"});
    QTest::newRow("elu") << int(Activation::ELU) << QStringList({"Elu"});
    QTest::newRow("softplus") << int(Activation::Softplus) << QStringList({"Softplus"});
    QTest::newRow("abs") << int(Activation::AbsReLU) << QStringList({"Abs"});
    QTest::newRow("maxout") << int(Activation::Maxout) << QStringList({"Reshape", "ReduceMax"});
    QTest::newRow("gelu") << int(Activation::GELU) << QStringList({"Mul", "Erf", "Add", "Mul", "Mul"});
    QTest::newRow("silu") << int(Activation::SiLU) << QStringList({"Sigmoid", "Mul"});
}

void TestExport::onnxOperatorsFollowTheActivation()
{
    QFETCH(int, activation);
    QFETCH(QStringList, ops);
    Model model = smallModel();
    model.network.hidden = {fixtures::layer(3, static_cast<Activation>(activation), 0.3, 3)};
    model.network.head = OutputHead::Step;
    model.network.loss = Loss::Perceptron;
    model.classCount = 4;
    model.outputs = 4;
    Network<Scalar> net(model.network, 3, 4);
    model.parameters.assign(net.parameters().size(), 0.5f);

    const ExportResult onnx = encodeOnnx(model);
    QCOMPARE(onnx.error, std::string());
    bool ok = false;
    const OnnxGraph g = decodeGraph(fieldsNumbered(decodeMessage(onnx.bytes, ok), 7).at(0).bytes);
    QStringList between;
    bool inLayer = false;
    for (const auto &[op, output] : g.nodes) {
        if (op == "Gemm") {
            if (inLayer)
                break;
            inLayer = true;
        } else if (inLayer) {
            between.append(QString::fromStdString(op));
        }
    }
    QCOMPARE(between, ops);
    // The multi-class step head: one-hot of the first argmax.
    QStringList tail;
    for (std::size_t i = g.nodes.size() - 3; i < g.nodes.size(); ++i)
        tail.append(QString::fromStdString(g.nodes[i].first));
    QCOMPARE(tail, QStringList({"ArgMax", "Equal", "Cast"}));
    QCOMPARE(g.initializers.at("const/class_index"), littleEndian(std::vector<std::int64_t>{0, 1, 2, 3}));
}

void TestExport::onnxIsDeterministic()
{
    const auto found = std::find_if(trainedModels().begin(), trainedModels().end(),
                                    [](const auto &m) { return m.first == "relu_leaky_softmax3"; });
    QVERIFY(found != trainedModels().end());
    const Model &model = found->second;  // every feature, standardised
    QCOMPARE(model.features.count(), kFeatureCount);
    const ExportResult first = encodeOnnx(model);
    QCOMPARE(first.error, std::string());
    QCOMPARE(encodeOnnx(model).bytes, first.bytes);
    QCOMPARE(encodeModel(model, ModelFormat::Safetensors).bytes, encodeModel(model, ModelFormat::Safetensors).bytes);
    QCOMPARE(encodeModel(model, ModelFormat::Npz).bytes, encodeModel(model, ModelFormat::Npz).bytes);
    // One weight changed by one ulp changes the file in exactly its four bytes.
    Model nudged = model;
    nudged.parameters[0] = std::nextafter(nudged.parameters[0], 1e9f);
    const std::string second = encodeOnnx(nudged).bytes;
    QCOMPARE(second.size(), first.bytes.size());
    int differing = 0;
    for (std::size_t i = 0; i < second.size(); ++i)
        differing += second[i] != first.bytes[i];
    QCOMPARE(differing, 1);  // the lowest byte of a little-endian float
}

// --- safetensors and NPZ --------------------------------------------------------------------

void TestExport::safetensorsHeaderParsesBack()
{
    const Model model = smallModel(true);
    const ExportResult file = encodeSafetensors(model);
    QCOMPARE(file.error, std::string());
    const std::string &bytes = file.bytes;
    const std::uint64_t length = readLittleEndian(bytes, 0, 8);
    QVERIFY(8 + length <= bytes.size());
    QCOMPARE((8 + length) % 8, std::uint64_t(0));
    const QByteArray headerText = QByteArray::fromStdString(bytes.substr(8, length));
    QJsonParseError error;
    const QJsonObject header = QJsonDocument::fromJson(headerText, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);

    const QJsonObject metadata = header["__metadata__"].toObject();
    for (const QString &key : metadata.keys())
        QVERIFY2(metadata[key].isString(), qPrintable(key));
    QCOMPARE(metadata["architecture"].toString(),
             QString("Sequential(Linear(3, 3, bias=False), BatchNorm1d(3), Tanh(), Dropout(0.25), Linear(3, 2), "
                     "LeakyReLU(0.2), Linear(2, 1), Sigmoid())"));
    QCOMPARE(metadata["features"].toString(), QString(R"(["x1","x2","r"])"));
    QCOMPARE(metadata["task"].toString(), QString("classification"));
    QCOMPARE(metadata["classes"].toString(), QString("2"));
    const QJsonArray modules = QJsonDocument::fromJson(metadata["modules"].toString().toUtf8()).array();
    QCOMPARE(modules.size(), 8);
    QCOMPARE(modules[1].toObject(), QJsonObject({{"type", "BatchNorm1d"}, {"num_features", 3}, {"eps", 1e-5},
                                                 {"momentum", 0.1}, {"index", 1}}));

    // Names like nn.Sequential's state dict: the tensors of modules 0, 1, 4, 6; 2, 3, 5, 7 hold none.
    Network<Scalar> net = model.instantiate();
    auto floats = [](const auto &v) { return std::vector<float>(v.data(), v.data() + v.size()); };
    const std::vector<std::tuple<QString, QString, QJsonArray, std::string>> expected = {
        {"0.weight", "F32", {3, 3}, littleEndian(rowMajorWeights(model, 0))},
        {"1.weight", "F32", {3}, littleEndian(floats(std::as_const(net).gamma(0)))},
        {"1.bias", "F32", {3}, littleEndian(floats(std::as_const(net).beta(0)))},
        {"1.running_mean", "F32", {3}, littleEndian(std::vector<float>{0.5f, -1.0f, 2.0f})},
        {"1.running_var", "F32", {3}, littleEndian(std::vector<float>{3.0f, 0.25f, 1.0f})},
        {"1.num_batches_tracked", "I64", {}, std::string(8, '\0')},
        {"4.weight", "F32", {2, 3}, littleEndian(rowMajorWeights(model, 1))},
        {"4.bias", "F32", {2}, littleEndian(floats(std::as_const(net).b(1)))},
        {"6.weight", "F32", {1, 2}, littleEndian(rowMajorWeights(model, 2))},
        {"6.bias", "F32", {1}, littleEndian(floats(std::as_const(net).b(2)))},
    };
    QCOMPARE(header.size(), qsizetype(expected.size() + 1));
    const std::size_t data = 8 + length;
    std::uint64_t offset = 0;
    for (const auto &[name, dtype, shape, content] : expected) {
        const QJsonObject t = header[name].toObject();
        QCOMPARE(t["dtype"].toString(), dtype);
        QCOMPARE(t["shape"].toArray(), shape);
        const QJsonArray offsets = t["data_offsets"].toArray();
        // Contiguous, in module order, each as long as its shape says.
        QCOMPARE(std::uint64_t(offsets[0].toInteger()), offset);
        QCOMPARE(std::uint64_t(offsets[1].toInteger()), offset + content.size());
        QCOMPARE(bytes.substr(data + offset, content.size()), content);
        offset += content.size();
    }
    QCOMPARE(data + offset, bytes.size());
}

void TestExport::crc32OfKnownStrings()
{
    QCOMPARE(crc32("123456789"), 0xCBF43926u);  // the standard check value
    QCOMPARE(crc32(""), 0u);
    QCOMPARE(crc32("The quick brown fox jumps over the lazy dog"), 0x414FA339u);
}

void TestExport::npyHeaderIsAlignedTo64_data()
{
    QTest::addColumn<QString>("descr");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QString>("dict");
    QTest::newRow("scalar") << "<i8" << QList<qint64>() << "{'descr': '<i8', 'fortran_order': False, 'shape': (), }";
    QTest::newRow("vector") << "<f4" << QList<qint64>({5})
                            << "{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }";
    QTest::newRow("matrix") << "<f4" << QList<qint64>({8, 2})
                            << "{'descr': '<f4', 'fortran_order': False, 'shape': (8, 2), }";
    QTest::newRow("long string") << "<U1234" << QList<qint64>()
                                 << "{'descr': '<U1234', 'fortran_order': False, 'shape': (), }";
    QTest::newRow("big shape") << "<f4" << QList<qint64>({123456789, 987654321, 55555})
                               << "{'descr': '<f4', 'fortran_order': False, 'shape': (123456789, 987654321, 55555), }";
}

void TestExport::npyHeaderIsAlignedTo64()
{
    QFETCH(QString, descr);
    QFETCH(QList<qint64>, shape);
    QFETCH(QString, dict);
    const std::string payload = "DATA";
    const std::string npy =
        npyBytes(descr.toStdString(), std::vector<std::int64_t>(shape.begin(), shape.end()), payload);
    QCOMPARE(npy.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
    const std::size_t headerLength = readLittleEndian(npy, 8, 2);
    QCOMPARE((10 + headerLength) % 64, std::size_t(0));
    const std::string header = npy.substr(10, headerLength);
    QVERIFY(header.starts_with(dict.toStdString()));
    QCOMPARE(header.back(), '\n');
    QCOMPARE(header.find_first_not_of(' ', dict.size()), headerLength - 1);  // spaces, then the newline
    QCOMPARE(npy.substr(10 + headerLength), payload);
}

void TestExport::npzZipDirectoryIsConsistent()
{
    const Model model = smallModel(true);
    const ExportResult npz = encodeNpz(model);
    QCOMPARE(npz.error, std::string());
    const std::string &zip = npz.bytes;
    const std::size_t end = zip.size() - 22;  // no archive comment
    QCOMPARE(readLittleEndian(zip, end, 4), std::uint64_t(0x06054b50));
    const auto entries = readLittleEndian(zip, end + 10, 2);
    const auto directorySize = readLittleEndian(zip, end + 12, 4);
    const auto directoryOffset = readLittleEndian(zip, end + 16, 4);
    QCOMPARE(entries, std::uint64_t(11));  // 10 tensors + architecture
    QCOMPARE(directoryOffset + directorySize, std::uint64_t(end));

    QStringList names;
    std::size_t at = directoryOffset, expectedOffset = 0;
    for (std::uint64_t e = 0; e < entries; ++e) {
        QCOMPARE(readLittleEndian(zip, at, 4), std::uint64_t(0x02014b50));
        const auto method = readLittleEndian(zip, at + 10, 2);
        const auto crc = readLittleEndian(zip, at + 16, 4);
        const auto compressed = readLittleEndian(zip, at + 20, 4);
        const auto size = readLittleEndian(zip, at + 24, 4);
        const auto nameLength = readLittleEndian(zip, at + 28, 2);
        const auto extra = readLittleEndian(zip, at + 30, 2) + readLittleEndian(zip, at + 32, 2);
        const auto local = readLittleEndian(zip, at + 42, 4);
        const std::string name = zip.substr(at + 46, nameLength);
        QCOMPARE(method, std::uint64_t(0));
        QCOMPARE(compressed, size);
        QCOMPARE(extra, std::uint64_t(0));
        QCOMPARE(local, std::uint64_t(expectedOffset));  // files back to back from the start
        // The local header repeats what the directory says.
        QCOMPARE(readLittleEndian(zip, local, 4), std::uint64_t(0x04034b50));
        QCOMPARE(readLittleEndian(zip, local + 14, 4), crc);
        QCOMPARE(readLittleEndian(zip, local + 18, 4), size);
        QCOMPARE(readLittleEndian(zip, local + 22, 4), size);
        QCOMPARE(readLittleEndian(zip, local + 26, 2), nameLength);
        QCOMPARE(zip.substr(local + 30, nameLength), name);
        const std::string data = zip.substr(local + 30 + nameLength, size);
        QCOMPARE(std::uint64_t(crc32(data)), crc);
        QVERIFY(data.starts_with("\x93NUMPY"));
        names.append(QString::fromStdString(name));
        expectedOffset = local + 30 + nameLength + size;
        at += 46 + nameLength;
    }
    QCOMPARE(std::uint64_t(expectedOffset), directoryOffset);
    QCOMPARE(names, QStringList({"0.weight.npy", "1.weight.npy", "1.bias.npy", "1.running_mean.npy",
                                 "1.running_var.npy", "1.num_batches_tracked.npy", "4.weight.npy", "4.bias.npy",
                                 "6.weight.npy", "6.bias.npy", "architecture.npy"}));
    // architecture.npy: the safetensors metadata as UTF-32 JSON.
    const std::string metadata = metadataJson(sequentialModel(model).metadata);
    QVERIFY(zip.find("'descr': '<U" + std::to_string(metadata.size()) + "'") != std::string::npos);
}

// --- refusals and file names -----------------------------------------------------------------

void TestExport::exportRefusesBrokenModels()
{
    Model diverged = smallModel();
    diverged.parameters[4] = std::numeric_limits<float>::quiet_NaN();
    const std::string nan = "some weights are not finite numbers (did training diverge?); reset or retrain the "
                            "network first";
    for (ModelFormat format : {ModelFormat::Json, ModelFormat::Onnx, ModelFormat::Safetensors, ModelFormat::Npz}) {
        const ExportResult r = encodeModel(diverged, format);
        QCOMPARE(r.error, nan);
        QVERIFY(r.bytes.empty());
    }
    Model infiniteVariance = smallModel(true);
    infiniteVariance.buffers.back() = INFINITY;
    QCOMPARE(checkExportable(infiniteVariance), nan);
    Model negativeVariance = smallModel(true);
    negativeVariance.buffers.back() = -1.0f;
    QCOMPARE(checkExportable(negativeVariance), std::string("a batch-norm running variance is negative"));

    Model short_ = smallModel();
    short_.parameters.pop_back();
    QCOMPARE(checkExportable(short_),
             std::string("the model holds 22 parameters and 0 running statistics but its network needs 23 and 0"));
    Model wrongHead = smallModel();
    wrongHead.outputs = 2;
    QCOMPARE(checkExportable(wrongHead), std::string("the model has 2 outputs but its sigmoid head needs 1"));
    Model badScale = smallModel();
    badScale.standardizer.scale(2) = 0;
    QCOMPARE(checkExportable(badScale),
             std::string("the standardisation of feature 3 is not a finite mean with a positive scale"));

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const std::string path = folder.filePath("model.onnx").toStdString();
    QCOMPARE(exportModel(diverged, ModelFormat::Onnx, path), "cannot export '" + path + "': " + nan);
    QVERIFY(!QFile::exists(QString::fromStdString(path)));
    const std::string nowhere = folder.filePath("no/such/folder/model.npz").toStdString();
    QCOMPARE(exportModel(smallModel(), ModelFormat::Npz, nowhere),
             "cannot create a temporary file next to '" + nowhere + "': No such file or directory");
    QCOMPARE(exportModel(smallModel(), ModelFormat::Onnx, path), std::string());
    QFile written(QString::fromStdString(path));
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll().toStdString(), encodeOnnx(smallModel()).bytes);
}

void TestExport::formatFromPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("format");  // -1: none
    QTest::newRow("json") << "out/model.json" << int(ModelFormat::Json);
    QTest::newRow("ONNX upper case") << "MODEL.ONNX" << int(ModelFormat::Onnx);
    QTest::newRow("safetensors") << "a.b.safetensors" << int(ModelFormat::Safetensors);
    QTest::newRow("npz") << "/tmp/x.npz" << int(ModelFormat::Npz);
    QTest::newRow("no extension") << "model" << -1;
    QTest::newRow("extension only") << ".npz" << -1;
    QTest::newRow("npy") << "weights.npy" << -1;
}

void TestExport::formatFromPath()
{
    QFETCH(QString, path);
    QFETCH(int, format);
    ModelFormat found = ModelFormat::Json;
    const bool ok = modelFormatFromPath(path.toStdString(), found);
    QCOMPARE(ok, format >= 0);
    if (ok) {
        QCOMPARE(int(found), format);
        QVERIFY(path.toLower().endsWith(modelFormatExtension(found)));
    }
}

}  // namespace np

QTEST_APPLESS_MAIN(np::TestExport)
#include "test_export.moc"
