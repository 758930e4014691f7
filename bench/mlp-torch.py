# PyTorch peer of bench/mlp-step.bench.ts: nn.Linear 784-256-10 with ReLU, F.cross_entropy and
# torch.optim.SGD, float32, one thread, the same initial parameters and batches as gradus.
# Usage: python mlp-torch.py params.bin x.bin labels.bin out.bin IN HIDDEN CLASSES ROWS BATCHES STEPS LR REPEATS
# Prints JSON {ms: per-step milliseconds of each repeat, version}; writes the last repeat's parameters.
import json
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
params_path, x_path, labels_path, out_path = sys.argv[1:5]
n_in, hidden, classes, rows, n_batches, steps = map(int, sys.argv[5:11])
lr, repeats = float(sys.argv[11]), int(sys.argv[12])
init = torch.from_numpy(np.fromfile(params_path, dtype=np.float32))
xs = torch.from_numpy(np.fromfile(x_path, dtype=np.float32).reshape(n_batches, rows, n_in))
labels = torch.from_numpy(np.fromfile(labels_path, dtype=np.int32).reshape(n_batches, rows)).long()
ms = []
for _ in range(repeats):
    model = torch.nn.Sequential(
        torch.nn.Linear(n_in, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, classes)
    )
    with torch.no_grad():
        at = 0
        for parameter in model.parameters():
            parameter.copy_(init[at:at + parameter.numel()].view_as(parameter))
            at += parameter.numel()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    start = time.perf_counter()
    for step in range(steps):
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(xs[step % n_batches]), labels[step % n_batches])
        loss.backward()
        optimizer.step()
    ms.append((time.perf_counter() - start) * 1000 / steps)
flat = torch.cat([parameter.detach().reshape(-1) for parameter in model.parameters()])
flat.numpy().astype(np.float32).tofile(out_path)
print(json.dumps({"ms": ms, "version": torch.__version__}))
