// The native addon is matched to the kernel list by name: its reported names equal the TypeScript
// lists, and an addon that lacks a kernel, has an unknown one or orders them differently can never
// run one kernel as another (it is refused with the names, or mapped by name).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import {
  BINARY_KERNEL_NAMES,
  REDUCE_KERNEL_NAMES,
  UNARY_KERNEL_NAMES,
} from "../../src/backend/elementwise-kernels.js";
import type { NativeBinding } from "../../src/backend/native/binding.js";
import { kernelCodes, KernelMismatchError } from "../../src/backend/native/kernel-codes.js";
import { addonPath } from "../../src/backend/native/load.js";
import { createNativeBackend } from "../../src/backend/native/native-backend.js";

const names = {
  unary: [...UNARY_KERNEL_NAMES, "copy"],
  binary: [...BINARY_KERNEL_NAMES],
  reduce: [...REDUCE_KERNEL_NAMES],
};
const built = existsSync(addonPath());
const addon = (): NativeBinding => createRequire(import.meta.url)(addonPath()) as NativeBinding;

test("the built addon reports exactly the TypeScript kernel lists", { skip: !built }, () => {
  const reported = addon().kernelNames();
  assert.deepEqual([...reported.unary].sort(), [...names.unary].sort());
  assert.deepEqual([...reported.binary].sort(), [...names.binary].sort());
  assert.deepEqual([...reported.reduce].sort(), [...names.reduce].sort());
});

test("a kernel missing in the addon, or unknown to gradus, is refused with its name", () => {
  const missing = { ...names, unary: names.unary.filter((name) => name !== "gelu") };
  assert.throws(() => kernelCodes(missing), KernelMismatchError);
  assert.throws(() => kernelCodes(missing), /unary kernels missing in the addon: gelu/);
  const extra = { ...names, binary: [...names.binary, "atan2"] };
  assert.throws(() => kernelCodes(extra), /binary kernels unknown to gradus: atan2/);
  const noCopy = { ...names, unary: names.unary.filter((name) => name !== "copy") };
  assert.throws(() => kernelCodes(noCopy), /no strided copy kernel/);
});

test("codes follow the addon's own order, whatever the TypeScript order", () => {
  const reversed = {
    unary: [...names.unary].reverse(),
    binary: names.binary,
    reduce: names.reduce,
  };
  const codes = kernelCodes(reversed);
  for (const name of UNARY_KERNEL_NAMES) assert.equal(reversed.unary[codes.unary[name]], name);
  assert.equal(reversed.unary[codes.copy], "copy");
});

test("createNativeBackend refuses an addon whose kernel table lacks one", { skip: !built }, () => {
  const real = addon();
  const stale: NativeBinding = {
    ...real,
    kernelNames: () => ({ ...real.kernelNames(), binary: ["add", "sub", "mul"] }),
  };
  assert.throws(() => createNativeBackend(stale), /binary kernels missing in the addon: div, pow/);
});
