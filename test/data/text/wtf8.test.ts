// WTF-8: UTF-8's bytes for well-formed strings, lone surrogates kept, U+FFFD for ill-formed bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { anyString } from "../../support/text-arbitraries.js";
import { decodeWtf8, encodeWtf8 } from "../../../src/data/text/wtf8.js";

test("well-formed strings give TextEncoder's bytes", () => {
  const encoder = new TextEncoder();
  fc.assert(
    fc.property(fc.string({ unit: "grapheme" }), (text) => {
      assert.deepEqual(encodeWtf8(text), encoder.encode(text));
    }),
    { seed: 7, numRuns: 300 },
  );
  assert.deepEqual(
    Array.from(encodeWtf8("aé€😀")),
    [0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80],
  );
});

test("lone surrogates are 3-byte sequences and come back", () => {
  assert.deepEqual(Array.from(encodeWtf8("\uD800")), [0xed, 0xa0, 0x80]);
  assert.deepEqual(Array.from(encodeWtf8("\uDFFF")), [0xed, 0xbf, 0xbf]);
  assert.deepEqual(Array.from(encodeWtf8("\uDC00\uD800")), [0xed, 0xb0, 0x80, 0xed, 0xa0, 0x80]);
  fc.assert(
    fc.property(anyString(), (text) => {
      assert.equal(decodeWtf8(encodeWtf8(text)), text);
    }),
    { seed: 8, numRuns: 500 },
  );
});

test("ill-formed bytes decode as TextDecoder does (one U+FFFD per maximal subpart)", () => {
  const decoder = new TextDecoder();
  const surrogateFree = fc
    .uint8Array({ maxLength: 24 })
    .filter(
      (bytes) =>
        !bytes.some((b, i) => b === 0xed && bytes[i + 1]! >= 0xa0 && bytes[i + 1]! <= 0xbf),
    );
  fc.assert(
    fc.property(surrogateFree, (bytes) => {
      assert.equal(decodeWtf8(bytes), decoder.decode(bytes));
    }),
    { seed: 9, numRuns: 2000 },
  );
  assert.equal(decodeWtf8(Uint8Array.of(0xe2, 0x82)), "\uFFFD");
  assert.equal(decodeWtf8(Uint8Array.of(0xf0, 0x9f, 0x41)), "\uFFFDA");
  assert.equal(decodeWtf8(Uint8Array.of(0xc0, 0xaf)), "\uFFFD\uFFFD");
});

test("long inputs decode in pieces without overflowing the argument list", () => {
  const text = "ab\uD800€".repeat(20_000);
  assert.equal(decodeWtf8(encodeWtf8(text)), text);
});
