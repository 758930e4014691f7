// Runs gradus and its peers in alternation over several rounds; rows hold medians and per-round ratios.
import { median, type BenchRow } from "./suite.js";

/** One round's figure from a runner, or why the runner could not run. */
export type Measurement =
  { readonly value: number; readonly note?: string } | { readonly skipped: string };

export interface RoundRunner {
  readonly name: string;
  /** Peers this runner is compared against (one row per peer, ratio from the same rounds). */
  readonly peers?: readonly string[];
  measure(round: number): Promise<Measurement> | Measurement;
}

export interface RoundsOptions {
  readonly suite: string;
  readonly workload: string;
  readonly unit: string;
  /** "higher": samples/s (ratio = gradus ÷ peer); "lower": ms (ratio = peer ÷ gradus); above 1: gradus faster. */
  readonly better: "higher" | "lower";
  readonly rounds: number;
}

/** Measures every runner once per round, in order, for `rounds` rounds; one row per runner and peer. */
export async function runRounds(
  options: RoundsOptions,
  runners: readonly RoundRunner[],
): Promise<BenchRow[]> {
  const { suite, workload, unit, better, rounds } = options;
  const results = runners.map(() => [] as Measurement[]);
  for (let round = 0; round < rounds; round++)
    for (const [i, runner] of runners.entries()) results[i]!.push(await runner.measure(round));
  const value = (m: Measurement): number => ("skipped" in m ? NaN : m.value);
  const rows: BenchRow[] = [];
  for (const [i, runner] of runners.entries()) {
    const mine = results[i]!;
    const skipped = mine.find((m) => "skipped" in m);
    const notes = mine.flatMap((m) => ("note" in m && m.note ? [m.note] : []));
    const note = skipped && "skipped" in skipped ? skipped.skipped : notes[notes.length - 1];
    const base: BenchRow = {
      suite,
      workload,
      runner: runner.name,
      value: median(mine.map(value)),
      unit,
      ...(note ? { note } : {}),
    };
    const comparable = (runner.peers ?? []).filter((peer) => {
      const p = runners.findIndex((other) => other.name === peer);
      return p >= 0 && results[p]!.every((m) => !("skipped" in m));
    });
    if (comparable.length === 0 || skipped) rows.push(base);
    for (const peer of comparable) {
      const theirs = results[runners.findIndex((other) => other.name === peer)]!;
      const ratios = mine.map((m, round) =>
        better === "higher" ? value(m) / value(theirs[round]!) : value(theirs[round]!) / value(m),
      );
      const range = [Math.min(...ratios), Math.max(...ratios)] as const;
      rows.push({ ...base, ratio: { peer, value: median(ratios), range } });
    }
  }
  return rows;
}
