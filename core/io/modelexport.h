#pragma once

#include "../network/model.h"

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace np {

/// The file formats a trained model is exported to (docs/model-formats.md).
enum class ModelFormat { Json, Onnx, Safetensors, Npz };

/// ".json", ".onnx", ".safetensors", ".npz".
const char *modelFormatExtension(ModelFormat format);
/// The format a file name's extension names (case-insensitive); false when it names none.
bool modelFormatFromPath(const std::string &path, ModelFormat &format);

/// The bytes of an exported file, or (bytes empty) the reason the model cannot be exported.
struct ExportResult
{
    std::string bytes;
    std::string error;
};

/// The model in one of the formats.
ExportResult encodeModel(const Model &model, ModelFormat format);
/// Writes the model to path atomically; returns an error naming the file, or empty.
std::string exportModel(const Model &model, ModelFormat format, const std::string &path);

/// Empty when the model is consistent (weights fit the network, widths fit the features and the
/// head) and every number in it is finite; otherwise why it cannot be exported.
std::string checkExportable(const Model &model);

/// One dense layer as the exporters see it: z = W a_prev + b with W row-major (rows x in; row r
/// is one output unit, or for maxout piece i of unit j at r = j * pieces + i), or with batch norm
/// u = gamma (z - runningMean) / sqrt(runningVar + eps) + beta, then the nonlinearity.
struct DenseLayer
{
    int in = 0;
    int units = 0;
    int pieces = 1;
    int rows = 0;
    Activation activation = Activation::Linear;  ///< hidden layers; the output layer has the head
    double alpha = 0.0;
    double dropout = 0.0;
    bool isOutput = false;
    std::vector<float> weight;  ///< rows x in, row-major
    std::vector<float> bias;    ///< rows; empty with batch norm
    std::vector<float> gamma, beta, runningMean, runningVar;  ///< rows each with batch norm, else empty

    bool batchNorm() const { return !gamma.empty(); }
};

/// The engine's evaluation-mode batch-norm epsilon (network.cpp).
inline constexpr double kBatchNormEpsilon = 1e-5;

/// False when the model's inputs are the features as they are: no standardisation, or the
/// identity one (mean 0, scale 1) that the trainer keeps when standardisation is off.
bool standardizes(const Model &model);

/// The layers of a model that passed checkExportable(), hidden layers first.
std::vector<DenseLayer> denseLayers(const Model &model);
/// The same layers with batch norm folded into W and b (in double, rounded once to float):
/// s = gamma / sqrt(runningVar + eps), W' = diag(s) W, b' = beta - s runningMean. Evaluation
/// mode only; the result equals the engine's up to float rounding.
std::vector<DenseLayer> foldBatchNorm(std::vector<DenseLayer> layers);

/// Little-endian bytes of numbers, whatever the host's byte order.
std::string littleEndian(std::span<const float> values);
std::string littleEndian(std::span<const double> values);
std::string littleEndian(std::span<const std::int64_t> values);

/// One tensor of a PyTorch-style state dict.
struct NamedTensor
{
    enum class Type { F32, I64 };

    std::string name;
    Type type = Type::F32;
    std::vector<std::int64_t> shape;
    std::string data;  ///< little-endian, C order
};

/// The network as a torch.nn.Sequential (Linear, [BatchNorm1d,] activation, [Dropout,] ...):
/// its tensors named like the Sequential's state dict ("0.weight", "0.bias", "2.weight", ...)
/// and string metadata describing the modules, the features and the standardisation.
struct SequentialModel
{
    std::vector<NamedTensor> tensors;
    std::vector<std::pair<std::string, std::string>> metadata;  ///< key, value (JSON text or plain)
};

/// The Sequential view of a model that passed checkExportable().
SequentialModel sequentialModel(const Model &model);

/// Key/value strings describing the model for the formats' metadata: format, version, producer,
/// features (JSON array of keys), standardize (JSON {"mean", "scale"} or null), preprocessing,
/// task, classes (classification only), head, loss, inputs, outputs.
std::vector<std::pair<std::string, std::string>> modelMetadata(const Model &model);

/// A JSON string literal for text, quotes and escapes included.
std::string jsonQuoted(const std::string &text);
/// Metadata pairs as one compact JSON object of strings, in their order.
std::string metadataJson(const std::vector<std::pair<std::string, std::string>> &metadata);

/// Plain-text description of the inputs: raw (x1, x2), the features in order with their
/// formulas, then standardisation. Shared by the formats' metadata.
std::string preprocessingDescription(const Model &model);

}  // namespace np
