# PyTorch twin of bench/normalization.bench.ts: the same normalisation workloads on one thread, float32.
# Usage: python normalization-torch.py FOLDER REPEATS — FOLDER holds x_<workload>.bin and g_<workload>.bin
# (raw float32) and spec.json; prints JSON {version, ms: {workload: median ms}, values: {workload: …}}.
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
folder, repeats = sys.argv[1], int(sys.argv[2])
spec = json.load(open(os.path.join(folder, "spec.json")))


def load(name, shape):
    data = open(os.path.join(folder, name), "rb").read()
    return torch.frombuffer(bytearray(data), dtype=torch.float32).reshape(shape)


def median_ms(fn):
    fn()
    fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return samples[len(samples) // 2]


ms, values = {}, {}
for work in spec:
    name, shape, kind, channels = work["name"], work["shape"], work["kind"], work["channels"]
    x = load(f"x_{work['id']}.bin", shape)
    g = load(f"g_{work['id']}.bin", shape)
    w = torch.linspace(0.5, 1.5, channels).requires_grad_(True)
    b = torch.linspace(-0.5, 0.5, channels).requires_grad_(True)
    rm, rv = torch.zeros(channels), torch.ones(channels)
    if kind == "layerNorm":
        norm = lambda x: F.layer_norm(x, [channels], w, b, 1e-5)
    elif kind == "groupNorm":
        norm = lambda x: F.group_norm(x, work["groups"], w, b, 1e-5)
    else:
        norm = lambda x: F.batch_norm(x, rm, rv, w, b, True, 0.1, 1e-5)
    if work["backward"]:
        xg = x.clone().requires_grad_(True)

        def step():
            xg.grad, w.grad, b.grad = None, None, None
            out = norm(xg)
            out.backward(g)
            return out

        ms[name] = median_ms(step)
        out = step()
        grads = [xg.grad.reshape(-1)[:4096], w.grad, b.grad]
    else:

        def step():
            with torch.no_grad():
                return norm(x)

        ms[name] = median_ms(step)
        out, grads = step(), []
    values[name] = [out.reshape(-1)[:4096].tolist()] + [t.tolist() for t in grads]
print(json.dumps({"version": torch.__version__, "ms": ms, "values": values}))
