#include "activation.h"

#include "../common/enumtable.h"

#include <unsupported/Eigen/SpecialFunctions>

#include <numbers>

// Eigen's packet types carry vector attributes that GCC says it ignores when they are template
// arguments (-Wignored-attributes); the code never relies on them there. Eigen silences the
// same warning inside its own headers.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
#endif

namespace np {

namespace {

constexpr auto kActivations = enumTable<ActivationInfo, &ActivationInfo::activation, &ActivationInfo::key>({
    {Activation::Step, "step", "Step", "g(z) = 1 if z > 0 else 0", false, true},
    {Activation::Linear, "linear", "Linear", "g(z) = z", false, true},
    {Activation::Sigmoid, "sigmoid", "Sigmoid", "g(z) = 1 / (1 + e^-z)", false, false},
    {Activation::Tanh, "tanh", "Tanh", "g(z) = tanh(z)", false, false},
    {Activation::ReLU, "relu", "ReLU", "g(z) = max(0, z)", false, true},
    {Activation::LeakyReLU, "leaky_relu", "Leaky ReLU", "g(z) = z if z > 0 else α·z", true, true},
    {Activation::ELU, "elu", "ELU", "g(z) = z if z > 0 else α·(e^z − 1)", true, false},
    {Activation::Softplus, "softplus", "Softplus", "g(z) = log(1 + e^z)", false, false},
    {Activation::AbsReLU, "abs", "Absolute value", "g(z) = |z|", false, true},
    {Activation::Maxout, "maxout", "Maxout", "a = max(z₁, …, z_k)", false, true},
    {Activation::GELU, "gelu", "GELU", "g(z) = z·Φ(z)", false, false},
    {Activation::SiLU, "silu", "SiLU (swish)", "g(z) = z·σ(z)", false, false},
});

/// Runs packetStep(i) for every whole packet of `size` entries and scalarStep(i) for the rest
/// (none, for the padded buffers of a network): without the set-up for alignment and unrolling
/// of Eigen's own loops, which outweighs the work on the few packets of a small layer.
template <typename T, typename PacketStep, typename ScalarStep>
void overPackets(Index size, PacketStep packetStep, ScalarStep scalarStep)
{
    constexpr Index P = Eigen::internal::unpacket_traits<typename Eigen::internal::packet_traits<T>::type>::size;
    Index i = 0;
    for (; i + P <= size; i += P)
        packetStep(i);
    for (; i < size; ++i)
        scalarStep(i);
}

/// a = f(z) through one of Eigen's coefficient-wise functors, with the same arithmetic as
/// Eigen's own loop; one entry at a time where the functor has no packet version (double tanh).
template <typename T, typename Functor>
void packetwise(const ConstMatrixMap<T> &z, MatrixMap<T> &a, const Functor &f)
{
    namespace ei = Eigen::internal;
    using Packet = typename ei::packet_traits<T>::type;
    const T *zz = z.data();
    T *aa = a.data();
    const auto scalar = [&](Index i) { aa[i] = f(zz[i]); };
    if constexpr (ei::functor_traits<Functor>::PacketAccess)
        overPackets<T>(z.size(), [&](Index i) { ei::pstoreu(aa + i, f.packetOp(ei::ploadu<Packet>(zz + i))); }, scalar);
    else
        for (Index i = 0; i < z.size(); ++i)
            scalar(i);
}

/// delta *= 1 - a^2 (tanh' from a = tanh z), a packet at a time, with the same operations
/// Eigen's expression would apply.
template <typename T>
void tanhDerivative(const ConstMatrixMap<T> &a, MatrixMap<T> &delta)
{
    namespace ei = Eigen::internal;
    using Packet = typename ei::packet_traits<T>::type;
    const T *aa = a.data();
    T *d = delta.data();
    const Packet one = ei::pset1<Packet>(T(1));
    overPackets<T>(
        a.size(),
        [&](Index i) {
            const Packet ai = ei::ploadu<Packet>(aa + i);
            ei::pstoreu(d + i, ei::pmul(ei::ploadu<Packet>(d + i), ei::psub(one, ei::pmul(ai, ai))));
        },
        [&](Index i) { d[i] *= T(1) - aa[i] * aa[i]; });
}

}  // namespace

std::span<const ActivationInfo> activations() { return kActivations.rows(); }
const ActivationInfo &activationInfo(Activation activation) { return kActivations[activation]; }
bool parseActivation(const std::string &key, Activation &activation) { return kActivations.parse(key, activation); }

template <typename T>
void activate(Activation g, T alpha, const ConstMatrixMap<T> &z, MatrixMap<T> a)
{
    const auto zz = z.array();
    auto aa = a.array();
    switch (g) {
    case Activation::Step:
        aa = (zz > T(0)).template cast<T>();
        break;
    case Activation::Linear:
        aa = zz;
        break;
    case Activation::Sigmoid:
        packetwise(z, a, Eigen::internal::scalar_logistic_op<T>());
        break;
    case Activation::Tanh:
        packetwise(z, a, Eigen::internal::scalar_tanh_op<T>());
        break;
    case Activation::ReLU:
        aa = zz.max(T(0));
        break;
    case Activation::LeakyReLU:
        aa = (zz > T(0)).select(zz, alpha * zz);
        break;
    case Activation::ELU:
        aa = (zz > T(0)).select(zz, alpha * zz.min(T(0)).expm1());
        break;
    case Activation::Softplus:
        // log(1 + e^z) = max(z, 0) + log1p(e^-|z|), stable for large |z|.
        aa = zz.max(T(0)) + (-zz.abs()).exp().log1p();
        break;
    case Activation::AbsReLU:
        aa = zz.abs();
        break;
    case Activation::GELU:
        aa = zz * (T(0.5) * (T(1) + (zz * T(std::numbers::sqrt2 / 2)).erf()));
        break;
    case Activation::SiLU:
        aa = zz * zz.logistic();
        break;
    case Activation::Maxout:
        assert(false && "maxout is computed by its layer");
        break;
    }
}

template <typename T>
void multiplyByDerivative(Activation g, T alpha, const ConstMatrixMap<T> &z,
                          const ConstMatrixMap<T> &a, MatrixMap<T> delta)
{
    const auto zz = z.array();
    const auto aa = a.array();
    auto d = delta.array();
    switch (g) {
    case Activation::Step:
        d.setZero();
        break;
    case Activation::Linear:
        break;
    case Activation::Sigmoid:
        d *= aa * (T(1) - aa);
        break;
    case Activation::Tanh:
        tanhDerivative(a, delta);  // d *= 1 - a^2
        break;
    case Activation::ReLU:
        d = (zz > T(0)).select(d, T(0));
        break;
    case Activation::LeakyReLU:
        d = (zz > T(0)).select(d, alpha * d);
        break;
    case Activation::ELU:
        // For z <= 0, g'(z) = alpha e^z = g(z) + alpha.
        d = (zz > T(0)).select(d, d * (aa + alpha));
        break;
    case Activation::Softplus:
        d *= zz.logistic();
        break;
    case Activation::AbsReLU:
        d *= zz.sign();
        break;
    case Activation::GELU: {
        // g'(z) = Phi(z) + z phi(z)
        const T invSqrt2Pi = T(1.0 / std::sqrt(2.0 * std::numbers::pi));
        d *= T(0.5) * (T(1) + (zz * T(std::numbers::sqrt2 / 2)).erf())
             + zz * invSqrt2Pi * (T(-0.5) * zz.square()).exp();
        break;
    }
    case Activation::SiLU:
        // g'(z) = s + z s (1 - s) with s = sigmoid(z); a = z s, so g' = s + a (1 - s).
        d *= zz.logistic() + aa * (T(1) - zz.logistic());
        break;
    case Activation::Maxout:
        assert(false && "maxout is differentiated by its layer");
        break;
    }
}

template void activate<float>(Activation, float, const ConstMatrixMap<float> &, MatrixMap<float>);
template void activate<double>(Activation, double, const ConstMatrixMap<double> &, MatrixMap<double>);
template void multiplyByDerivative<float>(Activation, float, const ConstMatrixMap<float> &,
                                          const ConstMatrixMap<float> &, MatrixMap<float>);
template void multiplyByDerivative<double>(Activation, double, const ConstMatrixMap<double> &,
                                           const ConstMatrixMap<double> &, MatrixMap<double>);

}  // namespace np

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
