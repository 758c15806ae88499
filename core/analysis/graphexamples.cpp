#include "graphexamples.h"

namespace np {

namespace {

// f(x, y, z) = (x + y) z with the notes' x = -2, y = 5, z = -4.
ComputationGraph addMultiply()
{
    ComputationGraph g;
    const int x = g.addInput("x", -2.0, 0.0);
    const int y = g.addInput("y", 5.0, 1.0);
    const int z = g.addInput("z", -4.0, 2.0);
    const int q = g.addGate(GateKind::Add, {x, y}, "q", 0.5);
    g.addGate(GateKind::Multiply, {q, z}, "f", 1.25);
    return g;
}

// The leaves and the weighted sum w1 x1 + w2 x2 + b of the notes' neuron, w = (2, -3), b = -3,
// x = (-1, -2); returns the index of the sum.
int weightedSum(ComputationGraph &g)
{
    const int w1 = g.addInput("w\u2081", 2.0, 0.0);
    const int x1 = g.addInput("x\u2081", -1.0, 1.0);
    const int w2 = g.addInput("w\u2082", -3.0, 2.0);
    const int x2 = g.addInput("x\u2082", -2.0, 3.0);
    const int b = g.addInput("b", -3.0, 4.0);
    const int m1 = g.addGate(GateKind::Multiply, {w1, x1}, "w\u2081x\u2081", 0.5);
    const int m2 = g.addGate(GateKind::Multiply, {w2, x2}, "w\u2082x\u2082", 2.5);
    const int s = g.addGate(GateKind::Add, {m1, m2}, "s\u2081", 1.5);
    return g.addGate(GateKind::Add, {s, b}, "z", 2.75);
}

// f(w, x) = 1 / (1 + e^-(w1 x1 + w2 x2 + b)), gate by gate as in the notes.
ComputationGraph sigmoidNeuron()
{
    ComputationGraph g;
    const int z = weightedSum(g);
    const int n = g.addGate(GateKind::Negate, {z}, "\u2212z", 2.75);
    const int e = g.addGate(GateKind::Exp, {n}, "e\u207b\u1dbb", 2.75);
    const int p = g.addGate(GateKind::AddOne, {e}, "1 + e\u207b\u1dbb", 2.75);
    g.addGate(GateKind::Reciprocal, {p}, "f", 2.75);
    return g;
}

// The same neuron with sigma as one gate: sigma' = sigma (1 - sigma).
ComputationGraph sigmoidGate()
{
    ComputationGraph g;
    const int z = weightedSum(g);
    g.addGate(GateKind::Sigmoid, {z}, "f", 2.75);
    return g;
}

// f = max(x, y) z: the max gate routes the gradient to the larger input.
ComputationGraph maxMultiply()
{
    ComputationGraph g;
    const int x = g.addInput("x", 3.0, 0.0);
    const int y = g.addInput("y", -1.0, 1.0);
    const int z = g.addInput("z", 2.0, 2.0);
    const int m = g.addGate(GateKind::Max, {x, y}, "m", 0.5);
    g.addGate(GateKind::Multiply, {m, z}, "f", 1.25);
    return g;
}

// A two-input tanh neuron a = tanh(w1 x1 + w2 x2 + b) and its squared loss L = (a - y)^2.
ComputationGraph tanhNeuron()
{
    ComputationGraph g;
    const int w1 = g.addInput("w\u2081", 0.5, 0.0);
    const int x1 = g.addInput("x\u2081", 1.0, 1.0);
    const int w2 = g.addInput("w\u2082", -1.5, 2.0);
    const int x2 = g.addInput("x\u2082", 0.5, 3.0);
    const int b = g.addInput("b", 0.2, 4.0);
    const int y = g.addInput("y", 1.0, 5.0);
    const int m1 = g.addGate(GateKind::Multiply, {w1, x1}, "w\u2081x\u2081", 0.5);
    const int m2 = g.addGate(GateKind::Multiply, {w2, x2}, "w\u2082x\u2082", 2.5);
    const int s = g.addGate(GateKind::Add, {m1, m2, b}, "z", 2.0);
    const int a = g.addGate(GateKind::Tanh, {s}, "a", 2.0);
    const int ny = g.addGate(GateKind::Negate, {y}, "\u2212y", 5.0);
    const int d = g.addGate(GateKind::Add, {a, ny}, "a \u2212 y", 3.5);
    g.addGate(GateKind::Square, {d}, "L", 3.5);
    return g;
}

const GraphExample kExamples[] = {
    {"add-multiply", "f = (x + y) \u00b7 z", "f(x, y, z) = (x + y) z", addMultiply},
    {"sigmoid-neuron", "Sigmoid neuron, gate by gate", "f(w, x) = 1 / (1 + e^\u2212(w\u2081x\u2081 + w\u2082x\u2082 + b))",
     sigmoidNeuron},
    {"sigmoid-gate", "Sigmoid neuron, one \u03c3 gate", "f(w, x) = \u03c3(w\u2081x\u2081 + w\u2082x\u2082 + b)", sigmoidGate},
    {"max-multiply", "f = max(x, y) \u00b7 z", "f(x, y, z) = max(x, y) z", maxMultiply},
    {"tanh-neuron", "Tanh neuron with squared loss", "L = (tanh(w\u2081x\u2081 + w\u2082x\u2082 + b) \u2212 y)\u00b2",
     tanhNeuron},
};

}  // namespace

std::span<const GraphExample> graphExamples()
{
    return kExamples;
}

const GraphExample *findGraphExample(const std::string &key)
{
    for (const GraphExample &e : kExamples) {
        if (key == e.key)
            return &e;
    }
    return nullptr;
}

}  // namespace np
