// Bag of words and TF-IDF against values computed by hand (scikit-learn's smooth idf and l2 norm).
import { test } from "node:test";
import assert from "node:assert/strict";
import { bagOfWords, CountVectorizer } from "../../../src/data/text/count-vectorizer.js";
import {
  inverseDocumentFrequency,
  tfidf,
  TfidfVectorizer,
} from "../../../src/data/text/tfidf-vectorizer.js";
import { Vocabulary } from "../../../src/data/text/vocabulary.js";

const texts = ["apple banana apple", "banana cherry", "cherry cherry cherry"];
// Vocabulary by count: cherry (4), apple (2), banana (2, after apple). n = 3 documents;
// df = [2, 1, 2] → smooth idf = ln(4/3) + 1 = 1.28768…, ln(4/2) + 1 = 1.69314…, 1.28768…
const IDF = [1.2876820724517808, 1.6931471805599454, 1.2876820724517808];

const assertRows = (actual: number[][], expected: number[][], tolerance: number): void =>
  expected.forEach((row, i) =>
    row.forEach((value, j) =>
      assert.ok(
        Math.abs(actual[i]![j]! - value) <= tolerance,
        `[${i}, ${j}]: ${actual[i]![j]} vs ${value}`,
      ),
    ),
  );

test("bag of words counts tokens over the vocabulary", () => {
  const counts = new CountVectorizer({ dtype: "float64" }).fitTransform(texts);
  assert.deepEqual(counts.toDense().toArray(), [
    [0, 2, 1],
    [1, 0, 1],
    [3, 0, 0],
  ]);
  const binary = bagOfWords([["b", "a", "b", "zzz"]], new Vocabulary(["a", "b"]), { binary: true });
  assert.deepEqual(binary.toDense().toArray(), [[1, 1]]);
  assert.throws(() => new CountVectorizer().transform(texts), {
    message: "CountVectorizer: call fit (or fitTransform) before transform",
  });
});

test("smooth and plain idf by hand", () => {
  const counts = new CountVectorizer().fitTransform(texts);
  assertRows([[...inverseDocumentFrequency(counts)]], [IDF], 1e-15);
  // ln(3/2) + 1 and ln(3/1) + 1
  assertRows(
    [[...inverseDocumentFrequency(counts, false)]],
    [[1.4054651081081644, 2.09861228866811, 1.4054651081081644]],
    1e-15,
  );
});

test("TF-IDF rows: tf·idf, l2-normalised", () => {
  const { features, vectorizer } = tfidf(texts, { dtype: "float64" });
  assert.deepEqual(vectorizer.vocabulary!.tokens, ["cherry", "apple", "banana"]);
  // row 0: [0, 2·1.69315, 1·1.28768] / ‖·‖ ; row 1: equal weights → 1/√2 each; row 2: one term → 1
  assertRows(
    features.toDense().toArray() as number[][],
    [
      [0, 0.9347019636214327, 0.35543246785041743],
      [0.7071067811865476, 0, 0.7071067811865476],
      [1, 0, 0],
    ],
    1e-15,
  );
  const sublinear = new TfidfVectorizer({ sublinearTf: true, dtype: "float64" }).fitTransform(
    texts,
  );
  // row 0 with tf = 1 + ln 2 for apple
  assertRows(
    sublinear.toDense().toArray() as number[][],
    [[0, 0.9122016295971542, 0.4097416099937816]],
    1e-15,
  );
  const raw = new TfidfVectorizer({ norm: "none", dtype: "float64" }).fitTransform(texts);
  assertRows(raw.toDense().toArray() as number[][], [[0, 2 * IDF[1]!, IDF[2]!]], 1e-15);
});

test("transform ignores unseen words; float32 by default; JSON round trip gives the same rows", () => {
  const vectorizer = new TfidfVectorizer({ stopWords: new Set(["banana"]) }).fit(texts);
  const rows = vectorizer.transform(["cherry kiwi", "kiwi", "banana"]);
  assert.equal(rows.dtype, "float32");
  assert.deepEqual(rows.toDense().toArray(), [
    [1, 0],
    [0, 0],
    [0, 0],
  ]);
  const saved = JSON.parse(JSON.stringify(vectorizer)) as unknown;
  assert.deepEqual((saved as { options: { stopWords: string[] } }).options.stopWords, ["banana"]);
  const restored = TfidfVectorizer.fromJSON(saved);
  const probe = ["apple cherry apple", "cherry banana"];
  assert.deepEqual(
    restored.transform(probe).toDense().toArray(),
    vectorizer.transform(probe).toDense().toArray(),
  );
  assert.throws(() => TfidfVectorizer.fromJSON({ tokens: ["a"], idf: [] }), {
    message: "TfidfVectorizer.fromJSON: expected idf with 1 numbers",
  });
});
