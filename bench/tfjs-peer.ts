// TF.js 4.22 on its cpu backend as the benchmark peer (tfjs-core alone has no gradients in Node).
import * as tf from "@tensorflow/tfjs";
import { timeMedian, type BenchRow } from "./suite.js";

/** The peer's name in result rows. */
export const PEER = "tfjs-cpu";
export type Tfjs = typeof tf;

let ready: Promise<typeof tf> | null = null;

/** TF.js with the cpu backend selected (once). */
export function loadTfjs(): Promise<typeof tf> {
  ready ??= (async () => {
    await tf.setBackend("cpu");
    await tf.ready();
    return tf;
  })();
  return ready;
}

/** The largest |a − b| / (1 + |b|) over two equally long arrays (NaN counts as infinitely wrong). */
export function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = Math.abs(a[i]! - b[i]!) / (1 + Math.abs(b[i]!));
    worst = Number.isNaN(difference) ? Infinity : Math.max(worst, difference);
  }
  return worst;
}

/** Throws when a benchmark's result disagrees with its reference, so a broken kernel cannot look fast. */
export function checkAgreement(
  workload: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
): number {
  const difference = maxRelativeDifference(actual, expected);
  if (!(difference <= tolerance)) {
    throw new Error(
      `${workload}: result differs from the reference by ${difference} (tolerance ${tolerance})`,
    );
  }
  return difference;
}

/**
 * Times the peer, then gradus, on one workload (median of `repeats` after one warm-up); the gradus
 * row's ratio is gradus time ÷ peer time (below 1: gradus is faster).
 */
export async function compareWithPeer(
  suite: string,
  workload: string,
  gradusRun: () => unknown,
  peerRun: () => Promise<unknown>,
  repeats: number,
  note: string,
): Promise<BenchRow[]> {
  const peerMs = await timeMedian(peerRun, repeats, 1);
  const gradusMs = await timeMedian(gradusRun, repeats, 1);
  return [
    { suite, workload, runner: PEER, value: peerMs, unit: "ms" },
    {
      suite,
      workload,
      runner: "gradus js",
      value: gradusMs,
      unit: "ms",
      ratio: { peer: PEER, value: gradusMs / peerMs },
      note,
    },
  ];
}
