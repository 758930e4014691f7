// The shape of a benchmark suite and its results (benchmarks are not tests: `npm run bench`).

/** One measured row: a workload, who ran it, and the median figure with its unit. */
export interface BenchRow {
  readonly suite: string;
  readonly workload: string;
  readonly runner: string;
  readonly value: number;
  readonly unit: string;
  /** Ratio against the named peer measured in the same run, when there is one. */
  readonly ratio?: {
    readonly peer: string;
    readonly value: number;
    /** The lowest and highest per-round ratio, where rounds alternate the runners. */
    readonly range?: readonly [number, number];
  };
  readonly note?: string;
}

export interface BenchSuite {
  readonly name: string;
  run(): Promise<BenchRow[]>;
}

/** Median of the given samples (they are sorted in place). */
export function median(samples: number[]): number {
  samples.sort((a, b) => a - b);
  const middle = samples.length >> 1;
  return samples.length % 2 === 1
    ? samples[middle]!
    : (samples[middle - 1]! + samples[middle]!) / 2;
}

/** Median wall time in milliseconds of `fn` over `repeats` runs after `warmup` runs. */
export async function timeMedian(fn: () => unknown, repeats = 7, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}
