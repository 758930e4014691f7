# Writes test/ops/fixtures/pytorch-normalization.json: PyTorch's (float64) values and gradients of
# batch_norm (training and eval), layer_norm and group_norm, and of the modules BatchNorm1d/2d,
# LayerNorm and GroupNorm over a few training steps (outputs, gradients, running statistics,
# num_batches_tracked) then in eval mode, with each configuration's state_dict keys.
# Run: /work/torch-venv/bin/python scripts/normalization-fixtures.py (or any python with torch), then
# npx prettier --write test/ops/fixtures/pytorch-normalization.json
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(0)
generator = torch.Generator().manual_seed(1234)
OUT = os.path.join(
    os.path.dirname(__file__), "..", "test", "ops", "fixtures", "pytorch-normalization.json"
)


def randn(*shape, scale=1.0, shift=0.0):
    return torch.randn(*shape, dtype=torch.float64, generator=generator) * scale + shift


def uniform(*shape, low, high):
    return torch.rand(*shape, dtype=torch.float64, generator=generator) * (high - low) + low


def encode(t):
    """A tensor as {shape, values} (flat, row-major; int64 buffers as plain integers)."""
    t = t.detach()
    return {"shape": list(t.shape), "values": t.reshape(-1).tolist()}


def functional_case(name, fn, inputs, **extra):
    """fn's output and the gradients of sum(output * upstream) in every input that is a leaf."""
    leaves = {k: v.clone().requires_grad_(True) if v is not None else None for k, v in inputs.items()}
    output = fn(**leaves)
    upstream = randn(*output.shape)
    (output * upstream).sum().backward()
    grads = {k: encode(v.grad) for k, v in leaves.items() if v is not None and v.grad is not None}
    return {
        "name": name,
        "inputs": {k: encode(v) for k, v in inputs.items() if v is not None},
        "upstream": encode(upstream),
        "output": encode(output),
        "grads": grads,
        **extra,
    }


def functional_cases():
    cases = []
    x = randn(4, 3, 5, scale=2.0, shift=0.5)
    rm, rv = randn(3, scale=0.3), uniform(3, low=0.5, high=2.0)
    w, b = randn(3, scale=0.5, shift=1.0), randn(3)
    running_mean, running_var = rm.clone(), rv.clone()

    def train_bn(x, weight, bias):
        return F.batch_norm(x, running_mean, running_var, weight, bias, True, 0.2, 1e-5)

    case = functional_case("batchNorm training", train_bn, {"x": x, "weight": w, "bias": b})
    case.update(
        runningBefore={"mean": encode(rm), "var": encode(rv)},
        runningAfter={"mean": encode(running_mean), "var": encode(running_var)},
        options={"training": True, "momentum": 0.2, "eps": 1e-5},
    )
    cases.append(case)
    x2 = randn(6, 2, scale=3.0)
    cases.append(
        functional_case(
            "batchNorm training without running statistics or affine",
            lambda x: F.batch_norm(x, None, None, None, None, True, 0.1, 1e-3),
            {"x": x2},
            options={"training": True, "eps": 1e-3},
        )
    )
    x3 = randn(2, 3, 2, 2)
    case = functional_case(
        "batchNorm eval",
        lambda x, weight, bias: F.batch_norm(x, rm, rv, weight, bias, False, 0.1, 1e-5),
        {"x": x3, "weight": w, "bias": b},
        options={"training": False, "eps": 1e-5},
    )
    case["runningBefore"] = {"mean": encode(rm), "var": encode(rv)}
    cases.append(case)
    x4 = randn(3, 4, 5, scale=1.5, shift=-1.0)
    lw, lb = randn(4, 5, scale=0.5, shift=1.0), randn(4, 5)
    cases.append(
        functional_case(
            "layerNorm over [4, 5]",
            lambda x, weight, bias: F.layer_norm(x, [4, 5], weight, bias, 1e-5),
            {"x": x4, "weight": lw, "bias": lb},
            normalizedShape=[4, 5],
            options={"eps": 1e-5},
        )
    )
    cases.append(
        functional_case(
            "layerNorm over [5] without affine",
            lambda x: F.layer_norm(x, [5], None, None, 1e-2),
            {"x": x4},
            normalizedShape=[5],
            options={"eps": 1e-2},
        )
    )
    x5 = randn(2, 6, 3, 3, scale=2.0, shift=1.0)
    gw, gb = randn(6, scale=0.5, shift=1.0), randn(6)
    cases.append(
        functional_case(
            "groupNorm 3 groups",
            lambda x, weight, bias: F.group_norm(x, 3, weight, bias, 1e-5),
            {"x": x5, "weight": gw, "bias": gb},
            numGroups=3,
            options={"eps": 1e-5},
        )
    )
    return cases


# name, torch class, positional args, torch kwargs, gradus options, input shape per step
MODULES = [
    ("BatchNorm1d [N, C]", "BatchNorm1d", [3], {}, {}, [5, 3]),
    ("BatchNorm1d [N, C, L] momentum None", "BatchNorm1d", [3], {"momentum": None}, {"momentum": None}, [4, 3, 6]),
    ("BatchNorm2d", "BatchNorm2d", [4], {"momentum": 0.3}, {"momentum": 0.3}, [3, 4, 3, 5]),
    ("BatchNorm2d affine False", "BatchNorm2d", [2], {"affine": False, "eps": 1e-3}, {"affine": False, "eps": 1e-3}, [2, 2, 2, 3]),
    (
        "BatchNorm2d trackRunningStats False",
        "BatchNorm2d",
        [2],
        {"track_running_stats": False},
        {"trackRunningStats": False},
        [3, 2, 2, 2],
    ),
    ("LayerNorm [4, 5]", "LayerNorm", [[4, 5]], {}, {}, [3, 4, 5]),
    (
        "LayerNorm 5 without affine",
        "LayerNorm",
        [5],
        {"elementwise_affine": False, "eps": 1e-4},
        {"elementwiseAffine": False, "eps": 1e-4},
        [2, 3, 5],
    ),
    ("LayerNorm 5 without bias", "LayerNorm", [5], {"bias": False}, {"bias": False}, [4, 5]),
    ("GroupNorm 2 groups of 4 channels", "GroupNorm", [2, 4], {}, {}, [3, 4, 2, 3]),
    ("GroupNorm affine False", "GroupNorm", [3, 6], {"affine": False}, {"affine": False}, [2, 6, 4]),
]


def module_case(name, kind, args, kwargs, options, shape):
    module = getattr(torch.nn, kind)(*args, **kwargs, dtype=torch.float64)
    with torch.no_grad():  # weights away from PyTorch's 1 and 0, so that the affine shows
        for p in module.parameters():
            p.copy_(randn(*p.shape, scale=0.5, shift=1.0))
    initial = {k: encode(v) for k, v in module.state_dict().items()}
    steps = []
    for mode in ["train", "train", "train", "eval"]:
        module.train(mode == "train")
        module.zero_grad()
        x = randn(*shape, scale=2.0, shift=0.5).requires_grad_(True)
        output = module(x)
        upstream = randn(*output.shape)
        (output * upstream).sum().backward()
        steps.append(
            {
                "mode": mode,
                "input": encode(x),
                "upstream": encode(upstream),
                "output": encode(output),
                "inputGrad": encode(x.grad),
                "parameterGrads": {k: encode(p.grad) for k, p in module.named_parameters()},
                "state": {k: encode(v) for k, v in module.state_dict().items()},
            }
        )
    return {
        "name": name,
        "module": kind,
        "args": args,
        "options": options,
        "stateDictKeys": list(module.state_dict().keys()),
        "initialState": initial,
        "steps": steps,
    }


fixture = {
    "torch": torch.__version__,
    "functional": functional_cases(),
    "modules": [module_case(*spec) for spec in MODULES],
}
with open(OUT, "w") as file:
    json.dump(fixture, file, indent=None, separators=(",", ":"))
    file.write("\n")
print(f"wrote {OUT}")
