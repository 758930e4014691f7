// The README's text tour: BPE on Brown, the tagging baseline, and the batches a tagger, a language model and skip-gram read.
import { data, Generator } from "../src/node.js";

const generator = new Generator(0);
const brown = await data.loadBrown(); // universal tags; files split 400 / 50 / 50
const words = (part: data.TaggedSentence[]) => part.reduce((n, s) => n + s.words.length, 0);
console.log(
  `Brown: train ${brown.train.length} sentences / ${words(brown.train)} words, validation ${brown.validation.length} / ${words(brown.validation)}, test ${brown.test.length} / ${words(brown.test)}`,
);

// A byte-level BPE of 4,000 tokens on the training text; every string round-trips, lone surrogates too.
const text = data.sentencesToText(brown.train);
const start = performance.now();
const bpe = data.BpeTokenizer.train([text], { vocabSize: 4000, specialTokens: ["<|endoftext|>"] });
const seconds = (performance.now() - start) / 1000;
const ids = bpe.encode(data.sentencesToText(brown.test));
console.log(
  `BPE: ${bpe.vocabSize} tokens trained in ${seconds.toFixed(1)} s; test text ${(data.sentencesToText(brown.test).length / ids.length).toFixed(2)} chars/token`,
);
const odd = "naïve 😀 \uD800<|endoftext|>";
console.log(`round trip: ${bpe.decode(bpe.encode(odd)) === odd}`);

// Tagging: the floor to beat, and padded batches of word ids with tag ids.
const baseline = data.mostFrequentTagBaseline(brown.train, brown.test);
console.log(
  `most-frequent-tag baseline: ${(100 * baseline.accuracy).toFixed(2)} % (unseen words ${(100 * baseline.unknownAccuracy).toFixed(1)} %)`,
);
const vocabulary = data.WordVocabulary.fromSentences(
  brown.train.map((s) => s.words),
  { minCount: 2 },
);
const tagger = new data.SequenceLoader(
  {
    inputs: brown.train.map((s) => vocabulary.encode(s.words)),
    targets: brown.train.map((s) => data.encodeLabels(s.tags, data.UNIVERSAL_TAGS)),
  },
  { batchSize: 32, shuffle: true, generator },
);
const [batch] = tagger;
console.log(
  `vocabulary ${vocabulary.size} words; tagger batch ${JSON.stringify(batch!.inputs.shape)}, mask sum ${batch!.mask.sum().item()}`,
);

// Language modelling: windows of 129 tokens; skip-gram: pairs with 5 noise words each.
const lm = new data.LanguageModelLoader(bpe.encode(text), {
  contextLength: 128,
  batchSize: 16,
  shuffle: true,
  generator,
});
console.log(`language model: ${lm.length} batches of ${JSON.stringify([...lm][0]!.windows.shape)}`);
const skipGram = new data.SkipGramLoader(
  brown.train.map((s) => vocabulary.encode(s.words)),
  vocabulary,
  { batchSize: 1024, shuffle: true, generator },
);
const [pairs] = skipGram;
console.log(
  `skip-gram: centres ${JSON.stringify(pairs!.centers.shape)}, negatives ${JSON.stringify(pairs!.negatives.shape)}; P_keep("the") = ${skipGram.keepProbabilities[vocabulary.idOf("the")]!.toFixed(3)}`,
);
