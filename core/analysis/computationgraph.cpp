#include "computationgraph.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>

namespace np {

namespace {

double sigmoid(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

std::string valueText(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", v);
    return text;
}

}  // namespace

const char *gateSymbol(GateKind kind)
{
    switch (kind) {
    case GateKind::Input: return "";
    case GateKind::Add: return "+";
    case GateKind::Multiply: return "\u00d7";
    case GateKind::Max: return "max";
    case GateKind::Exp: return "exp";
    case GateKind::Reciprocal: return "1/x";
    case GateKind::AddOne: return "+1";
    case GateKind::Negate: return "\u00d7\u22121";
    case GateKind::Sigmoid: return "\u03c3";
    case GateKind::Tanh: return "tanh";
    case GateKind::Square: return "x\u00b2";
    }
    return "";
}

int ComputationGraph::addInput(const std::string &name, double value, double row)
{
    m_nodes.push_back({GateKind::Input, {}, name, value, row});
    return size() - 1;
}

int ComputationGraph::addGate(GateKind kind, std::vector<int> inputs, const std::string &name, double row)
{
    for ([[maybe_unused]] int i : inputs)
        assert(i >= 0 && i < size());
    m_nodes.push_back({kind, std::move(inputs), name, 0.0, row});
    return size() - 1;
}

std::vector<int> ComputationGraph::inputs() const
{
    std::vector<int> out;
    for (int i = 0; i < size(); ++i) {
        if (node(i).kind == GateKind::Input)
            out.push_back(i);
    }
    return out;
}

std::vector<int> ComputationGraph::gates() const
{
    std::vector<int> out;
    for (int i = 0; i < size(); ++i) {
        if (node(i).kind != GateKind::Input)
            out.push_back(i);
    }
    return out;
}

int ComputationGraph::column(int i) const
{
    int c = 0;
    for (int in : node(i).inputs)
        c = std::max(c, column(in) + 1);
    return c;
}

void ComputationGraph::setInputValue(int i, double value)
{
    assert(node(i).kind == GateKind::Input);
    m_nodes[static_cast<std::size_t>(i)].value = value;
}

std::vector<double> ComputationGraph::forward() const
{
    std::vector<double> v(m_nodes.size(), 0.0);
    for (int i = 0; i < size(); ++i) {
        const GraphNode &n = node(i);
        auto in = [&](int k) { return v[static_cast<std::size_t>(n.inputs[static_cast<std::size_t>(k)])]; };
        double out = 0.0;
        switch (n.kind) {
        case GateKind::Input: out = n.value; break;
        case GateKind::Add:
            for (int k = 0; k < static_cast<int>(n.inputs.size()); ++k)
                out += in(k);
            break;
        case GateKind::Multiply:
            out = 1.0;
            for (int k = 0; k < static_cast<int>(n.inputs.size()); ++k)
                out *= in(k);
            break;
        case GateKind::Max:
            out = in(0);
            for (int k = 1; k < static_cast<int>(n.inputs.size()); ++k)
                out = std::max(out, in(k));
            break;
        case GateKind::Exp: out = std::exp(in(0)); break;
        case GateKind::Reciprocal: out = 1.0 / in(0); break;
        case GateKind::AddOne: out = in(0) + 1.0; break;
        case GateKind::Negate: out = -in(0); break;
        case GateKind::Sigmoid: out = sigmoid(in(0)); break;
        case GateKind::Tanh: out = std::tanh(in(0)); break;
        case GateKind::Square: out = in(0) * in(0); break;
        }
        v[static_cast<std::size_t>(i)] = out;
    }
    return v;
}

double ComputationGraph::localDerivative(int i, int k, const std::vector<double> &values) const
{
    const GraphNode &n = node(i);
    auto in = [&](int j) { return values[static_cast<std::size_t>(n.inputs[static_cast<std::size_t>(j)])]; };
    const double x = in(k);
    const double out = values[static_cast<std::size_t>(i)];
    switch (n.kind) {
    case GateKind::Input: return 0.0;
    case GateKind::Add: return 1.0;
    case GateKind::Multiply: {
        // The other inputs' product: the multiply gate "swaps".
        double p = 1.0;
        for (int j = 0; j < static_cast<int>(n.inputs.size()); ++j) {
            if (j != k)
                p *= in(j);
        }
        return p;
    }
    case GateKind::Max: {
        // The first largest input takes the whole gradient (as the engine's maxout does).
        int best = 0;
        for (int j = 1; j < static_cast<int>(n.inputs.size()); ++j) {
            if (in(j) > in(best))
                best = j;
        }
        return k == best ? 1.0 : 0.0;
    }
    case GateKind::Exp: return out;
    case GateKind::Reciprocal: return -1.0 / (x * x);
    case GateKind::AddOne: return 1.0;
    case GateKind::Negate: return -1.0;
    case GateKind::Sigmoid: return out * (1.0 - out);
    case GateKind::Tanh: return 1.0 - out * out;
    case GateKind::Square: return 2.0 * x;
    }
    return 0.0;
}

std::vector<double> ComputationGraph::partialBackward(const std::vector<double> &values, int gateCount) const
{
    std::vector<double> g(m_nodes.size(), 0.0);
    if (m_nodes.empty())
        return g;
    g.back() = 1.0;
    const std::vector<int> order = gates();
    int handled = 0;
    for (auto it = order.rbegin(); it != order.rend() && handled < gateCount; ++it, ++handled) {
        const int i = *it;
        const GraphNode &n = node(i);
        for (int k = 0; k < static_cast<int>(n.inputs.size()); ++k)
            g[static_cast<std::size_t>(n.inputs[static_cast<std::size_t>(k)])] +=
                g[static_cast<std::size_t>(i)] * localDerivative(i, k, values);
    }
    return g;
}

std::vector<double> ComputationGraph::backward(const std::vector<double> &values) const
{
    return partialBackward(values, static_cast<int>(gates().size()));
}

std::string ComputationGraph::behaviourNote(int i, const std::vector<double> &values) const
{
    const GraphNode &n = node(i);
    auto name = [&](int k) { return node(n.inputs[static_cast<std::size_t>(k)]).name; };
    switch (n.kind) {
    case GateKind::Add: return "The add gate distributes: every input gets the upstream gradient unchanged.";
    case GateKind::Multiply:
        if (n.inputs.size() == 2)
            return "The multiply gate swaps: " + name(0) + " gets upstream \u00d7 " + name(1) + ", " + name(1) +
                   " gets upstream \u00d7 " + name(0) + ".";
        return "The multiply gate swaps: each input gets upstream \u00d7 the other inputs.";
    case GateKind::Max: {
        int best = 0;
        for (int k = 1; k < static_cast<int>(n.inputs.size()); ++k) {
            if (localDerivative(i, k, values) > 0.0)
                best = k;
        }
        return "The max gate routes: " + name(best) + " = " +
               valueText(values[static_cast<std::size_t>(n.inputs[static_cast<std::size_t>(best)])]) +
               " is the larger and gets the whole gradient; the other gets 0.";
    }
    case GateKind::Sigmoid: return "One sigmoid gate: local derivative \u03c3(1 \u2212 \u03c3), from its own output.";
    default: return {};
    }
}

int GraphWalk::currentGate() const
{
    const std::vector<int> order = graph->gates();
    const int g = static_cast<int>(order.size());
    if (step <= 0 || step > 2 * g)
        return -1;
    if (step <= g)
        return order[static_cast<std::size_t>(step - 1)];
    return order[static_cast<std::size_t>(2 * g - step)];
}

bool GraphWalk::hasValue(int i) const
{
    if (graph->node(i).kind == GateKind::Input)
        return true;
    const std::vector<int> order = graph->gates();
    const auto pos = std::find(order.begin(), order.end(), i) - order.begin();
    return pos < step;
}

bool GraphWalk::hasGradient(int i) const
{
    const int g = gateCount();
    if (step <= g)
        return false;
    if (i == graph->output())
        return true;
    // Known once a gate it feeds has been handled.
    const std::vector<int> order = graph->gates();
    for (int s = 0; s < step - g; ++s) {
        const GraphNode &n = graph->node(order[static_cast<std::size_t>(g - 1 - s)]);
        if (std::find(n.inputs.begin(), n.inputs.end(), i) != n.inputs.end())
            return true;
    }
    return false;
}

std::vector<double> GraphWalk::gradients(const std::vector<double> &values) const
{
    return graph->partialBackward(values, std::max(0, step - gateCount()));
}

double numericGradient(ComputationGraph graph, int input, double h)
{
    const double x = graph.node(input).value;
    graph.setInputValue(input, x + h);
    const double up = graph.forward().back();
    graph.setInputValue(input, x - h);
    const double down = graph.forward().back();
    return (up - down) / (2.0 * h);
}

}  // namespace np
