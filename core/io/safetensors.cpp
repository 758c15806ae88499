#include "safetensors.h"

namespace np {

namespace {

const char *dtypeName(NamedTensor::Type type)
{
    return type == NamedTensor::Type::I64 ? "I64" : "F32";
}

}  // namespace

std::string safetensorsBytes(const SequentialModel &model)
{
    // The header is written by hand so the tensors appear in module order, as they lie in the data.
    std::string header = "{\"__metadata__\":" + metadataJson(model.metadata);
    std::size_t offset = 0;
    for (const NamedTensor &t : model.tensors) {
        std::string shape;
        for (std::size_t d = 0; d < t.shape.size(); ++d)
            shape += (d ? "," : "") + std::to_string(t.shape[d]);
        header += "," + jsonQuoted(t.name) + ":{\"dtype\":\"" + dtypeName(t.type) + "\",\"shape\":[" + shape
                  + "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(offset + t.data.size())
                  + "]}";
        offset += t.data.size();
    }
    header += "}";
    // Spaces after the JSON keep the data 8-byte aligned, which lets readers map I64 tensors in place.
    header.append((8 - header.size() % 8) % 8, ' ');

    std::string bytes;
    bytes.reserve(8 + header.size() + offset);
    const std::uint64_t length = header.size();
    for (int byte = 0; byte < 8; ++byte)
        bytes.push_back(static_cast<char>(length >> (8 * byte) & 0xff));
    bytes += header;
    for (const NamedTensor &t : model.tensors)
        bytes += t.data;
    return bytes;
}

ExportResult encodeSafetensors(const Model &model)
{
    if (std::string error = checkExportable(model); !error.empty())
        return {{}, error};
    return {safetensorsBytes(sequentialModel(model)), {}};
}

}  // namespace np
