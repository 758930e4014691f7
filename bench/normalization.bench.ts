// Normalisation on one thread, float32: layerNorm [8192, 128] forward and forward+backward,
// batchNorm2d [64, 32, 28, 28] (training) forward and forward+backward, groupNorm (8 groups) on the
// same input, ms per call. gradus's fused ops (native) against PyTorch (its twin script, one thread)
// and against the same maths composed of gradus's elementwise ops and reductions (does fusing pay?);
// each round measures every runner in turn; gradus's values are checked against PyTorch's.
import {
  availableBackends,
  batchNorm,
  Generator,
  groupNorm,
  layerNorm,
  linspace,
  noGrad,
  ones,
  randn,
  setBackend,
  setNumThreads,
  zeros,
  type Tensor,
} from "../src/node.js";
import { PythonInputs } from "./peers.js";
import type { BenchRow, BenchSuite } from "./suite.js";
import { median } from "./suite.js";
import { runTorch } from "./torch-peer.js";

const SUITE = "normalization";
const [ROUNDS, REPEATS] = [3, 9];

type Kind = "layerNorm" | "batchNorm" | "groupNorm";
interface Workload {
  readonly id: number;
  readonly name: string;
  readonly kind: Kind;
  readonly shape: number[];
  readonly channels: number;
  readonly groups?: number;
  readonly backward: boolean;
}

const LN = [8192, 128];
const BN = [64, 32, 28, 28];
const WORKLOADS: Workload[] = [
  {
    id: 0,
    name: "layerNorm [8192, 128] forward",
    kind: "layerNorm",
    shape: LN,
    channels: 128,
    backward: false,
  },
  {
    id: 1,
    name: "layerNorm [8192, 128] forward+backward",
    kind: "layerNorm",
    shape: LN,
    channels: 128,
    backward: true,
  },
  {
    id: 2,
    name: "batchNorm2d [64, 32, 28, 28] forward (training)",
    kind: "batchNorm",
    shape: BN,
    channels: 32,
    backward: false,
  },
  {
    id: 3,
    name: "batchNorm2d [64, 32, 28, 28] forward+backward",
    kind: "batchNorm",
    shape: BN,
    channels: 32,
    backward: true,
  },
  {
    id: 4,
    name: "groupNorm 8 groups [64, 32, 28, 28] forward+backward",
    kind: "groupNorm",
    shape: BN,
    channels: 32,
    groups: 8,
    backward: true,
  },
];

/** The same normalisation from elementwise ops and reductions (no fused kernel). */
function composite(work: Workload, x: Tensor, w: Tensor, b: Tensor): Tensor {
  const [axes, view, affine] =
    work.kind === "layerNorm"
      ? [[1], x, [work.channels]]
      : work.kind === "batchNorm"
        ? [[0, 2, 3], x, [work.channels, 1, 1]]
        : [[2], x.reshape([work.shape[0]!, work.groups!, -1]), [work.channels, 1, 1]];
  const mean = view.mean(axes, true);
  const centred = view.sub(mean);
  const normalised = centred.div(centred.square().mean(axes, true).add(1e-5).sqrt());
  return normalised.reshape(x.shape).mul(w.reshape(affine)).add(b.reshape(affine));
}

/** One call of the workload: fused or composite, with its backward when the workload has one. */
function runner(work: Workload, fused: boolean, x: Tensor, g: Tensor): () => Tensor[] {
  const [w, b] = [linspace(0.5, 1.5, work.channels), linspace(-0.5, 0.5, work.channels)];
  [w, b].forEach((t) => (t.requiresGrad = true));
  const [rm, rv] = [zeros([work.channels]), ones([work.channels])];
  const norm = (input: Tensor): Tensor => {
    if (!fused) return composite(work, input, w, b);
    const affine = { weight: w, bias: b, eps: 1e-5 };
    if (work.kind === "layerNorm") return layerNorm(input, work.channels, affine);
    if (work.kind === "groupNorm") return groupNorm(input, work.groups!, affine);
    return batchNorm(input, rm, rv, { ...affine, training: true });
  };
  if (!work.backward) return () => [noGrad(() => norm(x))];
  const leaf = x.detach().requiresGrad_();
  return () => {
    [leaf, w, b].forEach((t) => (t.grad = null));
    const out = norm(leaf);
    out.backward(g);
    return [out, leaf.grad!, w.grad!, b.grad!];
  };
}

/**
 * Warm-up before timing, in ms (as the matmul suite): until the collector recycles freed outputs,
 * every fresh output is never-touched memory whose page faults PyTorch, freeing at once, never pays.
 */
const WARMUP_MS = 300;

function medianMs(fn: () => unknown): number {
  const warmupEnd = performance.now() + WARMUP_MS;
  do fn();
  while (performance.now() < warmupEnd);
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Largest difference from PyTorch's values relative to their largest magnitude. */
function difference(ours: Tensor[], theirs: number[][]): number {
  let worst = 0;
  theirs.forEach((values, i) => {
    const mine = ours[i]!.reshape([-1]).dataSync();
    const scale = values.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-30);
    values.forEach((v, k) => (worst = Math.max(worst, Math.abs(mine[k]! - v) / scale)));
  });
  return worst;
}

interface TorchResult {
  readonly version: string;
  readonly ms: Record<string, number>;
  readonly values: Record<string, number[][]>;
}

export const normalizationSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    if (!availableBackends().includes("native")) setBackend("wasm");
    setNumThreads(1);
    const generator = new Generator(3);
    const inputs = new PythonInputs();
    const data = WORKLOADS.map((work) => {
      const [x, g] = [
        randn(work.shape, { generator }).mul(2).add(1),
        randn(work.shape, { generator }),
      ];
      inputs.write(`x_${work.id}.bin`, x.data);
      inputs.write(`g_${work.id}.bin`, g.data);
      return { fused: runner(work, true, x, g), composite: runner(work, false, x, g) };
    });
    inputs.write("spec.json", new TextEncoder().encode(JSON.stringify(WORKLOADS)));
    const times = WORKLOADS.map(() => ({
      fused: [] as number[],
      composite: [] as number[],
      torch: [] as number[],
    }));
    let torch: TorchResult | { skipped: string } = { skipped: "not run" };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        WORKLOADS.forEach((_, i) => {
          times[i]!.fused.push(medianMs(data[i]!.fused));
          times[i]!.composite.push(medianMs(data[i]!.composite));
        });
        const result = runTorch<TorchResult>("./normalization-torch.py", [
          inputs.folder,
          String(REPEATS),
        ]);
        torch = result;
        if (!("skipped" in result))
          WORKLOADS.forEach((w, i) => times[i]!.torch.push(result.ms[w.name]!));
      }
    } finally {
      inputs.dispose();
    }
    return WORKLOADS.flatMap((work, i): BenchRow[] => {
      const t = times[i]!;
      const base = { suite: SUITE, workload: work.name, unit: "ms" } as const;
      const ratio = (peer: number[]) => median(peer.map((p, r) => p / t.fused[r]!));
      const rows: BenchRow[] = [
        { ...base, runner: "gradus composite", value: median([...t.composite]) },
        {
          ...base,
          runner: "gradus fused",
          value: median([...t.fused]),
          ratio: { peer: "gradus composite", value: ratio(t.composite) },
        },
      ];
      if ("skipped" in torch)
        return [...rows, { ...base, runner: "pytorch", value: NaN, note: torch.skipped }];
      const note = `torch ${torch.version}, 1 thread; gradus vs torch max rel diff ${difference(data[i]!.fused(), torch.values[work.name]!).toExponential(1)}`;
      return [
        ...rows,
        { ...base, runner: "pytorch", value: median([...t.torch]), note },
        {
          ...base,
          runner: "gradus fused",
          value: median([...t.fused]),
          ratio: { peer: "pytorch", value: ratio(t.torch) },
        },
      ];
    });
  },
};
