#!/usr/bin/python3
"""Every model.safetensors loads into a torch.nn.Sequential built from its metadata with
load_state_dict(strict=True); in eval mode, on features computed in torch, it reproduces the
app's predictions. The modules PyTorch lacks (Step, Abs, Maxout, OneHotArgmax) are defined here
from the definitions the metadata gives, as a user of the file would write them."""

import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixtures import compare, fail, model_dirs, read_csv, read_safetensors, report  # noqa: E402

try:
    import numpy as np
    import torch
    from torch import nn
except ImportError as error:
    print(f"FAIL: cannot import torch ({error}); install Debian's python3-torch", file=sys.stderr)
    sys.exit(1)


class Step(nn.Module):
    def forward(self, x):
        return (x > 0).to(x.dtype)


class Abs(nn.Module):
    def forward(self, x):
        return x.abs()


class Maxout(nn.Module):
    def __init__(self, pieces):
        super().__init__()
        self.pieces = pieces

    def forward(self, x):
        return x.view(x.shape[0], -1, self.pieces).amax(dim=2)

    def extra_repr(self):
        return f"pieces={self.pieces}"


class OneHotArgmax(nn.Module):
    def forward(self, x):
        return nn.functional.one_hot(x.argmax(dim=1), x.shape[1]).to(x.dtype)


CUSTOM = {"Step": Step, "Abs": Abs, "Maxout": Maxout, "OneHotArgmax": OneHotArgmax}


def build(name, metadata):
    """The Sequential from the module list, and the same from the architecture string."""
    modules = []
    for m in json.loads(metadata["modules"]):
        kind = m["type"]
        if len(modules) != m["index"]:
            fail(f"{name}: module {m['index']} listed at position {len(modules)}")
        if kind == "Linear":
            modules.append(nn.Linear(m["in_features"], m["out_features"], bias=m["bias"]))
        elif kind == "BatchNorm1d":
            modules.append(nn.BatchNorm1d(m["num_features"], eps=m["eps"], momentum=m["momentum"]))
        elif kind == "LeakyReLU":
            modules.append(nn.LeakyReLU(m["negative_slope"]))
        elif kind == "ELU":
            modules.append(nn.ELU(m["alpha"]))
        elif kind == "Dropout":
            modules.append(nn.Dropout(m["p"]))
        elif kind == "Softmax":
            modules.append(nn.Softmax(dim=m["dim"]))
        elif kind == "Maxout":
            modules.append(Maxout(m["pieces"]))
        elif kind in CUSTOM:
            if not m.get("custom") or not m.get("definition"):
                fail(f"{name}: {kind} is not marked as a custom module with a definition")
            modules.append(CUSTOM[kind]())
        elif kind in ("Identity", "Sigmoid", "Tanh", "ReLU", "Softplus", "GELU", "SiLU"):
            modules.append(getattr(nn, kind)())
        else:
            fail(f"{name}: unknown module type {kind}")
    model = nn.Sequential(*modules)
    # The architecture string is the Python that builds the same network.
    namespace = {"__builtins__": {}, **{k: getattr(nn, k) for k in dir(nn) if not k.startswith("_")}, **CUSTOM}
    again = eval(metadata["architecture"], namespace)  # noqa: S307 - our own fixture files
    if repr(again) != repr(model):
        fail(f"{name}: the architecture string builds\n{again}\nbut the module list\n{model}")
    return model


def main(root):
    results = []
    custom = []
    for name, folder in model_dirs(root):
        metadata, tensors = read_safetensors(os.path.join(folder, "model.safetensors"))
        model = build(name, metadata)
        state = {key: torch.from_numpy(np.array(value)) for key, value in tensors.items()}
        try:
            model.load_state_dict(state, strict=True)
        except RuntimeError as error:
            fail(f"{name}: load_state_dict(strict=True) refused the tensors: {error}")
        model.eval()

        points = torch.from_numpy(read_csv(os.path.join(folder, "points.csv"), np.float32)).double()
        x1, x2 = points[:, 0], points[:, 1]
        formulas = {"x1": x1, "x2": x2, "x1sq": x1 * x1, "x2sq": x2 * x2, "x1x2": x1 * x2, "sinx1": torch.sin(x1),
                    "sinx2": torch.sin(x2), "r": torch.sqrt(x1 * x1 + x2 * x2), "theta": torch.atan2(x2, x1)}
        f = torch.stack([formulas[k] for k in json.loads(metadata["features"])], dim=1)
        standardize = json.loads(metadata["standardize"])
        if standardize is not None:
            f = (f - torch.tensor(standardize["mean"], dtype=torch.float64)) \
                / torch.tensor(standardize["scale"], dtype=torch.float64)
        with torch.no_grad():
            y = model(f.float())
        expected = read_csv(os.path.join(folder, "expected.csv"), np.float32)
        compare(name, "PyTorch", y.numpy(), expected, results)
        used = sorted({m["type"] for m in json.loads(metadata["modules"]) if m.get("custom")})
        if used:
            custom.append(f"{name} ({', '.join(used)})")
        print(f"{name}: {metadata['architecture']}: largest difference {results[-1][1]:.3g}")
    report(f"torch {torch.__version__}, load_state_dict(strict=True)", results)
    print(f"custom modules defined from the metadata: {'; '.join(custom)}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail("usage: check_torch.py <fixtures folder>")
    torch.set_num_threads(1)
    main(sys.argv[1])
