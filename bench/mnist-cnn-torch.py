# PyTorch twin of the MNIST CNN (bench/mnist-cnn-setup.ts): the same layers, initial weights, batch
# order and Adam, one thread, float32. Usage: python mnist-cnn-torch.py DIR EPOCHS [--no-test]
# Reads DIR/{params,orders,train-x,train-y,test-x,test-y}.bin; prints JSON {seconds, loss, testAccuracy,
# version}: per epoch, the training time (batches only), the mean training loss, the test accuracy.
import json
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
folder, epochs = sys.argv[1], int(sys.argv[2])
evaluate = "--no-test" not in sys.argv


def load(name, dtype, shape):
    return torch.from_numpy(np.fromfile(f"{folder}/{name}.bin", dtype=dtype).reshape(shape).copy())


train_x = load("train-x", np.float32, (-1, 1, 28, 28))
train_y = load("train-y", np.int32, (-1,)).long()
test_x = load("test-x", np.float32, (-1, 1, 28, 28))
test_y = load("test-y", np.int32, (-1,)).long()
orders = load("orders", np.int32, (-1, len(train_y))).long()

nn = torch.nn
model = nn.Sequential(
    nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10),
)
flat = torch.from_numpy(np.fromfile(f"{folder}/params.bin", dtype=np.float32))
with torch.no_grad():
    at = 0
    for parameter in model.parameters():
        parameter.copy_(flat[at:at + parameter.numel()].view_as(parameter))
        at += parameter.numel()
assert at == len(flat), "params.bin does not fit the model"
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

result = {"seconds": [], "loss": [], "testAccuracy": [], "version": torch.__version__}
for epoch in range(epochs):
    model.train()
    order = orders[epoch]
    total = 0.0
    start = time.perf_counter()
    for first in range(0, len(order), 64):
        index = order[first:first + 64]
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(train_x[index]), train_y[index])
        loss.backward()
        optimizer.step()
        total += loss.item() * len(index)
    result["seconds"].append(time.perf_counter() - start)
    result["loss"].append(total / len(order))
    if evaluate:
        model.eval()
        with torch.no_grad():
            right = sum((model(test_x[i:i + 500]).argmax(1) == test_y[i:i + 500]).sum().item()
                        for i in range(0, len(test_y), 500))
        result["testAccuracy"].append(right / len(test_y))
print(json.dumps(result))
