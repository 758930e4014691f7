// Size and depth: a 10⁶-element elementwise chain and a 10⁵-op graph backprop without stack overflow.
import { test } from "node:test";
import assert from "node:assert/strict";
import { full, tensor } from "../../src/tensor/creation.js";

test("a chain of elementwise ops over 10⁶ elements backprops to the right gradient", () => {
  const x = full([1000, 1000], 0.5, { dtype: "float64", requiresGrad: true });
  const y = x.mul(2).sigmoid().tanh().square().add(x.sin()).relu().sqrt();
  y.sum().backward();
  // The same chain on one number, differentiated by central differences (no derivative formulas).
  const chain = (v: number): number =>
    Math.sqrt(Math.max(Math.tanh(1 / (1 + Math.exp(-2 * v))) ** 2 + Math.sin(v), 0));
  const expected = (chain(0.5 + 1e-6) - chain(0.5 - 1e-6)) / 2e-6;
  const gradient = x.grad!.dataSync();
  assert.equal(gradient.length, 1_000_000);
  assert.ok(Math.abs(gradient[0]! - expected) < 1e-8 && gradient[999_999] === gradient[0]);
});

test("a graph of 10⁵ ops backprops iteratively (no recursion)", () => {
  const x = tensor([1, 2], { dtype: "float64", requiresGrad: true });
  let y = x;
  for (let i = 0; i < 100_000; i++) y = i % 2 === 0 ? y.mul(1.00001) : y.add(x).sub(x);
  y.sum().backward();
  const expected = Math.pow(1.00001, 50_000);
  for (const value of x.grad!.dataSync()) assert.ok(Math.abs(value - expected) < 1e-9);
});
