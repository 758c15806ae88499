#include "protowriter.h"

#include <bit>

namespace np {

void ProtoWriter::appendVarint(std::string &out, std::uint64_t value)
{
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

void ProtoWriter::tag(int field, int wireType)
{
    appendVarint(m_data, static_cast<std::uint64_t>(field) << 3 | static_cast<std::uint64_t>(wireType));
}

void ProtoWriter::varint(int field, std::uint64_t value)
{
    tag(field, 0);
    appendVarint(m_data, value);
}

void ProtoWriter::float32(int field, float value)
{
    tag(field, 5);
    // Byte by byte, so the file is little-endian whatever the host's byte order.
    const auto bits = std::bit_cast<std::uint32_t>(value);
    for (int shift = 0; shift < 32; shift += 8)
        m_data.push_back(static_cast<char>(bits >> shift & 0xff));
}

void ProtoWriter::bytes(int field, std::string_view value)
{
    tag(field, 2);
    appendVarint(m_data, value.size());
    m_data.append(value);
}

}  // namespace np
