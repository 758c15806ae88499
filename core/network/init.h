#pragma once

#include "../common/rng.h"
#include "network.h"

#include <cstdint>
#include <string>

namespace np {

/// Weight initialisation schemes (n = fan-in, m = fan-out of a layer).
enum class InitScheme {
    Glorot,        ///< U(+-sqrt(6 / (n + m))), Glorot & Bengio
    He,            ///< N(0, 2 / n), for ReLU layers
    LeCun,         ///< N(0, 1 / n)
    SmallUniform,  ///< U(+-scale), TensorFlow Playground uses scale 0.5
    Zero,          ///< all weights 0: shows the symmetry problem
    Sparse,        ///< each unit gets `sparseConnections` nonzero N(0, scale^2) inputs (Martens 2010)
};

struct InitSpec
{
    InitScheme scheme = InitScheme::Glorot;
    double scale = 0.5;         ///< bound of SmallUniform, sd of Sparse
    double bias = 0.0;          ///< every bias starts here (0.1 keeps ReLUs alive at the start)
    int sparseConnections = 15;
    std::uint64_t seed = 1;

    bool operator==(const InitSpec &) const = default;
};

const char *initKey(InitScheme scheme);
const char *initTitle(InitScheme scheme);
bool parseInit(const std::string &key, InitScheme &scheme);

/// Empty when usable, otherwise a sentence naming the problem.
std::string validateInit(const InitSpec &spec);

/// Draws every weight and bias from the scheme; batch norm starts at gamma = 1, beta = 0
/// with running mean 0 and variance 1. The same spec and rng state give the same weights.
template <typename T>
void initialize(Network<T> &net, const InitSpec &spec, Rng &rng);

}  // namespace np
