#include "modeljson.h"

#include "../common/atomicwrite.h"
#include "../session/config.h"
#include "jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace np {

namespace {

// --- writing ------------------------------------------------------------------------------

/// The shortest text for a float that reads back as the same float through a double (how JSON
/// readers parse); the double's own shortest text where the float's would round differently.
/// A negative zero is written as 0: Qt's JSON reader reads "-0" as the integer 0, so the file
/// would not read back as written (found by fuzz_model), and the sign of a zero weight changes
/// no prediction.
std::string floatText(float value)
{
    if (value == 0.0f)
        return "0";
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    double back = 0.0;
    std::from_chars(buffer, result.ptr, back);
    if (static_cast<float>(back) != value)
        result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<double>(value));
    return std::string(buffer, result.ptr);
}

std::string doubleText(double value)
{
    if (value == 0.0)
        return "0";  // as in floatText
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

template <typename T, typename Format>
std::string numberList(const T *values, std::size_t count, Format format)
{
    std::string text = "[";
    for (std::size_t i = 0; i < count; ++i)
        text += (i ? ", " : "") + format(values[i]);
    return text + "]";
}

/// "weights" (one row per output unit, on its own line) and "bias", indented.
void writeDense(std::string &out, const DenseLayer &layer, const std::string &indent)
{
    out += indent + "\"weights\": [\n";
    for (int r = 0; r < layer.rows; ++r) {
        const float *row = layer.weight.data() + static_cast<std::size_t>(r) * static_cast<std::size_t>(layer.in);
        out += indent + "  " + numberList(row, static_cast<std::size_t>(layer.in), floatText)
               + (r + 1 < layer.rows ? ",\n" : "\n");
    }
    out += indent + "],\n";
    out += indent + "\"bias\": " + numberList(layer.bias.data(), layer.bias.size(), floatText) + "\n";
}

// --- reading ------------------------------------------------------------------------------

bool require(const QJsonObject &o, const char *key, JsonReader &r)
{
    if (r.ok() && !o.contains(key))
        r.failAt(key, "missing");
    return r.ok();
}

std::string featureKeyList()
{
    std::string keys;
    for (int f = 0; f < kFeatureCount; ++f)
        keys += (f ? ", " : "") + std::string(featureKey(static_cast<Feature>(f)));
    return keys;
}

void readFeatures(const QJsonObject &root, FeatureSet &features, JsonReader &r)
{
    QJsonArray list;
    if (!r.array(root, "features", list, true))
        return;
    if (list.isEmpty()) {
        r.failAt("features", "expected at least one feature");
        return;
    }
    int previous = -1;
    for (qsizetype i = 0; i < list.size(); ++i) {
        Feature feature{};
        if (!list.at(i).isString() || !parseFeatureKey(list.at(i).toString().toStdString(), feature)) {
            r.failAt("features", "entry " + std::to_string(i) + " is not a feature (" + featureKeyList() + ")");
            return;
        }
        // The engine computes features in one fixed order; a file listing them otherwise would
        // feed each weight column the wrong feature.
        const int index = static_cast<int>(feature);
        if (index == previous) {
            r.failAt("features", "'" + std::string(featureKey(feature)) + "' is listed twice");
            return;
        }
        if (index < previous) {
            r.failAt("features", "'" + std::string(featureKey(feature)) + "' must come before '"
                                     + featureKey(static_cast<Feature>(previous)) + "' (the order is "
                                     + featureKeyList() + ")");
            return;
        }
        previous = index;
        features.set(feature, true);
    }
}

void readStandardizer(const QJsonObject &root, int featureCount, Standardizer &s, JsonReader &r)
{
    if (!root.contains("standardize") || root.value("standardize").isNull())
        return;
    QJsonObject o;
    if (!r.object(root, "standardize", o))
        return;
    r.enter("standardize");
    r.allowOnly(o, {"mean", "scale"});
    std::vector<double> mean, scale;
    for (const char *key : {"mean", "scale"}) {
        QJsonArray values;
        if (!r.array(o, key, values, true))
            break;
        if (values.size() != featureCount) {
            r.failAt(key, "expected " + std::to_string(featureCount) + " values (one per feature), found "
                              + std::to_string(values.size()));
            break;
        }
        r.doubles(values, key, key == std::string("mean") ? mean : scale, false);
    }
    for (std::size_t f = 0; f < scale.size() && r.ok(); ++f) {
        if (!(scale[f] > 0))
            r.failAt("scale", "value " + std::to_string(f) + " must be positive");
    }
    if (r.ok()) {
        s.mean = Eigen::Map<const Vector<double>>(mean.data(), featureCount);
        s.scale = Eigen::Map<const Vector<double>>(scale.data(), featureCount);
    }
    r.leave();
}

void readLayerSpec(const QJsonObject &o, LayerSpec &layer, JsonReader &r)
{
    r.allowOnly(o, {"units", "activation", "alpha", "pieces", "weights", "bias"});
    if (require(o, "units", r))
        r.integer(o, "units", layer.units, 1, 1024);
    if (require(o, "activation", r))
        r.key(o, "activation", layer.activation, parseActivation, "activation");
    if (!r.ok())
        return;
    const ActivationInfo &info = activationInfo(layer.activation);
    if (info.usesAlpha) {
        if (require(o, "alpha", r))
            r.number(o, "alpha", layer.alpha, -100, 100);
    } else if (o.contains("alpha")) {
        r.failAt("alpha", "only leaky_relu and elu take alpha");
    }
    if (layer.activation == Activation::Maxout) {
        if (require(o, "pieces", r))
            r.integer(o, "pieces", layer.pieces, 2, 8);
    } else if (o.contains("pieces")) {
        r.failAt("pieces", "only maxout takes pieces");
    }
}

/// Reads "weights" (rows arrays of `in` numbers) into W (rows x in, column-major) and "bias".
void readDense(const QJsonObject &o, int rows, int in, const std::string &rowMeaning, const std::string &inputMeaning,
               MatrixMap<Scalar> W, VectorMap<Scalar> b, JsonReader &r)
{
    QJsonArray weights;
    if (!r.array(o, "weights", weights, true))
        return;
    if (weights.size() != rows) {
        r.failAt("weights", "expected " + std::to_string(rows) + " rows (" + rowMeaning + "), found "
                                + std::to_string(weights.size()));
        return;
    }
    std::vector<float> row;
    for (int i = 0; i < rows && r.ok(); ++i) {
        const QJsonValue value = weights.at(i);
        const std::string name = "weights[" + std::to_string(i) + "]";
        if (value.isArray() && value.toArray().size() != in) {
            r.failAt(name.c_str(), "has " + std::to_string(value.toArray().size())
                                       + " columns, but the layer's input has " + std::to_string(in) + " ("
                                       + inputMeaning + ")");
            return;
        }
        r.floats(value, name, row, in);
        for (std::size_t c = 0; c < row.size() && r.ok(); ++c)
            W(i, static_cast<Index>(c)) = row[c];
    }
    std::vector<float> bias;
    r.floats(o, "bias", bias, rows);
    for (std::size_t i = 0; i < bias.size() && r.ok(); ++i)
        b(static_cast<Index>(i)) = bias[i];
}

}  // namespace

ExportResult encodeModelJson(const Model &model)
{
    if (std::string error = checkExportable(model); !error.empty())
        return {{}, error};
    const std::vector<DenseLayer> layers = foldBatchNorm(denseLayers(model));

    std::string out = "{\n";
    out += "  \"format\": \"" + std::string(kModelFormat) + "\",\n";
    out += "  \"version\": " + std::to_string(kModelFormatVersion) + ",\n";
    out += "  \"task\": \"" + std::string(taskName(model.task)) + "\",\n";
    if (model.task == Task::Classification)
        out += "  \"classes\": " + std::to_string(model.classCount) + ",\n";
    std::vector<std::string> keys;
    for (Feature f : model.features.list())
        keys.push_back(std::string("\"") + featureKey(f) + "\"");
    out += "  \"features\": " + numberList(keys.data(), keys.size(), [](const std::string &k) { return k; }) + ",\n";
    const Standardizer &s = model.standardizer;
    if (!standardizes(model)) {
        out += "  \"standardize\": null,\n";
    } else {
        out += "  \"standardize\": {\n";
        const auto count = static_cast<std::size_t>(s.mean.size());
        out += "    \"mean\": " + numberList(s.mean.data(), count, doubleText) + ",\n";
        out += "    \"scale\": " + numberList(s.scale.data(), count, doubleText) + "\n";
        out += "  },\n";
    }
    out += "  \"layers\": [";
    for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
        const DenseLayer &layer = layers[l];
        const ActivationInfo &info = activationInfo(layer.activation);
        out += l ? ",\n    {\n" : "\n    {\n";
        out += "      \"units\": " + std::to_string(layer.units) + ",\n";
        out += "      \"activation\": \"" + std::string(info.key) + "\",\n";
        if (info.usesAlpha)
            out += "      \"alpha\": " + doubleText(layer.alpha) + ",\n";
        if (layer.activation == Activation::Maxout)
            out += "      \"pieces\": " + std::to_string(layer.pieces) + ",\n";
        writeDense(out, layer, "      ");
        out += "    }";
    }
    out += layers.size() > 1 ? "\n  ],\n" : "],\n";
    const DenseLayer &output = layers.back();
    out += "  \"output\": {\n";
    out += "    \"head\": \"" + std::string(headKey(model.network.head)) + "\",\n";
    out += "    \"units\": " + std::to_string(output.units) + ",\n";
    writeDense(out, output, "    ");
    out += "  },\n";
    out += "  \"loss\": \"" + std::string(lossKey(model.network.loss)) + "\"\n";
    out += "}\n";
    return {out, {}};
}

ModelReadResult parseModelJson(const QByteArray &json)
{
    ModelReadResult result;
    const std::optional<QJsonObject> parsed = parseJsonObject(json, result.error);
    if (!parsed)
        return result;
    const QJsonObject &root = *parsed;
    JsonReader r;

    std::string format;
    if (require(root, "format", r))
        r.string(root, "format", format);
    if (r.ok() && format != kModelFormat)
        r.failAt("format", "expected '" + std::string(kModelFormat) + "', found '" + format + "'");
    int version = kModelFormatVersion;
    if (require(root, "version", r))
        r.integer(root, "version", version, 1, 1'000'000);
    if (r.ok() && version > kModelFormatVersion)
        r.fail("this file has format version " + std::to_string(version) + "; this program reads up to version "
               + std::to_string(kModelFormatVersion) + ". Please update Neural Playground.");
    r.allowOnly(root, {"format", "version", "task", "classes", "features", "standardize", "layers", "output", "loss"});

    Model model;
    std::string task;
    if (require(root, "task", r))
        r.string(root, "task", task);
    if (r.ok() && !parseTask(task.c_str(), model.task))
        r.failAt("task", "expected 'classification' or 'regression', found '" + task + "'");
    if (r.ok() && model.task == Task::Classification) {
        if (require(root, "classes", r))
            r.integer(root, "classes", model.classCount, kMinClasses, kMaxClasses);
    } else if (r.ok() && root.contains("classes")) {
        r.failAt("classes", "a regression model has no classes");
    }
    model.features = FeatureSet();
    if (r.ok())
        readFeatures(root, model.features, r);
    const int featureCount = model.features.count();
    if (r.ok())
        readStandardizer(root, featureCount, model.standardizer, r);

    // The shapes first, so the parameter limit is checked before any weight is stored.
    QJsonArray layers;
    if (r.array(root, "layers", layers, true) && layers.size() > 32)
        r.failAt("layers", "at most 32 hidden layers are supported");
    std::vector<QJsonObject> layerObjects;
    for (qsizetype i = 0; i < layers.size() && r.ok(); ++i) {
        r.enter("layers[" + std::to_string(i) + "]");
        if (!layers.at(i).isObject()) {
            r.fail("expected an object describing the layer");
        } else {
            layerObjects.push_back(layers.at(i).toObject());
            LayerSpec spec;
            readLayerSpec(layerObjects.back(), spec, r);
            spec.batchNorm = false;
            spec.dropout = 0.0;
            model.network.hidden.push_back(spec);
        }
        r.leave();
    }
    QJsonObject output;
    if (r.object(root, "output", output, true)) {
        r.enter("output");
        r.allowOnly(output, {"head", "units", "weights", "bias"});
        if (require(output, "head", r))
            r.key(output, "head", model.network.head, parseHead, "output head");
        if (r.ok()) {
            // The head must fit the task before its unit count means anything.
            const Loss natural = defaultLoss(model.network.head, model.task);
            if (std::string error = validateHeadAndLoss(model.network.head, natural, model.task, model.classCount);
                !error.empty())
                r.failAt("head", error);
        }
        if (require(output, "units", r))
            r.integer(output, "units", model.outputs, 1, kMaxClasses);
        const int expected = outputUnits(model.network.head, model.task, model.classCount);
        if (r.ok() && model.outputs != expected) {
            const std::string problem = model.task == Task::Regression
                                            ? std::string("for regression")
                                            : "for " + std::to_string(model.classCount) + " classes";
            r.failAt("units", "a " + std::string(headKey(model.network.head)) + " head " + problem + " has "
                                  + std::to_string(expected) + (expected == 1 ? " unit" : " units") + ", found "
                                  + std::to_string(model.outputs));
        }
        r.leave();
    }
    model.network.loss = defaultLoss(model.network.head, model.task);
    if (r.ok() && root.contains("loss")) {
        r.key(root, "loss", model.network.loss, parseLoss, "loss");
        if (r.ok()) {
            if (std::string error = validateHeadAndLoss(model.network.head, model.network.loss, model.task,
                                                        model.classCount);
                !error.empty())
                r.failAt("loss", error);
        }
    }
    if (r.ok()) {
        long long total = 0;
        for (int count : parameterCounts(model.network, featureCount, model.outputs))
            total += count;
        if (total > kMaxParameters)
            r.fail("the network has " + std::to_string(total) + " parameters; the limit is "
                   + std::to_string(kMaxParameters));
    }
    if (!r.ok()) {
        result.error = r.error();
        return result;
    }

    model.inputs = featureCount;
    Network<Scalar> net(model.network, model.inputs, model.outputs);
    for (int l = 0; l < net.layerCount() && r.ok(); ++l) {
        const LayerShape &shape = net.layer(l);
        const bool isOutput = l + 1 == net.layerCount();
        r.enter(isOutput ? std::string("output") : "layers[" + std::to_string(l) + "]");
        const std::string rowMeaning = shape.pieces > 1 ? "units × pieces, unit-major" : "one per unit";
        const std::string inputMeaning = l == 0 ? "the " + std::to_string(featureCount) + " features"
                                                : "the units of layers[" + std::to_string(l - 1) + "]";
        readDense(isOutput ? output : layerObjects[static_cast<std::size_t>(l)], shape.rows, shape.in, rowMeaning,
                  inputMeaning, net.W(l), net.b(l), r);
        r.leave();
    }
    if (!r.ok()) {
        result.error = r.error();
        return result;
    }
    model.parameters.assign(net.parameters().begin(), net.parameters().end());
    model.buffers.clear();
    result.model = std::move(model);
    return result;
}

ModelReadResult loadModelJson(const std::string &path)
{
    ModelReadResult result;
    std::string bytes;
    if (std::string error = readFile(path, bytes, kMaxModelBytes); !error.empty()) {
        result.error = error;
        return result;
    }
    result = parseModelJson(QByteArray::fromStdString(bytes));
    if (!result.error.empty())
        result.error = path + ": " + result.error;
    return result;
}

std::string saveModelJson(const std::string &path, const Model &model)
{
    return exportModel(model, ModelFormat::Json, path);
}

}  // namespace np
