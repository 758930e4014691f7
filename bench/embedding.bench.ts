// Sparse against dense embedding gradients on a 50k×100 table: one skip-gram step (centre and context
// tables, B = 1024 pairs, logistic loss on their dot products), ms per step on one thread, with SGD
// and with SparseAdam (sparse) against Adam (dense). Both paths start from the same tables and see the
// same batches; their final tables must agree (the sparse path changes only the rows looked up).
import { availableParallelism } from "node:os";
import {
  availableBackends,
  Generator,
  nn,
  optim,
  setBackend,
  setNumThreads,
  Tensor,
  type BackendName,
} from "../src/node.js";
import { runRounds, type Measurement, type RoundRunner } from "./rounds.js";
import type { BenchRow, BenchSuite } from "./suite.js";

const [VOCABULARY, DIM, PAIRS, STEPS, ROUNDS] = [50_000, 100, 1024, 10, 5];
const SUITE = "embedding";

interface Batch {
  readonly centre: Tensor;
  readonly context: Tensor;
  readonly labels: Tensor;
}

function batches(generator: Generator): Batch[] {
  const draw = () =>
    new Tensor(
      Int32Array.from({ length: PAIRS }, () => generator.integer(VOCABULARY)),
      [PAIRS],
    );
  return Array.from({ length: STEPS }, () => ({
    centre: draw(),
    context: draw(),
    labels: new Tensor(
      Float32Array.from({ length: PAIRS }, () => (generator.uniform() < 0.5 ? 1 : 0)),
      [PAIRS],
    ),
  }));
}

type OptimizerKind = "sgd" | "adam";

/** Trains STEPS steps from `init`; returns [ms per step, final centre table]. */
function training(
  sparse: boolean,
  kind: OptimizerKind,
  init: [Float32Array, Float32Array],
  data: readonly Batch[],
): () => [number, Float32Array] {
  return () => {
    const [centre, context] = [0, 1].map(() => new nn.Embedding(VOCABULARY, DIM, { sparse }));
    centre!.weight.data.set(init[0]);
    context!.weight.data.set(init[1]);
    const parameters = [centre!.weight, context!.weight];
    const optimizer =
      kind === "sgd"
        ? new optim.SGD(parameters, { lr: 0.5 })
        : sparse
          ? new optim.SparseAdam(parameters, { lr: 0.01 })
          : new optim.Adam(parameters, { lr: 0.01 });
    const start = performance.now();
    for (const batch of data) {
      optimizer.zeroGrad();
      const logits = centre!.forward(batch.centre).mul(context!.forward(batch.context)).sum(-1);
      nn.binaryCrossEntropyWithLogits(logits, batch.labels).backward();
      optimizer.step();
    }
    const ms = (performance.now() - start) / data.length;
    return [ms, centre!.weight.dataSync() as Float32Array];
  };
}

/** The sparse and dense runners of one optimizer, the sparse one checked against the dense one. */
function runners(
  kind: OptimizerKind,
  init: [Float32Array, Float32Array],
  data: readonly Batch[],
): RoundRunner[] {
  const dense = training(false, kind, init, data);
  const sparse = training(true, kind, init, data);
  let reference: Float32Array | null = null;
  const name = (isSparse: boolean): string =>
    `gradus-${isSparse ? "sparse" : "dense"}-${kind === "sgd" ? "sgd" : isSparse ? "sparseadam" : "adam"}`;
  return [
    {
      name: name(false),
      measure(round): Measurement {
        if (round === 0) dense();
        const [ms, table] = dense();
        reference = table;
        return { value: ms };
      },
    },
    {
      name: name(true),
      peers: [name(false)],
      measure(round): Measurement {
        if (round === 0) sparse();
        const [ms, table] = sparse();
        let worst = 0;
        for (let i = 0; i < table.length; i++)
          worst = Math.max(worst, Math.abs(table[i]! - reference![i]!));
        // Adam and SparseAdam differ on purpose (lazy moments); SGD must agree to float32 rounding
        if (kind === "sgd" && !(worst < 1e-5))
          throw new Error(`embedding: sparse and dense SGD tables differ by ${worst}`);
        return {
          value: ms,
          note: `largest difference from the dense path ${worst.toExponential(1)}`,
        };
      },
    },
  ];
}

export const embeddingSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const backend = (availableBackends().includes("native") ? "native" : "wasm") as BackendName;
    setBackend(backend);
    setNumThreads(1);
    const generator = new Generator(3);
    const table = () =>
      Float32Array.from({ length: VOCABULARY * DIM }, () => generator.uniform() - 0.5);
    const init: [Float32Array, Float32Array] = [table(), table()];
    const data = batches(generator);
    const rows: BenchRow[] = [];
    try {
      for (const kind of ["sgd", "adam"] as const) {
        const workload = `skip-gram step, ${VOCABULARY / 1000}k×${DIM} tables, B=${PAIRS}, ${kind === "sgd" ? "SGD" : "Adam / SparseAdam"} (${backend})`;
        rows.push(
          ...(await runRounds(
            { suite: SUITE, workload, unit: "ms/step", better: "lower", rounds: ROUNDS },
            runners(kind, init, data),
          )),
        );
      }
      return rows;
    } finally {
      setNumThreads(availableParallelism());
    }
  },
};
