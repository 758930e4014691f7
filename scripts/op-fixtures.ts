// Writes test/ops/fixtures/pytorch-elementwise.json: every elementwise row's values and gradients from
// PyTorch (float64) at edge values (0, −0, ±1e-30, ±1e4, ±1000, NaN, ±∞ …), the oracle of
// test/ops/pytorch-agreement.test.ts. Run: GRADUS_TORCH_PYTHON=/path/to/python npm run fixtures
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { elementwiseOps } from "../src/ops/families.js";
import { encodeNumbers, fixtureInputs } from "../test/ops/fixtures/edge-inputs.js";

const python = process.env.GRADUS_TORCH_PYTHON ?? "python3";
const script = fileURLToPath(new URL("./op-fixtures.py", import.meta.url));
const output = fileURLToPath(
  new URL("../test/ops/fixtures/pytorch-elementwise.json", import.meta.url),
);

const requests = Object.entries(elementwiseOps).flatMap(([name, row]) =>
  row.torch === undefined ? [] : [{ name, torch: row.torch, inputs: fixtureInputs(row.torch) }],
);
const run = spawnSync(python, [script], {
  input: JSON.stringify(requests.map((r) => ({ ...r, inputs: r.inputs.map(encodeNumbers) }))),
  encoding: "utf8",
  maxBuffer: 1 << 28,
});
if (run.status !== 0) {
  console.error(
    `op-fixtures: ${python} failed (${run.stderr.trim().split("\n").at(-1) ?? run.status}); set GRADUS_TORCH_PYTHON to a python with torch`,
  );
  process.exit(1);
}
writeFileSync(output, run.stdout);
console.log(`op-fixtures: ${requests.length} ops → ${output}`);
