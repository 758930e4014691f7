# PyTorch twin of bench/conv.bench.ts: conv2d forward + backward (∂x, ∂w, ∂b) on one thread, float32, on
# the same inputs. Usage: python conv-torch.py x.bin w.bin b.bin gy.bin out.bin N C H O STEPS
# Prints JSON {ms: per-step milliseconds of each step, version, mkldnn}; writes ∂x, ∂w, ∂b to out.bin.
import json
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
x_path, w_path, b_path, gy_path, out_path = sys.argv[1:6]
n, c, h, o, steps = map(int, sys.argv[6:11])


def load(path, shape):
    return torch.from_numpy(np.fromfile(path, dtype=np.float32).reshape(shape))


x = load(x_path, (n, c, h, h)).requires_grad_()
w = load(w_path, (o, c, 3, 3)).requires_grad_()
b = load(b_path, (o,)).requires_grad_()
gy = load(gy_path, (n, o, h, h))


def step():
    for t in (x, w, b):
        t.grad = None
    torch.nn.functional.conv2d(x, w, b, padding=1).backward(gy)


step()
ms = []
for _ in range(steps):
    start = time.perf_counter()
    step()
    ms.append((time.perf_counter() - start) * 1000)
np.concatenate([t.grad.numpy().ravel() for t in (x, w, b)]).astype(np.float32).tofile(out_path)
print(json.dumps({"ms": ms, "version": torch.__version__, "mkldnn": torch.backends.mkldnn.is_available()}))
