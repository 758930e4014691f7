# PyTorch peer of the attention rows of bench/transformer-step.bench.ts: F.scaled_dot_product_attention
# forward + backward (causal) on the given q, k, v, one thread; median ms over `repeats` after a warm-up.
# Usage: python attention-torch.py q.bin k.bin v.bin out.bin N H L E REPEATS
# Prints JSON {ms, version}; writes the output to out.bin (for the value check).
import json
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
paths, (N, H, L, E, repeats) = sys.argv[1:5], map(int, sys.argv[5:10])
q, k, v = (torch.from_numpy(np.fromfile(p, dtype=np.float32).reshape(N, H, L, E)).requires_grad_() for p in paths[:3])
gradient = torch.ones(N, H, L, E)


def step():
    out = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    out.backward(gradient)
    return out


for _ in range(3):
    step()
times = []
for _ in range(repeats):
    start = time.perf_counter()
    out = step()
    times.append((time.perf_counter() - start) * 1000)
out.detach().numpy().astype(np.float32).tofile(paths[3])
print(json.dumps({"ms": sorted(times)[len(times) // 2], "version": torch.__version__}))
