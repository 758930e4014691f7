// LSTM training step (2 layers, input and hidden 256, sequence 64, batch 32, no biases; loss Σ output²/N,
// SGD), ms per step, one thread: gradus (native, wasm) against PyTorch's nn.LSTM and TF.js wasm's
// tf.layers.lstm, in alternation over ROUNDS rounds. Every runner trains TRAIN_STEPS steps from the same
// parameters and input; its first loss and final parameters are checked against a float64 run.
import { availableParallelism } from "node:os";
import {
  availableBackends,
  Generator,
  nn,
  noGrad,
  optim,
  randn,
  setBackend,
  setNumThreads,
  Tensor,
  type BackendName,
  type DType,
} from "../src/node.js";
import { checkRun, tfjsLstm, torchLstm, type LstmRun, type LstmShape } from "./lstm-peers.js";
import { tfjsWasm } from "./peers.js";
import { runRounds, type Measurement, type RoundRunner } from "./rounds.js";
import type { BenchRow, BenchSuite } from "./suite.js";

const SHAPE: LstmShape = { input: 256, hidden: 256, layers: 2, steps: 64, batch: 32 };
const [TRAIN_STEPS, LR, ROUNDS] = [3, 0.01, 5];
const SUITE = "lstm-step";
const WORKLOAD = `LSTM 2×256 train step, L=${SHAPE.steps} N=${SHAPE.batch}`;

/** gradus through the public API: nn.LSTM, Σ output²/N, backward, optim.SGD. */
function gradusTraining(
  backend: BackendName,
  dtype: DType,
  init: Float32Array,
  x: Float32Array,
): (trainSteps: number) => LstmRun {
  const { input, hidden, layers, steps, batch } = SHAPE;
  const xs = new Tensor(dtype === "float64" ? Float64Array.from(x) : x, [steps, batch, input]);
  return (trainSteps) => {
    setBackend(backend);
    setNumThreads(1);
    const lstm = new nn.LSTM(input, hidden, { numLayers: layers, bias: false, dtype });
    let at = 0;
    noGrad(() =>
      lstm.parameters().forEach((parameter) => {
        parameter.data.set(init.subarray(at, at + parameter.size));
        at += parameter.size;
      }),
    );
    const optimizer = new optim.SGD(lstm.parameters(), { lr: LR });
    let loss = NaN;
    const start = performance.now();
    for (let s = 0; s < trainSteps; s++) {
      optimizer.zeroGrad();
      const [output] = lstm.forward(xs);
      const value = output.square().sum().div(batch);
      value.backward();
      optimizer.step();
      if (s === 0) loss = value.item();
    }
    const ms = (performance.now() - start) / trainSteps;
    const params = new Float32Array(init.length);
    at = 0;
    for (const parameter of lstm.parameters()) {
      params.set(parameter.dataSync(), at);
      at += parameter.size;
    }
    return { ms, loss, params };
  };
}

/** A runner timing `train` (after one warm-up training in round 0), checked against the reference. */
function runner(
  name: string,
  init: Float32Array,
  reference: LstmRun,
  train: () => Promise<LstmRun> | LstmRun,
  peers?: readonly string[],
): RoundRunner {
  return {
    name,
    ...(peers ? { peers } : {}),
    async measure(round): Promise<Measurement> {
      if (round === 0) await train();
      return checkRun(await train(), reference, init);
    },
  };
}

export const lstmStepSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const generator = new Generator(11);
    const { input, hidden, layers, steps, batch } = SHAPE;
    const model = new nn.LSTM(input, hidden, { numLayers: layers, bias: false, generator });
    const init = Float32Array.from(
      model.parameters().flatMap((parameter) => Array.from(parameter.dataSync())),
    );
    const x = randn([steps, batch, input], { generator }).dataSync() as Float32Array;
    const backends = availableBackends().filter((name) => name !== "js") as BackendName[];
    const reference = gradusTraining(backends[0]!, "float64", init, x)(TRAIN_STEPS);
    const peers = ["pytorch", "tfjs-wasm"];
    const runners: RoundRunner[] = backends.map((backend) => {
      const train = gradusTraining(backend, "float32", init, x);
      return runner(`gradus-${backend}`, init, reference, () => train(TRAIN_STEPS), peers);
    });
    const torch = torchLstm(SHAPE, init, x, TRAIN_STEPS, LR);
    runners.push({
      name: "pytorch",
      measure(round): Measurement {
        const run = torch.run(round === 0 ? 2 : 1);
        if ("skipped" in run) return run;
        const checked = checkRun(run, reference, init);
        return "value" in checked
          ? { ...checked, note: `torch, 1 thread; ${checked.note}` }
          : checked;
      },
    });
    const tf = await tfjsWasm();
    runners.push(
      tf === null
        ? { name: "tfjs-wasm", measure: () => ({ skipped: "tfjs wasm did not start" }) }
        : runner("tfjs-wasm", init, reference, tfjsLstm(tf, SHAPE, init, x, TRAIN_STEPS, LR)),
    );
    try {
      return await runRounds(
        { suite: SUITE, workload: WORKLOAD, unit: "ms/step", better: "lower", rounds: ROUNDS },
        runners,
      );
    } finally {
      torch.dispose();
      setBackend(backends[0] ?? "js");
      setNumThreads(availableParallelism());
    }
  },
};
