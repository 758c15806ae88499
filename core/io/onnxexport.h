#pragma once

#include "../network/model.h"
#include "modelexport.h"

namespace np {

inline constexpr int kOnnxIrVersion = 7;
inline constexpr int kOnnxOpset = 13;

/// The model as an ONNX file (IR 7, opset 13) that computes what predict() computes: input "x",
/// float [N, 2] raw points (x1, x2); the features and standardisation inside the graph (in double
/// precision, as the engine does); each layer a Gemm (W [out, in], transB = 1) with batch norm
/// folded in, then its activation as ONNX ops; output "y", float [N, outputs], after the head.
/// The protobuf is written by hand (ProtoWriter); the bytes depend on nothing but the model.
ExportResult encodeOnnx(const Model &model);

}  // namespace np
