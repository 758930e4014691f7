// The lecture's cost claim: a numerical gradient costs O(n) evaluations, backprop a constant number.
import { numericalGrad, Value } from "../src/index.js";
import { timeMedian, type BenchRow, type BenchSuite } from "./suite.js";

const SIZES = [10, 100, 1000, 10_000];

// f(x) = Σᵢ tanh(xᵢ·xᵢ₊₁) + sin(xᵢ) (indices mod n): about 4n operations, every input used twice.
function evaluateNumbers(x: Float64Array): number {
  const n = x.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.tanh(x[i]! * x[(i + 1) % n]!) + Math.sin(x[i]!);
  return total;
}

function evaluateValues(x: readonly Value[]): Value {
  const n = x.length;
  let total = new Value(0);
  for (let i = 0; i < n; i++) total = total.add(x[i]!.mul(x[(i + 1) % n]!).tanh()).add(x[i]!.sin());
  return total;
}

function backpropGradient(x: Float64Array): Float64Array {
  const leaves = Array.from(x, (value) => new Value(value));
  evaluateValues(leaves).backward();
  return Float64Array.from(leaves, (leaf) => leaf.grad);
}

/** Median time of one call, batching fast calls so that each timed sample lasts about 2 ms. */
async function timePerCall(fn: () => unknown, repeats: number): Promise<number> {
  const start = performance.now();
  fn();
  const batch = Math.max(1, Math.floor(2 / Math.max(performance.now() - start, 1e-4)));
  const total = await timeMedian(() => {
    for (let i = 0; i < batch; i++) fn();
  }, repeats);
  return total / batch;
}

const point = (n: number): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));

/** Times per gradient, numerical (central differences) against backprop, and their ratios to one evaluation. */
export const numericalVsBackprop: BenchSuite = {
  name: "numerical-vs-backprop",
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const table: string[] = [];
    for (const n of SIZES) {
      const x = point(n);
      const repeats = n >= 10_000 ? 3 : 7;
      const evalNumbers = await timePerCall(() => evaluateNumbers(x), 15);
      const evalValues = await timePerCall(
        () => evaluateValues(Array.from(x, (v) => new Value(v))),
        repeats,
      );
      const numerical = await timePerCall(() => numericalGrad(evaluateNumbers, x), repeats);
      const backprop = await timePerCall(() => backpropGradient(x), repeats);
      const agreement = maxDifference(numericalGrad(evaluateNumbers, x), backpropGradient(x));
      const workload = `f = Σ tanh(xᵢxᵢ₊₁) + sin xᵢ, n = ${n}`;
      const row = (
        runner: string,
        value: number,
        peer: string,
        base: number,
        note?: string,
      ): BenchRow => ({
        suite: this.name,
        workload,
        runner,
        value,
        unit: "ms",
        ratio: { peer, value: value / base },
        ...(note === undefined ? {} : { note }),
      });
      rows.push(
        {
          suite: this.name,
          workload,
          runner: "one evaluation (numbers)",
          value: evalNumbers,
          unit: "ms",
        },
        row("one evaluation (graph)", evalValues, "evaluation (numbers)", evalNumbers),
        row("central differences", numerical, "evaluation (numbers)", evalNumbers),
        row(
          "backprop (graph)",
          backprop,
          "evaluation (graph)",
          evalValues,
          `max |Δ| vs numerical ${agreement.toExponential(1)}`,
        ),
      );
      const ms = (value: number): string => value.toPrecision(3);
      const times = (value: number): string => `${value.toFixed(1)}×`;
      table.push(
        [String(n), ms(evalNumbers), ms(numerical), times(numerical / evalNumbers), ms(evalValues)]
          .concat([ms(backprop), times(backprop / evalValues), times(numerical / backprop)])
          .map((cell) => cell.padStart(12))
          .join(""),
      );
    }
    const titles = ["n", "eval ms", "numeric ms", "÷ eval", "graph ms", "backprop ms", "÷ graph"];
    console.log([...titles, "num ÷ bp"].map((title) => title.padStart(12)).join(""));
    for (const line of table) console.log(line);
    return rows;
  },
};

function maxDifference(a: Float64Array, b: Float64Array): number {
  return a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i]!)), 0);
}
