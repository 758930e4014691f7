// The one rule from scores to classes (predictedClasses, used by accuracy and the CLI) and the
// classification report, against counts written out directly.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { optim, tensor } from "../../src/index.js";

const labelsArb = (classes: number, n: number) =>
  fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: n, maxLength: n });

test("classificationReport: accuracy, and precision/recall/F1 (class 1, or macro) from the counts", () => {
  fc.assert(
    fc.property(
      fc
        .integer({ min: 2, max: 4 })
        .chain((c) =>
          fc
            .integer({ min: 1, max: 30 })
            .chain((n) => fc.tuple(fc.constant(c), labelsArb(c, n), labelsArb(c, n))),
        ),
      ([classes, predicted, labels]) => {
        const report = optim.classificationReport(predicted, labels, classes);
        const n = labels.length;
        assert.equal(report.samples, n);
        assert.equal(report.accuracy, predicted.filter((p, i) => p === labels[i]).length / n);
        const scored = classes === 2 ? [1] : [...Array(classes).keys()];
        const per = scored.map((c) => {
          const tp = predicted.filter((p, i) => p === c && labels[i] === c).length;
          const pp = predicted.filter((p) => p === c).length;
          const ap = labels.filter((l) => l === c).length;
          const [precision, recall] = [pp === 0 ? 0 : tp / pp, ap === 0 ? 0 : tp / ap];
          return [
            precision,
            recall,
            precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
          ];
        });
        [report.precision, report.recall, report.f1].forEach((value, k) => {
          const mean = per.reduce((sum, row) => sum + row[k]!, 0) / per.length;
          assert.ok(Math.abs(value - mean) < 1e-12);
        });
      },
    ),
    { seed: 18, numRuns: 200 },
  );
});

test("predictedClasses: logit > 0 for [S], argmax over the class axis 1 otherwise (first on ties)", () => {
  assert.deepEqual(optim.predictedClasses(tensor([2, -1, 0])).toArray(), [1, 0, 0]);
  assert.deepEqual(
    optim
      .predictedClasses(
        tensor([
          [0, 5, 5],
          [3, 1, 2],
        ]),
      )
      .toArray(),
    [1, 0],
  );
  // [N, C, d]: classes on axis 1, as nn.crossEntropy has them
  assert.deepEqual(
    optim
      .predictedClasses(
        tensor([
          [
            [0, 9],
            [1, 2],
          ],
        ]),
      )
      .toArray(),
    [[1, 0]],
  );
  assert.equal(
    optim.accuracy(
      tensor([
        [
          [0, 9],
          [1, 2],
        ],
      ]),
      tensor([[1, 1]], { dtype: "int32" }),
    ),
    0.5,
  );
  assert.match(
    optim.formatReport(optim.classificationReport([1, 0], [1, 1], 2)),
    /^accuracy 0\.5000 {2}precision 1\.0000 {2}recall 0\.5000 {2}F1 0\.6667 {2}\(n = 2\)$/,
  );
});
