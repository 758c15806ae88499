#include "backpropcommand.h"

#include "support.h"

#include "analysis/graphexamples.h"
#include "analysis/networkbackprop.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace np::cli {

const std::vector<Flag> kBackpropFlags = {
    {"example", 0, "KEY", "a built-in graph: add-multiply, sigmoid-neuron, sigmoid-gate, max-multiply, tanh-neuron"},
    {"config", 'c', "FILE", "session, config or lesson JSON whose network walks --point"},
    {"variant", 0, "KEY", "the lesson's variant to use (default: its first)"},
    {"point", 'p', "X1,X2", "the point to walk through the network"},
    {"label", 'l', "K", "the point's class (classification) or target value (regression)"},
    {"json", 0, "", "print JSON instead of a table"},
    {"help", 'h', "", "show this help"},
};

namespace {

// Pads UTF-8 text to `width` characters (code points, which is what the terminal shows here).
std::string pad(const std::string &text, int width)
{
    int chars = 0;
    for (unsigned char c : text)
        chars += (c & 0xC0) != 0x80;
    return text + std::string(static_cast<std::size_t>(std::max(0, width - chars)), ' ');
}

std::string num(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", v);
    if (std::string(text) == "-0.0000")
        return "0.0000";
    return text;
}

QJsonArray array(const Vector<double> &v)
{
    QJsonArray out;
    for (Index i = 0; i < v.size(); ++i)
        out.append(v(i));
    return out;
}

QJsonArray array(const Matrix<double> &m)
{
    QJsonArray rows;
    for (Index r = 0; r < m.rows(); ++r)
        rows.append(array(Vector<double>(m.row(r).transpose())));
    return rows;
}

int runExample(const std::string &key, bool json)
{
    const GraphExample *example = findGraphExample(key);
    if (!example) {
        std::string known;
        for (const GraphExample &e : graphExamples())
            known += std::string(" ") + e.key;
        return fail("backprop: no example '" + key + "'; there are:" + known, kUsageError);
    }
    const ComputationGraph graph = example->build();
    const std::vector<double> values = graph.forward();
    const std::vector<double> gradients = graph.backward(values);
    if (json) {
        QJsonArray wires;
        for (int i = 0; i < graph.size(); ++i) {
            const GraphNode &n = graph.node(i);
            QJsonArray inputs;
            for (int in : n.inputs)
                inputs.append(QString::fromStdString(graph.node(in).name));
            wires.append(QJsonObject{{"name", QString::fromStdString(n.name)},
                                     {"gate", n.kind == GateKind::Input ? QStringLiteral("input")
                                                                       : QString::fromUtf8(gateSymbol(n.kind))},
                                     {"inputs", inputs},
                                     {"value", values[std::size_t(i)]},
                                     {"gradient", gradients[std::size_t(i)]}});
        }
        const QJsonObject root{{"example", QString::fromLatin1(example->key)},
                               {"formula", QString::fromUtf8(example->formula)},
                               {"output", QString::fromStdString(graph.node(graph.output()).name)},
                               {"wires", wires}};
        std::printf("%s", QJsonDocument(root).toJson(QJsonDocument::Indented).constData());
        return 0;
    }
    const std::string f = graph.node(graph.output()).name;
    std::printf("%s\n\n%s%s%s%s%s\n", example->formula, pad("wire", 12).c_str(), pad("gate", 7).c_str(),
                pad("inputs", 18).c_str(), pad("forward", 11).c_str(), ("backward d" + f + "/dwire").c_str());
    for (int i = 0; i < graph.size(); ++i) {
        const GraphNode &n = graph.node(i);
        std::string inputs;
        for (int in : n.inputs)
            inputs += (inputs.empty() ? "" : ", ") + graph.node(in).name;
        std::printf("%s%s%s%s%s\n", pad(n.name, 12).c_str(),
                    pad(n.kind == GateKind::Input ? "input" : gateSymbol(n.kind), 7).c_str(), pad(inputs, 18).c_str(),
                    pad(num(values[std::size_t(i)]), 11).c_str(), num(gradients[std::size_t(i)]).c_str());
    }
    return 0;
}

// "layer 1 (tanh, 8 units)", "output layer (sigmoid head, binary cross-entropy)".
std::string layerName(const Model &model, int l, int layers, Index units)
{
    if (l + 1 == layers)
        return std::string("output layer (") + headTitle(model.network.head) + " head, " +
               lossTitle(model.network.loss) + ")";
    const LayerSpec &spec = model.network.hidden[std::size_t(l)];
    std::string text = "layer " + std::to_string(l + 1) + " (" + activationInfo(spec.activation).title + ", " +
                       std::to_string(units) + (units == 1 ? " unit" : " units");
    if (spec.batchNorm)
        text += ", batch norm: z is normalised to u before g";
    return text + ")";
}

void printWalkTable(const PointBackprop &walk, const Model &model)
{
    std::printf("point (%s, %s), %s; loss on the point %s; learning rate %g\n", num(walk.x1).c_str(),
                num(walk.x2).c_str(),
                model.task == Task::Regression ? ("target " + num(walk.target)).c_str()
                                               : ("class " + std::to_string(walk.label)).c_str(),
                num(walk.loss).c_str(), walk.learningRate);
    std::printf("network input x = (");
    for (Index i = 0; i < walk.input.size(); ++i)
        std::printf("%s%s", i ? ", " : "", num(walk.input(i)).c_str());
    std::printf(")\n");
    const int layers = static_cast<int>(walk.layers.size());
    for (int l = 0; l < layers; ++l) {
        const LayerBackprop &layer = walk.layers[std::size_t(l)];
        const int pieces = static_cast<int>(layer.z.size() / std::max<Index>(1, layer.a.size()));
        const bool bn = layer.gamma.size() > 0;  // then u = gamma (z - mu) / sigma + beta goes into g
        std::printf("\n%s\n  %s%s%s%s%s%s\n", layerName(model, l, layers, layer.a.size()).c_str(), pad("unit", 8).c_str(),
                    pad("z", 11).c_str(), bn ? pad("u", 11).c_str() : "", pad("a", 11).c_str(), pad("dL/da", 11).c_str(),
                    "delta = dL/dz");
        for (Index r = 0; r < layer.z.size(); ++r) {
            const Index unit = r / pieces;
            const std::string name = pieces > 1 ? std::to_string(unit + 1) + "." + std::to_string(r % pieces + 1)
                                                : std::to_string(r + 1);
            const bool first = r % pieces == 0;
            std::printf("  %s%s%s%s%s%s\n", pad(name, 8).c_str(), pad(num(layer.z(r)), 11).c_str(),
                        bn ? pad(num(layer.s(r)), 11).c_str() : "", pad(first ? num(layer.a(unit)) : "", 11).c_str(),
                        pad(first && layer.da.size() ? num(layer.da(unit)) : "", 11).c_str(),
                        num(layer.deltaZ(r)).c_str());
        }
        std::printf("  dL/dW (row per unit, column per input)%s\n", layer.db.size() ? ", then dL/db" : "");
        for (Index r = 0; r < layer.dW.rows(); ++r) {
            std::printf("   ");
            for (Index c = 0; c < layer.dW.cols(); ++c)
                std::printf(" %10s", num(layer.dW(r, c)).c_str());
            if (layer.db.size())
                std::printf("  | %10s", num(layer.db(r)).c_str());
            std::printf("\n");
        }
    }
    std::printf("\nafter one SGD step W <- W - %g dL/dW: loss on the point %s (was %s)\n", walk.learningRate,
                num(walk.lossAfter).c_str(), num(walk.loss).c_str());
    if (walk.usesBatchNorm())
        std::printf("note: batch norm uses its running statistics here (evaluation mode); a training batch "
                    "normalises with its own statistics, so its step differs\n");
    if (walk.usesDropout)
        std::printf("note: dropout is off for one point; training drops units at random\n");
}

QJsonObject walkJson(const PointBackprop &walk)
{
    QJsonArray layers;
    for (const LayerBackprop &layer : walk.layers) {
        QJsonObject o{{"z", array(layer.z)}, {"a", array(layer.a)},         {"delta", array(layer.deltaZ)},
                      {"W", array(layer.W)}, {"dW", array(layer.dW)},       {"W_after", array(layer.WAfter)}};
        if (layer.b.size()) {
            o["b"] = array(layer.b);
            o["db"] = array(layer.db);
            o["b_after"] = array(layer.bAfter);
        }
        if (layer.gamma.size()) {
            o["u"] = array(layer.s);
            o["delta_u"] = array(layer.delta);
            o["dgamma"] = array(layer.dGamma);
            o["dbeta"] = array(layer.dBeta);
        }
        layers.append(o);
    }
    return QJsonObject{{"point", QJsonArray{walk.x1, walk.x2}},
                       {"label", walk.label},
                       {"target", walk.target},
                       {"input", array(walk.input)},
                       {"y", array(walk.y)},
                       {"loss", walk.loss},
                       {"loss_after", walk.lossAfter},
                       {"learning_rate", walk.learningRate},
                       {"batch_norm_running_statistics", walk.usesBatchNorm()},
                       {"layers", layers}};
}

int runWalk(const Options &options, bool json)
{
    const auto point = options.value("point");
    const auto label = options.value("label");
    if (!point || !label)
        return fail("backprop needs --example KEY, or --config SESSION with --point X1,X2 and --label K", kUsageError);
    const std::size_t comma = point->find(',');
    char *end1 = nullptr, *end2 = nullptr, *end3 = nullptr;
    const std::string first = point->substr(0, comma);
    const double x1 = std::strtod(first.c_str(), &end1);
    const double x2 = comma == std::string::npos ? NAN : std::strtod(point->c_str() + comma + 1, &end2);
    const double k = std::strtod(label->c_str(), &end3);
    if (comma == std::string::npos || *end1 || !end2 || *end2 || !std::isfinite(x1) || !std::isfinite(x2))
        return fail("--point wants two numbers X1,X2, e.g. --point 0.5,-1", kUsageError);
    if (*end3 || !std::isfinite(k))
        return fail("--label wants a class number or a target value", kUsageError);

    Session session;
    std::string error;
    if (!loadOrDefault(options, session, error))
        return fail(error);
    Trainer trainer;
    if (std::string e = startTrainer(session, trainer); !e.empty())
        return fail(e);
    const Model model = trainer.model();
    int classLabel = 0;
    if (model.task == Task::Classification) {
        if (k != std::floor(k) || k < 0 || k >= model.classCount)
            return fail("--label must be a class from 0 to " + std::to_string(model.classCount - 1), kUsageError);
        classLabel = static_cast<int>(k);
    }
    const PointBackprop walk = backpropPoint(model, x1, x2, classLabel, k, trainer.learningRate(),
                                             session.config.training.penalty);
    if (json)
        std::printf("%s", QJsonDocument(walkJson(walk)).toJson(QJsonDocument::Indented).constData());
    else
        printWalkTable(walk, model);
    return 0;
}

}  // namespace

int runBackprop(const Options &options)
{
    const bool json = options.has("json");
    if (const auto example = options.value("example")) {
        if (options.has("config") || options.has("point"))
            return fail("backprop takes either --example or --config with --point, not both", kUsageError);
        return runExample(*example, json);
    }
    return runWalk(options, json);
}

}  // namespace np::cli
