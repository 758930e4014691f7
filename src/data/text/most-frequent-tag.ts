// The most-frequent-tag baseline for part-of-speech tagging: each word's commonest training tag.

/** A sentence as its words and their part-of-speech tags (the same length). */
export interface TaggedSentence {
  readonly words: readonly string[];
  readonly tags: readonly string[];
}

/** The baseline's token accuracy on the test sentences, overall and on words unseen in training. */
export interface TagBaseline {
  readonly accuracy: number;
  readonly correct: number;
  readonly total: number;
  /** Test tokens whose word never occurs in the training sentences, and the accuracy on them. */
  readonly unknownTokens: number;
  readonly unknownAccuracy: number;
  /** The tag given to unseen words: the commonest tag of the training sentences. */
  readonly fallbackTag: string;
}

function checkSentences(sentences: readonly TaggedSentence[], role: string): void {
  sentences.forEach(({ words, tags }, i) => {
    if (words.length !== tags.length) {
      throw new RangeError(
        `mostFrequentTagBaseline: ${role} sentence ${i} has ${words.length} words but ${tags.length} tags`,
      );
    }
  });
}

/**
 * Tags each test word with the tag it had most often in training (ties: the tag commoner overall,
 * then code-unit order); an unseen word gets the commonest training tag. Words compare as written.
 * The floor a tagger must beat: on Brown's test files with universal tags it scores 94.34 %.
 * @example
 * const { train, test } = await data.loadBrown();
 * data.mostFrequentTagBaseline(train, test).accuracy; // 0.9434…
 */
export function mostFrequentTagBaseline(
  train: readonly TaggedSentence[],
  test: readonly TaggedSentence[],
): TagBaseline {
  checkSentences(train, "training");
  checkSentences(test, "test");
  const tagTotals = new Map<string, number>();
  const byWord = new Map<string, Map<string, number>>();
  for (const { words, tags } of train) {
    words.forEach((word, i) => {
      const tag = tags[i]!;
      tagTotals.set(tag, (tagTotals.get(tag) ?? 0) + 1);
      let counts = byWord.get(word);
      if (counts === undefined) byWord.set(word, (counts = new Map()));
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
    });
  }
  if (tagTotals.size === 0)
    throw new RangeError("mostFrequentTagBaseline: the training sentences have no words");
  const better = (
    [tag, count]: [string, number],
    [bestTag, bestCount]: [string, number],
  ): boolean =>
    count > bestCount ||
    (count === bestCount &&
      (tagTotals.get(tag)! > tagTotals.get(bestTag)! ||
        (tagTotals.get(tag) === tagTotals.get(bestTag) && tag < bestTag)));
  const commonest = (counts: Map<string, number>): string =>
    [...counts].reduce((best, entry) => (better(entry, best) ? entry : best))[0];
  const fallbackTag = commonest(tagTotals);
  const predictions = new Map([...byWord].map(([word, counts]) => [word, commonest(counts)]));
  let [correct, total, unknownTokens, unknownCorrect] = [0, 0, 0, 0];
  for (const { words, tags } of test) {
    words.forEach((word, i) => {
      const predicted = predictions.get(word);
      const hit = (predicted ?? fallbackTag) === tags[i] ? 1 : 0;
      correct += hit;
      total++;
      if (predicted === undefined) {
        unknownTokens++;
        unknownCorrect += hit;
      }
    });
  }
  if (total === 0)
    throw new RangeError("mostFrequentTagBaseline: the test sentences have no words");
  return {
    accuracy: correct / total,
    correct,
    total,
    unknownTokens,
    unknownAccuracy: unknownTokens === 0 ? NaN : unknownCorrect / unknownTokens,
    fallbackTag,
  };
}
