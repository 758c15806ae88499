#include "npz.h"

#include <QList>
#include <QString>

#include <array>
#include <cassert>

namespace np {

namespace {

constexpr std::array<std::uint32_t, 256> kCrcTable = [] {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int bit = 0; bit < 8; ++bit)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}();

// 1980-01-01 00:00:00, the earliest MS-DOS date: files carry no real time, so exports are reproducible.
constexpr std::uint16_t kDosTime = 0;
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr std::uint16_t kVersionNeeded = 20;  // 2.0, what Python's zipfile writes for stored files

void put16(std::string &out, std::uint32_t value)
{
    out.push_back(static_cast<char>(value & 0xff));
    out.push_back(static_cast<char>(value >> 8 & 0xff));
}

void put32(std::string &out, std::uint32_t value)
{
    put16(out, value & 0xffff);
    put16(out, value >> 16);
}

std::string shapeTuple(const std::vector<std::int64_t> &shape)
{
    if (shape.empty())
        return "()";
    std::string text = "(";
    for (std::size_t d = 0; d < shape.size(); ++d)
        text += (d ? ", " : "") + std::to_string(shape[d]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

}  // namespace

std::uint32_t crc32(std::string_view bytes)
{
    std::uint32_t c = 0xFFFFFFFFu;
    for (const char byte : bytes)
        c = kCrcTable[(c ^ static_cast<unsigned char>(byte)) & 0xff] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::string npyBytes(std::string_view descr, const std::vector<std::int64_t> &shape, std::string_view data)
{
    std::string header = "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': "
                         + shapeTuple(shape) + ", }";
    // 10 bytes of preamble (magic, version, length) + header + '\n' = a multiple of 64.
    const std::size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    std::string bytes = "\x93NUMPY";
    bytes.push_back('\x01');
    bytes.push_back('\x00');
    put16(bytes, static_cast<std::uint32_t>(header.size()));
    bytes += header;
    bytes += data;
    return bytes;
}

std::string zipStored(const std::vector<std::pair<std::string, std::string>> &files)
{
    assert(files.size() <= 0xffff);
    std::string archive, directory;
    for (const auto &[name, data] : files) {
        assert(archive.size() + data.size() < 0xffffffffu);
        const std::uint32_t crc = crc32(data);
        const auto size = static_cast<std::uint32_t>(data.size());
        const auto offset = static_cast<std::uint32_t>(archive.size());

        put32(archive, 0x04034b50);  // local file header
        put16(archive, kVersionNeeded);
        put16(archive, 0);  // flags
        put16(archive, 0);  // stored
        put16(archive, kDosTime);
        put16(archive, kDosDate);
        put32(archive, crc);
        put32(archive, size);  // compressed = uncompressed
        put32(archive, size);
        put16(archive, static_cast<std::uint32_t>(name.size()));
        put16(archive, 0);  // no extra field
        archive += name;
        archive += data;

        put32(directory, 0x02014b50);  // central directory header
        put16(directory, kVersionNeeded);  // made by: MS-DOS attributes, version 2.0
        put16(directory, kVersionNeeded);
        put16(directory, 0);
        put16(directory, 0);
        put16(directory, kDosTime);
        put16(directory, kDosDate);
        put32(directory, crc);
        put32(directory, size);
        put32(directory, size);
        put16(directory, static_cast<std::uint32_t>(name.size()));
        put16(directory, 0);  // extra
        put16(directory, 0);  // comment
        put16(directory, 0);  // disk number
        put16(directory, 0);  // internal attributes
        put32(directory, 0);  // external attributes
        put32(directory, offset);
        directory += name;
    }
    const auto directoryOffset = static_cast<std::uint32_t>(archive.size());
    const auto directorySize = static_cast<std::uint32_t>(directory.size());
    archive += directory;
    put32(archive, 0x06054b50);  // end of central directory
    put16(archive, 0);
    put16(archive, 0);
    put16(archive, static_cast<std::uint32_t>(files.size()));
    put16(archive, static_cast<std::uint32_t>(files.size()));
    put32(archive, directorySize);
    put32(archive, directoryOffset);
    put16(archive, 0);  // comment length
    return archive;
}

ExportResult encodeNpz(const Model &model)
{
    if (std::string error = checkExportable(model); !error.empty())
        return {{}, error};
    const SequentialModel sequential = sequentialModel(model);
    std::vector<std::pair<std::string, std::string>> files;
    for (const NamedTensor &t : sequential.tensors) {
        const char *descr = t.type == NamedTensor::Type::I64 ? "<i8" : "<f4";
        files.emplace_back(t.name + ".npy", npyBytes(descr, t.shape, t.data));
    }

    // NumPy's unicode arrays are UTF-32; '<U' with the length in code points.
    const QList<uint> codePoints = QString::fromStdString(metadataJson(sequential.metadata)).toUcs4();
    std::string text;
    text.reserve(static_cast<std::size_t>(codePoints.size()) * 4);
    for (uint c : codePoints)
        put32(text, c);
    files.emplace_back("architecture.npy", npyBytes("<U" + std::to_string(codePoints.size()), {}, text));
    return {zipStored(files), {}};
}

}  // namespace np
