// A part-of-speech tagger in a page: word and suffix embeddings, a bidirectional LSTM cut at each
// sentence's length, a linear layer to the 12 universal tags; trained on a slice of Brown and scored
// beside the most-frequent-tag baseline. The full version is `gradus tag train` (97.4 % on the test files).
import { concat, data, Generator, nn, noGrad, optim, type Tensor } from "../src/node.js";

const generator = new Generator(0);
const brown = await data.loadBrown(); // universal tags; split by file
const [train, test] = [brown.train.slice(0, 2000), brown.test.slice(0, 400)];
const tags = data.UNIVERSAL_TAGS;
const texts = train.map((s) => s.words);
// words seen once become <unk> (practice for unseen ones); the last three letters ("-ing", "-ly")
// tell the tag of many words never seen in training
const words = data.WordVocabulary.fromSentences(texts, { minCount: 2, lowercase: true });
const suffixOf = (word: string) => word.slice(-3).toLowerCase();
const suffixes = data.WordVocabulary.fromSentences(
  texts.map((s) => s.map(suffixOf)),
  { minCount: 2 },
);

/** Padded [B, T] word ids, suffix ids and tag ids, the real-word mask and the lengths of a batch. */
function batch(sentences: data.TaggedSentence[]) {
  const pad = (rows: ArrayLike<number>[]) => data.padSequences(rows);
  const { padded: wordIds, mask, lengths } = pad(sentences.map((s) => words.encode(s.words)));
  const suffixIds = pad(sentences.map((s) => suffixes.encode(s.words.map(suffixOf)))).padded;
  const tagIds = pad(sentences.map((s) => data.encodeLabels(s.tags, tags))).padded;
  return { wordIds, suffixIds, tagIds, mask: mask.reshape([-1]), lengths };
}

const wordEmbedding = new nn.Embedding(words.size, 48, { generator, sparse: true });
const suffixEmbedding = new nn.Embedding(suffixes.size, 16, { generator, sparse: true });
const lstm = new nn.LSTM(64, 48, { bidirectional: true, batchFirst: true, generator });
const classifier = new nn.Linear(96, tags.length, { generator });
const dense = [...lstm.parameters(), ...classifier.parameters()];
const optimizers = [
  new optim.SparseAdam([wordEmbedding.weight, suffixEmbedding.weight], { lr: 0.01 }), // rows seen only
  new optim.Adam(dense, { lr: 0.01 }),
];

/** Tag scores [B·T, tags]; the LSTM stops at each row's length in both directions. */
function scores({ wordIds, suffixIds, lengths }: ReturnType<typeof batch>): Tensor {
  const input = concat([wordEmbedding.forward(wordIds), suffixEmbedding.forward(suffixIds)], -1);
  const [output] = lstm.forward(input, null, { lengths });
  return classifier.forward(output).reshape([-1, tags.length]);
}

for (let epoch = 1; epoch <= 2; epoch++) {
  const order = data.permutation(train.length, generator);
  let [total, steps] = [0, 0];
  for (let start = 0; start < train.length; start += 32) {
    const b = batch(Array.from(order.subarray(start, start + 32), (i) => train[i]!));
    for (const optimizer of optimizers) optimizer.zeroGrad();
    const losses = nn.crossEntropy(scores(b), b.tagIds.reshape([-1]), { reduction: "none" });
    const loss = losses.mul(b.mask).sum().div(b.mask.sum()); // padding weighs nothing
    loss.backward();
    optim.clipGradNorm(dense, 5);
    for (const optimizer of optimizers) optimizer.step();
    [total, steps] = [total + loss.item(), steps + 1];
  }
  console.log(`epoch ${epoch}: mean loss ${(total / steps).toFixed(3)}`);
}

let [correct, count] = [0, 0];
noGrad(() => {
  for (let start = 0; start < test.length; start += 128) {
    const b = batch(test.slice(start, start + 128));
    const predicted = scores(b).argmax(1).dataSync();
    const [gold, real] = [b.tagIds.dataSync(), b.mask.dataSync()];
    predicted.forEach((tag, i) => {
      if (real[i] === 0) return;
      count++;
      if (tag === gold[i]) correct++;
    });
  }
});
const baseline = data.mostFrequentTagBaseline(train, test);
const percent = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log(
  `test: ${count} words, BiLSTM ${percent(correct / count)}, most frequent tag ${percent(baseline.accuracy)}`,
);
