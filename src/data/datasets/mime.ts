// MIME decoding for e-mail: quoted-printable, base64, RFC 2047 encoded words and charsets, without Node APIs.

/** Text whose characters are bytes (codes < 256) decoded with `charset`; other text is returned as is. */
export function decodeCharset(binary: string, charset = "us-ascii"): string {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    const code = binary.charCodeAt(i);
    if (code > 255) return binary;
    bytes[i] = code;
  }
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    // NOTE: an unknown charset label falls back to Latin-1, which keeps ASCII words intact.
    return new TextDecoder("latin1").decode(bytes);
  }
}

/** Quoted-printable (RFC 2045) to a byte string: soft line breaks removed, =XX to the byte XX. */
export function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64 to a byte string, ignoring whitespace and other characters outside the alphabet. */
export function decodeBase64(text: string): string {
  let bits = 0;
  let buffered = 0;
  let output = "";
  for (const character of text) {
    const value = BASE64.indexOf(character);
    if (value < 0) continue;
    buffered = (buffered << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      output += String.fromCharCode((buffered >> bits) & 0xff);
    }
  }
  return output;
}

/** A body decoded by its Content-Transfer-Encoding and charset. */
export function decodeBody(body: string, transferEncoding: string, charset: string): string {
  const encoding = transferEncoding.trim().toLowerCase();
  if (encoding === "base64") return decodeCharset(decodeBase64(body), charset);
  if (encoding === "quoted-printable") return decodeCharset(decodeQuotedPrintable(body), charset);
  return decodeCharset(body, charset);
}

/** A header value with RFC 2047 encoded words (=?charset?B|Q?text?=) decoded. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_, charset: string, kind: string, text: string) =>
        kind.toUpperCase() === "B"
          ? decodeCharset(decodeBase64(text), charset)
          : decodeCharset(decodeQuotedPrintable(text.replace(/_/g, " ")), charset),
    );
}
