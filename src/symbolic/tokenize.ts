// Splits an expression's source into numbers, names and punctuation, each with its 1-based column.
import { ParseError } from "./parse-error.js";

/** One lexical token; `column` is 1-based, `text` the exact source text. */
export type Token =
  | {
      readonly type: "number";
      readonly text: string;
      readonly column: number;
      readonly value: number;
    }
  | { readonly type: "name"; readonly text: string; readonly column: number }
  | { readonly type: "punct"; readonly text: string; readonly column: number }
  | { readonly type: "end"; readonly text: ""; readonly column: number };

// Sticky patterns matched at one index (no slicing). The mantissa pattern cannot backtrack
// quadratically: a digit run is read once, whatever follows it.
const MANTISSA = /\d+(?:\.\d*)?|\.\d+/y;
const EXPONENT = /[eE][+-]?\d+/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const PUNCTUATION = "+-*/^(),";

/** The text `pattern` matches at `index` of `source`, or null. */
function matchAt(pattern: RegExp, source: string, index: number): string | null {
  pattern.lastIndex = index;
  return pattern.exec(source)?.[0] ?? null;
}

/** The tokens of `source`, ending with an `end` token. Throws `ParseError` on an unknown character. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    const column = index + 1;
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    const mantissa = matchAt(MANTISSA, source, index);
    if (mantissa !== null) {
      let end = index + mantissa.length;
      if (source[end] === "e" || source[end] === "E") {
        const exponent = matchAt(EXPONENT, source, end);
        if (exponent === null) {
          const digitsAt = source[end + 1] === "+" || source[end + 1] === "-" ? end + 2 : end + 1;
          throw new ParseError(
            digitsAt + 1,
            "digits of the exponent",
            describeChar(source[digitsAt]),
          );
        }
        end += exponent.length;
      }
      const text = source.slice(index, end);
      tokens.push({ type: "number", text, column, value: Number(text) });
      index = end;
      continue;
    }
    const name = matchAt(NAME, source, index);
    if (name !== null) {
      tokens.push({ type: "name", text: name, column });
      index += name.length;
      continue;
    }
    if (PUNCTUATION.includes(char)) {
      tokens.push({ type: "punct", text: char, column });
      index++;
      continue;
    }
    throw new ParseError(column, "a number, a name, an operator or a parenthesis", `"${char}"`);
  }
  tokens.push({ type: "end", text: "", column: source.length + 1 });
  return tokens;
}

function describeChar(char: string | undefined): string {
  return char === undefined ? "end of input" : `"${char}"`;
}
