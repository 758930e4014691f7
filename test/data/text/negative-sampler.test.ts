// The noise distribution: P(i) ∝ count^0.75, drawn by the alias method; zero counts never drawn.
import { test } from "node:test";
import assert from "node:assert/strict";
import { NegativeSampler } from "../../../src/data/text/negative-sampler.js";
import { Generator } from "../../../src/tensor/random.js";

/** Draw frequencies within 4.5 standard deviations of the probabilities. */
function assertDrawsFollow(
  sampler: NegativeSampler,
  expected: number[],
  draws: number,
  seed: number,
): void {
  const counts = new Array<number>(expected.length).fill(0);
  for (const id of sampler.sample(draws, new Generator(seed))) counts[id]!++;
  expected.forEach((p, id) => {
    const spread = 4.5 * Math.sqrt(draws * p * (1 - p));
    assert.ok(
      Math.abs(counts[id]! - draws * p) <= spread,
      `id ${id}: ${counts[id]} draws, expected ${draws * p}`,
    );
    if (p === 0) assert.equal(counts[id], 0);
  });
}

test("16, 81, 0, 1 occurrences give probabilities 8/36, 27/36, 0, 1/36 (count^0.75)", () => {
  const sampler = new NegativeSampler([16, 81, 0, 1]);
  const expected = [8 / 36, 27 / 36, 0, 1 / 36];
  sampler.probabilities.forEach((p, i) => assert.ok(Math.abs(p - expected[i]!) < 1e-12));
  assertDrawsFollow(sampler, expected, 200_000, 1);
});

test("power 1 draws in proportion to the counts, over many ids", () => {
  const counts = Array.from({ length: 50 }, (_, i) => (i % 7) * 3 + (i % 3));
  const total = counts.reduce((a, b) => a + b, 0);
  const sampler = new NegativeSampler(counts, { power: 1 });
  assertDrawsFollow(
    sampler,
    counts.map((c) => c / total),
    300_000,
    2,
  );
  assert.deepEqual(sampler.sample(8, new Generator(4)), sampler.sample(8, new Generator(4)));
});

test("bad counts are named", () => {
  assert.throws(() => new NegativeSampler([0, 0]), /NegativeSampler: no id has a positive count/);
  assert.throws(() => new NegativeSampler([1, -1]), /count 1 must be finite and ≥ 0, got -1/);
  assert.throws(() => new NegativeSampler([1, NaN]), /count 1 must be finite/);
  assert.throws(() => new NegativeSampler([1]).sample(-1), /count must be a non-negative integer/);
});
