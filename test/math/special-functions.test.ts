// erf and erfc to a few ulps of glibc's (a committed fixture from Python's math module), their
// symmetries and limits, and IEEE pow where JavaScript's ** differs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { erf, erfc, ieeePow, sigmoid } from "../../src/math/special-functions.js";

const rows = JSON.parse(readFileSync(new URL("./fixtures/erf.json", import.meta.url), "utf8")) as [
  number,
  number,
  number,
][];

const relative = (actual: number, expected: number): number =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);

test("erf within 4e-16 and erfc within 1e-15 of glibc (relative, normal numbers)", () => {
  let worstErf = 0;
  let worstErfc = 0;
  for (const [x, expectedErf, expectedErfc] of rows) {
    worstErf = Math.max(worstErf, relative(erf(x), expectedErf));
    if (expectedErfc > 1e-300) worstErfc = Math.max(worstErfc, relative(erfc(x), expectedErfc));
  }
  assert.ok(worstErf < 4e-16, `erf: ${worstErf}`);
  assert.ok(worstErfc < 1e-15, `erfc: ${worstErfc}`);
});

test("erf is odd, erf + erfc = 1, limits and NaN", () => {
  fc.assert(
    fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
      assert.equal(erf(-x), -erf(x));
      assert.ok(Math.abs(erf(x) + erfc(x) - 1) < 4e-16);
    }),
    { seed: 42, numRuns: 500 },
  );
  assert.deepEqual(
    [erf(Infinity), erf(-Infinity), erfc(Infinity), erfc(-Infinity), erf(0)],
    [1, -1, 0, 2, 0],
  );
  assert.ok(Number.isNaN(erf(NaN)) && Number.isNaN(erfc(NaN)));
});

test("ieeePow: 1ʸ = 1 and (−1)^±∞ = 1 where ** gives NaN; elsewhere Math.pow", () => {
  fc.assert(
    fc.property(fc.double(), fc.double(), (a, b) => {
      assert.equal(ieeePow(1, b), 1);
      if (a !== 1 && !(a === -1 && Math.abs(b) === Infinity))
        assert.ok(Object.is(ieeePow(a, b), Math.pow(a, b)));
    }),
    { seed: 42, numRuns: 500 },
  );
  assert.deepEqual([ieeePow(-1, Infinity), ieeePow(-1, -Infinity), ieeePow(NaN, 0)], [1, 1, 1]);
});

test("sigmoid is finite and symmetric for every finite input", () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const [s, t] = [sigmoid(x), sigmoid(-x)];
      assert.ok(s >= 0 && s <= 1 && Math.abs(s + t - 1) < 1e-15);
    }),
    { seed: 42, numRuns: 500 },
  );
});
