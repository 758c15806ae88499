#pragma once

#include "computationgraph.h"

#include <span>
#include <string>

namespace np {

/// A built-in computational graph: the lecture's two worked examples and a few more.
struct GraphExample
{
    const char *key;    ///< for the command line: "add-multiply", "sigmoid-neuron", …
    const char *title;  ///< shown to users
    const char *formula;
    ComputationGraph (*build)();
};

/// Every example, in the order the view lists them: add-multiply, sigmoid-neuron (expanded),
/// sigmoid-gate (one σ gate), max-multiply, tanh-neuron (with a squared loss).
std::span<const GraphExample> graphExamples();
/// The example with this key, or null.
const GraphExample *findGraphExample(const std::string &key);

}  // namespace np
