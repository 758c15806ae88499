#pragma once

#include <string>
#include <vector>

namespace np {

/// The gates of the lecture's computational graphs. Each computes one output wire from its input
/// wires and knows its local derivative d(out)/d(input k).
enum class GateKind {
    Input,       ///< a leaf: a value the user sets (x, w, b, …)
    Add,         ///< x + y (+ …): distributes the upstream gradient to every input
    Multiply,    ///< x · y: swaps, each input gets upstream × the other input
    Max,         ///< max(x, y): routes the whole gradient to the larger input
    Exp,         ///< e^x
    Reciprocal,  ///< 1/x, local −1/x²
    AddOne,      ///< x + 1
    Negate,      ///< −x (the notes' ×−1)
    Sigmoid,     ///< σ(x) = 1 / (1 + e^−x), local σ(1 − σ)
    Tanh,        ///< tanh x, local 1 − tanh² x
    Square,      ///< x², local 2x
};

/// "add", "×", "max", "exp", "1/x", "+1", "−x" (×−1), "σ", "tanh", "x²": the gate's label.
const char *gateSymbol(GateKind kind);

/// One wire's gate: what it computes, from which wires, and where it is drawn.
struct GraphNode
{
    GateKind kind = GateKind::Input;
    std::vector<int> inputs;  ///< indices of earlier nodes
    std::string name;         ///< the output wire's name: "x", "q", "f"
    double value = 0.0;       ///< the Input's value (ignored for gates)
    double row = 0.0;         ///< vertical place in the drawing (inputs and gates alike)
};

/// A computational graph in topological order (every node after its inputs); the last node is
/// the output f whose gradients are taken. Forward gives every wire its value, backward every
/// wire its gradient df/d(wire) by the chain rule: downstream = upstream × local, summed where a
/// wire fans out.
class ComputationGraph
{
public:
    /// Adds an input leaf; returns its index.
    int addInput(const std::string &name, double value, double row);
    /// Adds a gate over earlier nodes; returns its index.
    int addGate(GateKind kind, std::vector<int> inputs, const std::string &name, double row);

    int size() const { return static_cast<int>(m_nodes.size()); }
    const GraphNode &node(int i) const { return m_nodes[static_cast<std::size_t>(i)]; }
    int output() const { return size() - 1; }
    /// The input leaves, in order.
    std::vector<int> inputs() const;
    /// The gates (non-inputs) in forward order.
    std::vector<int> gates() const;
    /// Columns for drawing: 0 for inputs, 1 + the deepest input's column for gates.
    int column(int i) const;

    void setInputValue(int i, double value);

    /// Every wire's value.
    std::vector<double> forward() const;
    /// d(gate i's output)/d(its input k) at the given wire values.
    double localDerivative(int i, int k, const std::vector<double> &values) const;
    /// df/d(every wire): the full backward pass.
    std::vector<double> backward(const std::vector<double> &values) const;
    /// The gradients after the backward pass has handled only the first `gateCount` gates (from
    /// the output back): the partial sums a step-by-step walk shows. 0: only df/df = 1.
    std::vector<double> partialBackward(const std::vector<double> &values, int gateCount) const;

    /// A sentence on what gate i does with its gradient: the add gate distributes, multiply
    /// swaps, max routes; empty for other gates.
    std::string behaviourNote(int i, const std::vector<double> &values) const;

private:
    std::vector<GraphNode> m_nodes;
};

/// Stepping through a graph as the lecture does on the whiteboard: step 0 shows only the
/// inputs, steps 1..G compute one gate each forward, steps G+1..2G take one gate each backward.
struct GraphWalk
{
    const ComputationGraph *graph = nullptr;
    int step = 0;

    int gateCount() const { return static_cast<int>(graph->gates().size()); }
    int lastStep() const { return 2 * gateCount(); }
    bool isBackward() const { return step > gateCount(); }
    /// The gate handled at this step, or -1 at step 0.
    int currentGate() const;
    /// Whether wire i has its value / its gradient at this step.
    bool hasValue(int i) const;
    bool hasGradient(int i) const;
    /// The gradients known at this step (partial sums while backward is under way).
    std::vector<double> gradients(const std::vector<double> &values) const;
};

/// Central-difference estimate of df/d(input leaf i), for checking backward().
double numericGradient(ComputationGraph graph, int input, double h = 1e-6);

}  // namespace np
