// Brown corpus tags → the 12 universal part-of-speech tags of Petrov, Das & McDonald (2012).

/**
 * The universal tag set: nouns, verbs, adjectives, adverbs, pronouns, determiners (and articles),
 * adpositions (and subordinating conjunctions), cardinal numbers, coordinating conjunctions, particles,
 * punctuation, other (foreign words, interjections, unclassified).
 */
export const UNIVERSAL_TAGS = [
  "NOUN",
  "VERB",
  "ADJ",
  "ADV",
  "PRON",
  "DET",
  "ADP",
  "NUM",
  "CONJ",
  "PRT",
  ".",
  "X",
] as const;

export type UniversalTag = (typeof UNIVERSAL_TAGS)[number];

/** Base Brown tags (after the suffixes and the negation mark are taken off) by universal tag. */
const BASE_TAGS: Record<UniversalTag, readonly string[]> = {
  NOUN: ["nn", "nns", "np", "nps", "nr", "nrs"],
  VERB: [
    ...["vb", "vbd", "vbg", "vbn", "vbz", "md"],
    ...["be", "bed", "bedz", "beg", "bem", "ben", "ber", "bez"],
    ...["do", "dod", "doz", "hv", "hvd", "hvg", "hvn", "hvz"],
  ],
  ADJ: ["jj", "jjr", "jjs", "jjt", "od", "ap"],
  ADV: ["rb", "rbr", "rbt", "rn", "ql", "qlp", "wql", "wrb", "abl", "*"],
  PRON: ["pn", "pp", "ppl", "ppls", "ppo", "pps", "ppss", "wp", "wpo", "wps"],
  DET: ["at", "abn", "abx", "dt", "dti", "dts", "dtx", "wdt", "ex"],
  ADP: ["in", "cs"],
  NUM: ["cd"],
  CONJ: ["cc"],
  PRT: ["rp", "to"],
  ".": [".", ",", ":", "(", ")", "--", "``", "''", "'"],
  X: ["uh", "nil"],
};

const UNIVERSAL_OF = new Map<string, UniversalTag>(
  UNIVERSAL_TAGS.flatMap((universal) => BASE_TAGS[universal].map((base) => [base, universal])),
);

/**
 * The universal tag of a Brown tag, by these rules, in order: a foreign word (`fw-…`) is X; a
 * contraction (`ppss+md`, "I'll") takes the tag of its first part; the title, headline and cited-word
 * suffixes (`-tl`, `-hl`, `-nc`), the negation mark (`*` in `md*`, "can't") and the possessive `$`
 * (`nn$`, `pp$`, `pp$$`) come off; what is left is looked up in the table of base tags above. Our
 * own table, close to Petrov et al.'s `en-brown.map` but not identical: the pre-quantifier `abn`
 * ("all", "half") is DET and the pre-qualifier `abl` ("quite", "rather") ADV here, where that map
 * has PRT for both. An unknown tag throws.
 * @example brownToUniversal("nns-tl"); // "NOUN"
 * @example brownToUniversal("ppss+md"); // "PRON"
 */
export function brownToUniversal(tag: string): UniversalTag {
  const lower = tag.toLowerCase();
  if (lower.startsWith("fw-")) return "X";
  let base = lower.split("+")[0]!;
  while (/-(?:tl|hl|nc)$/.test(base)) base = base.slice(0, -3);
  if (base.length > 1) base = base.replace(/\*$/, "").replace(/\$+$/, "");
  const universal = UNIVERSAL_OF.get(base);
  if (universal === undefined) {
    throw new RangeError(`brownToUniversal: unknown Brown tag "${tag}"`);
  }
  return universal;
}
