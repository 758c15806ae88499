#!/usr/bin/python3
"""Every exported model.onnx passes the ONNX checker (full check) and strict shape inference,
declares IR 7 / opset 13, and maps x [N, 2] to y [N, outputs]."""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixtures import fail, model_dirs, read_csv  # noqa: E402

try:
    import onnx
    import onnx.checker
    import onnx.shape_inference
except ImportError as error:
    fail(f"cannot import onnx ({error}); install Debian's python3-onnx")


def dims(value_info):
    return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]


def main(root):
    count = 0
    for name, folder in model_dirs(root):
        path = os.path.join(folder, "model.onnx")
        model = onnx.load(path)
        try:
            onnx.checker.check_model(model, full_check=True)
            inferred = onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
        except Exception as error:  # the checker's own exception types vary between versions
            fail(f"{name}: {path} is not a valid ONNX model: {error}")
        if model.ir_version != 7:
            fail(f"{name}: ir_version {model.ir_version}, expected 7")
        opsets = {o.domain: o.version for o in model.opset_import}
        if opsets != {"": 13}:
            fail(f"{name}: opsets {opsets}, expected only ai.onnx 13")
        outputs = read_csv(os.path.join(folder, "expected.csv"), "float32").shape[1]
        graph = inferred.graph
        if [i.name for i in graph.input] != ["x"] or dims(graph.input[0]) != ["N", 2]:
            fail(f"{name}: inputs {[(i.name, dims(i)) for i in graph.input]}, expected x [N, 2]")
        if [o.name for o in graph.output] != ["y"] or dims(graph.output[0]) != ["N", outputs]:
            fail(f"{name}: outputs {[(o.name, dims(o)) for o in graph.output]}, expected y [N, {outputs}]")
        if any(t.data_type == 0 for t in graph.initializer):
            fail(f"{name}: an initializer has no data type")
        count += 1
        ops = sorted({n.op_type for n in model.graph.node})
        print(f"{name}: valid, {len(model.graph.node)} nodes ({', '.join(ops)})")
    print(f"onnx {onnx.__version__} checker (full_check) and strict shape inference: {count} models valid")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail("usage: check_onnx.py <fixtures folder>")
    main(sys.argv[1])
