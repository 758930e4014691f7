// Cosine nearest neighbours over a hand-made table.
import { test } from "node:test";
import assert from "node:assert/strict";
import { data } from "../../../src/index.js";
import { nearestNeighbours } from "../../../src/cli/commands/embed-saved.js";

const vocabulary = new data.WordVocabulary(["north", "south", "east", "zero"], { lowercase: true });
// rows: <pad>, <unk>, north, south, east, zero
const vectors = Float32Array.from([9, 9, 9, 9, 1, 0, -1, 0, 0.6, 0.8, 0, 0]);
const saved = { vectors, dim: 2, vocabulary };

test("neighbours by cosine, best first, without the word itself, <pad> or <unk>", () => {
  const found = nearestNeighbours(saved, "North", 3);
  assert.deepEqual(
    found.map((n) => n.word),
    ["east", "zero", "south"],
  );
  assert.ok(Math.abs(found[0]!.cosine - 0.6) < 1e-6);
  assert.equal(found[1]!.cosine, 0); // a zero vector has cosine 0, not NaN
  assert.ok(Math.abs(found[2]!.cosine + 1) < 1e-6);
  assert.equal(nearestNeighbours(saved, "east", 1)[0]!.word, "north");
});

test("a word outside the vocabulary is one clear error", () => {
  assert.throws(
    () => nearestNeighbours(saved, "west", 3),
    /^Error: "west" is not in the embeddings' vocabulary \(4 words\)$/,
  );
  assert.throws(() => nearestNeighbours(saved, "<pad>", 3), /"<pad>" is not in/);
});
