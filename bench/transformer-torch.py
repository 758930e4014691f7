# PyTorch peer of bench/transformer-step.bench.ts: the same decoder-only language model (token and learned
# position embeddings, pre-norm causal TransformerEncoderLayers, final LayerNorm, tied output layer),
# the same initial parameters (gradus's state dict) and batches, cross-entropy, SGD; one thread.
# Usage: python transformer-torch.py manifest.json params.bin tokens.bin out.bin
# Each repeat trains `warmup` untimed steps then `steps` timed ones from the given parameters.
# Prints JSON {ms: per-step milliseconds of each repeat, version}; writes the last repeat's parameters.
import json
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
manifest_path, params_path, tokens_path, out_path = sys.argv[1:5]
m = json.load(open(manifest_path))
V, D, H, L, T, B = m["vocab"], m["dModel"], m["nhead"], m["numLayers"], m["context"], m["batch"]


class LanguageModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.token_embedding = nn.Embedding(V, D)
        self.position_embedding = nn.Embedding(T, D)
        self.layers = nn.ModuleList(
            nn.TransformerEncoderLayer(D, H, m["dimFeedforward"], 0.0, activation=m["activation"], batch_first=True, norm_first=True)
            for _ in range(L)
        )
        self.norm = nn.LayerNorm(D)
        self.head = nn.Linear(D, V, bias=False)
        self.head.weight = self.token_embedding.weight

    def forward(self, tokens):
        x = self.token_embedding(tokens) + self.position_embedding(torch.arange(tokens.shape[1]))
        mask = nn.Transformer.generate_square_subsequent_mask(tokens.shape[1])
        for layer in self.layers:
            x = layer(x, src_mask=mask, is_causal=True)
        return self.head(self.norm(x))


flat = np.fromfile(params_path, dtype=np.float32)
state, at = {}, 0
for key, shape in m["parameters"]:
    size = int(np.prod(shape))
    state[key] = torch.from_numpy(flat[at:at + size].copy()).reshape(shape)
    at += size
batches = torch.from_numpy(np.fromfile(tokens_path, dtype=np.int32).astype(np.int64)).reshape(-1, B, T + 1)
ms = []
for repeat in range(m["repeats"]):
    model = LanguageModel()
    model.load_state_dict(state)
    optimizer = torch.optim.SGD(model.parameters(), lr=m["lr"])

    def step(i):
        batch = batches[i % len(batches)]
        optimizer.zero_grad()
        logits = model(batch[:, :-1])
        F.cross_entropy(logits.reshape(-1, V), batch[:, 1:].reshape(-1)).backward()
        optimizer.step()

    for i in range(m["warmup"]):
        step(i)
    start = time.perf_counter()
    for i in range(m["warmup"], m["warmup"] + m["steps"]):
        step(i)
    ms.append((time.perf_counter() - start) * 1000 / m["steps"])
final = model.state_dict()
np.concatenate([final[key].detach().numpy().ravel() for key, _ in m["parameters"]]).astype(np.float32).tofile(out_path)
print(json.dumps({"ms": ms, "version": torch.__version__}))
