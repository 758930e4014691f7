// The lower native GEMM paths (AVX2+FMA, portable) agree with js too: each runs in a child process
// with GRADUS_NATIVE_ISA capping the runtime dispatch. Skipped when the addon is not built.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { addonPath } from "../../src/backend/native/load.js";

const source = (path: string): string =>
  JSON.stringify(fileURLToPath(new URL(`../../src/backend/${path}`, import.meta.url)));

const SCRIPT = `
const { registerNativeBackend } = await import(${source("native/index.ts")});
const { backendByName } = await import(${source("registry.ts")});
const { jsBackend } = await import(${source("js/index.ts")});
const status = registerNativeBackend();
const native = backendByName("native");
let worst = 0;
for (const [F, m, k, n, transposed] of [[Float32Array, 67, 129, 101, false], [Float64Array, 33, 300, 50, true], [Float32Array, 1, 7, 1023, true], [Float32Array, 300, 129, 1, false], [Float64Array, 200, 65, 1, true]]) {
  const a = F.from({ length: m * k }, (_, i) => Math.sin(i)), b = F.from({ length: k * n }, (_, i) => Math.cos(i));
  const A = { data: a, shape: [1, m, k], strides: transposed ? [0, 1, m] : [0, k, 1], offset: 0 };
  const B = { data: b, shape: [1, k, n], strides: [0, n, 1], offset: 0 };
  const expected = new F(m * n), actual = new F(m * n);
  jsBackend.matmul({ a: A, b: B, out: expected });
  native.matmul({ a: A, b: B, out: actual });
  for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / k);
}
console.log(JSON.stringify({ isa: status.isa, worst }));
`;

for (const isa of ["avx2", "generic"]) {
  test(
    `native matmul with GRADUS_NATIVE_ISA=${isa} matches js`,
    { skip: !existsSync(addonPath()) },
    () => {
      const result = spawnSync(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", SCRIPT],
        { env: { ...process.env, GRADUS_NATIVE_ISA: isa }, encoding: "utf8" },
      );
      assert.equal(result.status, 0, result.stderr);
      const { isa: chosen, worst } = JSON.parse(result.stdout) as { isa: string; worst: number };
      assert.ok(chosen === isa || chosen === "generic", `dispatch chose ${chosen}`);
      assert.ok(worst < 1e-6, `largest error per term ${worst}`);
    },
  );
}
