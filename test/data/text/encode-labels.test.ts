// Labels to ids by position in a class list; unknown labels are named.
import { test } from "node:test";
import assert from "node:assert/strict";
import { UNIVERSAL_TAGS } from "../../../src/data/datasets/brown-tags.js";
import { encodeLabels } from "../../../src/data/text/encode-labels.js";

test("ids are positions in the class list", () => {
  assert.deepEqual(Array.from(encodeLabels(["DET", "NOUN", "."], UNIVERSAL_TAGS)), [5, 0, 10]);
  assert.throws(
    () => encodeLabels(["NOUN", "nn"], UNIVERSAL_TAGS),
    /encodeLabels: label "nn" at position 1 is not one of the 12 classes/,
  );
});
