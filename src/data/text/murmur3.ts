// MurmurHash3 (x86, 32-bit) of a string's UTF-8 bytes: the hash scikit-learn's HashingVectorizer uses.

const encoder = new TextEncoder();
let buffer = new Uint8Array(256);

/** The UTF-8 bytes of `text` in a shared buffer (valid until the next call) and their count. */
function utf8(text: string): number {
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  return encoder.encodeInto(text, buffer).written;
}

function mixKey(k: number): number {
  const scrambled = Math.imul(k, 0xcc9e2d51);
  return Math.imul((scrambled << 15) | (scrambled >>> 17), 0x1b873593);
}

/**
 * MurmurHash3_x86_32 of the UTF-8 encoding of `text` with `seed`, as an unsigned 32-bit integer
 * (Austin Appleby's reference; `murmur3(text) | 0` is scikit-learn's signed murmurhash3_32).
 * @example murmur3("hello"); // 613153351 (0x248bfa47)
 */
export function murmur3(text: string, seed = 0): number {
  const length = utf8(text);
  const bytes = buffer;
  const blocks = length & ~3;
  let h = seed | 0;
  for (let i = 0; i < blocks; i += 4) {
    h ^= mixKey(bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = length & 3;
  if (tail > 0) {
    let k = bytes[blocks]!;
    if (tail > 1) k |= bytes[blocks + 1]! << 8;
    if (tail > 2) k |= bytes[blocks + 2]! << 16;
    h ^= mixKey(k);
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
