# PyTorch reference for gradus's sparse embeddings (float64, CPU): nn.Embedding(sparse=True) gradients
# (as dense) and the parameters after steps of torch.optim.SparseAdam and of SGD on sparse gradients.
# Usage: /work/torch-venv/bin/python scripts/sparse-embedding-fixture.py > test/optim/fixtures/pytorch-sparse-embedding.json
import json
import sys

import torch

torch.set_num_threads(1)
torch.manual_seed(20261205)
DT = torch.float64
ROWS, DIM = 20, 4
BATCHES = [[3, 7, 3, 19, 0], [7, 7, 12], [5, 3, 18, 2, 2, 9]]


def run(make_optimizer):
    embedding = torch.nn.Embedding(ROWS, DIM, sparse=True, dtype=DT)
    initial = embedding.weight.detach().clone()
    optimizer = make_optimizer(embedding.parameters())
    weights, grads, params = [], [], []
    for batch in BATCHES:
        index = torch.tensor(batch)
        w = torch.randn(len(batch), DIM, dtype=DT)
        optimizer.zero_grad()
        rows = embedding(index)
        loss = (rows.tanh() * w).sum() + (rows * rows).sum() * 0.1
        loss.backward()
        grads.append(embedding.weight.grad.to_dense().reshape(-1).tolist())
        optimizer.step()
        weights.append(w.reshape(-1).tolist())
        params.append(embedding.weight.detach().reshape(-1).tolist())
    return {"initial": initial.reshape(-1).tolist(), "lossWeights": weights, "grads": grads, "params": params}


json.dump(
    {
        "version": 1,
        "torch": torch.__version__,
        "rows": ROWS,
        "dim": DIM,
        "batches": BATCHES,
        "sparseAdam": run(lambda p: torch.optim.SparseAdam(p, lr=0.1, betas=(0.8, 0.9), eps=1e-6)),
        "sgd": run(lambda p: torch.optim.SGD(p, lr=0.5)),
    },
    sys.stdout,
    separators=(",", ":"),
)
