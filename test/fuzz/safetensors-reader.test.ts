// Fuzzing decodeSafetensors and loadSafetensors: random, encoder-built and tampered files decode or throw
// SafetensorsError, and a header declaring huge sizes is refused before anything near that size is allocated.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Tensor } from "../../src/tensor/tensor.js";
import { SafetensorsError } from "../../src/io/safetensors-error.js";
import {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsContents,
} from "../../src/io/safetensors.js";
import { loadSafetensors } from "../../src/io/node/safetensors-file.js";
import { applyByteEdits, applyEdits, byteEdits, edits, Tally } from "./fuzz-support.js";

const SEED = 80_804;
const tally = new Tally();
let largestAllocation = 0;

/** Decodes `bytes`, tracking how far ArrayBuffer memory rises above its level before the call. */
function decodeOrReject(bytes: Uint8Array): SafetensorsContents | undefined {
  const before = process.memoryUsage().arrayBuffers;
  const outcome = tally.run(
    () => decodeSafetensors(bytes),
    SafetensorsError,
    (error) => assert.ok(error.message.startsWith("safetensors: "), error.message),
  );
  largestAllocation = Math.max(largestAllocation, process.memoryUsage().arrayBuffers - before);
  if (!outcome.ok) return undefined;
  const held = Object.values(outcome.value.tensors).reduce((sum, t) => sum + t.data.byteLength, 0);
  assert.ok(
    held <= bytes.length,
    `decoded ${held} bytes of tensors from a ${bytes.length}-byte file`,
  );
  return outcome.value;
}

/** A file made of an 8-byte length, this header text and these data bytes. */
function file(header: string, data: Uint8Array, declared?: bigint): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, declared ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

/** The header text and data bytes of a safetensors file. */
function split(bytes: Uint8Array): { header: string; data: Uint8Array } {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return {
    header: new TextDecoder().decode(bytes.subarray(8, 8 + length)),
    data: bytes.subarray(8 + length),
  };
}

const NAMES = ["w", "b", "layer.0.weight", "__proto__", "constructor", "é", "a b", '"q"'];
const tensorArbitrary: fc.Arbitrary<Tensor> = fc
  .tuple(
    fc.constantFrom("float32", "float64", "int32"),
    fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
  )
  .chain(([dtype, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const words = size * (dtype === "float64" ? 2 : 1);
    return fc.array(fc.integer(), { minLength: words, maxLength: words }).map((bits) => {
      const buffer = Int32Array.from(bits).buffer;
      const data =
        dtype === "float64"
          ? new Float64Array(buffer)
          : dtype === "float32"
            ? new Float32Array(buffer)
            : new Int32Array(buffer);
      return new Tensor(data, shape);
    });
  });
const contents = fc.record({
  tensors: fc
    .dictionary(
      fc.oneof(fc.constantFrom(...NAMES), fc.string({ minLength: 1, maxLength: 6 })),
      tensorArbitrary,
      {
        maxKeys: 4,
      },
    )
    .map((tensors) => {
      delete tensors.__metadata__;
      return tensors;
    }),
  metadata: fc.dictionary(
    fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 6 })),
    fc.string({ maxLength: 8 }),
    {
      maxKeys: 3,
    },
  ),
});
const validFile = contents.map(({ tensors, metadata }) => ({
  tensors,
  metadata,
  bytes: encodeSafetensors(tensors, metadata),
}));

const bytesOf = (t: Tensor): Uint8Array =>
  new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);

test("encoder-built files decode to the same tensors (bit for bit) and metadata, and re-encode identically", () => {
  fc.assert(
    fc.property(validFile, ({ tensors, metadata, bytes }) => {
      const decoded = decodeOrReject(bytes);
      assert.ok(decoded !== undefined, "a valid file was rejected");
      assert.deepEqual(Object.keys(decoded.tensors).sort(), Object.keys(tensors).sort());
      for (const [name, t] of Object.entries(tensors)) {
        const back: Tensor = decoded.tensors[name]!;
        assert.equal(back.dtype, t.dtype);
        assert.deepEqual(back.shape, t.shape);
        assert.deepEqual(bytesOf(back), bytesOf(t));
      }
      assert.deepEqual({ ...decoded.metadata }, { ...metadata });
      assert.deepEqual(encodeSafetensors(decoded.tensors, decoded.metadata), bytes);
    }),
    { seed: SEED, numRuns: 1500 },
  );
});

test("random bytes, and random header text behind a correct length, decode or throw SafetensorsError", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => void decodeOrReject(bytes)),
    {
      seed: SEED,
      numRuns: 1300,
    },
  );
  const pieces = [
    '{"',
    '"',
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "0",
    "8",
    "-1",
    "1e400",
    '"F32"',
    '"dtype"',
    '"shape"',
  ].concat(['"data_offsets"', '"__metadata__"', "null", " ", "\\u0000", "\ud800"]);
  const headerText = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(""));
  fc.assert(
    fc.property(
      headerText,
      fc.uint8Array({ maxLength: 16 }),
      (header, data) => void decodeOrReject(file(header, data)),
    ),
    { seed: SEED, numRuns: 1500 },
  );
});

test("byte flips, insertions, deletions and truncations of valid files decode or throw SafetensorsError", () => {
  fc.assert(
    fc.property(validFile, byteEdits, fc.option(fc.nat()), ({ bytes }, changes, cut) => {
      decodeOrReject(applyByteEdits(bytes, changes, cut));
    }),
    { seed: SEED, numRuns: 2000 },
  );
});

const HUGE = [2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 2 ** 64, 1e300, -1, 1.5, 0];
const hugeNumber = fc.oneof(fc.constantFrom(...HUGE), fc.nat());

test("tampered headers (huge shapes and offsets, wrong lengths, edited JSON) are refused before allocating", () => {
  const tamper = fc.oneof(
    fc.record({
      kind: fc.constant("length" as const),
      length: fc.oneof(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.integer({ min: -16, max: 16 }).map(BigInt),
      ),
    }),
    fc.record({
      kind: fc.constant("shape" as const),
      shape: fc.array(hugeNumber, { maxLength: 4 }),
      end: hugeNumber,
    }),
    fc.record({ kind: fc.constant("offsets" as const), begin: hugeNumber, end: hugeNumber }),
    fc.record({
      kind: fc.constant("text" as const),
      changes: edits(['"', "{", "}", "[", "]", ",", ":", "9", "e9", "-", " "]),
    }),
  );
  fc.assert(
    fc.property(validFile, tamper, ({ bytes }, change) => {
      const { header, data } = split(bytes);
      const parsed = JSON.parse(header) as Record<
        string,
        { shape: unknown; data_offsets: unknown }
      >;
      const name = Object.keys(parsed).find((key) => key !== "__metadata__");
      if (change.kind === "length") {
        const declared =
          change.length < 0n || change.length > 2n ** 60n
            ? change.length
            : BigInt(header.length) + change.length;
        return void decodeOrReject(file(header, data, BigInt.asUintN(64, declared)));
      }
      if (change.kind === "text")
        return void decodeOrReject(file(applyEdits(header, change.changes), data));
      if (name === undefined) return void decodeOrReject(file(header, data));
      const entry = parsed[name]!;
      if (change.kind === "shape")
        [entry.shape, entry.data_offsets] = [change.shape, [0, change.end]];
      else entry.data_offsets = [change.begin, change.end];
      decodeOrReject(file(JSON.stringify(parsed), data));
    }),
    { seed: SEED, numRuns: 3500 },
  );
});

test("hand-made hostile headers: 2^53-byte tensors, 10^5-deep JSON, 10^5 dimensions", () => {
  const entry = (shape: unknown, end: unknown) =>
    JSON.stringify({ x: { dtype: "F32", shape, data_offsets: [0, end] } });
  const small = new Uint8Array(8);
  const hostile = [
    file(entry([2 ** 26, 2 ** 25], 2 ** 53), small),
    file(entry([2 ** 40, 2 ** 40], 0), small),
    file(entry([1e9], 4e9), small),
    file(entry([2], 8), small, 2n ** 64n - 1n),
    file(entry([2], 8), small, 100_000_000n),
    file(`{"x": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`, small),
    file(`{"x": {"dtype": "F32", "shape": ${"[".repeat(100_000)}`, small),
    file(
      entry(
        Array.from({ length: 100_000 }, () => 1),
        4,
      ),
      small,
    ),
    file(
      entry(
        Array.from({ length: 100_000 }, () => 2 ** 20),
        8,
      ),
      small,
    ),
  ];
  for (const bytes of hostile) assert.equal(decodeOrReject(bytes), undefined);
  // The meter is not blind: decoding a real 1 MiB tensor shows up in it.
  const before = process.memoryUsage().arrayBuffers;
  const mebibyte = encodeSafetensors({ x: new Tensor(new Float32Array(2 ** 18), [2 ** 18]) });
  const decoded = decodeSafetensors(mebibyte);
  assert.ok(process.memoryUsage().arrayBuffers - before >= 2 * 2 ** 20);
  assert.equal(decoded.tensors.x?.size, 2 ** 18);
  const wide = decodeOrReject(
    file(
      entry(
        Array.from({ length: 100_000 }, () => 1),
        4,
      ),
      new Uint8Array(4),
    ),
  );
  assert.equal(wide?.tensors.x?.shape.length, 100_000);
});

test("loadSafetensors on mutated files: contents, or a SafetensorsError starting with the path", async (t) => {
  const folder = mkdtempSync(join(tmpdir(), "gradus-fuzz-safetensors-"));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const samples = fc.sample(
    fc.tuple(validFile, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean()),
    { seed: SEED, numRuns: 300 },
  );
  for (const [i, [{ bytes }, at, value, cut]] of samples.entries()) {
    const out = cut ? bytes.slice(0, at % (bytes.length + 1)) : bytes.slice();
    if (!cut) out[at % out.length] = value;
    const path = join(folder, `${i}.safetensors`);
    writeFileSync(path, out);
    try {
      await loadSafetensors(path);
      tally.parsed++;
    } catch (error) {
      assert.ok(error instanceof SafetensorsError, String(error));
      assert.ok(error.message.startsWith(`${path}: safetensors: `), error.message);
      tally.rejected++;
    }
  }
});

test("fuzz summary: at least 10,000 inputs, ArrayBuffer memory never rose more than 8 MB in a decode", (t) => {
  assert.ok(tally.total >= 10_000, tally.summary("safetensors reader"));
  assert.ok(tally.parsed > 1000 && tally.rejected > 1000, tally.summary("safetensors reader"));
  assert.ok(
    largestAllocation < 8 * 2 ** 20,
    `a decode raised ArrayBuffer memory by ${largestAllocation} bytes`,
  );
  t.diagnostic(
    `${tally.summary("safetensors reader")}; largest ArrayBuffer rise in one decode: ${largestAllocation} bytes`,
  );
});
