# Writes test/io/fixtures/pytorch-batchnorm2d.safetensors (and .json with its values): the state_dict
# of a torch.nn.BatchNorm2d(3) after three training steps, laid out as the safetensors library writes
# it (int64 num_batches_tracked as I64 first, then F32 by name; compact JSON header padded with spaces
# to 8 bytes), built with struct + json because the safetensors package is not installed here.
# Run: /work/torch-venv/bin/python scripts/safetensors-i64-fixture.py, then npx prettier --write on the .json
import json
import os
import struct

import torch

HERE = os.path.join(os.path.dirname(__file__), "..", "test", "io", "fixtures")
DTYPES = {torch.int64: ("I64", "<q"), torch.float32: ("F32", "<f")}
ORDER = {"I64": 0, "F32": 1}  # the library sorts by alignment (largest first), then by name

torch.manual_seed(0)
layer = torch.nn.BatchNorm2d(3)
with torch.no_grad():
    layer.weight.copy_(torch.tensor([0.5, 1.5, -2.0]))
    layer.bias.copy_(torch.tensor([0.25, 0.0, -1.0]))
for _ in range(3):
    layer(torch.randn(4, 3, 2, 2) * 2 + 1)
state = layer.state_dict()

names = sorted(state, key=lambda name: (ORDER[DTYPES[state[name].dtype][0]], name))
header, data = {}, b""
for name in names:
    tensor = state[name].contiguous()
    code, fmt = DTYPES[tensor.dtype]
    values = tensor.reshape(-1).tolist()
    raw = struct.pack(f"<{len(values)}{fmt[1]}", *values)
    header[name] = {"dtype": code, "shape": list(tensor.shape), "data_offsets": [len(data), len(data) + len(raw)]}
    data += raw
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * ((8 - len(text) % 8) % 8)
with open(os.path.join(HERE, "pytorch-batchnorm2d.safetensors"), "wb") as file:
    file.write(struct.pack("<Q", len(text)) + text + data)
expected = {name: {"shape": list(t.shape), "values": t.reshape(-1).tolist()} for name, t in state.items()}
with open(os.path.join(HERE, "pytorch-batchnorm2d.json"), "w") as file:
    json.dump({"torch": torch.__version__, "keys": list(state), "state": expected}, file, indent=1)
    file.write("\n")
print("wrote", names)
