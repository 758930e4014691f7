// WTF-8: UTF-8 extended to lone surrogates, so every JavaScript string has bytes that decode back to it.

/**
 * The bytes of `text`: UTF-8 for every well-formed string (the same bytes TextEncoder gives), and a lone
 * surrogate (U+D800–U+DFFF without its partner) as its own 3-byte sequence ED A0–BF 80–BF, where
 * TextEncoder would write U+FFFD and lose it.
 * @example encodeWtf8("é\uD800"); // Uint8Array [0xc3, 0xa9, 0xed, 0xa0, 0x80]
 */
export function encodeWtf8(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 3);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes[length++] = code;
      continue;
    }
    if (code < 0x800) {
      bytes[length++] = 0xc0 | (code >> 6);
      bytes[length++] = 0x80 | (code & 0x3f);
      continue;
    }
    const low = code >= 0xd800 && code < 0xdc00 ? text.charCodeAt(i + 1) : NaN;
    if (low >= 0xdc00 && low < 0xe000) {
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      i++;
      bytes[length++] = 0xf0 | (code >> 18);
      bytes[length++] = 0x80 | ((code >> 12) & 0x3f);
    } else {
      bytes[length++] = 0xe0 | (code >> 12);
    }
    bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
    bytes[length++] = 0x80 | (code & 0x3f);
  }
  return bytes.slice(0, length);
}

/** The number of continuation bytes a lead byte announces and the range its first one must lie in. */
function sequenceShape(lead: number): [count: number, low: number, high: number] | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return [1, 0x80, 0xbf];
  if (lead === 0xe0) return [2, 0xa0, 0xbf];
  if (lead >= 0xe1 && lead <= 0xef) return [2, 0x80, 0xbf]; // ED A0–BF: a surrogate, kept (WTF-8)
  if (lead === 0xf0) return [3, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [3, 0x80, 0xbf];
  if (lead === 0xf4) return [3, 0x80, 0x8f];
  return undefined;
}

/**
 * The string of WTF-8 bytes; each maximal ill-formed subsequence becomes one U+FFFD, as TextDecoder
 * does for UTF-8 (arbitrary token ids can cut a character in half).
 * @example decodeWtf8(encodeWtf8("a\uDC00b")) === "a\uDC00b"; // true
 */
export function decodeWtf8(bytes: Uint8Array): string {
  const units: number[] = [];
  let text = "";
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      units.push(lead);
      i++;
    } else {
      const shape = sequenceShape(lead);
      let code = -1;
      let used = 1;
      if (shape !== undefined) {
        const [count, low, high] = shape;
        code = lead & (0x3f >> count);
        for (let k = 1; k <= count; k++) {
          const next = bytes[i + k];
          const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
          if (next === undefined || next < min || next > max) {
            code = -1;
            break;
          }
          code = (code << 6) | (next & 0x3f);
          used++;
        }
      }
      if (code < 0) units.push(0xfffd);
      else if (code < 0x10000) units.push(code);
      else units.push(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff));
      i += used;
    }
    if (units.length >= 8192) {
      text += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return text + String.fromCharCode(...units);
}
