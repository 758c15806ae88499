#include "modelexport.h"

#include "../common/atomicwrite.h"
#include "../common/enumtable.h"
#include "../session/config.h"
#include "modeljson.h"
#include "npz.h"
#include "onnxexport.h"
#include "safetensors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <optional>
#include <utility>

namespace np {

namespace {

template <typename Bits, typename T>
void appendLittleEndian(std::string &out, T value)
{
    const auto bits = std::bit_cast<Bits>(value);
    for (std::size_t byte = 0; byte < sizeof(Bits); ++byte)
        out.push_back(static_cast<char>(bits >> (8 * byte) & 0xff));
}

/// Shortest text that reads back as the same double, e.g. "0.01", "1e-05".
std::string shortest(double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string compactJson(const QJsonValue &value)
{
    const QByteArray text = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return text.toStdString();
}

bool allFinite(std::span<const float> values)
{
    return std::all_of(values.begin(), values.end(), [](float v) { return std::isfinite(v); });
}

struct Module
{
    std::string repr;  // the Python call that builds it, without the nn. prefix
    QJsonObject json;
};

Module plainModule(const char *type)
{
    return {std::string(type) + "()", QJsonObject{{"type", type}}};
}

Module customModule(const char *type, const char *definition)
{
    return {std::string(type) + "()", QJsonObject{{"type", type}, {"custom", true}, {"definition", definition}}};
}

Module activationModule(const DenseLayer &layer)
{
    switch (layer.activation) {
    case Activation::Step:
        return customModule("Step", "y = 1 where x > 0, else 0 (the perceptron's threshold unit)");
    case Activation::Linear:
        return plainModule("Identity");
    case Activation::Sigmoid:
        return plainModule("Sigmoid");
    case Activation::Tanh:
        return plainModule("Tanh");
    case Activation::ReLU:
        return plainModule("ReLU");
    case Activation::LeakyReLU:
        return {"LeakyReLU(" + shortest(layer.alpha) + ")",
                QJsonObject{{"type", "LeakyReLU"}, {"negative_slope", layer.alpha}}};
    case Activation::ELU:
        return {"ELU(" + shortest(layer.alpha) + ")", QJsonObject{{"type", "ELU"}, {"alpha", layer.alpha}}};
    case Activation::Softplus:
        return plainModule("Softplus");
    case Activation::AbsReLU:
        return customModule("Abs", "y = |x|");
    case Activation::Maxout: {
        const std::string definition = "y[:, j] = max(x[:, j*k], ..., x[:, j*k + k - 1]) with k = pieces = "
                                       + std::to_string(layer.pieces) + ", i.e. x.view(-1, "
                                       + std::to_string(layer.units) + ", " + std::to_string(layer.pieces)
                                       + ").amax(dim=2)";
        return {"Maxout(pieces=" + std::to_string(layer.pieces) + ")",
                QJsonObject{{"type", "Maxout"},
                            {"custom", true},
                            {"units", layer.units},
                            {"pieces", layer.pieces},
                            {"definition", QString::fromStdString(definition)}}};
    }
    case Activation::GELU:
        return plainModule("GELU");
    case Activation::SiLU:
        return plainModule("SiLU");
    }
    return plainModule("Identity");
}

/// The head's module, or none for a linear head.
std::optional<Module> headModule(OutputHead head, int units)
{
    switch (head) {
    case OutputHead::Sigmoid:
    case OutputHead::OneVsRest:
        return plainModule("Sigmoid");
    case OutputHead::Softmax:
        return Module{"Softmax(dim=1)", QJsonObject{{"type", "Softmax"}, {"dim", 1}}};
    case OutputHead::Tanh:
        return plainModule("Tanh");
    case OutputHead::Linear:
        return std::nullopt;
    case OutputHead::Step:
        if (units == 1)
            return customModule("Step", "y = 1 where x > 0, else 0 (the perceptron's threshold unit)");
        return Module{"OneHotArgmax()",
                      QJsonObject{{"type", "OneHotArgmax"},
                                  {"custom", true},
                                  {"definition", "y[n, c] = 1 for the first c with the largest x[n, c], 0 elsewhere "
                                                 "(a multi-class step output)"}}};
    }
    return std::nullopt;
}

NamedTensor floatTensor(std::string name, std::vector<std::int64_t> shape, const std::vector<float> &values)
{
    return {std::move(name), NamedTensor::Type::F32, std::move(shape), littleEndian(values)};
}

// Each format's file name extension (the key).
constexpr auto kFormats = enumNames<ModelFormat>({
    {ModelFormat::Json, ".json"},
    {ModelFormat::Onnx, ".onnx"},
    {ModelFormat::Safetensors, ".safetensors"},
    {ModelFormat::Npz, ".npz"},
});

}  // namespace

const char *modelFormatExtension(ModelFormat format)
{
    const EnumName<ModelFormat> *row = kFormats.find(format);
    return row ? row->key : "";
}

bool modelFormatFromPath(const std::string &path, ModelFormat &format)
{
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const EnumName<ModelFormat> &row : kFormats.rows()) {
        const std::string_view extension = row.key;
        if (lower.size() > extension.size() && lower.ends_with(extension)) {
            format = row.value;
            return true;
        }
    }
    return false;
}

ExportResult encodeModel(const Model &model, ModelFormat format)
{
    switch (format) {
    case ModelFormat::Json:
        return encodeModelJson(model);
    case ModelFormat::Onnx:
        return encodeOnnx(model);
    case ModelFormat::Safetensors:
        return encodeSafetensors(model);
    case ModelFormat::Npz:
        return encodeNpz(model);
    }
    return {{}, "unknown format"};
}

std::string exportModel(const Model &model, ModelFormat format, const std::string &path)
{
    const ExportResult result = encodeModel(model, format);
    if (!result.error.empty())
        return "cannot export '" + path + "': " + result.error;
    return writeFileAtomically(path, result.bytes);
}

std::string checkExportable(const Model &model)
{
    if (std::string error = validateLayers(model.network.hidden); !error.empty())
        return "the network is not valid: " + error;
    if (model.task == Task::Classification && (model.classCount < kMinClasses || model.classCount > kMaxClasses))
        return "a classifier needs 2 to 8 classes, not " + std::to_string(model.classCount);
    const int features = model.features.count();
    if (features == 0)
        return "the model has no input features";
    if (model.inputs != features)
        return "the model has " + std::to_string(model.inputs) + " inputs but " + std::to_string(features)
               + " features";
    const int outputs = outputUnits(model.network.head, model.task, model.classCount);
    if (model.outputs != outputs)
        return "the model has " + std::to_string(model.outputs) + " outputs but its " + headKey(model.network.head)
               + " head needs " + std::to_string(outputs);
    const Standardizer &s = model.standardizer;
    if (!s.isEmpty()) {
        if (s.mean.size() != features || s.scale.size() != features)
            return "the standardisation has " + std::to_string(s.mean.size()) + " means and "
                   + std::to_string(s.scale.size()) + " scales for " + std::to_string(features) + " features";
        for (Index f = 0; f < features; ++f) {
            if (!std::isfinite(s.mean(f)) || !std::isfinite(s.scale(f)) || !(s.scale(f) > 0))
                return "the standardisation of feature " + std::to_string(f + 1)
                       + " is not a finite mean with a positive scale";
        }
    }
    long long total = 0;
    for (int count : parameterCounts(model.network, model.inputs, model.outputs))
        total += count;
    if (total > kMaxParameters)
        return "the network has " + std::to_string(total) + " parameters; the limit is "
               + std::to_string(kMaxParameters);
    const Network<Scalar> net(model.network, model.inputs, model.outputs);
    if (model.parameters.size() != net.parameters().size() || model.buffers.size() != net.buffers().size())
        return "the model holds " + std::to_string(model.parameters.size()) + " parameters and "
               + std::to_string(model.buffers.size()) + " running statistics but its network needs "
               + std::to_string(net.parameters().size()) + " and " + std::to_string(net.buffers().size());
    if (!allFinite(model.parameters) || !allFinite(model.buffers))
        return "some weights are not finite numbers (did training diverge?); reset or retrain the network first";
    if (std::any_of(model.buffers.begin(), model.buffers.end(), [](float v) { return v < 0; })) {
        // Running means may be negative, variances may not; only variances can trip this in practice.
        for (int l = 0; l < net.layerCount(); ++l) {
            const LayerShape &shape = net.layer(l);
            if (shape.runningVar < 0)
                continue;
            for (int r = 0; r < shape.rows; ++r) {
                if (model.buffers[static_cast<std::size_t>(shape.runningVar + r)] < 0)
                    return "a batch-norm running variance is negative";
            }
        }
    }
    return {};
}

bool standardizes(const Model &model)
{
    const Standardizer &s = model.standardizer;
    return !s.isEmpty() && !((s.mean.array() == 0.0).all() && (s.scale.array() == 1.0).all());
}

std::vector<DenseLayer> denseLayers(const Model &model)
{
    Network<Scalar> net = model.instantiate();
    std::vector<DenseLayer> layers;
    for (int l = 0; l < net.layerCount(); ++l) {
        const LayerShape &shape = net.layer(l);
        DenseLayer layer;
        layer.in = shape.in;
        layer.units = shape.units;
        layer.pieces = shape.pieces;
        layer.rows = shape.rows;
        layer.activation = shape.activation;
        layer.alpha = shape.alpha;
        layer.dropout = shape.dropout;
        layer.isOutput = shape.isOutput;
        const ConstMatrixMap<Scalar> W = std::as_const(net).W(l);  // rows x in, column-major
        layer.weight.resize(static_cast<std::size_t>(shape.rows) * static_cast<std::size_t>(shape.in));
        for (Index r = 0; r < W.rows(); ++r) {
            for (Index c = 0; c < W.cols(); ++c)
                layer.weight[static_cast<std::size_t>(r * W.cols() + c)] = W(r, c);
        }
        auto copy = [](const auto &v) { return std::vector<float>(v.data(), v.data() + v.size()); };
        if (shape.batchNorm) {
            layer.gamma = copy(std::as_const(net).gamma(l));
            layer.beta = copy(std::as_const(net).beta(l));
            layer.runningMean = copy(net.runningMean(l));
            layer.runningVar = copy(net.runningVar(l));
        } else {
            layer.bias = copy(std::as_const(net).b(l));
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

std::vector<DenseLayer> foldBatchNorm(std::vector<DenseLayer> layers)
{
    for (DenseLayer &layer : layers) {
        if (!layer.batchNorm())
            continue;
        layer.bias.resize(static_cast<std::size_t>(layer.rows));
        for (int r = 0; r < layer.rows; ++r) {
            const auto row = static_cast<std::size_t>(r);
            const double s = double(layer.gamma[row]) / std::sqrt(double(layer.runningVar[row]) + kBatchNormEpsilon);
            for (int c = 0; c < layer.in; ++c) {
                float &w = layer.weight[row * static_cast<std::size_t>(layer.in) + static_cast<std::size_t>(c)];
                w = static_cast<float>(s * double(w));
            }
            layer.bias[row] = static_cast<float>(double(layer.beta[row]) - s * double(layer.runningMean[row]));
        }
        layer.gamma.clear();
        layer.beta.clear();
        layer.runningMean.clear();
        layer.runningVar.clear();
    }
    return layers;
}

std::string littleEndian(std::span<const float> values)
{
    std::string out;
    out.reserve(values.size() * 4);
    for (float v : values)
        appendLittleEndian<std::uint32_t>(out, v);
    return out;
}

std::string littleEndian(std::span<const double> values)
{
    std::string out;
    out.reserve(values.size() * 8);
    for (double v : values)
        appendLittleEndian<std::uint64_t>(out, v);
    return out;
}

std::string littleEndian(std::span<const std::int64_t> values)
{
    std::string out;
    out.reserve(values.size() * 8);
    for (std::int64_t v : values)
        appendLittleEndian<std::uint64_t>(out, v);
    return out;
}

std::string jsonQuoted(const std::string &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{QString::fromStdString(text)}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2).toStdString();  // strip [ and ]
}

std::string metadataJson(const std::vector<std::pair<std::string, std::string>> &metadata)
{
    std::string json = "{";
    for (std::size_t i = 0; i < metadata.size(); ++i)
        json += (i ? "," : "") + jsonQuoted(metadata[i].first) + ":" + jsonQuoted(metadata[i].second);
    return json + "}";
}

std::string preprocessingDescription(const Model &model)
{
    std::string text = "input: raw points (x1, x2); features in this order: ";
    bool first = true;
    for (Feature f : model.features.list()) {
        static const char *const formulas[kFeatureCount] = {
            "x1", "x2", "x1sq = x1*x1", "x2sq = x2*x2", "x1x2 = x1*x2", "sinx1 = sin(x1)", "sinx2 = sin(x2)",
            "r = sqrt(x1*x1 + x2*x2)", "theta = atan2(x2, x1)"};
        text += (first ? "" : ", ") + std::string(formulas[static_cast<int>(f)]);
        first = false;
    }
    text += !standardizes(model)
                ? "; not standardised"
                : "; then each feature standardised as (feature - mean) / scale, in double precision, "
                  "and rounded to float32 for the network";
    return text;
}

std::vector<std::pair<std::string, std::string>> modelMetadata(const Model &model)
{
    QJsonArray features;
    for (Feature f : model.features.list())
        features.append(featureKey(f));
    std::string standardize = "null";
    if (standardizes(model)) {
        QJsonArray mean, scale;
        for (Index f = 0; f < model.standardizer.mean.size(); ++f) {
            mean.append(model.standardizer.mean(f));
            scale.append(model.standardizer.scale(f));
        }
        standardize = compactJson(QJsonObject{{"mean", mean}, {"scale", scale}});
    }

    std::vector<std::pair<std::string, std::string>> meta;
    meta.emplace_back("format", "neural-playground-model");
    meta.emplace_back("version", "1");
    meta.emplace_back("producer", std::string("Neural Playground ") + NP_VERSION);
    meta.emplace_back("features", compactJson(features));
    meta.emplace_back("standardize", standardize);
    meta.emplace_back("preprocessing", preprocessingDescription(model));
    meta.emplace_back("task", taskName(model.task));
    if (model.task == Task::Classification)
        meta.emplace_back("classes", std::to_string(model.classCount));
    meta.emplace_back("head", headKey(model.network.head));
    meta.emplace_back("loss", lossKey(model.network.loss));
    meta.emplace_back("inputs", std::to_string(model.inputs));
    meta.emplace_back("outputs", std::to_string(model.outputs));
    return meta;
}

SequentialModel sequentialModel(const Model &model)
{
    SequentialModel out;
    std::vector<Module> modules;
    const std::vector<DenseLayer> layers = denseLayers(model);
    for (const DenseLayer &layer : layers) {
        const std::string index = std::to_string(modules.size());
        const bool bias = !layer.batchNorm();
        modules.push_back({"Linear(" + std::to_string(layer.in) + ", " + std::to_string(layer.rows)
                               + (bias ? ")" : ", bias=False)"),
                           QJsonObject{{"type", "Linear"},
                                       {"in_features", layer.in},
                                       {"out_features", layer.rows},
                                       {"bias", bias}}});
        out.tensors.push_back(floatTensor(index + ".weight", {layer.rows, layer.in}, layer.weight));
        if (bias)
            out.tensors.push_back(floatTensor(index + ".bias", {layer.rows}, layer.bias));
        if (layer.batchNorm()) {
            const std::string bn = std::to_string(modules.size());
            modules.push_back({"BatchNorm1d(" + std::to_string(layer.rows) + ")",
                               QJsonObject{{"type", "BatchNorm1d"},
                                           {"num_features", layer.rows},
                                           {"eps", kBatchNormEpsilon},
                                           {"momentum", 0.1}}});
            out.tensors.push_back(floatTensor(bn + ".weight", {layer.rows}, layer.gamma));
            out.tensors.push_back(floatTensor(bn + ".bias", {layer.rows}, layer.beta));
            out.tensors.push_back(floatTensor(bn + ".running_mean", {layer.rows}, layer.runningMean));
            out.tensors.push_back(floatTensor(bn + ".running_var", {layer.rows}, layer.runningVar));
            // The engine does not count batches; PyTorch only reads this with momentum=None.
            const std::int64_t zero = 0;
            out.tensors.push_back({bn + ".num_batches_tracked", NamedTensor::Type::I64, {},
                                   littleEndian(std::span<const std::int64_t>(&zero, 1))});
        }
        if (layer.isOutput) {
            if (std::optional<Module> head = headModule(model.network.head, layer.units))
                modules.push_back(*head);
        } else {
            modules.push_back(activationModule(layer));
            if (layer.dropout > 0)
                modules.push_back({"Dropout(" + shortest(layer.dropout) + ")",
                                   QJsonObject{{"type", "Dropout"}, {"p", layer.dropout}}});
        }
    }

    std::string architecture = "Sequential(";
    QJsonArray moduleList;
    for (std::size_t i = 0; i < modules.size(); ++i) {
        architecture += (i ? ", " : "") + modules[i].repr;
        QJsonObject json = modules[i].json;
        json.insert("index", static_cast<int>(i));
        moduleList.append(json);
    }
    architecture += ")";

    out.metadata = modelMetadata(model);
    // After format, version and producer: the module list is what a reader needs first.
    out.metadata.insert(out.metadata.begin() + 3, {"modules", compactJson(moduleList)});
    out.metadata.insert(out.metadata.begin() + 3, {"architecture", architecture});
    return out;
}

}  // namespace np
