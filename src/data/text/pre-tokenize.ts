// The byte-level BPE's pre-tokeniser: GPT-2-like chunks, so merges never cross a word, number or space boundary.

/**
 * The chunk rule, tried in this order at each position: an English contraction suffix ('s 't 'd 'm 'll
 * 've 're), an optional space then a run of letters (with their combining marks), an optional space then
 * a run of digits, an optional space then a run of other characters (punctuation, symbols, lone
 * surrogates), a run of whitespace not followed by a non-space character, any other run of whitespace.
 * Every character matches one alternative, so the chunks put together are the text again.
 */
export const PRE_TOKEN_PATTERN =
  /'(?:[sdmt]|ll|ve|re)| ?[\p{L}\p{M}]+| ?\p{N}+| ?[^\s\p{L}\p{M}\p{N}]+|\s+(?!\S)|\s+/gu;

/**
 * The chunks BPE merges within (a space stays with the word after it, as in GPT-2).
 * @example preTokenize("Hello, world!  It's 42"); // ["Hello", ",", " world", "!", " ", " It", "'s", " 42"]
 */
export function preTokenize(text: string): string[] {
  const chunks: string[] = [];
  for (const [chunk] of text.matchAll(PRE_TOKEN_PATTERN)) chunks.push(chunk);
  return chunks;
}
