#!/usr/bin/python3
"""Every model.npz loads with numpy.load(allow_pickle=False) and every model.safetensors with a
hand-written reader; both hold the same tensors and metadata; a forward pass written here in NumPy
from the metadata alone (features, standardisation, the module list) reproduces the app's
predictions."""

import json
import math
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixtures import compare, fail, features, model_dirs, read_csv, read_safetensors, report  # noqa: E402

try:
    import numpy as np
except ImportError as error:
    print(f"FAIL: cannot import numpy ({error}); install Debian's python3-numpy", file=sys.stderr)
    sys.exit(1)

erf = np.vectorize(math.erf)


def forward(name, metadata, tensors, x):
    """The Sequential of the metadata's module list, in float64 from float32 weights."""
    a = x.astype(np.float64)
    used = set()

    def tensor(key):
        if key not in tensors:
            fail(f"{name}: tensor {key} is missing")
        used.add(key)
        return tensors[key].astype(np.float64)

    for module in json.loads(metadata["modules"]):
        kind, i = module["type"], module["index"]
        if kind == "Linear":
            if a.shape[1] != module["in_features"]:
                fail(f"{name}: module {i} expects {module['in_features']} inputs, gets {a.shape[1]}")
            a = a @ tensor(f"{i}.weight").T
            if module["bias"]:
                a = a + tensor(f"{i}.bias")
        elif kind == "BatchNorm1d":
            used.add(f"{i}.num_batches_tracked")
            a = (a - tensor(f"{i}.running_mean")) / np.sqrt(tensor(f"{i}.running_var") + module["eps"]) \
                * tensor(f"{i}.weight") + tensor(f"{i}.bias")
        elif kind in ("Identity", "Dropout"):
            pass
        elif kind == "Sigmoid":
            a = 0.5 * (1 + np.tanh(0.5 * a))  # 1 / (1 + e^-a) without overflow
        elif kind == "Tanh":
            a = np.tanh(a)
        elif kind == "ReLU":
            a = np.maximum(a, 0)
        elif kind == "LeakyReLU":
            a = np.where(a > 0, a, module["negative_slope"] * a)
        elif kind == "ELU":
            a = np.where(a > 0, a, module["alpha"] * np.expm1(np.minimum(a, 0)))
        elif kind == "Softplus":
            a = np.logaddexp(0, a)
        elif kind == "GELU":
            a = 0.5 * a * (1 + erf(a / math.sqrt(2)))
        elif kind == "SiLU":
            a = a * 0.5 * (1 + np.tanh(0.5 * a))
        elif kind == "Softmax":
            e = np.exp(a - a.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
        elif kind == "Step":
            a = (a > 0).astype(np.float64)
        elif kind == "Abs":
            a = np.abs(a)
        elif kind == "Maxout":
            a = a.reshape(a.shape[0], module["units"], module["pieces"]).max(axis=2)
        elif kind == "OneHotArgmax":
            a = np.eye(a.shape[1])[np.argmax(a, axis=1)]
        else:
            fail(f"{name}: unknown module type {kind}")
    if used != set(tensors):
        fail(f"{name}: tensors {sorted(set(tensors) - used)} belong to no module")
    return a


def main(root):
    safetensors_results, npz_results = [], []
    for name, folder in model_dirs(root):
        metadata, tensors = read_safetensors(os.path.join(folder, "model.safetensors"))
        with np.load(os.path.join(folder, "model.npz"), allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
        architecture = arrays.pop("architecture")
        if architecture.dtype.kind != "U" or architecture.shape != ():
            fail(f"{name}: architecture.npy is {architecture.dtype} {architecture.shape}, expected a 0-d string")
        if json.loads(str(architecture[()])) != metadata:
            fail(f"{name}: the NPZ architecture differs from the safetensors metadata")
        if sorted(arrays) != sorted(tensors):
            fail(f"{name}: NPZ arrays {sorted(arrays)} but safetensors tensors {sorted(tensors)}")
        for key, value in arrays.items():
            if value.dtype != tensors[key].dtype or value.shape != tensors[key].shape \
                    or not np.array_equal(value, tensors[key]):
                fail(f"{name}: NPZ {key} ({value.dtype} {value.shape}) differs from the safetensors tensor")
        if not metadata["architecture"].startswith("Sequential("):
            fail(f"{name}: architecture {metadata['architecture']!r}")

        points = read_csv(os.path.join(folder, "points.csv"), np.float32)
        expected = read_csv(os.path.join(folder, "expected.csv"), np.float32)
        x = features(metadata, points)
        compare(name, "safetensors in NumPy", forward(name, metadata, tensors, x), expected, safetensors_results)
        compare(name, "NPZ in NumPy", forward(name, metadata, arrays, x), expected, npz_results)
        print(f"{name}: {metadata['architecture']}: largest difference {npz_results[-1][1]:.3g}")
    report(f"numpy {np.__version__}, safetensors", safetensors_results)
    report(f"numpy {np.__version__}, NPZ", npz_results)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail("usage: check_numpy.py <fixtures folder>")
    main(sys.argv[1])
