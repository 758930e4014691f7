// Strings for tokenizer property tests: any code point, and raw UTF-16 code units so lone surrogates appear.
import fc from "fast-check";

/** One code point of the whole Unicode range, or one arbitrary UTF-16 code unit (lone surrogates too). */
const unit = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);

/** Any JavaScript string (fast-check's "binary" unit alone never makes a lone surrogate). */
export const anyString = (maxLength = 40): fc.Arbitrary<string> => fc.string({ unit, maxLength });

/** Text over a few letters, spaces and punctuation: many repeated pairs, many ties. */
export const smallAlphabetText = (maxLength = 30): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom("a", "b", "c", " ", "é", ".", "1"), maxLength });
