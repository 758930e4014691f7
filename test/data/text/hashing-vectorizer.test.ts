// The hashing trick: MurmurHash3 reference vectors, columns and signs, normalisation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { HashingVectorizer } from "../../../src/data/text/hashing-vectorizer.js";
import { murmur3 } from "../../../src/data/text/murmur3.js";

test("murmur3 matches the reference MurmurHash3_x86_32 vectors", () => {
  const vectors: [string, number, number][] = [
    ["", 0, 0],
    ["", 1, 0x514e28b7],
    ["", 0xffffffff, 0x81f16f39],
    ["\0\0\0\0", 0, 0x2362f9de],
    ["a", 0x9747b28c, 0x7fa09ea6],
    ["aa", 0x9747b28c, 0x5d211726],
    ["aaa", 0x9747b28c, 0x283e0130],
    ["aaaa", 0x9747b28c, 0x5a97808a],
    ["abc", 0, 0xb3dd93fa],
    ["hello", 0, 0x248bfa47],
    ["Hello, world!", 0x9747b28c, 0x24884cba],
    ["ππππππππ", 0x9747b28c, 0xd58063c1],
    ["The quick brown fox jumps over the lazy dog", 0x9747b28c, 0x2fa826cd],
  ];
  for (const [text, seed, expected] of vectors) assert.equal(murmur3(text, seed), expected, text);
});

test("columns are |h| mod numFeatures with the sign of h as an int32", () => {
  const vectorizer = new HashingVectorizer({ numFeatures: 1000, norm: "none", minLength: 1 });
  // murmur3("abc") = 0xb3dd93fa = −1277324294 as int32 → column 1277324294 mod 1000 = 294, sign −1
  assert.deepEqual(vectorizer.columnOf("abc"), { column: 294, sign: -1 });
  // murmur3("hello") = 613153351 → column 351, sign +1
  assert.deepEqual(vectorizer.columnOf("hello"), { column: 351, sign: 1 });
  const row = vectorizer.transform(["hello abc hello"]);
  assert.deepEqual([...row.indices], [294, 351]);
  assert.deepEqual([...row.values], [-1, 2]);
  const unsigned = new HashingVectorizer({ numFeatures: 1000, norm: "none", signed: false });
  assert.deepEqual([...unsigned.transform(["hello abc hello"]).values], [1, 2]);
});

test("rows are l2-normalised by default and the default width is 2²⁰", () => {
  const vectorizer = new HashingVectorizer();
  const rows = vectorizer.transform(["hello abc hello", ""]);
  assert.deepEqual(rows.shape, [2, 2 ** 20]);
  const values = [...rows.values];
  assert.ok(Math.abs(Math.hypot(...values) - 1) < 1e-6);
  assert.deepEqual([...rows.indptr], [0, 2, 2]);
  assert.throws(() => new HashingVectorizer({ numFeatures: 0 }), RangeError);
});
