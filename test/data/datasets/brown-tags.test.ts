// Brown tags to universal tags: suffixes, contractions, foreign words, negation and possessives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { brownToUniversal, UNIVERSAL_TAGS } from "../../../src/data/datasets/brown-tags.js";

test("the twelve universal tags", () => {
  assert.equal(UNIVERSAL_TAGS.length, 12);
  assert.equal(new Set(UNIVERSAL_TAGS).size, 12);
});

test("each rule on examples from the corpus", () => {
  const cases: [string, string][] = [
    ["nn", "NOUN"],
    ["nns$", "NOUN"],
    ["np-tl", "NOUN"],
    ["nn-tl-hl", "NOUN"],
    ["nr", "NOUN"],
    ["vbd", "VERB"],
    ["bedz*", "VERB"],
    ["md*", "VERB"],
    ["hvz", "VERB"],
    ["do*-hl", "VERB"],
    ["jjt", "ADJ"],
    ["od", "ADJ"],
    ["ap", "ADJ"],
    ["rb", "ADV"],
    ["ql", "ADV"],
    ["*", "ADV"],
    ["*-hl", "ADV"],
    ["wrb+bez", "ADV"],
    ["pp$", "PRON"],
    ["pp$$", "PRON"],
    ["ppss+md", "PRON"],
    ["wps", "PRON"],
    ["pn$", "PRON"],
    ["at", "DET"],
    ["abn", "DET"],
    ["ex+bez", "DET"],
    ["wdt", "DET"],
    ["in", "ADP"],
    ["cs", "ADP"],
    ["cd-tl", "NUM"],
    ["cc", "CONJ"],
    ["to", "PRT"],
    ["rp", "PRT"],
    [".", "."],
    ["--", "."],
    ["---hl", "."],
    ["``", "."],
    ["''", "."],
    ["'", "."],
    ["(-hl", "."],
    ["fw-nn", "X"],
    ["fw-in+at-t", "X"],
    ["uh", "X"],
    ["nil", "X"],
    ["NN-TL", "NOUN"],
  ];
  for (const [tag, universal] of cases) assert.equal(brownToUniversal(tag), universal, tag);
  assert.throws(() => brownToUniversal("zz"), /brownToUniversal: unknown Brown tag "zz"/);
  assert.throws(() => brownToUniversal(""), /unknown Brown tag ""/);
});
