# Writes test/fixtures/torch-edges.json: PyTorch's answers at the edges that issue 13 compares against
# (cross-entropy with the classes on axis 1, Adam/AdamW with parameters that miss gradients, var/std
# gradients at zero variance and n ≤ correction). Run: /work/torch-venv/bin/python scripts/torch-edges.py
import json
import math
import pathlib

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
generator = torch.Generator().manual_seed(13)


def finite_or_name(v):
    """JSON has no NaN or ±∞: they are written as the strings "NaN", "Infinity", "-Infinity"."""
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    return v


def listed(t):
    return [finite_or_name(v) for v in t.flatten().tolist()]


def cross_entropy_cases():
    cases = []
    for shape in [[3], [4, 3], [2, 3, 4], [2, 3, 2, 2]]:
        logits = torch.randn(shape, generator=generator) * 3
        classes = shape[0] if len(shape) == 1 else shape[1]
        batch = [] if len(shape) == 1 else [shape[0], *shape[2:]]
        labels = torch.randint(0, classes, batch, generator=generator)
        probabilities = torch.softmax(torch.randn(shape, generator=generator), dim=0 if len(shape) == 1 else 1)
        for kind, target in [("labels", labels), ("probabilities", probabilities)]:
            for reduction in ["mean", "sum", "none"]:
                z = logits.clone().requires_grad_(True)
                loss = torch.nn.functional.cross_entropy(z, target, reduction=reduction)
                weights = torch.arange(1, loss.numel() + 1, dtype=torch.float64).reshape(loss.shape)
                (loss * weights).sum().backward()
                cases.append({
                    "shape": shape, "kind": kind, "reduction": reduction,
                    "logits": listed(logits), "targets": listed(target.double()), "targetShape": list(target.shape),
                    "loss": listed(loss.detach()), "lossShape": list(loss.shape), "grad": listed(z.grad),
                })
    return cases


def adam_cases():
    cases = []
    # gradient present for parameter 0 at every step, for parameter 1 only at steps 0, 3, 4
    present = [[True, True], [True, False], [True, False], [True, True], [True, True], [True, False]]
    for kind in ["Adam", "AdamW"]:
        params = [torch.tensor([1.0, -2.0, 0.5], requires_grad=True), torch.tensor([0.3, -0.7], requires_grad=True)]
        initial = [listed(p.detach()) for p in params]
        cls = torch.optim.Adam if kind == "Adam" else torch.optim.AdamW
        optimizer = cls(params, lr=0.1, betas=(0.8, 0.95), eps=1e-8, weight_decay=0.05)
        gradients = []
        for step, flags in enumerate(present):
            optimizer.zero_grad(set_to_none=True)
            step_gradients = []
            for p, has in zip(params, flags):
                if has:
                    p.grad = torch.sin(p.detach() * (step + 1)) + 0.1 * step
                    step_gradients.append(listed(p.grad))
                else:
                    step_gradients.append(None)
            gradients.append(step_gradients)
            optimizer.step()
        cases.append({"kind": kind, "lr": 0.1, "betas": [0.8, 0.95], "eps": 1e-8, "weightDecay": 0.05,
                      "initial": initial, "gradients": gradients, "final": [listed(p.detach()) for p in params]})
    return cases


def variance_cases():
    cases = []
    for values, correction, op in [
        ([2.0, 2.0, 2.0], 1, "std"), ([2.0, 2.0, 2.0], 0, "std"), ([5.0], 0, "std"), ([5.0], 0, "var"),
        ([2.0, 3.0], 2, "var"), ([2.0, 3.0, 7.0], 3, "var"), ([1.0, 4.0], 1, "std"), ([1.0, 4.0, 4.0], 0, "var"),
    ]:
        x = torch.tensor(values, requires_grad=True)
        y = getattr(torch, op)(x, dim=0, correction=correction)
        y.backward()
        cases.append({"op": op, "values": values, "correction": correction, "value": listed(y.detach())[0],
                      "grad": listed(x.grad)})
    return cases


fixture = {"torch": torch.__version__, "crossEntropy": cross_entropy_cases(), "adam": adam_cases(),
           "variance": variance_cases()}
path = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "torch-edges.json"
path.write_text(json.dumps(fixture, allow_nan=False) + "\n")
print(f"wrote {path}")
