// Tagging with a trained tagger (batches sorted by length, no gradients) and its token accuracy, overall
// and on words the training sentences never had — the numbers the most-frequent-tag baseline reports.
import { noGrad, type data } from "../../node.js";
import { bucketedOrder, tagBatch } from "./tag-batches.js";
import type { TagFeatureIds, TagFeatures } from "./tag-features.js";
import type { PosTagger } from "./tag-model.js";

/**
 * The best tag id of every word of every sentence (an empty sentence gets none).
 * @example const [ids] = predictTags(tagger, [features.encode(["The", "dog", "barks"])]);
 */
export function predictTags(
  tagger: PosTagger,
  sentences: readonly TagFeatureIds[],
  batchSize = 128,
): Int32Array[] {
  const predictions = sentences.map(() => new Int32Array(0));
  const lengths = sentences.map((sentence) => sentence.words.length);
  const wasTraining = tagger.training;
  tagger.eval();
  noGrad(() => {
    for (const indices of bucketedOrder(lengths, batchSize, null)) {
      const kept = Array.from(indices).filter((i) => lengths[i]! > 0);
      if (kept.length === 0) continue;
      const best = tagger
        .forward(tagBatch(kept.map((i) => sentences[i]!)))
        .argmax(1)
        .dataSync();
      let next = 0;
      for (const i of kept) {
        predictions[i] = Int32Array.from(best.subarray(next, next + lengths[i]!));
        next += lengths[i]!;
      }
    }
  });
  tagger.train(wasTraining);
  return predictions;
}

/** Token accuracy of a tagger, with the same fields as the baseline's. */
export interface TagAccuracy {
  readonly accuracy: number;
  readonly correct: number;
  readonly total: number;
  readonly unknownTokens: number;
  readonly unknownAccuracy: number;
}

/**
 * Compares predicted tag names with the test sentences' tags; `isKnown` says which words count as seen
 * (with the training sentences: as written, data.mostFrequentTagBaseline's definition).
 * @example tagAccuracy(test, predicted, (word) => trainWords.has(word)); // { accuracy: 0.96…, … }
 */
export function tagAccuracy(
  test: readonly data.TaggedSentence[],
  predicted: readonly (readonly string[])[],
  isKnown: (word: string) => boolean,
): TagAccuracy {
  let [correct, total, unknownTokens, unknownCorrect] = [0, 0, 0, 0];
  test.forEach(({ words, tags }, s) => {
    words.forEach((word, i) => {
      const hit = predicted[s]![i] === tags[i] ? 1 : 0;
      correct += hit;
      total++;
      if (!isKnown(word)) {
        unknownTokens++;
        unknownCorrect += hit;
      }
    });
  });
  return {
    accuracy: total === 0 ? NaN : correct / total,
    correct,
    total,
    unknownTokens,
    unknownAccuracy: unknownTokens === 0 ? NaN : unknownCorrect / unknownTokens,
  };
}

/** The words of the sentences as written, for tagAccuracy's `isKnown`. */
export function wordsOf(sentences: readonly data.TaggedSentence[]): Set<string> {
  const words = new Set<string>();
  for (const sentence of sentences) for (const word of sentence.words) words.add(word);
  return words;
}

/**
 * Tags the sentences with the tagger and scores it.
 * @example scoreTagger(tagger, features, test, (word) => known.has(word)).accuracy; // 0.96…
 */
export function scoreTagger(
  tagger: PosTagger,
  features: TagFeatures,
  test: readonly data.TaggedSentence[],
  isKnown: (word: string) => boolean,
): TagAccuracy {
  const ids = predictTags(
    tagger,
    test.map((sentence) => features.encode(sentence.words)),
  );
  const names = ids.map((row) => Array.from(row, (id) => tagger.config.tags[id]!));
  return tagAccuracy(test, names, isKnown);
}
