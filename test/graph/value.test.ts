// The micrograd-style Value: micrograd's README example, the lecture's example, accumulation, long chains.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { numericalGrad } from "../../src/check/numerical-grad.js";
import { Value } from "../../src/graph/index.js";
import { close } from "../support/lecture-graph.js";

test("micrograd's README expression: g.data ≈ 24.7041, a.grad ≈ 138.8338, b.grad ≈ 645.5773", () => {
  const a = new Value(-4);
  const b = new Value(2);
  let c = a.add(b);
  let d = a.mul(b).add(b.pow(3));
  c = c.add(c.add(1));
  c = c.add(c.add(1).add(a.neg()));
  d = d.add(d.mul(2).add(b.add(a).relu()));
  d = d.add(d.mul(3).add(b.sub(a).relu()));
  const e = c.sub(d);
  const f = e.pow(2);
  let g = f.div(2);
  g = g.add(new Value(10).div(f));
  assert.equal(g.data.toFixed(4), "24.7041");
  g.backward();
  assert.equal(a.grad.toFixed(4), "138.8338");
  assert.equal(b.grad.toFixed(4), "645.5773");
});

test("the lecture's example through Value: ∂f/∂x = 5.5, ∂f/∂y = 2 − cos 5", () => {
  const x = new Value(2);
  const y = new Value(5);
  const f = x.log().add(x.mul(y)).sub(y.sin());
  assert.ok(close(f.data, Math.log(2) + 10 - Math.sin(5)));
  f.backward();
  assert.equal(x.grad, 5.5);
  assert.ok(close(y.grad, 2 - Math.cos(5)));
  assert.equal(f.grad, 1);
});

test("every operation's data and gradient, against Math and hand derivatives", () => {
  const a = 0.7;
  const cases: [string, (v: Value) => Value, number, number][] = [
    ["add", (v) => v.add(3), a + 3, 1],
    ["sub", (v) => new Value(3).sub(v), 3 - a, -1],
    ["mul", (v) => v.mul(v), a * a, 2 * a],
    ["div", (v) => new Value(1).div(v), 1 / a, -1 / (a * a)],
    ["pow", (v) => v.pow(3), a ** 3, 3 * a * a],
    ["neg", (v) => v.neg(), -a, -1],
    ["exp", (v) => v.exp(), Math.exp(a), Math.exp(a)],
    ["log", (v) => v.log(), Math.log(a), 1 / a],
    ["sin", (v) => v.sin(), Math.sin(a), Math.cos(a)],
    ["cos", (v) => v.cos(), Math.cos(a), -Math.sin(a)],
    ["tanh", (v) => v.tanh(), Math.tanh(a), 1 / Math.cosh(a) ** 2],
    ["relu", (v) => v.relu(), a, 1],
    ["sigmoid", (v) => v.sigmoid(), 1 / (1 + Math.exp(-a)), Math.exp(-a) / (1 + Math.exp(-a)) ** 2],
    ["sqrt", (v) => v.sqrt(), Math.sqrt(a), 1 / (2 * Math.sqrt(a))],
  ];
  for (const [name, op, data, grad] of cases) {
    const v = new Value(a);
    const out = op(v);
    out.backward();
    assert.ok(close(out.data, data), `${name} data ${out.data} vs ${data}`);
    assert.ok(close(v.grad, grad, 1e-12), `${name} grad ${v.grad} vs ${grad}`);
  }
  const negative = new Value(-1);
  negative.relu().backward();
  assert.equal(negative.grad, 0);
});

test("PyTorch semantics: backward() accumulates into .grad across calls until reset", () => {
  const x = new Value(3);
  const y = x.mul(x).add(x); // dy/dx = 2x + 1 = 7, x reached by three paths
  y.backward();
  assert.equal(x.grad, 7);
  y.backward();
  assert.equal(x.grad, 14);
  x.grad = 0;
  y.grad = 0;
  x.mul(2).backward();
  assert.equal(x.grad, 2);
});

test("random expressions agree with central differences (fast-check, seeded)", () => {
  const unary = ["exp", "sin", "cos", "tanh", "sigmoid", "neg"] as const;
  const binary = ["add", "sub", "mul"] as const;
  const step = fc.oneof(
    fc.record({ op: fc.constantFrom(...unary) }),
    fc.record({ op: fc.constantFrom(...binary), with: fc.nat(20) }),
  );
  const run = (steps: readonly { op: string; with?: number }[], leaves: Value[]): Value => {
    const made: Value[] = [...leaves];
    for (const s of steps) {
      const top = made[made.length - 1]!;
      if (s.with === undefined)
        made.push((top[s.op as (typeof unary)[number]] as () => Value).call(top));
      else made.push(top[s.op as (typeof binary)[number]](made[s.with % made.length]!));
    }
    return made[made.length - 1]!;
  };
  fc.assert(
    fc.property(
      fc.array(step, { minLength: 1, maxLength: 25 }),
      fc.tuple(
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      ),
      (steps, [x0, y0]) => {
        const leaves = [new Value(x0), new Value(y0)];
        run(steps, leaves).backward();
        const numeric = numericalGrad(
          (p) => run(steps, [new Value(p[0]!), new Value(p[1]!)]).data,
          [x0, y0],
        );
        leaves.forEach((leaf, i) => {
          const scale = Math.max(1, Math.abs(numeric[i]!));
          assert.ok(
            Math.abs(leaf.grad - numeric[i]!) <= 1e-5 * scale,
            `${leaf.grad} vs ${numeric[i]}`,
          );
        });
      },
    ),
    { seed: 42, numRuns: 200 },
  );
});

test("a chain of 10⁶ Values: backward without recursion", () => {
  const x = new Value(0.5);
  let top = x;
  for (let i = 0; i < 1_000_000; i++) top = top.mul(1);
  const f = top.sin();
  f.backward();
  assert.ok(close(x.grad, Math.cos(0.5)));
  assert.equal(top.grad, Math.cos(0.5));
});
