// scaledDotProductAttention forward + backward against PyTorch's (outputs compared), and a transformer
// language-model training step (4 pre-norm causal layers, d = 128, 4 heads, context 128,
// batch 16, feed-forward 512, vocabulary 256, dropout 0, SGD), ms per step, one thread: gradus's
// nn.TransformerLanguageModel against the same model in PyTorch (same initial parameters and batches,
// the final parameters compared), in alternation over ROUNDS rounds.
import { availableParallelism } from "node:os";
import {
  Generator,
  nn,
  onesLike,
  optim,
  randn,
  scaledDotProductAttention,
  setBackend,
  setNumThreads,
  Tensor,
  type BackendName,
} from "../src/node.js";
import { PythonInputs, runTorch } from "./peers.js";

type StateDict = nn.StateDict;
import { runRounds, type Measurement, type RoundRunner } from "./rounds.js";
import { timeMedian, type BenchRow, type BenchSuite } from "./suite.js";

const CONFIG = {
  activation: "relu" as const,
  vocab: 256,
  dModel: 128,
  nhead: 4,
  numLayers: 4,
  context: 128,
  batch: 16,
  dimFeedforward: 512,
};
/** Each round: WARMUP untimed steps from fresh parameters, then STEPS timed ones (both runners). */
const [WARMUP, STEPS, ROUNDS, LR, BATCHES] = [2, 6, 5, 0.01, 2];
const SUITE = "transformer-step";
const WORKLOAD = `LM train step: ${CONFIG.numLayers} layers, d=${CONFIG.dModel}, ${CONFIG.nhead} heads, context ${CONFIG.context}, batch ${CONFIG.batch}`;
/** float32 rounding over a few steps; a wrong gradient moves parameters by ≈ lr·|g| ≫ this. */
const TOLERANCE = 2e-4;

const newModel = (): nn.TransformerLanguageModel =>
  new nn.TransformerLanguageModel(CONFIG.vocab, {
    dModel: CONFIG.dModel,
    nhead: CONFIG.nhead,
    numLayers: CONFIG.numLayers,
    contextLength: CONFIG.context,
    dimFeedforward: CONFIG.dimFeedforward,
    dropout: 0,
    activation: CONFIG.activation,
    generator: new Generator(3),
  });

/** Trains WARMUP + `steps` steps from `init`; returns ms per timed step and the final state dict. */
function trainGradus(
  backend: BackendName,
  init: StateDict,
  batches: readonly Tensor[],
  steps: number,
): [number, StateDict] {
  setBackend(backend);
  setNumThreads(1);
  const model = newModel();
  model.loadStateDict(init);
  const optimizer = new optim.SGD(model.parameters(), { lr: LR });
  const [B, T, V] = [CONFIG.batch, CONFIG.context, CONFIG.vocab];
  let start = performance.now();
  for (let s = 0; s < WARMUP + steps; s++) {
    if (s === WARMUP) start = performance.now();
    const batch = batches[s % batches.length]!;
    optimizer.zeroGrad();
    const logits = model.forward(batch.slice(1, 0, T));
    nn.crossEntropy(logits.reshape([B * T, V]), batch.slice(1, 1).reshape([B * T])).backward();
    optimizer.step();
  }
  return [(performance.now() - start) / steps, model.stateDict()];
}

/** The largest |difference| between two state dicts' values. */
function stateError(a: StateDict, b: Record<string, Float32Array>): number {
  let worst = 0;
  for (const [key, tensor] of Object.entries(a)) {
    const [x, y] = [tensor.dataSync(), b[key]!];
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!));
  }
  return worst;
}

function torchRunner(
  init: StateDict,
  tokens: Int32Array,
  reference: { state: StateDict | null },
): RoundRunner & { dispose(): void } {
  const inputs = new PythonInputs();
  const keys = Object.keys(init);
  const flat = Float32Array.from(keys.flatMap((key) => Array.from(init[key]!.dataSync())));
  const manifest = {
    ...CONFIG,
    lr: LR,
    warmup: WARMUP,
    steps: STEPS,
    repeats: 2,
    parameters: keys.map((key) => [key, init[key]!.shape]),
  };
  const files = [
    inputs.write("manifest.json", new TextEncoder().encode(JSON.stringify(manifest))),
    inputs.write("params.bin", flat),
    inputs.write("tokens.bin", tokens),
    inputs.write("out.bin", new Float32Array(0)),
  ];
  return {
    name: "pytorch",
    measure(): Measurement {
      const result = runTorch<{ ms: number[]; version: string }>("./transformer-torch.py", files);
      if ("skipped" in result) return result;
      const out = new Float32Array(inputs.read("out.bin"));
      const theirs: Record<string, Float32Array> = {};
      let at = 0;
      for (const key of keys) theirs[key] = out.subarray(at, (at += init[key]!.size));
      const error = reference.state === null ? NaN : stateError(reference.state, theirs);
      if (!(error < TOLERANCE))
        throw new Error(`${WORKLOAD}: gradus and PyTorch parameters differ by ${error}`);
      const note = `torch ${result.version}, 1 thread; parameters after ${WARMUP + STEPS} steps vs gradus ${error.toExponential(1)}`;
      return { value: result.ms[result.ms.length - 1]!, note };
    },
    dispose: () => inputs.dispose(),
  };
}

const ATTENTION = { N: 16, H: 4, L: 128, E: 32, repeats: 15 };

/** scaledDotProductAttention forward + backward (causal) against PyTorch's, outputs compared. */
async function attentionRows(): Promise<BenchRow[]> {
  const { N, H, L, E, repeats } = ATTENTION;
  const generator = new Generator(5);
  const [q, k, v] = [0, 1, 2].map(() => randn([N, H, L, E], { generator }).requiresGrad_());
  const inputs = new PythonInputs();
  const files = [
    ...[q, k, v].map((x, i) => inputs.write(`${i}.bin`, x!.dataSync())),
    inputs.write("out.bin", new Float32Array(0)),
  ];
  const gradient = onesLike(q!);
  let output: Tensor | null = null;
  const gradus: RoundRunner = {
    name: "gradus-native",
    peers: ["pytorch"],
    async measure(): Promise<Measurement> {
      setBackend("native");
      setNumThreads(1);
      const step = () => {
        output = scaledDotProductAttention(q!, k!, v!, { isCausal: true });
        output.backward(gradient);
      };
      return { value: await timeMedian(step, repeats, 3) };
    },
  };
  const torch: RoundRunner = {
    name: "pytorch",
    measure(): Measurement {
      const args = [...files, ...[N, H, L, E, repeats].map(String)];
      const result = runTorch<{ ms: number; version: string }>("./attention-torch.py", args);
      if ("skipped" in result) return result;
      const theirs = new Float32Array(inputs.read("out.bin"));
      const ours = output!.dataSync();
      const error = theirs.reduce((worst, x, i) => Math.max(worst, Math.abs(x - ours[i]!)), 0);
      if (!(error < 1e-5))
        throw new Error(`attention: gradus and PyTorch outputs differ by ${error}`);
      return {
        value: result.ms,
        note: `torch ${result.version}, 1 thread; outputs differ by ${error.toExponential(1)}`,
      };
    },
  };
  try {
    return await runRounds(
      {
        suite: SUITE,
        workload: `SDPA causal fwd+bwd [${N}, ${H}, ${L}, ${E}] fp32`,
        unit: "ms",
        better: "lower",
        rounds: ROUNDS,
      },
      [gradus, torch],
    );
  } finally {
    inputs.dispose();
  }
}

export const transformerStepSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const init = newModel().stateDict();
    const generator = new Generator(11);
    const [B, T] = [CONFIG.batch, CONFIG.context];
    const tokens = Int32Array.from({ length: BATCHES * B * (T + 1) }, () =>
      generator.integer(CONFIG.vocab),
    );
    const batches = Array.from(
      { length: BATCHES },
      (_, i) => new Tensor(tokens.subarray(i * B * (T + 1), (i + 1) * B * (T + 1)), [B, T + 1]),
    );
    const reference: { state: StateDict | null } = { state: null };
    const gradus: RoundRunner = {
      name: "gradus-native",
      peers: ["pytorch"],
      measure(): Measurement {
        const [ms, state] = trainGradus("native", init, batches, STEPS);
        reference.state = state;
        return { value: ms };
      },
    };
    const torch = torchRunner(init, tokens, reference);
    try {
      const attention = await attentionRows();
      const steps = await runRounds(
        { suite: SUITE, workload: WORKLOAD, unit: "ms/step", better: "lower", rounds: ROUNDS },
        [gradus, torch],
      );
      return [...attention, ...steps];
    } finally {
      torch.dispose();
      setBackend("native");
      setNumThreads(availableParallelism());
    }
  },
};
