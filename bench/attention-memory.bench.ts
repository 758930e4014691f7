// Memory of scaledDotProductAttention (causal, N = 2, H = 4, E = 64, float32) as L grows: the typed-array
// bytes its forward keeps for the backward (ArrayBuffer growth after GC, output included), the peak
// allocated by the backward beyond the gradients, against the same attention from primitives (matmul, softmax,
// matmul), which keeps [N, H, L, L] probabilities. The fused kernel's native scratch per thread is
// (L + 2S)·E + 2S·Ev + L·Ev + 3·32·S floats (one head's copies and a 32-row block), not [L, L].
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  Generator,
  onesLike,
  randn,
  scaledDotProductAttention,
  setBackend,
  setNumThreads,
  Tensor,
} from "../src/node.js";
import type { BenchRow, BenchSuite } from "./suite.js";

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
const [N, H, E] = [2, 4, 64];
const MB = 1024 * 1024;

/** ArrayBuffer bytes after full collections (V8 frees backing stores on a background thread: wait). */
async function arrayBytes(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().arrayBuffers;
}

/** Bytes the forward keeps (output and what the graph holds) and the backward's extra peak. */
async function measure(
  attend: (q: Tensor, k: Tensor, v: Tensor) => Tensor,
  L: number,
): Promise<[number, number]> {
  const g = new Generator(1);
  const [q, k, v] = [0, 1, 2].map(() => randn([N, H, L, E], { generator: g }).requiresGrad_()) as [
    Tensor,
    Tensor,
    Tensor,
  ];
  const before = await arrayBytes();
  const out = attend(q, k, v);
  const kept = (await arrayBytes()) - before;
  // what the backward allocates beyond the three gradients (read before any collection: an upper
  // bound of its peak, as long as no GC ran in between)
  const outputGrad = onesLike(out);
  const start = process.memoryUsage().arrayBuffers;
  out.backward(outputGrad);
  const allocated = process.memoryUsage().arrayBuffers - start;
  return [kept, Math.max(0, allocated - 3 * N * H * L * E * 4)];
}

const fused = (q: Tensor, k: Tensor, v: Tensor) =>
  scaledDotProductAttention(q, k, v, { isCausal: true });

export const attentionMemorySuite: BenchSuite = {
  name: "attention-memory",
  async run(): Promise<BenchRow[]> {
    setBackend("native");
    setNumThreads(1);
    const rows: BenchRow[] = [];
    const causal = (L: number) => {
      const data = new Float32Array(L * L);
      for (let i = 0; i < L; i++) for (let j = i + 1; j < L; j++) data[i * L + j] = -Infinity;
      return data;
    };
    for (const L of [256, 512, 1024, 2048]) {
      const workload = `SDPA causal N=${N} H=${H} L=${L} E=${E} fp32: bytes kept by forward`;
      const perLd = N * H * L * E * 4;
      const [kept, backwardExtra] = await measure(fused, L);
      const mask = causal(L);
      const composite = (q: Tensor, k: Tensor, v: Tensor) => {
        const bias = new Tensor(mask, [L, L]);
        return q
          .matmul(k.transpose())
          .mul(1 / Math.sqrt(E))
          .add(bias)
          .softmax(-1)
          .matmul(v);
      };
      const [compositeKept] = L <= 1024 ? await measure(composite, L) : [NaN];
      rows.push({
        suite: "attention-memory",
        workload,
        runner: "gradus-fused",
        value: kept / MB,
        unit: "MB",
        ...(Number.isNaN(compositeKept)
          ? {}
          : { ratio: { peer: "composite", value: compositeKept / kept } }),
        note: `${(kept / perLd).toFixed(3)} × N·H·L·E·4 bytes; backward beyond its gradients ${(backwardExtra / MB).toFixed(2)} MB; one head's [L, L] would be ${((L * L * 4) / MB).toFixed(1)} MB`,
      });
      if (!Number.isNaN(compositeKept))
        rows.push({
          suite: "attention-memory",
          workload,
          runner: "composite",
          value: compositeKept / MB,
          unit: "MB",
          note: `matmul, softmax, matmul: ${(compositeKept / (N * H * L * L * 4)).toFixed(2)} × N·H·L·L·4 bytes`,
        });
    }
    return rows;
  },
};
