// Splits a line of text into words the way the Brown corpus writes them, closely enough for tagging:
// punctuation at a word's edges stands alone, abbreviations and inner apostrophes or hyphens stay.

/** Characters split off the start or end of a word (Brown writes them as separate tokens). */
const EDGE = /^[,;:!?()[\]{}"`]$/u;

/** Abbreviations whose period belongs to them (besides initials such as "J." and dotted ones: "U.S."). */
const ABBREVIATIONS = new Set(
  "mr mrs ms dr st jr sr mt gen gov sen rep col capt lt sgt prof rev co corp inc ltd bros vs etc jan feb mar apr aug sept sep oct nov dec no".split(
    " ",
  ),
);

/** Whether the period ending `word` is a sentence's full stop rather than part of an abbreviation. */
function isFullStop(word: string, isLast: boolean): boolean {
  const stem = word.slice(0, -1);
  if (stem === "" || /^\.+$/u.test(word)) return false;
  if (isLast) return true;
  if (stem.includes(".") || /^\p{Lu}$/u.test(stem)) return false;
  return !(ABBREVIATIONS.has(stem.toLowerCase()) && /^\p{Lu}/u.test(stem));
}

/**
 * The words of one line: split at white space, then edge punctuation (, ; : ! ? brackets, quotes)
 * split off each word, and a full stop off a word (always off the line's last word; elsewhere unless
 * the word is an initial, a dotted abbreviation such as "U.S." or a capitalised title such as "Mr.").
 * Double quotes become Brown's `` (opening) and '' (closing). Already tokenised text (one space between
 * tokens) passes through unchanged.
 * @example tokenizeLine('He said "no." Mr. Smith left.'); // ["He", "said", "``", "no", ".", "''", "Mr.", "Smith", "left", "."]
 */
export function tokenizeLine(line: string): string[] {
  const words: string[] = [];
  let quoteOpen = false;
  const push = (token: string) => {
    if (token === "") return;
    if (token === '"') {
      words.push(quoteOpen ? "''" : "``");
      quoteOpen = !quoteOpen;
    } else words.push(token);
  };
  const pieces = line.split(/\s+/u).filter((piece) => piece.length > 0);
  pieces.forEach((piece, index) => {
    if (piece === "``" || piece === "''") return push(piece);
    const characters = [...piece];
    const before: string[] = [];
    const after: string[] = [];
    const stripEnd = () => {
      while (characters.length > 1 && EDGE.test(characters.at(-1)!))
        after.unshift(characters.pop()!);
    };
    while (characters.length > 1 && EDGE.test(characters[0]!)) before.push(characters.shift()!);
    stripEnd();
    if (characters.at(-1) === "." && isFullStop(characters.join(""), index === pieces.length - 1)) {
      after.unshift(characters.pop()!);
      stripEnd();
    }
    for (const token of [...before, characters.join(""), ...after]) push(token);
  });
  return words;
}
