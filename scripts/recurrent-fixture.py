# PyTorch reference values for gradus's recurrent modules (float64, CPU): outputs, final states and the
# gradients of every parameter, the input and the initial states for fixed weights, including 2-layer
# bidirectional batch-first stacks, padded batches (pack_padded_sequence) and the cells.
# Usage: /work/torch-venv/bin/python scripts/recurrent-fixture.py > test/nn/fixtures/pytorch-recurrent.json
import json
import sys

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.set_num_threads(1)
torch.manual_seed(20261204)
DT = torch.float64


def flat(t):
    return {"shape": list(t.shape), "data": t.detach().reshape(-1).tolist()}


def randn(*shape):
    return torch.randn(*shape, dtype=DT)


def run_layers(spec):
    kind, size_in, hidden = spec["module"], spec["inputSize"], spec["hiddenSize"]
    kwargs = dict(num_layers=spec["numLayers"], bidirectional=spec["bidirectional"], batch_first=spec["batchFirst"], bias=spec["bias"])
    if kind == "RNN":
        kwargs["nonlinearity"] = spec["nonlinearity"]
    module = getattr(torch.nn, kind)(size_in, hidden, dtype=DT, **kwargs)
    directions = 2 if spec["bidirectional"] else 1
    steps, rows = spec["steps"], spec["rows"]
    shape = [steps, size_in] if rows is None else ([rows, steps, size_in] if spec["batchFirst"] else [steps, rows, size_in])
    x = randn(*shape).requires_grad_()
    state_shape = [directions * spec["numLayers"], hidden] if rows is None else [directions * spec["numLayers"], rows, hidden]
    h0 = randn(*state_shape).requires_grad_()
    c0 = randn(*state_shape).requires_grad_() if kind == "LSTM" else None
    hx = (h0, c0) if kind == "LSTM" else h0
    lengths = spec.get("lengths")
    if lengths is None:
        output, final = module(x, hx)
    else:
        packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=spec["batchFirst"], enforce_sorted=False)
        output, final = module(packed, hx)
        output, _ = pad_packed_sequence(output, batch_first=spec["batchFirst"], total_length=steps)
    finals = list(final) if kind == "LSTM" else [final]
    weights = [randn(*output.shape)] + [randn(*f.shape) for f in finals]
    loss = sum((t * w).sum() for t, w in zip([output] + finals, weights))
    leaves = [x, h0] + ([c0] if c0 is not None else [])
    names = [name for name, _ in module.named_parameters()]
    grads = torch.autograd.grad(loss, leaves + list(module.parameters()))
    return {
        **spec,
        "state": {name: flat(p) for name, p in module.state_dict().items()},
        "input": flat(x),
        "initial": [flat(t) for t in leaves[1:]],
        "lossWeights": [flat(w) for w in weights],
        "output": flat(output),
        "finals": [flat(f) for f in finals],
        "inputGrad": flat(grads[0]),
        "initialGrads": [flat(g) for g in grads[1 : len(leaves)]],
        "parameterGrads": {name: flat(g) for name, g in zip(names, grads[len(leaves) :])},
    }


def run_cell(spec):
    kind, size_in, hidden, rows = spec["module"], spec["inputSize"], spec["hiddenSize"], spec["rows"]
    kwargs = {"bias": spec["bias"]}
    if kind == "RNNCell":
        kwargs["nonlinearity"] = spec["nonlinearity"]
    module = getattr(torch.nn, kind)(size_in, hidden, dtype=DT, **kwargs)
    x = randn(*([size_in] if rows is None else [rows, size_in])).requires_grad_()
    state_shape = [hidden] if rows is None else [rows, hidden]
    initial = [randn(*state_shape).requires_grad_() for _ in range(2 if kind == "LSTMCell" else 1)]
    result = module(x, tuple(initial) if kind == "LSTMCell" else initial[0])
    finals = list(result) if kind == "LSTMCell" else [result]
    weights = [randn(*f.shape) for f in finals]
    loss = sum((t * w).sum() for t, w in zip(finals, weights))
    names = [name for name, _ in module.named_parameters()]
    grads = torch.autograd.grad(loss, [x] + initial + list(module.parameters()))
    return {
        **spec,
        "state": {name: flat(p) for name, p in module.state_dict().items()},
        "input": flat(x),
        "initial": [flat(t) for t in initial],
        "lossWeights": [flat(w) for w in weights],
        "finals": [flat(f) for f in finals],
        "inputGrad": flat(grads[0]),
        "initialGrads": [flat(g) for g in grads[1 : 1 + len(initial)]],
        "parameterGrads": {name: flat(g) for name, g in zip(names, grads[1 + len(initial) :])},
    }


def layers(module, **overrides):
    spec = dict(module=module, inputSize=3, hiddenSize=4, numLayers=2, bidirectional=True, batchFirst=True, bias=True, steps=5, rows=2)
    spec.update(overrides)
    return spec


LAYER_CASES = [
    layers("LSTM"),
    layers("GRU"),
    layers("RNN", nonlinearity="tanh"),
    layers("RNN", nonlinearity="relu", bidirectional=False, batchFirst=False, numLayers=3),
    layers("LSTM", lengths=[5, 2, 3], rows=3),
    layers("GRU", lengths=[1, 5, 4], rows=3, batchFirst=False),
    layers("RNN", nonlinearity="tanh", lengths=[3, 5], numLayers=1),
    layers("LSTM", bias=False, bidirectional=False, batchFirst=False, numLayers=1),
    layers("LSTM", rows=None, numLayers=1),
    layers("GRU", rows=None, bidirectional=False),
]
CELL_CASES = [
    dict(module="LSTMCell", inputSize=3, hiddenSize=4, rows=2, bias=True),
    dict(module="GRUCell", inputSize=3, hiddenSize=4, rows=2, bias=True),
    dict(module="RNNCell", inputSize=3, hiddenSize=4, rows=2, bias=True, nonlinearity="tanh"),
    dict(module="RNNCell", inputSize=3, hiddenSize=4, rows=None, bias=False, nonlinearity="relu"),
    dict(module="LSTMCell", inputSize=3, hiddenSize=2, rows=None, bias=False),
]

cases = [run_layers(spec) for spec in LAYER_CASES] + [run_cell(spec) for spec in CELL_CASES]
json.dump({"version": 1, "torch": torch.__version__, "cases": cases}, sys.stdout, separators=(",", ":"))
