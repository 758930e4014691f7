// Matmul's backward lays each gradient out like its input: a leaf seen through a transposed view
// (Linear's x·Wᵀ) gets a contiguous gradient, with the values of the plain formulas, on every backend.
import assert from "node:assert/strict";
import { test } from "node:test";
import { getBackend, setBackend, tensor, type BackendName, type Tensor } from "../../src/index.js";
import { assertClose, BACKENDS, seeded } from "./support.js";

function leaf(random: () => number, shape: number[]): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tensor(
    Array.from({ length: size }, () => 2 * random() - 1),
    { dtype: "float64", requiresGrad: true },
  )
    .reshape(shape)
    .detach()
    .requiresGrad_();
}

/** Σᵢⱼ r[i,j]·(a·b)[i,j] over 2-D a [m,k], b [k,n] given as plain row-major arrays: ∂/∂a and ∂/∂b. */
function expectedGradients(
  a: Float64Array,
  b: Float64Array,
  r: Float64Array,
  [m, k, n]: [number, number, number],
): [Float64Array, Float64Array] {
  const da = new Float64Array(m * k);
  const db = new Float64Array(k * n);
  for (let i = 0; i < m; i++)
    for (let p = 0; p < k; p++)
      for (let j = 0; j < n; j++) {
        da[i * k + p]! += r[i * n + j]! * b[p * n + j]!;
        db[p * n + j]! += r[i * n + j]! * a[i * k + p]!;
      }
  return [da, db];
}

const isContiguous = (x: Tensor): boolean =>
  x.strides.every((stride, axis) => stride === x.shape.slice(axis + 1).reduce((p, e) => p * e, 1));

for (const backend of BACKENDS) {
  test(`${backend.name}: gradients through transposed matmul operands are right and contiguous`, () => {
    const previous = getBackend() as BackendName;
    setBackend(backend.name as BackendName);
    try {
      const random = seeded(3);
      const [m, k, n] = [33, 70, 41];
      const x = leaf(random, [m, k]);
      const w = leaf(random, [n, k]); // used as wᵀ, like Linear's weight
      const at = leaf(random, [k, m]); // used as atᵀ on the left
      const r = Float64Array.from({ length: m * n }, () => 2 * random() - 1);
      const weights = tensor(r, { dtype: "float64" }).reshape([m, n]);
      x.matmul(w.transpose()).mul(weights).sum().backward();
      at.transpose().matmul(w.transpose()).mul(weights).sum().backward();
      const wt = Float64Array.from(w.transpose().dataSync());
      const [dx, dwt] = expectedGradients(Float64Array.from(x.dataSync()), wt, r, [m, k, n]);
      const atT = Float64Array.from(at.transpose().dataSync());
      const [dat, dwt2] = expectedGradients(atT, wt, r, [m, k, n]);
      const transpose = (values: Float64Array, rows: number, cols: number): Float64Array =>
        Float64Array.from(
          { length: values.length },
          (_, i) => values[(i % rows) * cols + Math.floor(i / rows)]!,
        );
      assertClose(x.grad!.dataSync(), dx, 1e-12, 1e-12, "∂/∂x");
      const dw = transpose(dwt, k, n).map((value, i) => value + transpose(dwt2, k, n)[i]!);
      assertClose(w.grad!.dataSync(), dw, 1e-12, 1e-12, "∂/∂w (two uses)");
      assertClose(at.grad!.dataSync(), transpose(dat, m, k), 1e-12, 1e-12, "∂/∂at");
      for (const [name, g] of [
        ["w", w.grad!],
        ["at", at.grad!],
      ] as const)
        assert.ok(
          isContiguous(g),
          `${name}.grad strides ${g.strides.join(",")} are not contiguous`,
        );
    } finally {
      setBackend(previous);
    }
  });
}
