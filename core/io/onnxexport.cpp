#include "onnxexport.h"

#include "protowriter.h"

#include <cassert>
#include <map>
#include <numbers>
#include <set>

namespace np {

namespace {

// TensorProto.DataType and AttributeProto.AttributeType values from onnx.proto.
enum DataType : int { kFloat = 1, kInt64 = 7, kBool = 9, kDouble = 11 };
enum AttributeType : int { kAttributeFloat = 1, kAttributeInt = 2, kAttributeInts = 7 };

struct Attribute
{
    std::string name;
    AttributeType type = kAttributeInt;
    std::int64_t i = 0;
    float f = 0.0f;
    std::vector<std::int64_t> ints;
};

Attribute intAttribute(std::string name, std::int64_t value)
{
    return {std::move(name), kAttributeInt, value, 0.0f, {}};
}

Attribute floatAttribute(std::string name, float value)
{
    return {std::move(name), kAttributeFloat, 0, value, {}};
}

Attribute intsAttribute(std::string name, std::vector<std::int64_t> values)
{
    return {std::move(name), kAttributeInts, 0, 0.0f, std::move(values)};
}

/// Collects the nodes and initializers of one GraphProto. Every node is named after its single
/// output, so names in Netron and in runtime error messages say what the value is.
class GraphBuilder
{
public:
    /// Adds op(inputs) -> output and returns the output's name.
    std::string node(const char *op, const std::vector<std::string> &inputs, const std::string &output,
                     const std::vector<Attribute> &attributes = {})
    {
        claim(output);
        ProtoWriter n;
        for (const std::string &input : inputs)
            n.bytes(1, input);
        n.bytes(2, output);
        n.bytes(3, output);
        n.bytes(4, op);
        for (const Attribute &a : attributes) {
            ProtoWriter attribute;
            attribute.bytes(1, a.name);
            if (a.type == kAttributeFloat)
                attribute.float32(2, a.f);
            else if (a.type == kAttributeInt)
                attribute.int64(3, a.i);
            for (std::int64_t v : a.ints)  // proto2 repeated fields, unpacked
                attribute.int64(8, v);
            attribute.varint(20, a.type);
            n.message(5, attribute);
        }
        m_nodes.push_back(n.data());
        return output;
    }

    /// An initializer; constants shared by several nodes are added once under their name.
    std::string initializer(const std::string &name, DataType type, const std::vector<std::int64_t> &dims,
                            const std::string &rawData)
    {
        if (m_constants.contains(name))
            return name;
        m_constants.insert(name);
        claim(name);
        ProtoWriter t;
        for (std::int64_t d : dims)
            t.int64(1, d);
        t.int64(2, type);
        t.bytes(8, name);
        t.bytes(9, rawData);
        m_initializers.push_back(t.data());
        return name;
    }

    std::string floats(const std::string &name, const std::vector<std::int64_t> &dims, const std::vector<float> &values)
    {
        return initializer(name, kFloat, dims, littleEndian(values));
    }
    std::string doubles(const std::string &name, const std::vector<std::int64_t> &dims,
                        const std::vector<double> &values)
    {
        return initializer(name, kDouble, dims, littleEndian(values));
    }
    std::string int64s(const std::string &name, const std::vector<std::int64_t> &dims,
                       const std::vector<std::int64_t> &values)
    {
        return initializer(name, kInt64, dims, littleEndian(values));
    }
    std::string scalarFloat(const std::string &name, float value) { return floats(name, {}, {value}); }
    std::string scalarDouble(const std::string &name, double value) { return doubles(name, {}, {value}); }

    const std::vector<std::string> &nodes() const { return m_nodes; }
    const std::vector<std::string> &initializers() const { return m_initializers; }

private:
    void claim(const std::string &name)
    {
        [[maybe_unused]] const bool fresh = m_names.insert(name).second;
        assert(fresh && "every value in the graph has its own name");
    }

    std::vector<std::string> m_nodes;
    std::vector<std::string> m_initializers;
    std::set<std::string> m_names{"x"};
    std::set<std::string> m_constants;
};

/// ValueInfoProto of a float [N, width] tensor with a symbolic batch dimension.
ProtoWriter valueInfo(const std::string &name, int width)
{
    ProtoWriter batch, columns;
    batch.bytes(2, "N");  // dim_param
    columns.int64(1, width);  // dim_value
    ProtoWriter shape;
    shape.message(1, batch);
    shape.message(1, columns);
    ProtoWriter tensor;
    tensor.int64(1, kFloat);
    tensor.message(2, shape);
    ProtoWriter type;
    type.message(1, tensor);
    ProtoWriter info;
    info.bytes(1, name);
    info.message(2, type);
    return info;
}

/// theta = atan2(x2, x1) for [N, 1] doubles, quadrant by quadrant as std::atan2 does it,
/// signed zeros included: atan(x2 / x1), plus pi (x2 >= +0) or minus pi (x2 <= -0) when x1 < 0
/// or x1 = -0; +-pi/2 on the x2 axis; 0 at the origin (+-pi at x1 = -0).
std::string angleFeature(GraphBuilder &g, const std::string &x1, const std::string &x2)
{
    const std::string zero = g.scalarDouble("const/zero", 0.0);
    const std::string one = g.scalarDouble("const/one", 1.0);
    // Less(v, 0) misses -0; 1 / v is -inf there, so the sign of a zero shows through the division.
    auto negative = [&](const std::string &v, const std::string &name) {
        const std::string less = g.node("Less", {v, zero}, name + "_lt0");
        const std::string inverse = g.node("Div", {one, v}, name + "_inv");
        const std::string inverseLess = g.node("Less", {inverse, zero}, name + "_inv_lt0");
        return g.node("Or", {less, inverseLess}, name + "_negative");
    };
    const std::string x1Negative = negative(x1, "theta/x1");
    const std::string x2Negative = negative(x2, "theta/x2");
    const std::string x1Zero = g.node("Equal", {x1, zero}, "theta/x1_zero");
    const std::string x2Zero = g.node("Equal", {x2, zero}, "theta/x2_zero");

    // onnxruntime has Atan (and Cos) for float only. One Newton step on f(t) = x1 sin t - x2 cos t,
    // in double, takes the float estimate's 1e-7 to about 1e-15, so theta matches std::atan2 as
    // closely as the other features match the engine's; cos t is computed as sin(t + pi/2).
    const std::string ratio = g.node("Div", {x2, x1}, "theta/ratio");
    const std::string ratioFloat = g.node("Cast", {ratio}, "theta/ratio_float", {intAttribute("to", kFloat)});
    const std::string atanFloat = g.node("Atan", {ratioFloat}, "theta/atan_float");
    const std::string estimate = g.node("Cast", {atanFloat}, "theta/atan_estimate", {intAttribute("to", kDouble)});
    const std::string halfPi = g.scalarDouble("const/half_pi", std::numbers::pi / 2);
    const std::string sine = g.node("Sin", {estimate}, "theta/sin");
    const std::string cosine = g.node("Sin", {g.node("Add", {estimate, halfPi}, "theta/plus_half_pi")}, "theta/cos");
    const std::string residual = g.node("Sub", {g.node("Mul", {x1, sine}, "theta/x1_sin"),
                                                g.node("Mul", {x2, cosine}, "theta/x2_cos")},
                                        "theta/residual");
    const std::string slope = g.node("Add", {g.node("Mul", {x1, cosine}, "theta/x1_cos"),
                                             g.node("Mul", {x2, sine}, "theta/x2_sin")},
                                     "theta/slope");
    const std::string atan = g.node("Sub", {estimate, g.node("Div", {residual, slope}, "theta/step")}, "theta/atan");

    const std::string pi = g.scalarDouble("const/pi", std::numbers::pi);
    const std::string minusPi = g.scalarDouble("const/minus_pi", -std::numbers::pi);
    const std::string minusHalfPi = g.scalarDouble("const/minus_half_pi", -std::numbers::pi / 2);
    const std::string signedPi = g.node("Where", {x2Negative, minusPi, pi}, "theta/signed_pi");
    const std::string offset = g.node("Where", {x1Negative, signedPi, zero}, "theta/offset");
    const std::string general = g.node("Add", {atan, offset}, "theta/general");
    const std::string signedHalfPi = g.node("Where", {x2Negative, minusHalfPi, halfPi}, "theta/signed_half_pi");
    const std::string onX2Axis = g.node("Where", {x2Zero, offset, signedHalfPi}, "theta/x1_is_zero");
    return g.node("Where", {x1Zero, onX2Axis, general}, "theta");
}

/// The network's float inputs [N, features] from "x": features and standardisation in double,
/// exactly the engine's operations (computeFeatures, Standardizer::apply), then rounded to float.
std::string featureInputs(GraphBuilder &g, const Model &model)
{
    const std::vector<Feature> features = model.features.list();
    const bool plain = features == std::vector<Feature>{Feature::X1, Feature::X2};
    const bool standardize = standardizes(model);
    if (plain && !standardize)
        return "x";
    const std::string xd = g.node("Cast", {"x"}, "x_double", {intAttribute("to", kDouble)});
    std::string f = xd;
    if (!plain) {
        std::map<std::string, std::string> memo;
        auto value = [&](const std::string &name, auto make) {
            if (!memo.contains(name))
                memo[name] = make();
            return memo[name];
        };
        // Gather with a 1-D index keeps the column axis: [N, 1].
        auto column = [&](const char *name, std::int64_t index) {
            return value(name, [&] {
                const std::string indices = g.int64s("const/index" + std::to_string(index), {1}, {index});
                return g.node("Gather", {xd, indices}, name, {intAttribute("axis", 1)});
            });
        };
        auto x1 = [&] { return column("x1", 0); };
        auto x2 = [&] { return column("x2", 1); };
        auto x1sq = [&] { return value("x1sq", [&] { return g.node("Mul", {x1(), x1()}, "x1sq"); }); };
        auto x2sq = [&] { return value("x2sq", [&] { return g.node("Mul", {x2(), x2()}, "x2sq"); }); };
        std::vector<std::string> columns;
        for (Feature feature : features) {
            switch (feature) {
            case Feature::X1:
                columns.push_back(x1());
                break;
            case Feature::X2:
                columns.push_back(x2());
                break;
            case Feature::X1Squared:
                columns.push_back(x1sq());
                break;
            case Feature::X2Squared:
                columns.push_back(x2sq());
                break;
            case Feature::X1X2:
                columns.push_back(g.node("Mul", {x1(), x2()}, "x1x2"));
                break;
            case Feature::SinX1:
                columns.push_back(g.node("Sin", {x1()}, "sinx1"));
                break;
            case Feature::SinX2:
                columns.push_back(g.node("Sin", {x2()}, "sinx2"));
                break;
            case Feature::Radius:
                columns.push_back(g.node("Sqrt", {g.node("Add", {x1sq(), x2sq()}, "r_squared")}, "r"));
                break;
            case Feature::Angle:
                columns.push_back(angleFeature(g, x1(), x2()));
                break;
            }
        }
        f = columns.size() == 1 ? columns.front() : g.node("Concat", columns, "features", {intAttribute("axis", 1)});
    }
    if (standardize) {
        const auto count = static_cast<std::int64_t>(features.size());
        const Standardizer &s = model.standardizer;
        const std::string mean = g.doubles("standardize/mean", {count}, {s.mean.data(), s.mean.data() + s.mean.size()});
        const std::string scale =
            g.doubles("standardize/scale", {count}, {s.scale.data(), s.scale.data() + s.scale.size()});
        f = g.node("Div", {g.node("Sub", {f, mean}, "centered"), scale}, "standardized");
    }
    return g.node("Cast", {f}, "inputs", {intAttribute("to", kFloat)});
}

/// a = g(z) for a hidden layer, as the engine's activate() computes it; returns a's name.
std::string hiddenActivation(GraphBuilder &g, const DenseLayer &layer, const std::string &z, const std::string &prefix)
{
    const std::string a = prefix + "/a";
    switch (layer.activation) {
    case Activation::Step:
        return g.node("Cast", {g.node("Greater", {z, g.scalarFloat("const/zero_float", 0.0f)}, prefix + "/positive")},
                      a, {intAttribute("to", kFloat)});
    case Activation::Linear:
        return z;
    case Activation::Sigmoid:
        return g.node("Sigmoid", {z}, a);
    case Activation::Tanh:
        return g.node("Tanh", {z}, a);
    case Activation::ReLU:
        return g.node("Relu", {z}, a);
    case Activation::LeakyReLU:
        return g.node("LeakyRelu", {z}, a, {floatAttribute("alpha", static_cast<float>(layer.alpha))});
    case Activation::ELU:
        return g.node("Elu", {z}, a, {floatAttribute("alpha", static_cast<float>(layer.alpha))});
    case Activation::Softplus:
        return g.node("Softplus", {z}, a);
    case Activation::AbsReLU:
        return g.node("Abs", {z}, a);
    case Activation::Maxout: {
        // Rows j*k .. j*k + k - 1 of z are unit j's pieces: [N, units * k] -> [N, units, k] in C order.
        const std::string shape = g.int64s(prefix + "/pieces_shape", {3}, {0, layer.units, layer.pieces});
        const std::string pieces = g.node("Reshape", {z, shape}, prefix + "/pieces");
        return g.node("ReduceMax", {pieces}, a, {intsAttribute("axes", {2}), intAttribute("keepdims", 0)});
    }
    case Activation::GELU: {
        // z * (0.5 * (1 + erf(z * sqrt(2)/2))), in the engine's order of operations.
        const std::string scaled =
            g.node("Mul", {z, g.scalarFloat("const/sqrt_half", static_cast<float>(std::numbers::sqrt2 / 2))},
                   prefix + "/scaled");
        const std::string erf = g.node("Erf", {scaled}, prefix + "/erf");
        const std::string onePlus =
            g.node("Add", {erf, g.scalarFloat("const/one_float", 1.0f)}, prefix + "/one_plus_erf");
        const std::string phi = g.node("Mul", {onePlus, g.scalarFloat("const/half_float", 0.5f)}, prefix + "/phi");
        return g.node("Mul", {z, phi}, a);
    }
    case Activation::SiLU:
        return g.node("Mul", {z, g.node("Sigmoid", {z}, prefix + "/sigmoid")}, a);
    }
    return z;
}

/// The head on the output layer's z, writing "y".
void outputHead(GraphBuilder &g, OutputHead head, int units, const std::string &z)
{
    switch (head) {
    case OutputHead::Sigmoid:
    case OutputHead::OneVsRest:
        g.node("Sigmoid", {z}, "y");
        return;
    case OutputHead::Softmax:
        g.node("Softmax", {z}, "y", {intAttribute("axis", 1)});
        return;
    case OutputHead::Tanh:
        g.node("Tanh", {z}, "y");
        return;
    case OutputHead::Linear:
        return;  // the Gemm already wrote y
    case OutputHead::Step:
        if (units == 1) {
            g.node("Cast", {g.node("Greater", {z, g.scalarFloat("const/zero_float", 0.0f)}, "output/positive")}, "y",
                   {intAttribute("to", kFloat)});
            return;
        }
        // One-hot of the first largest score, as the engine breaks ties (Equal against ReduceMax
        // would mark every tied unit).
        {
            const std::string best =
                g.node("ArgMax", {z}, "output/argmax", {intAttribute("axis", 1), intAttribute("keepdims", 1)});
            std::vector<std::int64_t> classes(static_cast<std::size_t>(units));
            for (int c = 0; c < units; ++c)
                classes[static_cast<std::size_t>(c)] = c;
            const std::string index = g.int64s("const/class_index", {1, units}, classes);
            g.node("Cast", {g.node("Equal", {best, index}, "output/is_best")}, "y", {intAttribute("to", kFloat)});
        }
        return;
    }
}

std::string outputMeaning(const Model &model)
{
    if (model.task == Task::Regression)
        return "the predicted value";
    switch (model.network.head) {
    case OutputHead::Sigmoid:
        return "P(class 1)";
    case OutputHead::Softmax:
        return "class probabilities (softmax)";
    case OutputHead::OneVsRest:
        return "one sigmoid probability per class (one-vs-rest)";
    case OutputHead::Linear:
        return "linear scores (positive: class 1)";
    case OutputHead::Tanh:
        return "tanh scores in (-1, 1) (positive: class 1)";
    case OutputHead::Step:
        return model.outputs == 1 ? "1 for class 1, 0 for class 0" : "one-hot of the predicted class";
    }
    return {};
}

}  // namespace

ExportResult encodeOnnx(const Model &model)
{
    if (std::string error = checkExportable(model); !error.empty())
        return {{}, error};

    GraphBuilder g;
    std::string a = featureInputs(g, model);
    const std::vector<DenseLayer> layers = foldBatchNorm(denseLayers(model));
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const DenseLayer &layer = layers[l];
        const std::string prefix = layer.isOutput ? "output" : "layer" + std::to_string(l + 1);
        const std::string W = g.floats(prefix + "/W", {layer.rows, layer.in}, layer.weight);
        const std::string b = g.floats(prefix + "/b", {layer.rows}, layer.bias);
        const bool writesY = layer.isOutput && model.network.head == OutputHead::Linear;
        const std::string z = g.node("Gemm", {a, W, b}, writesY ? "y" : prefix + "/z", {intAttribute("transB", 1)});
        if (layer.isOutput)
            outputHead(g, model.network.head, layer.units, z);
        else
            a = hiddenActivation(g, layer, z, prefix);
    }

    ProtoWriter graph;
    for (const std::string &n : g.nodes())
        graph.bytes(1, n);
    graph.bytes(2, "neural_playground");
    for (const std::string &t : g.initializers())
        graph.bytes(5, t);
    graph.bytes(10, "x: raw points (x1, x2), one per row. y: " + outputMeaning(model) + ". "
                        + preprocessingDescription(model) + ".");
    graph.message(11, valueInfo("x", 2));
    graph.message(12, valueInfo("y", model.outputs));

    ProtoWriter file;
    file.int64(1, kOnnxIrVersion);
    file.bytes(2, "neural-playground");
    file.bytes(3, NP_VERSION);
    file.bytes(6, "A Neural Playground model; the metadata describes its features and standardisation.");
    file.message(7, graph);
    ProtoWriter opset;
    opset.bytes(1, "");  // the default domain, ai.onnx
    opset.int64(2, kOnnxOpset);
    file.message(8, opset);
    for (const auto &[key, value] : modelMetadata(model)) {
        ProtoWriter entry;
        entry.bytes(1, key);
        entry.bytes(2, value);
        file.message(14, entry);
    }
    return {file.data(), {}};
}

}  // namespace np
