# numpy peer of bench/mlp-step.bench.ts: hand-written backprop for a 784-256-10 relu MLP with softmax
# cross-entropy and SGD, float32, same initial parameters and batches as gradus.
# Usage: python3 mlp-numpy.py params.bin x.bin labels.bin out.bin IN HIDDEN CLASSES ROWS BATCHES STEPS LR REPEATS
# Prints JSON {ms: per-step milliseconds of each repeat}; writes the last repeat's parameters to out.bin.
import json, sys, time

import numpy as np

params_path, x_path, labels_path, out_path = sys.argv[1:5]
n_in, hidden, classes, rows, n_batches, steps = map(int, sys.argv[5:11])
lr, repeats = np.float32(sys.argv[11]), int(sys.argv[12])
init = np.fromfile(params_path, dtype=np.float32)
sizes = [hidden * n_in, hidden, classes * hidden, classes]
x_all = np.fromfile(x_path, dtype=np.float32).reshape(n_batches, rows, n_in)
labels_all = np.fromfile(labels_path, dtype=np.int32).reshape(n_batches, rows)
everyone = np.arange(rows)
ms = []
for _ in range(repeats):
    w1, b1, w2, b2 = [part.copy() for part in np.split(init, np.cumsum(sizes)[:-1])]
    w1, w2 = w1.reshape(hidden, n_in), w2.reshape(classes, hidden)
    start = time.perf_counter()
    for step in range(steps):
        x, labels = x_all[step % n_batches], labels_all[step % n_batches]
        z1 = x @ w1.T + b1
        h = np.maximum(z1, 0)
        z2 = h @ w2.T + b2
        e = np.exp(z2 - z2.max(axis=1, keepdims=True))
        g2 = e / e.sum(axis=1, keepdims=True)
        g2[everyone, labels] -= 1
        g2 /= np.float32(rows)
        g1 = (g2 @ w2) * (z1 > 0)
        w2 -= lr * (g2.T @ h)
        b2 -= lr * g2.sum(axis=0)
        w1 -= lr * (g1.T @ x)
        b1 -= lr * g1.sum(axis=0)
    ms.append((time.perf_counter() - start) * 1000 / steps)
np.concatenate([w1.ravel(), b1, w2.ravel(), b2]).astype(np.float32).tofile(out_path)
print(json.dumps({"ms": ms, "version": np.__version__}))
