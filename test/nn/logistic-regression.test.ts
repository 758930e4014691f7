// LogisticRegression and SoftmaxRegression take sparse CSR rows in forward: the same logits and
// gradients as the dense rows, without densifying (the CLI trains TF-IDF features through forward).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { nn, randn, Generator, type Tensor } from "../../src/index.js";
import { csrArb } from "../support/sparse-arbitraries.js";

const close = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).every((value, i) => Math.abs(value - b[i]!) <= 1e-12 * (1 + Math.abs(b[i]!)));

test("forward(csr) equals forward(dense) in value and in every parameter's gradient", () => {
  fc.assert(
    fc.property(
      csrArb({ maxRows: 6, maxCols: 7 }),
      fc.integer({ min: 2, max: 4 }),
      (rows, classes) => {
        const features = rows.cols;
        for (const make of [
          () => new nn.LogisticRegression(features, { dtype: "float64" }),
          () => new nn.SoftmaxRegression(features, classes, { dtype: "float64" }),
        ]) {
          const [sparse, dense] = [make(), make()];
          const values = sparse
            .parameters()
            .map((p) => randn(p.shape, { dtype: "float64", generator: new Generator(p.size) }));
          for (const model of [sparse, dense])
            model.parameters().forEach((p, i) => p.data.set(values[i]!.dataSync()));
          const outputs: Tensor[] = [sparse.forward(rows), dense.forward(rows.toDense())];
          assert.ok(close(outputs[0]!.dataSync(), outputs[1]!.dataSync()));
          const weights = randn(outputs[0]!.shape, {
            dtype: "float64",
            generator: new Generator(1),
          });
          outputs.forEach((output) => output.mul(weights).sum().backward());
          sparse
            .parameters()
            .forEach((p, i) =>
              assert.ok(close(p.grad!.dataSync(), dense.parameters()[i]!.grad!.dataSync())),
            );
        }
      },
    ),
    { seed: 17, numRuns: 100 },
  );
});

test("sparse rows of the wrong width are a ShapeError naming the model", () => {
  const model = new nn.SoftmaxRegression(3, 2);
  const rows = randn([2, 4]);
  assert.throws(
    () => model.forward(rows),
    /SoftmaxRegression: expected input \[samples, 3\], got \[2, 4\]/,
  );
});
