#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace np {

/// Writes one Protocol Buffers message in the wire format, field by field: each field is a tag
/// (field number << 3 | wire type) followed by a varint, a little-endian fixed32, or a length and
/// the bytes of a string, a byte array or an embedded message. Enough for ONNX's ModelProto.
class ProtoWriter
{
public:
    /// Wire type 0: an unsigned varint (also bools and enums).
    void varint(int field, std::uint64_t value);
    /// Wire type 0: int32/int64 fields, negative values as their 64-bit two's complement (10 bytes).
    void int64(int field, std::int64_t value) { varint(field, static_cast<std::uint64_t>(value)); }
    /// Wire type 5: a float, little-endian.
    void float32(int field, float value);
    /// Wire type 2: a string or byte array, length first.
    void bytes(int field, std::string_view value);
    /// Wire type 2: an embedded message.
    void message(int field, const ProtoWriter &message) { bytes(field, message.data()); }

    const std::string &data() const { return m_data; }

    /// Appends value in base 128, seven bits per byte, least significant group first, with the
    /// high bit set on every byte but the last.
    static void appendVarint(std::string &out, std::uint64_t value);

private:
    void tag(int field, int wireType);

    std::string m_data;
};

}  // namespace np
