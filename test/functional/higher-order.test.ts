// grad(grad(op)) for every differentiable op: literal second derivatives, then second-order gradchecks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { grad, gradcheck, randn, Generator, tensor, type Tensor } from "../../src/index.js";

const f64 = (value: number): Tensor => tensor(value, { dtype: "float64" });
const second = (f: (x: Tensor) => Tensor, at: number): number => grad(grad(f))(f64(at)).item();
const close = (actual: number, expected: number): void =>
  assert.ok(
    Math.abs(actual - expected) <= 1e-14 * (1 + Math.abs(expected)),
    `${actual} vs ${expected}`,
  );

test("second derivatives TF.js cannot take: tanh, sigmoid, exp", () => {
  const t = Math.tanh(0.7);
  close(
    second((x) => x.tanh(), 0.7),
    -2 * t * (1 - t * t),
  );
  const s = 1 / (1 + Math.exp(-0.7));
  close(
    second((x) => x.sigmoid(), 0.7),
    s * (1 - s) * (1 - 2 * s),
  );
  close(
    second((x) => x.exp(), 0.7),
    Math.exp(0.7),
  );
  close(grad(grad(grad((x: Tensor) => x.tanh())))(f64(0)).item(), -2);
});

test("second derivatives of sqrt, sin, cos, log, abs, relu, square at literal points", () => {
  close(
    second((x) => x.sqrt(), 4),
    -1 / 32,
  );
  close(
    second((x) => x.sin(), 1),
    -Math.sin(1),
  );
  close(
    second((x) => x.cos(), 1),
    -Math.cos(1),
  );
  close(
    second((x) => x.log(), 2),
    -0.25,
  );
  close(
    second((x) => x.abs().mul(x), -3),
    -2,
  );
  close(
    second((x) => x.relu().pow(3), 2),
    12,
  );
  close(
    second((x) => x.square(), 5),
    2,
  );
});

type Case = readonly [name: string, f: (x: Tensor) => Tensor, scale: number, shift: number];

const cases: readonly Case[] = [
  ["exp", (x) => x.exp(), 1, 0],
  ["log", (x) => x.log(), 1, 3],
  ["sqrt", (x) => x.sqrt(), 1, 3],
  ["sin·cos", (x) => x.sin().mul(x.cos()), 1, 0],
  ["tanh", (x) => x.tanh(), 1, 0],
  ["sigmoid", (x) => x.sigmoid(), 1, 0],
  ["div·pow", (x) => x.pow(3).div(x.mul(x).add(1)), 1, 0],
  ["softmax", (x) => x.softmax().mul(x), 1, 0],
  ["logsumexp", (x) => x.logsumexp(), 1, 0],
  [
    "mean of matmul",
    (x) =>
      x
        .reshape([2, 2])
        .matmul(x.reshape([2, 2]))
        .mean(),
    1,
    0,
  ],
  ["transpose", (x) => x.reshape([2, 2]).transpose().exp().sum(0), 1, 0],
];

for (const [name, f, scale, shift] of cases) {
  test(`gradcheck of grad(${name}) (second order, every element)`, () => {
    const x = randn([4], { dtype: "float64", generator: new Generator(name.length) })
      .mul(scale * 0.5)
      .add(shift);
    const result = gradcheck((t) => grad((u: Tensor) => f(u).sum())(t), [x]);
    assert.ok(result.ok, `${name}: ${JSON.stringify(result)}`);
  });
}
