// Byte-level BPE on Brown's training text: training to 4,000 tokens, the incremental merge loop against the naive one, encoding.
import { loadBrown } from "../src/data/node/brown.js";
import { sentencesToText } from "../src/data/datasets/brown.js";
import { BpeTokenizer } from "../src/data/text/bpe-tokenizer.js";
import { learnMerges, type WeightedChunk } from "../src/data/text/bpe-train.js";
import { preTokenize } from "../src/data/text/pre-tokenize.js";
import { encodeWtf8 } from "../src/data/text/wtf8.js";
import { naiveMerges } from "./bpe-naive.js";
import { timeMedian, type BenchRow, type BenchSuite } from "./suite.js";

const SUITE = "bpe";
const [VOCAB, NAIVE_MERGES] = [4000, 30];

function chunksOf(text: string): WeightedChunk[] {
  const counts = new Map<string, number>();
  for (const chunk of preTokenize(text)) counts.set(chunk, (counts.get(chunk) ?? 0) + 1);
  return Array.from(counts, ([chunk, count]) => ({
    symbols: Array.from(encodeWtf8(chunk)),
    count,
  }));
}

export const bpeSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const brown = await loadBrown();
    const text = sentencesToText(brown.train);
    const testText = sentencesToText(brown.test);
    let bpe = BpeTokenizer.train([text], { vocabSize: VOCAB });
    const trainMs = await timeMedian(
      () => (bpe = BpeTokenizer.train([text], { vocabSize: VOCAB })),
      3,
      1,
    );
    const merges = bpe.merges.length;
    const incrementalMs = await timeMedian(() => learnMerges(chunksOf(text), merges, 2), 3, 1);
    const countMs = await timeMedian(() => chunksOf(text), 3, 1);
    const naiveMs = await timeMedian(() => naiveMerges(chunksOf(text), NAIVE_MERGES), 1, 0);
    const [fast, slow] = [naiveMerges(chunksOf(text), 10), learnMerges(chunksOf(text), 10, 2)];
    if (JSON.stringify(fast) !== JSON.stringify(slow))
      throw new Error(`${SUITE}: the trainers disagree`);
    const json = bpe.toJSON();
    let ids: Int32Array = new Int32Array(0);
    const encodeMs = await timeMedian(
      () => (ids = BpeTokenizer.fromJSON(json).encode(testText)),
      5,
      1,
    );
    const perMerge = (incrementalMs - countMs) / merges;
    const naivePerMerge = (naiveMs - countMs) / NAIVE_MERGES;
    const workload = `Brown train text, ${(text.length / 1e6).toFixed(2)} M chars`;
    return [
      {
        suite: SUITE,
        workload: `BPE train to ${VOCAB} tokens, ${workload}`,
        runner: "gradus",
        value: trainMs / 1000,
        unit: "s",
        note: `${merges} merges; pre-tokenise + count ${countMs.toFixed(0)} ms`,
      },
      {
        suite: SUITE,
        workload: `BPE merge step, ${workload}`,
        runner: "naive recount",
        value: naivePerMerge,
        unit: "ms/merge",
        note: `first ${NAIVE_MERGES} merges; ×${merges} ≈ ${((naivePerMerge * merges) / 1000).toFixed(0)} s`,
      },
      {
        suite: SUITE,
        workload: `BPE merge step, ${workload}`,
        runner: "gradus incremental",
        value: perMerge,
        unit: "ms/merge",
        ratio: { peer: "naive recount", value: naivePerMerge / perMerge },
        note: "mean over all merges; ratio = speed-up",
      },
      {
        suite: SUITE,
        workload: `BPE encode, Brown test text (${(testText.length / 1e6).toFixed(2)} M chars)`,
        runner: "gradus",
        value: testText.length / 1e6 / (encodeMs / 1000),
        unit: "M chars/s",
        note: `${(testText.length / ids.length).toFixed(2)} chars per token, cold chunk cache`,
      },
    ];
  },
};
