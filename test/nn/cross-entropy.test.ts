// crossEntropy and nllLoss with PyTorch's shapes: classes on axis 1 for scores of rank ≥ 3, labels of
// the batch shape (int32, or floats holding integers); against PyTorch's values and a per-position reference.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { nn, tensor, type Tensor } from "../../src/index.js";
import { Tensor as TensorClass } from "../../src/tensor/tensor.js";
import { valuesArb } from "../support/arbitraries.js";
import { close, torchEdges } from "../support/torch-fixture.js";

interface TorchCase {
  shape: number[];
  kind: "labels" | "probabilities";
  reduction: "mean" | "sum" | "none";
  logits: number[];
  targets: number[];
  targetShape: number[];
  loss: number[];
  lossShape: number[];
  grad: number[];
}

const f64 = (values: readonly number[], shape: readonly number[]) =>
  new TensorClass(Float64Array.from(values), shape);

test("crossEntropy agrees with PyTorch for scores [C], [N, C], [N, C, d] and [N, C, d₁, d₂]", () => {
  const cases = torchEdges<TorchCase[]>("crossEntropy");
  assert.equal(cases.length, 24);
  for (const c of cases) {
    for (const labelDtype of c.kind === "labels" ? (["int32", "float32"] as const) : [null]) {
      const logits = f64(c.logits, c.shape).requiresGrad_();
      const targets =
        labelDtype === null
          ? f64(c.targets, c.targetShape)
          : f64(c.targets, c.targetShape).astype(labelDtype);
      const loss = nn.crossEntropy(logits, targets, { reduction: c.reduction });
      const name = `${c.kind} ${labelDtype ?? ""} [${c.shape}] ${c.reduction}`;
      assert.deepEqual(loss.shape, c.lossShape, name);
      loss.dataSync().forEach((value, i) => assert.ok(close(value, c.loss[i]!, 1e-12), name));
      const weights = tensor(
        Array.from({ length: loss.size }, (_, i) => i + 1),
        { dtype: "float64" },
      ).reshape(loss.shape);
      loss.mul(weights).sum().backward();
      logits
        .grad!.dataSync()
        .forEach((value, i) => assert.ok(close(value, c.grad[i]!, 1e-12), name));
    }
  }
});

/** Scores [N, C, d…] with labels and probabilities; the reference evaluates each position as [1, C]. */
const classAxisCase = fc
  .tuple(
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 4 }),
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 2 }),
  )
  .chain(([n, classes, rest]) => {
    const shape = [n, classes, ...rest];
    const positions = n * rest.reduce((a, b) => a * b, 1);
    return fc
      .tuple(
        valuesArb(positions * classes, { min: -20, max: 20 }),
        fc.array(fc.integer({ min: 0, max: classes - 1 }), {
          minLength: positions,
          maxLength: positions,
        }),
        valuesArb(positions * classes, { min: 0, max: 1 }),
        fc.constantFrom("mean", "sum", "none"),
      )
      .map(([z, labels, weights, reduction]) => ({
        shape,
        batch: [n, ...rest],
        logits: f64(z, shape),
        labels: new TensorClass(Int32Array.from(labels), [n, ...rest]),
        probabilities: f64(weights, shape),
        reduction: reduction as "mean" | "sum" | "none",
      }));
  });

/** The scores at batch position p (row-major over [N, d…]) as a [1, C] row. */
function rowAt(x: Tensor, p: number): Tensor {
  const [n, classes] = x.shape as [number, number];
  const inner = x.size / (n * classes);
  const values = Array.from({ length: classes }, (_, c) => {
    const [sample, position] = [Math.floor(p / inner), p % inner];
    return x.dataSync()[(sample * classes + c) * inner + position]!;
  });
  return f64(values, [1, classes]);
}

test("classes are axis 1: each position's loss is the [1, C] loss of its scores (labels and probabilities)", () => {
  fc.assert(
    fc.property(classAxisCase, ({ batch, logits, labels, probabilities, reduction }) => {
      const positions = batch.reduce((a, b) => a * b, 1);
      for (const kind of ["labels", "probabilities"] as const) {
        const expected = Array.from({ length: positions }, (_, p) => {
          const target =
            kind === "labels"
              ? new TensorClass(Int32Array.of(labels.dataSync()[p]!), [1])
              : rowAt(probabilities, p);
          return nn.crossEntropy(rowAt(logits, p), target, { reduction: "sum" }).item();
        });
        const targets = kind === "labels" ? labels : probabilities;
        const loss = nn.crossEntropy(logits, targets, { reduction });
        const total = expected.reduce((a, b) => a + b, 0);
        if (reduction === "none") {
          assert.deepEqual(loss.shape, batch);
          loss.dataSync().forEach((value, p) => assert.ok(close(value, expected[p]!, 1e-10)));
        } else {
          assert.ok(close(loss.item(), reduction === "sum" ? total : total / positions, 1e-10));
        }
      }
      const nll = nn.nllLoss(logits.logSoftmax(1), labels, { reduction });
      const ce = nn.crossEntropy(logits, labels, { reduction });
      nll.dataSync().forEach((value, i) => assert.ok(close(value, ce.dataSync()[i]!, 1e-10)));
    }),
    { seed: 9, numRuns: 150 },
  );
});

test("float labels holding integers are class labels; fractions and wrong shapes name the fix", () => {
  fc.assert(
    fc.property(classAxisCase, ({ logits, labels, reduction }) => {
      const asFloat = labels.astype("float32");
      const expected = nn.crossEntropy(logits, labels, { reduction }).dataSync();
      const actual = nn.crossEntropy(logits, asFloat, { reduction }).dataSync();
      assert.deepEqual([...actual], [...expected]);
      const shifted = asFloat.add(0.5);
      assert.throws(
        () => nn.crossEntropy(logits, shifted),
        /crossEntropy: label .* is not a class index; labels must be integers \(best as int32/,
      );
    }),
    { seed: 9, numRuns: 100 },
  );
  const logits = f64([1, 2, 3, 4, 5, 6], [2, 3]);
  assert.ok(
    close(
      nn.crossEntropy(logits, tensor([0, 1])).item(),
      nn.crossEntropy(logits, tensor([0, 1], { dtype: "int32" })).item(),
    ),
  );
  assert.throws(
    () => nn.crossEntropy(logits, tensor([[0.5, 0.5]])),
    /targets shape \[1, 2\] fits neither the logits shape \[2, 3\] \(probabilities\) nor the batch shape \[2\] \(class labels\)/,
  );
  assert.throws(
    () => nn.crossEntropy(logits, tensor([0, 3])),
    /label 3 at position 1 is out of range for 3 classes/,
  );
});
