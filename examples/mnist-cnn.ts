// A small CNN on the mnist package's 10,000 digits (conv 32 → pool → conv 64 → pool → 128 → 10, Adam
// 1e-3, batch 64), the network of TOOLCHAIN.md's PyTorch reference (≈ 97.7 % after 8 epochs).
// Usage: node --import tsx examples/mnist-cnn.ts [--epochs 1] [--limit 8000] [--threads 1]
import {
  data,
  Generator,
  nn,
  noGrad,
  optim,
  setNumThreads,
  tensor,
  type Tensor,
} from "../src/node.js";

const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const [epochs, limit, batchSize] = [flag("epochs", 1), flag("limit", 8000), 64];
setNumThreads(flag("threads", 1));

const generator = new Generator(0);
const { train, test } = await data.loadMnist({ testFraction: 0.2, seed: 0 });
const asImages = (images: Tensor): Tensor => images.reshape([-1, 1, 28, 28]);
const model = new nn.Sequential(
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
// the split lists digits in order: a limited run takes a random subset
const order = Array.from({ length: train.labels.size }, (_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = generator.integer(i + 1);
  [order[i], order[j]] = [order[j]!, order[i]!];
}
const count = Math.min(limit, order.length);
const subset = tensor(order.slice(0, count), { dtype: "int32" });
const loader = new data.DataLoader(
  new data.TensorDataset(train.images.indexSelect(0, subset), train.labels.indexSelect(0, subset)),
  { batchSize, shuffle: true, generator },
);
const optimizer = new optim.Adam(model.parameters(), { lr: 1e-3 });

for (let epoch = 1; epoch <= epochs; epoch++) {
  const started = performance.now();
  let total = 0;
  let batches = 0;
  for (const [images, labels] of loader) {
    optimizer.zeroGrad();
    const loss = nn.crossEntropy(model.forward(asImages(images!)), labels!);
    loss.backward();
    optimizer.step();
    total += loss.item();
    batches++;
  }
  const seconds = (performance.now() - started) / 1000;
  const correct = noGrad(() => {
    let hits = 0;
    for (let at = 0; at < test.labels.size; at += 500) {
      const logits = model.eval().forward(asImages(test.images.slice(0, at, at + 500)));
      const predicted = logits.argmax(1).dataSync();
      const truth = test.labels.slice(0, at, at + 500).dataSync();
      predicted.forEach((label, i) => (hits += label === truth[i] ? 1 : 0));
    }
    model.train();
    return hits;
  });
  console.log(
    `epoch ${epoch}: loss ${(total / batches).toFixed(4)}, test accuracy ${(correct / test.labels.size).toFixed(4)}, ${seconds.toFixed(2)} s (${count} digits)`,
  );
}
