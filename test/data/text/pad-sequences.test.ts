// Padding variable-length sequences: ids, mask and lengths agree; bad input is named.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { padSequences } from "../../../src/data/text/pad-sequences.js";

test("pads at the end to the longest sequence, with a 1/0 mask", () => {
  const { padded, mask, lengths } = padSequences([[5, 6, 7], [8], []], { padValue: -1 });
  assert.equal(padded.dtype, "int32");
  assert.equal(mask.dtype, "float32");
  assert.deepEqual(padded.toArray(), [
    [5, 6, 7],
    [8, -1, -1],
    [-1, -1, -1],
  ]);
  assert.deepEqual(mask.toArray(), [
    [1, 1, 1],
    [1, 0, 0],
    [0, 0, 0],
  ]);
  assert.deepEqual(Array.from(lengths), [3, 1, 0]);
  assert.deepEqual(padSequences([Int32Array.of(1, 2, 3)], { maxLength: 2 }).padded.toArray(), [
    [1, 2],
  ]);
});

test("the mask sums to the lengths and the unpadded ids are the sequences", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 7 }), {
        minLength: 1,
        maxLength: 5,
      }),
      (sequences) => {
        const { padded, mask, lengths } = padSequences(sequences);
        const time = padded.shape[1]!;
        assert.equal(time, Math.max(...sequences.map((s) => s.length)));
        sequences.forEach((sequence, row) => {
          const ids = Array.from(padded.dataSync().subarray(row * time, (row + 1) * time));
          assert.deepEqual(ids.slice(0, lengths[row]), sequence);
          assert.ok(ids.slice(lengths[row]).every((id) => id === 0));
        });
        assert.equal(mask.sum().item(), sequences.flat().length);
      },
    ),
    { seed: 14, numRuns: 100 },
  );
});

test("bad input is named", () => {
  assert.throws(() => padSequences([]), /padSequences: no sequences to pad/);
  assert.throws(
    () => padSequences([[1, 2.5]]),
    /sequence 0 has 2.5 at position 1, not an int32 id/,
  );
  assert.throws(() => padSequences([[1]], { padValue: 0.5 }), /padValue must be an integer/);
  assert.throws(() => padSequences([[1]], { maxLength: 0 }), /maxLength must be ≥ 1/);
});
