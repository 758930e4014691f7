# PyTorch twin of `gradus lm train` (bench/lm-twin.ts writes its inputs): the same language model
# (transformer: token + learned position embeddings, pre-norm causal TransformerEncoderLayers with GELU,
# final LayerNorm, tied output layer; lstm: embedding, nn.LSTM, tied output layer with a bias), the same
# initial parameters, the same windows in the same batch order, Adam after clip_grad_norm_; one thread.
# Usage: python lm-torch.py FOLDER   (FOLDER holds manifest.json, params.bin, order.bin, train.bin, validation.bin)
# Prints JSON {trainLoss: per-epoch means, validationLoss: per epoch, seconds, version}.
import json
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
folder = sys.argv[1]
m = json.load(open(f"{folder}/manifest.json"))
V, D, L, T = m["vocabSize"], m["dModel"], m["layers"], m["context"]


class Transformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.token_embedding = nn.Embedding(V, D)
        self.position_embedding = nn.Embedding(T, D)
        self.layers = nn.ModuleList(
            nn.TransformerEncoderLayer(D, m["heads"], m["dimFeedforward"], 0.0, activation="gelu", batch_first=True, norm_first=True)
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


class Lstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.token_embedding = nn.Embedding(V, D)
        self.lstm = nn.LSTM(D, D, L, batch_first=True)
        self.head = nn.Linear(D, V)
        self.head.weight = self.token_embedding.weight

    def forward(self, tokens):
        output, _ = self.lstm(self.token_embedding(tokens))
        return self.head(output)


model = Transformer() if m["model"] == "transformer" else Lstm()
flat = np.fromfile(f"{folder}/params.bin", dtype=np.float32)
state, at = {}, 0
for key, shape in m["parameters"]:
    size = int(np.prod(shape))
    state[key] = torch.from_numpy(flat[at:at + size].copy()).reshape(shape)
    at += size
model.load_state_dict(state)

tokens = {part: torch.from_numpy(np.fromfile(f"{folder}/{part}.bin", dtype=np.int32).astype(np.int64)) for part in ("train", "validation")}
offsets = torch.arange(T + 1)


def windows(part, indices):
    """Window w is tokens w·T … w·T + T: inputs its first T, targets its last T."""
    rows = tokens[part][indices[:, None] * T + offsets]
    return rows[:, :-1], rows[:, 1:]


def loss_of(inputs, targets):
    return F.cross_entropy(model(inputs).reshape(-1, V), targets.reshape(-1))


def validation_loss():
    model.eval()
    count = (len(tokens["validation"]) - 1) // T
    total = 0.0
    with torch.no_grad():
        for start in range(0, count, m["batchSize"]):
            indices = torch.arange(start, min(start + m["batchSize"], count))
            total += loss_of(*windows("validation", indices)).item() * len(indices)
    model.train()
    return total / count


order = torch.from_numpy(np.fromfile(f"{folder}/order.bin", dtype=np.int32).astype(np.int64))
optimizer = torch.optim.Adam(model.parameters(), lr=m["lr"])
train_loss, valid_loss, at = [], [], 0
start = time.perf_counter()
for sizes in m["batches"]:
    total, count = 0.0, 0
    for size in sizes:
        indices = order[at:at + size]
        at += size
        optimizer.zero_grad()
        loss = loss_of(*windows("train", indices))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), m["clip"])
        optimizer.step()
        total, count = total + loss.item() * size, count + size
    train_loss.append(total / count)
    valid_loss.append(validation_loss())
seconds = time.perf_counter() - start
print(json.dumps({"trainLoss": train_loss, "validationLoss": valid_loss, "seconds": seconds, "version": torch.__version__}))
