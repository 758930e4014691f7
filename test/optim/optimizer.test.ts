// Optimizer hyperparameters are checked at construction as PyTorch does: negative lr, momentum,
// weightDecay or eps, betas outside [0, 1), Nesterov without momentum and non-numbers are one error each.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { optim, tensor } from "../../src/index.js";

const parameter = () => tensor([1, 2], { requiresGrad: true });

type Build = (options: Record<string, unknown>) => unknown;

const OPTIMIZERS: Record<string, { build: Build; options: string[] }> = {
  SGD: {
    build: (o) => new optim.SGD([parameter()], { lr: 0.1, ...o } as never),
    options: ["lr", "momentum", "weightDecay"],
  },
  Adam: {
    build: (o) => new optim.Adam([parameter()], { lr: 0.1, ...o } as never),
    options: ["lr", "eps", "weightDecay", "beta1", "beta2"],
  },
  AdamW: {
    build: (o) => new optim.AdamW([parameter()], { lr: 0.1, ...o } as never),
    options: ["lr", "eps", "weightDecay", "beta1", "beta2"],
  },
};

/** The options object setting `name` to `value` (betas are set one side at a time). */
const withOption = (name: string, value: unknown): Record<string, unknown> =>
  name === "beta1"
    ? { betas: [value, 0.999] }
    : name === "beta2"
      ? { betas: [0.9, value] }
      : { [name]: value };

const isBeta = (name: string) => name.startsWith("beta");

const invalid = (name: string) =>
  fc.oneof(
    fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
    fc.constantFrom(Number.NaN, Infinity, -Infinity, "0.1", {}),
    isBeta(name) ? fc.double({ min: 1, noNaN: true }) : fc.constant(-1),
  );

const valid = (name: string) =>
  isBeta(name)
    ? fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
    : fc.double({ min: 0, max: 1e6, noNaN: true });

test("invalid hyperparameters raise one RangeError/TypeError naming the optimizer and the option", () => {
  const entries = Object.entries(OPTIMIZERS).flatMap(([kind, { options }]) =>
    options.map((name) => [kind, name] as const),
  );
  fc.assert(
    fc.property(
      fc
        .constantFrom(...entries)
        .chain(([kind, name]) => fc.tuple(fc.constant(kind), fc.constant(name), invalid(name))),
      ([kind, name, value]) => {
        const expectedName = isBeta(name) ? `betas\\[${name === "beta1" ? 0 : 1}\\]` : name;
        assert.throws(
          () => OPTIMIZERS[kind]!.build(withOption(name, value)),
          (error: unknown) =>
            (error instanceof RangeError || error instanceof TypeError) &&
            new RegExp(`^${kind}: ${expectedName} must be`).test(error.message),
        );
      },
    ),
    { seed: 11, numRuns: 400 },
  );
});

test("valid hyperparameters construct, and the optimizer steps with them", () => {
  fc.assert(
    fc.property(
      fc
        .constantFrom(...Object.keys(OPTIMIZERS))
        .chain((kind) =>
          fc
            .tuple(fc.constant(kind), fc.constantFrom(...OPTIMIZERS[kind]!.options))
            .chain(([k, name]) => fc.tuple(fc.constant(k), fc.constant(name), valid(name))),
        ),
      ([kind, name, value]) => {
        const optimizer = OPTIMIZERS[kind]!.build(withOption(name, value)) as optim.Optimizer;
        optimizer.parameters[0]!.grad = tensor([1, -1]);
        optimizer.step();
        assert.equal(optimizer.stepCount, 1);
      },
    ),
    { seed: 11, numRuns: 200 },
  );
});

test("Nesterov needs momentum > 0; options must be an object with an lr", () => {
  assert.throws(
    () => new optim.SGD([parameter()], { lr: 0.1, nesterov: true }),
    /SGD: nesterov needs momentum > 0/,
  );
  assert.throws(
    () => new optim.SGD([parameter()], undefined as never),
    /SGD: options must be an object/,
  );
  assert.throws(
    () => new optim.Adam([parameter()], {} as never),
    /Adam: lr must be a number or a schedule \(step ↦ rate\), got none/,
  );
  assert.throws(
    () => new optim.Adam([parameter()], { lr: 0.1, betas: [0.9] as never }),
    /Adam: betas must be a pair/,
  );
  const scheduled = new optim.SGD([parameter()], { lr: () => -1 });
  assert.throws(
    () => scheduled.learningRate,
    /learning rate must be finite and ≥ 0, got -1 at step 0/,
  );
});
