#pragma once

#include "../data/dataset.h"
#include "activation.h"

#include <string>
#include <vector>

namespace np {

/// One hidden layer as the user configures it.
struct LayerSpec
{
    int units = 8;
    Activation activation = Activation::Tanh;
    double alpha = 0.01;     ///< leaky ReLU slope, ELU scale
    int pieces = 2;          ///< maxout k (only used by Maxout)
    bool batchNorm = false;  ///< normalise z over the batch before g (the bias is then dropped)
    double dropout = 0.0;    ///< probability of dropping a unit while training, 0..0.9

    bool operator==(const LayerSpec &) const = default;
};

/// The output layer's nonlinearity, which fixes how targets are encoded.
enum class OutputHead {
    Sigmoid,    ///< one unit, P(class 1); targets 0/1
    Softmax,    ///< K units summing to 1; one-hot targets
    OneVsRest,  ///< K independent sigmoids (as in the notes); one-hot targets
    Linear,     ///< regression value, or scores with +-1 targets
    Tanh,       ///< +-1 targets (TensorFlow Playground's output)
    Step,       ///< the perceptron's threshold unit; +-1 targets
};

enum class Loss {
    Squared,                  ///< 1/2 |a - y|^2
    BinaryCrossEntropy,       ///< -sum y log a + (1 - y) log(1 - a)
    CategoricalCrossEntropy,  ///< -sum y log a (negative log-likelihood)
    Perceptron,               ///< max(0, -y s), multi-class max(0, max_j s_j - s_y)
    Hinge,                    ///< max(0, 1 - y s), multi-class sum_{j != y} max(0, 1 + s_j - s_y)
};

/// Architecture and objective; input and output widths follow from the features and data.
struct NetworkSpec
{
    std::vector<LayerSpec> hidden;
    OutputHead head = OutputHead::Sigmoid;
    Loss loss = Loss::BinaryCrossEntropy;

    bool operator==(const NetworkSpec &) const = default;
};

const char *headKey(OutputHead head);
const char *headTitle(OutputHead head);
bool parseHead(const std::string &key, OutputHead &head);
const char *lossKey(Loss loss);
const char *lossTitle(Loss loss);
bool parseLoss(const std::string &key, Loss &loss);

/// Output units for a head: 1 for binary heads and regression, K for multi-class.
int outputUnits(OutputHead head, Task task, int classCount);

/// The loss that fits a head best (cross-entropy for probabilistic heads, squared otherwise).
Loss defaultLoss(OutputHead head, Task task);
/// The head that fits a problem best: sigmoid for 2 classes, softmax for more, linear for regression.
OutputHead defaultHead(Task task, int classCount);

/// Empty when the head and loss fit the task, otherwise a sentence saying why not.
std::string validateHeadAndLoss(OutputHead head, Loss loss, Task task, int classCount);
/// Empty when every layer is sensible (1..1024 units, maxout 2..8 pieces, dropout 0..0.9,
/// finite alpha, at most 32 hidden layers), otherwise the first problem found.
std::string validateLayers(const std::vector<LayerSpec> &hidden);

/// True when two specs give the same parameter layout for the same input and output widths
/// (same units, maxout pieces and batch norm per layer), so weights carry over from one to the other.
bool sameParameterLayout(const NetworkSpec &a, const NetworkSpec &b);

/// Parameters of each layer (weights and biases, plus gamma/beta with batch norm), the
/// lecture's count: a 10-10-5-1 net has 10*11 + 5*11 + 6.
std::vector<int> parameterCounts(const NetworkSpec &spec, int inputs, int outputs);

}  // namespace np
