// The error a malformed expression raises: where (1-based column), what was expected, what was found.

/**
 * A syntax error in an expression's source.
 * @example try { parseExpression("(x + 1") } catch (e) { e.message } // parse error at column 7: expected ")" but found end of input
 */
export class ParseError extends Error {
  constructor(
    /** 1-based column of the offending token (one past the end for "end of input"). */
    readonly column: number,
    /** What the parser expected there, in words or as a quoted token. */
    readonly expected: string,
    /** What it found: a quoted token or "end of input". */
    readonly found: string,
  ) {
    super(`parse error at column ${column}: expected ${expected} but found ${found}`);
    this.name = "ParseError";
  }
}
