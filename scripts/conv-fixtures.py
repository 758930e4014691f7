# Writes test/ops/conv/fixtures/pytorch-conv.json: PyTorch's float64 values and gradients for a few
# configurations of every convolution, pooling and padding op, to compare gradus against.
# Usage: /work/torch-venv/bin/python scripts/conv-fixtures.py (any python with torch 2.x), then
# npx prettier --write test/ops/conv/fixtures/pytorch-conv.json
import json
import pathlib

import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)

# (op, input shapes, gradus options); the last input of conv ops is the bias when "bias" is set
CASES = [
    ("conv2d", [[2, 3, 7, 6], [4, 3, 3, 2], [4]], {"bias": True}),
    ("conv2d", [[2, 4, 9, 8], [6, 2, 3, 3], [6]],
     {"bias": True, "stride": [2, 1], "padding": [1, 2], "dilation": [1, 2], "groups": 2}),
    ("conv2d", [[1, 3, 6, 6], [3, 1, 3, 3]], {"groups": 3, "padding": "same"}),
    ("conv2d", [[1, 2, 5, 6], [2, 2, 4, 2]], {"padding": "same", "dilation": [1, 2]}),
    ("conv2d", [[3, 8, 8], [2, 3, 2, 3]], {"padding": "valid", "stride": 3}),
    ("conv1d", [[2, 3, 10], [4, 3, 3], [4]], {"bias": True, "stride": 2, "padding": 1}),
    ("conv1d", [[3, 9], [6, 1, 4]], {"groups": 3, "dilation": 2, "padding": "same"}),
    ("convTranspose2d", [[2, 4, 3, 4], [4, 3, 3, 3], [3]],
     {"bias": True, "stride": 2, "padding": 1, "outputPadding": 1}),
    ("convTranspose2d", [[1, 4, 4, 3], [4, 2, 2, 3]],
     {"groups": 2, "dilation": 2, "stride": [1, 2], "padding": [0, 1]}),
    ("convTranspose2d", [[3, 3, 3], [3, 2, 3, 2]], {"stride": [3, 2], "outputPadding": [2, 1]}),
    ("maxPool2d", [[2, 3, 7, 7]], {"kernelSize": 3, "stride": 2, "padding": 1}),
    ("maxPool2d", [[1, 2, 8, 7]],
     {"kernelSize": [3, 2], "stride": [2, 3], "padding": [1, 1], "dilation": 2, "ceilMode": True}),
    ("maxPool2d", [[2, 5, 5]], {"kernelSize": 2}),
    ("maxPool1d", [[2, 3, 11]], {"kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True}),
    ("avgPool2d", [[2, 3, 7, 7]], {"kernelSize": 3, "stride": 2, "padding": 1}),
    ("avgPool2d", [[1, 2, 8, 7]],
     {"kernelSize": [3, 2], "stride": [2, 3], "padding": [1, 1], "ceilMode": True,
      "countIncludePad": False}),
    ("avgPool1d", [[2, 3, 11]],
     {"kernelSize": 4, "stride": 3, "padding": 2, "ceilMode": True, "countIncludePad": False}),
    ("adaptiveAvgPool2d", [[2, 3, 7, 9]], {"outputSize": [3, 4]}),
    ("adaptiveAvgPool2d", [[1, 2, 8, 8]], {"outputSize": 4}),
    ("adaptiveAvgPool2d", [[2, 5, 5]], {"outputSize": [None, 2]}),
    ("pad", [[2, 3, 4, 5]], {"pads": [1, 2, 0, 1], "mode": "constant", "value": 0.5}),
    ("pad", [[2, 3, 4, 5]], {"pads": [-1, 2], "mode": "constant"}),
    ("pad", [[2, 3, 4, 5]], {"pads": [2, 1, 1, 3], "mode": "reflect"}),
    ("pad", [[2, 3, 4, 5]], {"pads": [3, 0, 2, 1], "mode": "replicate"}),
    ("pad", [[2, 3, 4, 5]], {"pads": [1, 2, 2, 1], "mode": "circular"}),
]


def pair(value):
    return tuple(value) if isinstance(value, list) else value


def run(op, inputs, o):
    x = inputs[0]
    if op in ("conv1d", "conv2d"):
        fn = F.conv1d if op == "conv1d" else F.conv2d
        return fn(x, inputs[1], inputs[2] if o.get("bias") else None, stride=pair(o.get("stride", 1)),
                  padding=pair(o.get("padding", 0)), dilation=pair(o.get("dilation", 1)),
                  groups=o.get("groups", 1))
    if op == "convTranspose2d":
        return F.conv_transpose2d(x, inputs[1], inputs[2] if o.get("bias") else None,
                                  stride=pair(o.get("stride", 1)), padding=pair(o.get("padding", 0)),
                                  output_padding=pair(o.get("outputPadding", 0)),
                                  groups=o.get("groups", 1), dilation=pair(o.get("dilation", 1)))
    if op in ("maxPool1d", "maxPool2d"):
        fn = F.max_pool1d if op == "maxPool1d" else F.max_pool2d
        return fn(x, pair(o["kernelSize"]), pair(o.get("stride")), pair(o.get("padding", 0)),
                  pair(o.get("dilation", 1)), ceil_mode=o.get("ceilMode", False))
    if op in ("avgPool1d", "avgPool2d"):
        fn = F.avg_pool1d if op == "avgPool1d" else F.avg_pool2d
        return fn(x, pair(o["kernelSize"]), pair(o.get("stride")), pair(o.get("padding", 0)),
                  ceil_mode=o.get("ceilMode", False),
                  count_include_pad=o.get("countIncludePad", True))
    if op == "adaptiveAvgPool2d":
        return F.adaptive_avg_pool2d(x, pair(o["outputSize"]))
    if op == "pad":
        return F.pad(x, tuple(o["pads"]), mode=o["mode"], value=o.get("value"))
    raise ValueError(op)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


cases = []
for op, shapes, options in CASES:
    inputs = [torch.randn(shape, requires_grad=True) for shape in shapes]
    output = run(op, inputs, options)
    weights = torch.randn(output.shape)
    grads = torch.autograd.grad((output * weights).sum(), inputs)
    cases.append({
        "op": op,
        "options": options,
        "inputs": [{"shape": shape, "values": flat(x)} for shape, x in zip(shapes, inputs)],
        "output": {"shape": list(output.shape), "values": flat(output)},
        "weights": flat(weights),
        "grads": [flat(g) for g in grads],
    })

target = pathlib.Path(__file__).resolve().parent.parent / "test/ops/conv/fixtures/pytorch-conv.json"
target.write_text(json.dumps({"torch": torch.__version__, "cases": cases}) + "\n")
print(f"wrote {len(cases)} cases to {target}")
