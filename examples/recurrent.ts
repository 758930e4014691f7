// Recurrent networks and sparse embeddings in a few lines (the README's "Recurrent networks" section):
// a bidirectional LSTM tagger over a padded batch with per-row lengths, and a skip-gram step on a
// large table whose gradient is row-sparse.
import { Generator, nn, optim, rand, tensor, type Tensor } from "../src/index.js";

const generator = new Generator(0);

// A tagger: for each token in [−1, 1], is it larger than the sequence's first token? The backward
// direction must carry the first token forward from the end, so padding would corrupt it if rows
// were not cut at their lengths.
const lstm = new nn.LSTM(1, 16, { bidirectional: true, batchFirst: true, generator });
const head = new nn.Linear(32, 1, { generator });
const parameters = [...lstm.parameters(), ...head.parameters()];
const optimizer = new optim.Adam(parameters, { lr: 0.02 });
const lengths = [8, 5, 3, 8, 6, 2, 7, 4];

function tagLoss(): Tensor {
  const x = rand([8, 8, 1], { generator }).mul(2).sub(1);
  const [output] = lstm.forward(x, null, { lengths });
  const logits = head.forward(output).squeeze(2);
  const targets = x
    .squeeze(2)
    .gt(x.slice(1, 0, 1).squeeze(2))
    .astype("float32");
  const mask = tensor(
    lengths.map((length) => Array.from({ length: 8 }, (_, t) => (t < length ? 1 : 0))),
  );
  const losses = nn.binaryCrossEntropyWithLogits(logits, targets, { reduction: "none" });
  return losses.mul(mask).sum().div(mask.sum());
}

const before = tagLoss().item();
for (let step = 0; step < 150; step++) {
  optimizer.zeroGrad();
  tagLoss().backward();
  optim.clipGradNorm(parameters, 1);
  optimizer.step();
}
console.log(`tagger loss ${before.toFixed(3)} → ${tagLoss().item().toFixed(3)}`);

// Skip-gram on a 20,000-word table: only the rows a batch looks up get a gradient and an update.
const centre = new nn.Embedding(20_000, 32, { sparse: true, generator });
const context = new nn.Embedding(20_000, 32, { sparse: true, generator });
const sparseAdam = new optim.SparseAdam([centre.weight, context.weight], { lr: 0.01 });
const words = (count: number) =>
  tensor(
    Array.from({ length: count }, () => generator.integer(20_000)),
    { dtype: "int32" },
  );
sparseAdam.zeroGrad();
const [a, b] = [words(64), words(64)];
const scores = centre.forward(a).mul(context.forward(b)).sum(-1);
nn.binaryCrossEntropyWithLogits(
  scores,
  rand([64], { generator }).gt(0.5).astype("float32"),
).backward();
const touched = centre.weight.sparseGrad!.coalesce().indices.length;
sparseAdam.step();
console.log(
  `skip-gram: ${touched} of 20000 rows have a gradient; weight.grad is ${centre.weight.grad}`,
);
