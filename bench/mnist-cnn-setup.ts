// The MNIST CNN that bench/ measures against its PyTorch twin (bench/mnist-cnn-torch.py): the CLI's
// cnn (two 3×3 conv–relu–pool blocks, 32 and 64 channels, a 128-unit head), its initial weights, the
// 8,000/2,000 split and one shuffled batch order per epoch, written where the twin reads them.
import { data, Generator, nn, noGrad, optim, tensor, type Tensor } from "../src/node.js";
import { PythonInputs } from "./peers.js";

export const BATCH = 64;
export const LR = 1e-3;

export interface CnnTwinSetup {
  readonly train: { readonly images: Tensor; readonly labels: Tensor };
  readonly test: { readonly images: Tensor; readonly labels: Tensor };
  /** The initial parameters in PyTorch's order (conv1 w, b, conv2 w, b, fc1 w, b, fc2 w, b). */
  readonly initial: Float32Array[];
  /** One permutation of the training digits per epoch. */
  readonly orders: Int32Array[];
  /** The files the twin reads (a folder removed by dispose). */
  readonly inputs: PythonInputs;
}

/** The cnn, as `gradus train --model cnn` builds it (rows of 784 pixels in). */
export function buildCnn(generator: Generator): nn.Sequential {
  return new nn.Sequential(
    new nn.Unflatten(1, [1, 28, 28]),
    new nn.Conv2d(1, 32, 3, { padding: 1, generator }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Conv2d(32, 64, 3, { padding: 1, generator }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(64 * 7 * 7, 128, { generator }),
    new nn.ReLU(),
    new nn.Linear(128, 10, { generator }),
  );
}

/** Loads the split, draws the initial weights and `epochs` batch orders from `seed`, writes them. */
export async function setupCnnTwin(epochs: number, seed = 0): Promise<CnnTwinSetup> {
  const { train, test } = await data.loadMnist({ testFraction: 0.2, seed });
  const generator = new Generator(seed);
  const initial = buildCnn(generator)
    .parameters()
    .map((parameter) => parameter.dataSync() as Float32Array);
  const orders = Array.from({ length: epochs }, () =>
    data.permutation(train.labels.size, generator),
  );
  const inputs = new PythonInputs();
  const concat = (parts: ArrayLike<number>[], Type: typeof Float32Array | typeof Int32Array) =>
    Type.from(parts.flatMap((part) => Array.from(part)));
  inputs.write("params.bin", concat(initial, Float32Array));
  inputs.write("orders.bin", concat(orders, Int32Array));
  inputs.write("train-x.bin", train.images.dataSync());
  inputs.write("train-y.bin", train.labels.dataSync());
  inputs.write("test-x.bin", test.images.dataSync());
  inputs.write("test-y.bin", test.labels.dataSync());
  return { train, test, initial, orders, inputs };
}

/** A fresh cnn holding the setup's initial weights, and its Adam. */
export function freshCnn(setup: CnnTwinSetup): { model: nn.Sequential; optimizer: optim.Adam } {
  const model = buildCnn(new Generator(0));
  noGrad(() => model.parameters().forEach((p, i) => p.data.set(setup.initial[i]!)));
  return { model, optimizer: new optim.Adam(model.parameters(), { lr: LR }) };
}

/** One epoch in `order` (batches of 64, the last one short): seconds taken and the mean loss. */
export function trainEpoch(
  setup: CnnTwinSetup,
  model: nn.Sequential,
  optimizer: optim.Optimizer,
  order: Int32Array,
): { seconds: number; loss: number } {
  model.train();
  const started = performance.now();
  let total = 0;
  for (let start = 0; start < order.length; start += BATCH) {
    const index = tensor(order.subarray(start, start + BATCH), { dtype: "int32" });
    const images = setup.train.images.indexSelect(0, index);
    const labels = setup.train.labels.indexSelect(0, index);
    optimizer.zeroGrad();
    const loss = nn.crossEntropy(model.forward(images), labels);
    loss.backward();
    optimizer.step();
    total += loss.item() * index.size;
  }
  return { seconds: (performance.now() - started) / 1000, loss: total / order.length };
}

/** The share of the 2,000 test digits classified right (500 per forward pass). */
export function testAccuracy(setup: CnnTwinSetup, model: nn.Sequential): number {
  model.eval();
  const { images, labels } = setup.test;
  let right = 0;
  noGrad(() => {
    for (let start = 0; start < labels.size; start += 500) {
      const logits = model.forward(images.slice(0, start, start + 500));
      right += optim.accuracy(logits, labels.slice(0, start, start + 500)) * logits.shape[0]!;
    }
  });
  return right / labels.size;
}
