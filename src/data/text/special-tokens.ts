// Special tokens (such as "<|endoftext|>"): checked once, then cut out of the text before tokenising.

/**
 * The special tokens, checked: distinct, non-empty strings. `fail` throws, naming the token at fault.
 */
export function checkSpecialTokens(
  tokens: readonly unknown[],
  fail: (index: number, detail: string) => never,
): string[] {
  const seen = new Set<string>();
  tokens.forEach((token, index) => {
    if (typeof token !== "string" || token.length === 0) {
      fail(index, `expected a non-empty string, got ${JSON.stringify(token) ?? String(token)}`);
    }
    if (seen.has(token)) fail(index, `"${token}" appears twice`);
    seen.add(token);
  });
  return [...seen];
}

/**
 * The text cut into plain pieces (strings) and special tokens (their index in `specials`). At each
 * position the earliest occurrence wins, and of those starting there the longest.
 * @example splitOnSpecialTokens("a<s>b", ["<s>"]); // ["a", 0, "b"]
 */
export function splitOnSpecialTokens(
  text: string,
  specials: readonly string[],
): (string | number)[] {
  if (specials.length === 0) return text.length > 0 ? [text] : [];
  const pieces: (string | number)[] = [];
  const nextAt = specials.map((special) => text.indexOf(special));
  let start = 0;
  for (;;) {
    let found = -1;
    for (let k = 0; k < specials.length; k++) {
      if (nextAt[k]! >= 0 && nextAt[k]! < start) nextAt[k] = text.indexOf(specials[k]!, start);
      const at = nextAt[k]!;
      if (at < 0) continue;
      const best = found < 0 ? Infinity : nextAt[found]!;
      if (at < best || (at === best && specials[k]!.length > specials[found]!.length)) found = k;
    }
    if (found < 0) break;
    const at = nextAt[found]!;
    if (at > start) pieces.push(text.slice(start, at));
    pieces.push(found);
    start = at + specials[found]!.length;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}
