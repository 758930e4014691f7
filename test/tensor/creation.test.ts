// Creation functions at their edges: unsupported dtype strings are DTypeErrors listing the supported
// ones; any argument of the wrong kind is one error naming the function (never a NaN-sized allocation).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  arange,
  astype,
  DTypeError,
  eye,
  full,
  linspace,
  ones,
  onesLike,
  rand,
  randn,
  ShapeError,
  tensor,
  zeros,
  zerosLike,
} from "../../src/index.js";
import { nn } from "../../src/index.js";

const SUPPORTED = ["float32", "float64", "int32"];

/** Every creation function called with options carrying `dtype`, by name. */
const CREATORS: Record<string, (dtype: unknown) => unknown> = {
  tensor: (dtype) => tensor([1.5, 2], { dtype } as never),
  full: (dtype) => full([2], 1.5, { dtype } as never),
  zeros: (dtype) => zeros([2], { dtype } as never),
  ones: (dtype) => ones([2], { dtype } as never),
  arange: (dtype) => arange(3, { dtype } as never),
  linspace: (dtype) => linspace(0, 1, 3, { dtype } as never),
  eye: (dtype) => eye(2, { dtype } as never),
  rand: (dtype) => rand([2], { dtype } as never),
  randn: (dtype) => randn([2], { dtype } as never),
  zerosLike: (dtype) => zerosLike(zeros([2]), { dtype } as never),
  onesLike: (dtype) => onesLike(zeros([2]), { dtype } as never),
  astype: (dtype) => astype(tensor([1.5]), dtype as never),
  "nn.Linear": (dtype) => new nn.Linear(2, 2, { dtype } as never),
};

const unsupported = fc.oneof(
  fc.constantFrom("float16", "int64", "Float32", "bool", "bfloat16", "uint8", "", "float"),
  fc.string({ maxLength: 12 }).filter((name) => !SUPPORTED.includes(name)),
  fc.constantFrom(32, true, {}),
);

test("an unsupported dtype is a DTypeError naming the function and listing the supported ones", () => {
  fc.assert(
    fc.property(unsupported, fc.constantFrom(...Object.keys(CREATORS)), (dtype, name) => {
      assert.throws(
        () => CREATORS[name]!(dtype),
        (error: unknown) =>
          error instanceof DTypeError &&
          /unsupported dtype/.test(error.message) &&
          error.message.includes("supported: float32, float64, int32"),
      );
    }),
    { seed: 13, numRuns: 300 },
  );
  for (const dtype of SUPPORTED) for (const create of Object.values(CREATORS)) create(dtype);
});

/** Arguments of every kind, including options objects, strings and NaN where numbers go. */
const junk = fc.oneof(
  fc.anything({ maxDepth: 1 }),
  fc.constantFrom(Number.NaN, Infinity, -1, 1.5, 2 ** 40, "3", [2, "x"], { dtype: "float64" }),
);

/** Each creation function with two arbitrary arguments where its shape, size or values go. */
const CALLS: Record<string, (a: unknown, b: unknown) => unknown> = {
  tensor: (a, b) => tensor(a as never, b as never),
  full: (a, b) => full(a as never, b as never),
  zeros: (a, b) => zeros(a as never, b as never),
  ones: (a) => ones([2], a as never),
  arange: (a, b) => arange(a as never, b as never),
  linspace: (a, b) => linspace(0, a as never, b as never),
  eye: (a, b) => eye(a as never, b as never),
  rand: (a, b) => rand(a as never, b as never),
  randn: (a, b) => randn(a as never, b as never),
  zerosLike: (a) => zerosLike(a as never),
};

test("wrong arguments give one TypeError/RangeError/ShapeError/DTypeError naming the function", () => {
  fc.assert(
    fc.property(fc.constantFrom(...Object.keys(CALLS)), junk, junk, (name, a, b) => {
      try {
        CALLS[name]!(a, b);
      } catch (error) {
        assert.ok(
          error instanceof TypeError ||
            error instanceof RangeError ||
            error instanceof ShapeError ||
            error instanceof DTypeError,
          `${name}: ${String(error)}`,
        );
        assert.ok((error as Error).message.startsWith(`${name}: `), (error as Error).message);
        assert.ok(!/NaN|Invalid typed array|Buffer/.test((error as Error).message.slice(0, 30)));
      }
    }),
    { seed: 13, numRuns: 2000 },
  );
});

test("arange takes its options in place of end or step, like torch.arange(10, dtype=…)", () => {
  assert.deepEqual(arange(4, { dtype: "int32" }).toArray(), [0, 1, 2, 3]);
  assert.equal(arange(4, { dtype: "int32" }).dtype, "int32");
  assert.deepEqual(arange(1, 3, { dtype: "float64" }).toArray(), [1, 2]);
  assert.equal(eye(2, { dtype: "float64" }).dtype, "float64");
  assert.throws(() => arange(0, 2 ** 40), /arange: .* too many/);
  assert.throws(() => zeros([2 ** 20, 2 ** 20]), /more than 2147483647/);
  assert.throws(() => randn(2 as never), /randn: shape must be an array .* got number 2/);
});
