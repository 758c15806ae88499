#include "init.h"

#include "../common/enumtable.h"

#include <cmath>
#include <numeric>
#include <vector>

namespace np {

namespace {

constexpr auto kInits = enumNames<InitScheme>({
    {InitScheme::Glorot, "glorot", "Glorot / Xavier uniform"},
    {InitScheme::He, "he", "He (normal)"},
    {InitScheme::LeCun, "lecun", "LeCun (normal)"},
    {InitScheme::SmallUniform, "uniform", "Small uniform"},
    {InitScheme::Zero, "zero", "All zero"},
    {InitScheme::Sparse, "sparse", "Sparse"},
});

}  // namespace

const char *initKey(InitScheme scheme) { return kInits.key(scheme); }
const char *initTitle(InitScheme scheme) { return kInits.title(scheme); }
bool parseInit(const std::string &key, InitScheme &scheme) { return kInits.parse(key, scheme); }

std::string validateInit(const InitSpec &spec)
{
    if (!std::isfinite(spec.scale) || spec.scale < 0 || spec.scale > 100)
        return "The initialisation scale must be between 0 and 100.";
    if (!std::isfinite(spec.bias) || std::abs(spec.bias) > 100)
        return "The initial bias must be between −100 and 100.";
    if (spec.sparseConnections < 1 || spec.sparseConnections > 1024)
        return "Sparse initialisation needs 1 to 1024 connections per unit.";
    return {};
}

template <typename T>
void initialize(Network<T> &net, const InitSpec &spec, Rng &rng)
{
    std::vector<int> columns;
    for (int l = 0; l < net.layerCount(); ++l) {
        const LayerShape &shape = net.layer(l);
        MatrixMap<T> W = net.W(l);
        const double fanIn = shape.in;
        const double fanOut = shape.units;
        // Row by row: each unit's incoming weights are drawn together, layer after layer.
        for (Index r = 0; r < W.rows(); ++r) {
            switch (spec.scheme) {
            case InitScheme::Glorot: {
                const double bound = std::sqrt(6.0 / (fanIn + fanOut));
                for (Index c = 0; c < W.cols(); ++c)
                    W(r, c) = T(rng.uniform(-bound, bound));
                break;
            }
            case InitScheme::He:
                for (Index c = 0; c < W.cols(); ++c)
                    W(r, c) = T(rng.normal() * std::sqrt(2.0 / fanIn));
                break;
            case InitScheme::LeCun:
                for (Index c = 0; c < W.cols(); ++c)
                    W(r, c) = T(rng.normal() * std::sqrt(1.0 / fanIn));
                break;
            case InitScheme::SmallUniform:
                for (Index c = 0; c < W.cols(); ++c)
                    W(r, c) = T(rng.uniform(-spec.scale, spec.scale));
                break;
            case InitScheme::Zero:
                W.row(r).setZero();
                break;
            case InitScheme::Sparse: {
                W.row(r).setZero();
                columns.resize(static_cast<std::size_t>(W.cols()));
                std::iota(columns.begin(), columns.end(), 0);
                rng.shuffle(std::span<int>(columns));
                const Index k = std::min<Index>(spec.sparseConnections, W.cols());
                for (Index i = 0; i < k; ++i)
                    W(r, columns[static_cast<std::size_t>(i)]) = T(rng.normal() * spec.scale);
                break;
            }
            }
        }
        if (shape.batchNorm) {
            net.gamma(l).setOnes();
            net.beta(l).setZero();
            net.runningMean(l).setZero();
            net.runningVar(l).setOnes();
        } else {
            net.b(l).setConstant(T(spec.bias));
        }
    }
}

template void initialize<float>(Network<float> &, const InitSpec &, Rng &);
template void initialize<double>(Network<double> &, const InitSpec &, Rng &);

}  // namespace np
