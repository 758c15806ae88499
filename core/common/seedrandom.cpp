#include "seedrandom.h"

#include <vector>

namespace np {

namespace {

/// UTF-8 to UTF-16 code units, as JavaScript's charCodeAt sees the string.
std::vector<std::uint16_t> utf16(std::string_view text)
{
    std::vector<std::uint16_t> units;
    for (std::size_t k = 0; k < text.size();) {
        const auto c = static_cast<unsigned char>(text[k]);
        std::uint32_t cp = c;
        int extra = 0;
        if (c >= 0xF0 && c < 0xF8) {
            cp = c & 0x07u;
            extra = 3;
        } else if (c >= 0xE0) {
            cp = c & 0x0Fu;
            extra = 2;
        } else if (c >= 0xC0) {
            cp = c & 0x1Fu;
            extra = 1;
        }
        ++k;
        for (int e = 0; e < extra && k < text.size(); ++e, ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(text[k]) & 0x3Fu);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            units.push_back(static_cast<std::uint16_t>(0xD800 + (cp >> 10)));
            units.push_back(static_cast<std::uint16_t>(0xDC00 + (cp & 0x3FF)));
        } else {
            units.push_back(static_cast<std::uint16_t>(cp));
        }
    }
    return units;
}

constexpr double kStartDenominator = 281474976710656.0;  // 256^6
constexpr double kSignificance = 4503599627370496.0;      // 2^52
constexpr double kOverflow = 2 * kSignificance;

}  // namespace

SeedRandom::SeedRandom(std::string_view seed)
{
    // mixkey: key[j & 255] = 255 & ((smear ^= key[j & 255] * 19) + charCode(j)); the key is as
    // long as the highest index written (at most 256), an empty one is {0}.
    const std::vector<std::uint16_t> chars = utf16(seed);
    std::vector<int> key;
    int smear = 0;
    for (std::size_t j = 0; j < chars.size(); ++j) {
        const std::size_t slot = j & 255u;
        if (key.size() <= slot)
            key.resize(slot + 1, 0);
        smear ^= key[slot] * 19;
        key[slot] = 255 & (smear + chars[j]);
    }
    if (key.empty())
        key.push_back(0);

    for (int i = 0; i < 256; ++i)
        m_s[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
    std::uint8_t j = 0;
    for (std::size_t i = 0; i < 256; ++i) {
        const std::uint8_t t = m_s[i];
        j = static_cast<std::uint8_t>(j + key[i % key.size()] + t);
        m_s[i] = m_s[j];
        m_s[j] = t;
    }
    m_i = 0;
    m_j = 0;
    bytes(256);  // RC4-drop[256]
}

double SeedRandom::bytes(int count)
{
    double r = 0;
    while (count-- > 0) {
        m_i = static_cast<std::uint8_t>(m_i + 1);
        const std::uint8_t t = m_s[m_i];
        m_j = static_cast<std::uint8_t>(m_j + t);
        m_s[m_i] = m_s[m_j];
        m_s[m_j] = t;
        r = r * 256 + m_s[static_cast<std::uint8_t>(m_s[m_i] + t)];
    }
    return r;
}

double SeedRandom::next()
{
    // Exactly seedrandom's arithmetic: 6 bytes, then more until 52 bits are filled, shifted
    // back below 2^53; every step is exact in double precision.
    double n = bytes(6);
    double d = kStartDenominator;
    unsigned x = 0;
    while (n < kSignificance) {
        n = (n + x) * 256;
        d *= 256;
        x = static_cast<unsigned>(bytes(1));
    }
    while (n >= kOverflow) {
        n /= 2;
        d /= 2;
        x >>= 1;
    }
    return (n + x) / d;
}

}  // namespace np
