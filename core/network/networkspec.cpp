#include "networkspec.h"

#include "../common/enumtable.h"

#include <cmath>

namespace np {

namespace {

constexpr auto kHeads = enumNames<OutputHead>({
    {OutputHead::Sigmoid, "sigmoid", "Sigmoid (binary)"},
    {OutputHead::Softmax, "softmax", "Softmax (multi-class)"},
    {OutputHead::OneVsRest, "one_vs_rest", "K sigmoids (one-vs-rest)"},
    {OutputHead::Linear, "linear", "Linear"},
    {OutputHead::Tanh, "tanh", "Tanh (±1 targets)"},
    {OutputHead::Step, "step", "Step (perceptron)"},
});

constexpr auto kLosses = enumNames<Loss>({
    {Loss::Squared, "squared", "Squared error"},
    {Loss::BinaryCrossEntropy, "binary_cross_entropy", "Binary cross-entropy"},
    {Loss::CategoricalCrossEntropy, "categorical_cross_entropy", "Categorical cross-entropy"},
    {Loss::Perceptron, "perceptron", "Perceptron loss"},
    {Loss::Hinge, "hinge", "Hinge loss"},
});

}  // namespace

const char *headKey(OutputHead head) { return kHeads.key(head); }
const char *headTitle(OutputHead head) { return kHeads.title(head); }
bool parseHead(const std::string &key, OutputHead &head) { return kHeads.parse(key, head); }

const char *lossKey(Loss loss) { return kLosses.key(loss); }
const char *lossTitle(Loss loss) { return kLosses.title(loss); }
bool parseLoss(const std::string &key, Loss &loss) { return kLosses.parse(key, loss); }

int outputUnits(OutputHead head, Task task, int classCount)
{
    if (task == Task::Regression)
        return 1;
    switch (head) {
    case OutputHead::Sigmoid:
        return 1;
    case OutputHead::Softmax:
    case OutputHead::OneVsRest:
        return classCount;
    case OutputHead::Linear:
    case OutputHead::Tanh:
    case OutputHead::Step:
        return classCount == 2 ? 1 : classCount;
    }
    return 1;
}

Loss defaultLoss(OutputHead head, Task task)
{
    if (task == Task::Regression)
        return Loss::Squared;
    switch (head) {
    case OutputHead::Sigmoid:
    case OutputHead::OneVsRest:
        return Loss::BinaryCrossEntropy;
    case OutputHead::Softmax:
        return Loss::CategoricalCrossEntropy;
    case OutputHead::Linear:
    case OutputHead::Tanh:
        return Loss::Squared;
    case OutputHead::Step:
        return Loss::Perceptron;
    }
    return Loss::Squared;
}

OutputHead defaultHead(Task task, int classCount)
{
    if (task == Task::Regression)
        return OutputHead::Linear;
    return classCount == 2 ? OutputHead::Sigmoid : OutputHead::Softmax;
}

std::string validateHeadAndLoss(OutputHead head, Loss loss, Task task, int classCount)
{
    const std::string pair = std::string(headTitle(head)) + " output with " + lossTitle(loss);
    if (task == Task::Regression) {
        if (head != OutputHead::Linear && head != OutputHead::Tanh)
            return "Regression needs a linear (or tanh) output, not " + std::string(headTitle(head)) + ".";
        if (loss != Loss::Squared)
            return "Regression is trained with squared error, not " + std::string(lossTitle(loss)) + ".";
        return {};
    }
    if (classCount < kMinClasses || classCount > kMaxClasses)
        return "Classification needs 2 to 8 classes.";
    switch (head) {
    case OutputHead::Sigmoid:
        if (classCount != 2)
            return "A single sigmoid output separates only 2 classes; use softmax or K sigmoids for "
                   + std::to_string(classCount) + ".";
        [[fallthrough]];
    case OutputHead::OneVsRest:
        if (loss == Loss::Squared || loss == Loss::BinaryCrossEntropy)
            return {};
        return pair + " does not fit: sigmoid outputs are trained with binary cross-entropy or squared error.";
    case OutputHead::Softmax:
        if (loss == Loss::Squared || loss == Loss::CategoricalCrossEntropy)
            return {};
        return pair + " does not fit: softmax outputs are trained with categorical cross-entropy or squared error.";
    case OutputHead::Linear:
    case OutputHead::Tanh:
        if (loss == Loss::Squared || loss == Loss::Hinge || loss == Loss::Perceptron)
            return {};
        return pair + " does not fit: cross-entropy needs probabilities (a sigmoid or softmax output).";
    case OutputHead::Step:
        if (loss == Loss::Perceptron)
            return {};
        return pair + " does not fit: a step output has no useful gradient; it is trained with the perceptron loss.";
    }
    return {};
}

std::string validateLayers(const std::vector<LayerSpec> &hidden)
{
    if (hidden.size() > 32)
        return "At most 32 hidden layers are supported.";
    for (std::size_t i = 0; i < hidden.size(); ++i) {
        const LayerSpec &layer = hidden[i];
        const std::string name = "Hidden layer " + std::to_string(i + 1);
        if (layer.units < 1 || layer.units > 1024)
            return name + " needs 1 to 1024 units.";
        if (layer.activation == Activation::Maxout && (layer.pieces < 2 || layer.pieces > 8))
            return name + ": maxout needs 2 to 8 pieces.";
        if (!std::isfinite(layer.alpha) || std::abs(layer.alpha) > 100)
            return name + ": α must be a finite number between −100 and 100.";
        if (!(layer.dropout >= 0.0 && layer.dropout <= 0.9))
            return name + ": dropout must be between 0 and 0.9.";
    }
    return {};
}

bool sameParameterLayout(const NetworkSpec &a, const NetworkSpec &b)
{
    if (a.hidden.size() != b.hidden.size())
        return false;
    for (std::size_t i = 0; i < a.hidden.size(); ++i) {
        const LayerSpec &x = a.hidden[i];
        const LayerSpec &y = b.hidden[i];
        const int px = x.activation == Activation::Maxout ? x.pieces : 1;
        const int py = y.activation == Activation::Maxout ? y.pieces : 1;
        if (x.units != y.units || px != py || x.batchNorm != y.batchNorm)
            return false;
    }
    return true;
}

std::vector<int> parameterCounts(const NetworkSpec &spec, int inputs, int outputs)
{
    std::vector<int> counts;
    int in = inputs;
    for (const LayerSpec &layer : spec.hidden) {
        const int pieces = layer.activation == Activation::Maxout ? layer.pieces : 1;
        const int rows = layer.units * pieces;
        // With batch norm the bias is redundant (beta shifts instead), so it is dropped.
        counts.push_back(rows * in + (layer.batchNorm ? 2 * rows : rows));
        in = layer.units;
    }
    counts.push_back(outputs * in + outputs);
    return counts;
}

}  // namespace np
