// The lecture's matrix example (§4, §5): autodiff gradient and Hessian of logistic regression equal
// the closed forms, computed here with plain loops over Float64Arrays (independent of the library).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, grad, hessian, tensor, valueAndGrad, type Tensor } from "../../src/index.js";

const S = 40;
const n = 5;
const generator = new Generator(2024);
const xData = Float64Array.from({ length: S * n }, () => generator.normal());
const yData = Float64Array.from({ length: S }, () => (generator.uniform() < 0.5 ? 1 : 0));
const wData = Float64Array.from({ length: n }, () => generator.normal() * 0.5);
const bValue = 0.3;

const X = xData;
const f64 = (values: Float64Array | number, shape?: number[]): Tensor => {
  const t = tensor(values, { dtype: "float64" });
  return shape ? t.reshape(shape) : t;
};
const xTensor = f64(X, [S, n]);
const yTensor = f64(yData);

/** h(w, b) = −(1/S) Σ [yᵢ log σ(tᵢ) + (1 − yᵢ) log(1 − σ(tᵢ))], t = Xw + b, as written in the lecture. */
const h = (w: Tensor, b: Tensor): Tensor => {
  const sigma = xTensor.matmul(w).add(b).sigmoid();
  const logLikelihood = yTensor
    .mul(sigma.log())
    .add(yTensor.neg().add(1).mul(sigma.neg().add(1).log()));
  return logLikelihood.mean().neg();
};

/** The same loss in the stable form mean(log(1 + eᵗ) − y·t), on a packed θ = [w; b] with X̃ = [X | 1]. */
const augmented = f64(
  Float64Array.from({ length: S * (n + 1) }, (_, k) => {
    const [row, col] = [Math.floor(k / (n + 1)), k % (n + 1)];
    return col === n ? 1 : X[row * n + col]!;
  }),
  [S, n + 1],
);
const hPacked = (theta: Tensor): Tensor => {
  const t = augmented.matmul(theta);
  return t.exp().add(1).log().sub(yTensor.mul(t)).mean();
};

/** σ(Xᵢw + b) for every sample, with plain loops. */
function sigmas(): Float64Array {
  return Float64Array.from({ length: S }, (_, i) => {
    let t = bValue;
    for (let j = 0; j < n; j++) t += X[i * n + j]! * wData[j]!;
    return 1 / (1 + Math.exp(-t));
  });
}

const assertClose = (actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-12) => {
  assert.equal(actual.length, expected.length);
  for (let k = 0; k < expected.length; k++) {
    assert.ok(
      Math.abs(actual[k]! - expected[k]!) <= tolerance,
      `[${k}] ${actual[k]} vs ${expected[k]}`,
    );
  }
};

test("∂h/∂w = −(1/S) Σ (yᵢ − σ(Xᵢw + b)) Xᵢ and ∂h/∂b = −(1/S) Σ (yᵢ − σ(Xᵢw + b))", () => {
  const sigma = sigmas();
  const dw = new Float64Array(n);
  let db = 0;
  let loss = 0;
  for (let i = 0; i < S; i++) {
    const residual = yData[i]! - sigma[i]!;
    for (let j = 0; j < n; j++) dw[j]! -= (residual * X[i * n + j]!) / S;
    db -= residual / S;
    loss -= (yData[i]! * Math.log(sigma[i]!) + (1 - yData[i]!) * Math.log(1 - sigma[i]!)) / S;
  }
  const [value, [gw, gb]] = valueAndGrad(h, [0, 1])(f64(wData), f64(bValue));
  assert.ok(Math.abs(value.item() - loss) < 1e-12);
  assertClose(gw!.dataSync(), dw);
  assertClose([gb!.item()], [db]);
  // the stable packed form gives the same gradient
  const packed = Float64Array.from([...wData, bValue]);
  assertClose(grad(hPacked)(f64(packed)).dataSync(), [...dw, db]);
  // and so does the imperative API, accumulating into .grad
  const w = tensor(wData, { dtype: "float64", requiresGrad: true });
  const b = tensor(bValue, { dtype: "float64", requiresGrad: true });
  h(w, b).backward();
  assertClose(w.grad!.dataSync(), dw);
});

test("the Hessian is X̃ᵀ diag(σ(1 − σ)) X̃ / S (packed θ = [w; b]) and XᵀDX/S for the w block", () => {
  const sigma = sigmas();
  const expected = new Float64Array((n + 1) * (n + 1));
  const column = (i: number, j: number): number => (j === n ? 1 : X[i * n + j]!);
  for (let i = 0; i < S; i++) {
    const weight = (sigma[i]! * (1 - sigma[i]!)) / S;
    for (let j = 0; j <= n; j++) {
      for (let k = 0; k <= n; k++)
        expected[j * (n + 1) + k]! += weight * column(i, j) * column(i, k);
    }
  }
  const packed = f64(Float64Array.from([...wData, bValue]));
  const hessianPacked = hessian(hPacked)(packed);
  assert.deepEqual(hessianPacked.shape, [n + 1, n + 1]);
  assertClose(hessianPacked.dataSync(), expected);
  const wBlock = hessian(h, 0)(f64(wData), f64(bValue));
  assert.deepEqual(wBlock.shape, [n, n]);
  const expectedBlock = Array.from(
    { length: n * n },
    (_, k) => expected[Math.floor(k / n) * (n + 1) + (k % n)]!,
  );
  assertClose(wBlock.dataSync(), expectedBlock);
  const bBlock = hessian(h, 1)(f64(wData), f64(bValue));
  assert.deepEqual(bBlock.shape, []);
  assertClose([bBlock.item()], [expected[(n + 1) * (n + 1) - 1]!]);
});

test("f(x, y) = log x + xy − sin y at (2, 5): value, ∇f = (5.5, 2 − cos 5), and the Hessian", () => {
  const f = (x: Tensor, y: Tensor): Tensor => x.log().add(x.mul(y)).sub(y.sin());
  const [value, [dx, dy]] = valueAndGrad(f, [0, 1])(f64(2), f64(5));
  assert.equal(value.item(), Math.log(2) + 10 - Math.sin(5));
  assert.equal(dx!.item(), 5.5);
  assert.equal(dy!.item(), 2 - Math.cos(5));
  const x = tensor(2, { dtype: "float64", requiresGrad: true });
  const y = tensor(5, { dtype: "float64", requiresGrad: true });
  f(x, y).backward();
  assert.deepEqual([x.grad!.item(), y.grad!.item()], [5.5, 2 - Math.cos(5)]);
  assert.equal(grad(grad(f, 0), 0)(f64(2), f64(5)).item(), -0.25);
  assert.equal(grad(grad(f, 0), 1)(f64(2), f64(5)).item(), 1);
  assert.equal(grad(grad(f, 1), 1)(f64(2), f64(5)).item(), Math.sin(5));
});
