// Smoke test: examples/pos-tagger.ts trains on 2,000 Brown sentences and beats the baseline on 400 test ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("examples/pos-tagger.ts: the loss falls and the BiLSTM beats the most-frequent-tag baseline", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "examples/pos-tagger.ts"], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const losses = [...run.stdout.matchAll(/mean loss (\d\.\d+)/g)].map((m) => Number(m[1]));
  assert.equal(losses.length, 2, run.stdout);
  assert.ok(losses[1]! < losses[0]! / 2, run.stdout);
  const [, words, tagger, baseline] =
    /test: (\d+) words, BiLSTM ([\d.]+) %, most frequent tag ([\d.]+) %/.exec(run.stdout) ?? [];
  assert.ok(Number(words) > 8000, run.stdout);
  assert.ok(Number(tagger) > Number(baseline) && Number(baseline) > 85, run.stdout);
});
