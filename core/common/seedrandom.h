#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace np {

/// The generator TensorFlow Playground installs with Math.seedrandom(seed) (David Bau's
/// seedrandom, ARC4 variant): the seed string is mixed into a key of up to 256 bytes, ARC4 is
/// keyed with it and its first 256 bytes are dropped; each number takes 7+ bytes and keeps
/// 52 bits, built with the same double arithmetic, so the same seed gives the same doubles as
/// in the browser. Kept apart from Rng: it exists to reproduce another program's numbers.
class SeedRandom
{
public:
    /// Seeds from the string as Math.seedrandom does (its characters as UTF-16 code units;
    /// the UTF-8 text is decoded first).
    explicit SeedRandom(std::string_view seed);

    /// Uniform in [0, 1), the next value Math.random() would give.
    double next();

private:
    /// The next `count` ARC4 output bytes as one big-endian number.
    double bytes(int count);

    std::array<std::uint8_t, 256> m_s{};
    std::uint8_t m_i = 0;
    std::uint8_t m_j = 0;
};

}  // namespace np
