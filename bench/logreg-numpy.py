# numpy peer of bench/logreg-epoch.bench.ts: mini-batch SGD epochs of logistic regression with the
# closed-form gradient Xᵀ(σ(Xw + b) − y)/B (no autodiff), same data and batch order as gradus.
# Usage: python3 logreg-numpy.py X.bin y.bin order.bin N D B LR EPOCHS; prints JSON.
import json, sys, time

import numpy as np

x_path, y_path, order_path = sys.argv[1:4]
n, d, b, lr, epochs = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
X = np.fromfile(x_path, dtype=np.float32).reshape(n, d)
y = np.fromfile(y_path, dtype=np.float32)
order = np.fromfile(order_path, dtype=np.int32)
rates = []
for _ in range(epochs):
    w = np.zeros(d, dtype=np.float32)
    bias = np.float32(0)
    start = time.perf_counter()
    for s in range(0, n, b):
        index = order[s : s + b]
        xb, yb = X[index], y[index]
        residual = (1 / (1 + np.exp(-(xb @ w + bias))) - yb) / np.float32(len(index))
        w -= np.float32(lr) * (xb.T @ residual)
        bias -= np.float32(lr) * residual.sum()
    rates.append(n / (time.perf_counter() - start))
print(json.dumps({"rates": rates, "w": w.tolist(), "b": float(bias), "version": np.__version__}))
