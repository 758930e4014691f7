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

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const BAD_EXPONENT = /^(?:\d+\.?\d*|\.\d+)[eE](?:[+-](?!\d)|(?![+\-\d]))/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const PUNCTUATION = "+-*/^(),";

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
    const rest = source.slice(index);
    if (BAD_EXPONENT.test(rest)) {
      const at = rest.search(/[eE]/) + 1;
      const after = rest[at] === "+" || rest[at] === "-" ? at + 1 : at;
      throw new ParseError(column + after, "digits of the exponent", describeChar(rest[after]));
    }
    const number = NUMBER.exec(rest);
    if (number !== null) {
      tokens.push({ type: "number", text: number[0], column, value: Number(number[0]) });
      index += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name !== null) {
      tokens.push({ type: "name", text: name[0], column });
      index += name[0].length;
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
