// safetensors decoder: each malformed case is a clear SafetensorsError; random and mutated bytes never crash it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { tensor } from "../../src/tensor/creation.js";
import { SafetensorsError } from "../../src/io/safetensors-error.js";
import { decodeSafetensors, encodeSafetensors } from "../../src/io/safetensors.js";
import { loadSafetensors } from "../../src/io/node/safetensors-file.js";

/** A file with this header text (padded) followed by `dataBytes` zero bytes. */
function file(header: unknown, dataBytes: number, declaredLength?: bigint): Uint8Array {
  const json = Buffer.from(typeof header === "string" ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, declaredLength ?? BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

const entry = (dtype: string, shape: number[], begin: number, end: number) => ({
  dtype,
  shape,
  data_offsets: [begin, end],
});

const cases: [string, Uint8Array, RegExp][] = [
  ["shorter than 8 bytes", new Uint8Array(5), /too short/],
  ["header length beyond the file", file({}, 0, 1000n), /beyond the end of the file/],
  ["header over 100 MB", file({}, 0, 200_000_000n), /over the 100000000-byte limit/],
  ["header length of 2^64 − 1", file({}, 0, 2n ** 64n - 1n), /over the .* limit/],
  ["non-JSON header", file("{not json", 0), /not valid UTF-8 JSON/],
  ["invalid UTF-8", file(Buffer.from([0x7b, 0xff, 0x7d]).toString("latin1"), 0), /JSON/],
  ["header is an array", file([1, 2], 0), /must be a JSON object/],
  ["unknown dtype", file({ x: entry("Q7", [1], 0, 4) }, 4), /unknown dtype "Q7"/],
  ["unsupported dtype", file({ x: entry("BF16", [2], 0, 4) }, 4), /unsupported dtype "BF16"/],
  [
    "shape/offset size mismatch",
    file({ x: entry("F32", [2, 2], 0, 12) }, 12),
    /needs 16 bytes but data_offsets give 12/,
  ],
  ["negative dimension", file({ x: entry("F32", [-1], 0, 4) }, 4), /shape must be/],
  [
    "bad data_offsets",
    file({ x: { dtype: "F32", shape: [1], data_offsets: [0] } }, 4),
    /data_offsets must be/,
  ],
  ["end before begin", file({ x: entry("F32", [0], 4, 0) }, 4), /end before they begin/],
  ["out-of-range offsets", file({ x: entry("F32", [2], 0, 8) }, 4), /beyond the 4 data bytes/],
  [
    "overlapping offsets",
    file({ x: entry("F32", [2], 0, 8), y: entry("F32", [2], 4, 12) }, 12),
    /overlaps the previous tensor/,
  ],
  [
    "a gap between tensors",
    file({ x: entry("F32", [1], 0, 4), y: entry("F32", [1], 8, 12) }, 12),
    /leaves a gap/,
  ],
  ["trailing bytes", file({ x: entry("F32", [1], 0, 4) }, 8), /cover 4 of the 8 data bytes/],
  [
    "metadata not strings",
    file({ __metadata__: { a: 1 } }, 0),
    /__metadata__ "a" must be a string/,
  ],
  ["tensor entry not an object", file({ x: 3 }, 0), /must be an object/],
];

for (const [name, bytes, message] of cases) {
  test(`rejects: ${name}`, () => {
    assert.throws(
      () => decodeSafetensors(bytes),
      (error: unknown) => error instanceof SafetensorsError && message.test(error.message),
    );
  });
}

test("a file whose header length is beyond it fails before the rest is read, naming the file", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "gradus-bad-")), "bad.safetensors");
  writeFileSync(path, file({}, 0, 2n ** 40n));
  await assert.rejects(loadSafetensors(path), (error: unknown) => {
    return error instanceof SafetensorsError && error.message.startsWith(`${path}: `);
  });
  await assert.rejects(
    loadSafetensors(join(path, "..", "missing.safetensors")),
    /cannot read .*no such file/,
  );
});

const decodesOrRejects = (bytes: Uint8Array): boolean => {
  try {
    decodeSafetensors(bytes);
    return true;
  } catch (error) {
    return error instanceof SafetensorsError;
  }
};

test("random bytes decode or throw SafetensorsError", () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), decodesOrRejects), {
    seed: 6,
    numRuns: 500,
  });
});

test("mutated valid files decode or throw SafetensorsError", () => {
  const valid = encodeSafetensors(
    {
      w: tensor([
        [1, 2],
        [3, 4],
      ]),
      n: tensor([1, 2, 3], { dtype: "int32" }),
      d: tensor(2, { dtype: "float64" }),
    },
    { config: "{}" },
  );
  const mutation = fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), {
    minLength: 1,
    maxLength: 4,
  });
  fc.assert(
    fc.property(mutation, fc.nat(valid.length), (changes, cut) => {
      const bytes = valid.slice();
      for (const [position, value] of changes) bytes[position] = value;
      return decodesOrRejects(bytes) && decodesOrRejects(bytes.subarray(0, cut));
    }),
    { seed: 6, numRuns: 1000 },
  );
});

test("regression (file name lost): a bad header inside a file names the file, not just the tensor", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "gradus-bad-")), "dtype.safetensors");
  writeFileSync(path, file({ w: entry("F6H", [1], 0, 4) }, 4));
  await assert.rejects(loadSafetensors(path), {
    name: "SafetensorsError",
    message: `${path}: safetensors: tensor "w" has unknown dtype "F6H" (gradus reads F32, F64, I32, I64)`,
  });
});

test("regression (NaN in the message): a shape whose size overflows on the way says so", () => {
  const bytes = file({ x: entry("F32", [2 ** 40, 2 ** 40, 0], 0, 0) }, 0);
  assert.throws(() => decodeSafetensors(bytes), {
    message:
      /shape \[1099511627776, 1099511627776, 0\] of F32 needs over 2\^53 bytes but data_offsets give 0/,
  });
});
