// Smoke test: examples/word-embeddings.ts trains skip-gram on a slice of Brown and lists neighbours by cosine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("examples/word-embeddings.ts: the loss falls; neighbours come in descending cosine order", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "examples/word-embeddings.ts"], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const losses = [...run.stdout.matchAll(/mean loss (\d\.\d+)/g)].map((m) => Number(m[1]));
  // from 6·ln 2 ≈ 4.16 (all scores 0 at the start) down, and further down in epoch 2
  assert.ok(losses.length === 2 && losses[0]! < 4.16 && losses[1]! < losses[0]!, run.stdout);
  for (const word of ["said", "president", "water"]) {
    const line = new RegExp(`^${word}: (.+)$`, "m").exec(run.stdout)?.[1] ?? "";
    const cosines = line.split(", ").map((entry) => Number(entry.split(" ")[1]));
    assert.equal(cosines.length, 6, line);
    assert.ok(
      cosines.every((c, i) => c <= 1 && (i === 0 || c <= cosines[i - 1]!)),
      line,
    );
    assert.ok(!line.split(", ").some((entry) => entry.startsWith(`${word} `)), line);
  }
  assert.match(run.stdout, /said: .*told/); // the nearest verb of speaking, seeded run
});
