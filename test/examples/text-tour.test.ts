// The README's text tour (examples/text-tour.ts) runs as written and prints the numbers the README quotes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("examples/text-tour.ts runs and prints the tour's results", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "examples/text-tour.ts"], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(
    run.stdout,
    /Brown: train 46175 sentences \/ 929728 words, validation 5523 \/ 115661, test 5642 \/ 115803/,
  );
  assert.match(run.stdout, /BPE: 4000 tokens trained in [\d.]+ s; test text 3\.52 chars\/token/);
  assert.match(run.stdout, /round trip: true/);
  assert.match(run.stdout, /most-frequent-tag baseline: 94\.34 % \(unseen words 70\.9 %\)/);
  assert.match(run.stdout, /vocabulary 26697 words; tagger batch \[32,\d+\], mask sum \d+/);
  assert.match(run.stdout, /language model: 672 batches of \[16,129\]/);
  assert.match(
    run.stdout,
    /skip-gram: centres \[1024\], negatives \[1024,5\]; P_keep\("the"\) = 0\.152/,
  );
});
