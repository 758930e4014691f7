// Splits a line of text into words the way the Brown corpus writes them, closely enough for tagging:
// punctuation at a word's edges stands alone, abbreviations and inner apostrophes or hyphens stay.

/** Characters split off the start or end of a word (Brown writes them as separate tokens). */
const EDGE = /^[,;:!?()[\]{}"`]$/u;

/**
 * The words of one line: split at white space, then edge punctuation (, ; : ! ? brackets, quotes)
 * split off each word, and a final "." off the line's last word. Double quotes become Brown's ``
 * (opening) and '' (closing). "Mr." and "U.S." inside a line keep their periods; already tokenised
 * text (one space between tokens) passes through unchanged.
 * @example tokenizeLine('He said "no."'); // ["He", "said", "``", "no", ".", "''"]
 */
export function tokenizeLine(line: string): string[] {
  const words: string[] = [];
  let quoteOpen = false;
  const push = (token: string) => {
    if (token === '"') {
      words.push(quoteOpen ? "''" : "``");
      quoteOpen = !quoteOpen;
    } else words.push(token);
  };
  const pieces = line.split(/\s+/u).filter((piece) => piece.length > 0);
  pieces.forEach((piece, index) => {
    let characters = [...piece];
    const before: string[] = [];
    const after: string[] = [];
    while (characters.length > 1 && EDGE.test(characters[0]!)) before.push(characters.shift()!);
    while (characters.length > 1 && EDGE.test(characters.at(-1)!)) after.unshift(characters.pop()!);
    const isLast = index === pieces.length - 1;
    if (isLast && characters.length > 1 && characters.at(-1) === "." && !/^\.+$/u.test(characters.join(""))) {
      after.unshift(characters.pop()!);
      while (characters.length > 1 && EDGE.test(characters.at(-1)!)) after.unshift(characters.pop()!);
    }
    for (const token of [...before, characters.join(""), ...after]) push(token);
  });
  return words;
}
