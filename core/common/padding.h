#pragma once

#include <cstddef>

namespace np {

/// Parameter vectors, their gradients, the optimizers' accumulators and the network's work
/// buffers are padded with zeros to a multiple of this many entries (the widest SIMD packet,
/// 16 floats of AVX-512), and elementwise loops run over the padded length. Then every element
/// takes Eigen's vectorised path: its exp, tanh and sqrt differ from the scalar ones in the last
/// bit, so without padding the last few elements would round differently from the rest, and
/// units that ought to stay identical (zero initialisation) would drift apart.
inline constexpr std::size_t kPadding = 16;

/// size rounded up to a multiple of kPadding.
constexpr std::size_t paddedSize(std::size_t size)
{
    return (size + kPadding - 1) / kPadding * kPadding;
}

}  // namespace np
