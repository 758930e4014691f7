# PyTorch peer of bench/lstm-step.bench.ts: nn.LSTM training steps (loss Σ output² / N, SGD) in float32
# on one thread, from the same initial parameters and input as gradus.
# Usage: python lstm-torch.py params.bin x.bin out.bin INPUT HIDDEN LAYERS STEPS_L BATCH TRAIN_STEPS LR REPEATS
# Prints JSON {ms: per-step milliseconds of each repeat, loss: the first step's loss, version}; writes
# the last repeat's final parameters (state-dict order, flattened) to out.bin.
import json
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
params_path, x_path, out_path = sys.argv[1:4]
n_in, hidden, layers, steps, batch, train_steps = map(int, sys.argv[4:10])
lr, repeats = float(sys.argv[10]), int(sys.argv[11])
init = torch.from_numpy(np.fromfile(params_path, dtype=np.float32))
x = torch.from_numpy(np.fromfile(x_path, dtype=np.float32)).reshape(steps, batch, n_in)
ms = []
for _ in range(repeats):
    model = torch.nn.LSTM(n_in, hidden, num_layers=layers, bias=False)
    with torch.no_grad():
        # vector_to_parameters makes the parameters views of its vector: give it a copy
        torch.nn.utils.vector_to_parameters(init.clone(), model.parameters())
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    start = time.perf_counter()
    for _ in range(train_steps):
        optimizer.zero_grad()
        output, _ = model(x)
        loss = output.square().sum() / batch
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    ms.append((time.perf_counter() - start) * 1000 / train_steps)
torch.nn.utils.parameters_to_vector(model.parameters()).detach().numpy().astype(np.float32).tofile(out_path)
print(json.dumps({"ms": ms, "loss": losses[0], "version": torch.__version__}))
