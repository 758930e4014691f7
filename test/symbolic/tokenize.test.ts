// The tokenizer: token kinds, columns, numbers with exponents, and unknown characters.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tokenize } from "../../src/symbolic/tokenize.js";
import { ParseError } from "../../src/symbolic/parse-error.js";

test("tokens carry their kind, text and 1-based column", () => {
  const tokens = tokenize(" x1*2.5e-3 ^(y)");
  assert.deepEqual(
    tokens.map((token) => [token.type, token.text, token.column]),
    [
      ["name", "x1", 2],
      ["punct", "*", 4],
      ["number", "2.5e-3", 5],
      ["punct", "^", 12],
      ["punct", "(", 13],
      ["name", "y", 14],
      ["punct", ")", 15],
      ["end", "", 16],
    ],
  );
  const number = tokens[2]!;
  assert.equal(number.type === "number" ? number.value : NaN, 0.0025);
});

test("a dangling exponent and an unknown character are ParseErrors", () => {
  assert.throws(() => tokenize("3e"), {
    message: "parse error at column 3: expected digits of the exponent but found end of input",
  });
  assert.throws(
    () => tokenize("1 # 2"),
    (error: unknown) => error instanceof ParseError && error.column === 3,
  );
});

test("regression (exponent-pattern backtracking): a 10^5-digit number tokenizes in one pass", () => {
  // The old exponent check backtracked over every digit split, quadratic in the run's length.
  const digits = "9".repeat(100_000);
  assert.deepEqual(
    tokenize(digits).map((token) => token.type),
    ["number", "end"],
  );
  assert.throws(() => tokenize(`${digits}e+`), {
    message: "parse error at column 100003: expected digits of the exponent but found end of input",
  });
  assert.equal(tokenize(`${digits}.5e-3`)[0]!.text.length, 100_005);
});
