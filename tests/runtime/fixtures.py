"""Shared helpers of the runtime checks: the fixture list, CSV reading and the comparison."""

import os
import sys

import numpy as np

# |got - expected| <= TOLERANCE * max(1, |expected|): absolute for probabilities and small
# values, relative for large regression outputs.
TOLERANCE = 1e-5


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def model_dirs(root):
    """The fixture folders listed in manifest.txt; each must hold every export."""
    manifest = os.path.join(root, "manifest.txt")
    if not os.path.exists(manifest):
        fail(f"{manifest} is missing; run export_fixtures first")
    with open(manifest, encoding="utf-8") as f:
        names = [line.strip() for line in f if line.strip()]
    if len(names) < 10:
        fail(f"{manifest} lists only {len(names)} models")
    dirs = []
    for name in names:
        folder = os.path.join(root, name)
        for file in ("model.json", "model.onnx", "model.safetensors", "model.npz", "points.csv", "expected.csv"):
            if not os.path.exists(os.path.join(folder, file)):
                fail(f"{name}: {file} is missing")
        dirs.append((name, folder))
    return dirs


def read_csv(path, dtype):
    """A CSV file with a header line, as a 2-D array."""
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    array = np.array(rows, dtype=dtype).reshape(len(rows), len(header))
    return array


def max_difference(got, expected):
    """The largest |got - expected| / max(1, |expected|); fails on a shape mismatch."""
    got = np.asarray(got, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if got.shape != expected.shape:
        return float("inf")
    return float(np.max(np.abs(got - expected) / np.maximum(1.0, np.abs(expected))))


def compare(name, what, got, expected, results):
    """Records the difference and fails loudly beyond the tolerance, naming the worst point."""
    difference = max_difference(got, expected)
    results.append((name, difference))
    if not difference <= TOLERANCE:
        got = np.asarray(got, dtype=np.float64)
        if got.shape != expected.shape:
            fail(f"{name}: {what} gave shape {got.shape}, expected {expected.shape}")
        worst = np.unravel_index(np.argmax(np.abs(got - expected) / np.maximum(1.0, np.abs(expected))), got.shape)
        fail(f"{name}: {what} differs from the app by {difference:.3g} (tolerance {TOLERANCE}) at point "
             f"{worst[0]}, output {worst[1]}: {got[worst]!r} instead of {expected[worst]!r}")


def report(what, results):
    worst = max(results, key=lambda r: r[1])
    print(f"{what}: {len(results)} models match the app; largest difference {worst[1]:.3g} ({worst[0]})")


def read_safetensors(path):
    """(metadata, {name: array}) from a safetensors file, checking its layout: the header length,
    a JSON object, data offsets that tile the data exactly, in order, and match dtype x shape."""
    import json
    import struct

    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        fail(f"{path}: shorter than the 8-byte header length")
    (length,) = struct.unpack("<Q", data[:8])
    if 8 + length > len(data):
        fail(f"{path}: header length {length} runs past the end of the file")
    if (8 + length) % 8 != 0:
        fail(f"{path}: the data does not start at a multiple of 8 bytes")
    header = json.loads(data[8:8 + length].decode("utf-8"))
    body = data[8 + length:]
    metadata = header.pop("__metadata__", None)
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        fail(f"{path}: __metadata__ must map strings to strings")
    dtypes = {"F32": np.dtype("<f4"), "I64": np.dtype("<i8")}
    tensors = {}
    position = 0
    for name, info in sorted(header.items(), key=lambda item: item[1]["data_offsets"][0]):
        begin, end = info["data_offsets"]
        dtype = dtypes.get(info["dtype"])
        if dtype is None:
            fail(f"{path}: {name} has dtype {info['dtype']}")
        if begin != position:
            fail(f"{path}: {name} starts at {begin}, expected {position} (the tensors must tile the data)")
        count = int(np.prod(info["shape"], dtype=np.int64))
        if end - begin != count * dtype.itemsize:
            fail(f"{path}: {name} has {end - begin} bytes for shape {info['shape']} of {info['dtype']}")
        tensors[name] = np.frombuffer(body, dtype=dtype, count=count, offset=begin).reshape(info["shape"])
        position = end
    if position != len(body):
        fail(f"{path}: {len(body) - position} bytes after the last tensor")
    return metadata, tensors


def features(metadata, points):
    """The network's float32 inputs for raw points [N, 2], as the metadata describes them."""
    import json

    x1 = points[:, 0].astype(np.float64)
    x2 = points[:, 1].astype(np.float64)
    formulas = {
        "x1": lambda: x1,
        "x2": lambda: x2,
        "x1sq": lambda: x1 * x1,
        "x2sq": lambda: x2 * x2,
        "x1x2": lambda: x1 * x2,
        "sinx1": lambda: np.sin(x1),
        "sinx2": lambda: np.sin(x2),
        "r": lambda: np.sqrt(x1 * x1 + x2 * x2),
        "theta": lambda: np.arctan2(x2, x1),
    }
    keys = json.loads(metadata["features"])
    f = np.stack([formulas[k]() for k in keys], axis=1)
    standardize = json.loads(metadata["standardize"])
    if standardize is not None:
        f = (f - np.array(standardize["mean"])) / np.array(standardize["scale"])
    return f.astype(np.float32)
