// Scalar engine speed: f = Σᵢ (log xᵢ + xᵢyᵢ − sin yᵢ), 10⁵ terms, build + forward + backward, in ns
// per graph vertex, for gradus Value, the lecture's graph, and a closure-based micrograd written here.
import {
  backward,
  computationalGraph,
  constant,
  forward,
  leaf,
  Value,
  vertex,
  vertexKinds as k,
  type GraphVertex,
} from "../src/index.js";
import { median, type BenchRow, type BenchSuite } from "./suite.js";

const TERMS = 100_000;
const VERTICES = 8 * TERMS + 1; // 2 leaves + log, mul, add, sin, sub, running sum per term; the 0 start
const xAt = (i: number): number => 1 + (i % 7) / 10;
const yAt = (i: number): number => 0.5 + (i % 5) / 10;

/** micrograd as Karpathy wrote it, in TypeScript: each result stores a closure for its backward step. */
class ClosureValue {
  grad = 0;
  backwardStep: () => void = () => {};
  constructor(
    readonly data: number,
    readonly previous: readonly ClosureValue[] = [],
  ) {}
  add(other: ClosureValue): ClosureValue {
    const out = new ClosureValue(this.data + other.data, [this, other]);
    out.backwardStep = () => {
      this.grad += out.grad;
      other.grad += out.grad;
    };
    return out;
  }
  sub(other: ClosureValue): ClosureValue {
    const out = new ClosureValue(this.data - other.data, [this, other]);
    out.backwardStep = () => {
      this.grad += out.grad;
      other.grad -= out.grad;
    };
    return out;
  }
  mul(other: ClosureValue): ClosureValue {
    const out = new ClosureValue(this.data * other.data, [this, other]);
    out.backwardStep = () => {
      this.grad += other.data * out.grad;
      other.grad += this.data * out.grad;
    };
    return out;
  }
  log(): ClosureValue {
    const out = new ClosureValue(Math.log(this.data), [this]);
    out.backwardStep = () => (this.grad += out.grad / this.data);
    return out;
  }
  sin(): ClosureValue {
    const out = new ClosureValue(Math.sin(this.data), [this]);
    out.backwardStep = () => (this.grad += Math.cos(this.data) * out.grad);
    return out;
  }
  /** Topological order with a visited Set (iterative, as 10⁵ terms overflow a recursive one). */
  backward(): void {
    const order: ClosureValue[] = [];
    const visited = new Set<ClosureValue>([this]);
    const stack: [ClosureValue, number][] = [[this, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = top[0].previous[top[1]++];
      if (next === undefined) {
        order.push(top[0]);
        stack.pop();
      } else if (!visited.has(next)) {
        visited.add(next);
        stack.push([next, 0]);
      }
    }
    this.grad = 1;
    for (let i = order.length - 1; i >= 0; i--) order[i]!.backwardStep();
  }
}

/** Builds f with Value-like operands (Value or the closure peer) and backpropagates; returns ∂f/∂x₀. */
function runScalar<T extends Value | ClosureValue>(make: (data: number) => T): number {
  const xs = Array.from({ length: TERMS }, (_, i) => make(xAt(i)));
  const ys = Array.from({ length: TERMS }, (_, i) => make(yAt(i)));
  let f = make(0) as Value & ClosureValue;
  for (let i = 0; i < TERMS; i++) {
    const x = xs[i] as Value & ClosureValue;
    const y = ys[i] as Value & ClosureValue;
    f = f.add(x.log().add(x.mul(y)).sub(y.sin())) as Value & ClosureValue;
  }
  f.backward();
  return xs[0]!.grad;
}

/** The same f as the lecture's graph: vertices, G, Forward(G), Backward(G, F); returns ∂f/∂x₀. */
function runGraph(): number {
  const x0: GraphVertex[] = [];
  let f = constant(0);
  for (let i = 0; i < TERMS; i++) {
    const x = leaf(`x${i}`, xAt(i));
    const y = leaf(`y${i}`, yAt(i));
    if (i === 0) x0.push(x);
    const term = vertex(k.sub, [
      vertex(k.add, [vertex(k.log, [x]), vertex(k.mul, [x, y])]),
      vertex(k.sin, [y]),
    ]);
    f = vertex(k.add, [f, term]);
  }
  const graph = computationalGraph(f);
  return backward(graph, forward(graph)).get(x0[0]!)!;
}

const RUNNERS: [string, () => number][] = [
  ["gradus Value", () => runScalar((data) => new Value(data))],
  ["gradus graph forward/backward", runGraph],
  ["closure micrograd (inline peer)", () => runScalar((data) => new ClosureValue(data))],
];

/** ns per vertex, median of 7 rounds after 2 warm-up rounds, runners alternating within each round. */
export const scalarEngineSuite: BenchSuite = {
  name: "scalar-engine",
  async run(): Promise<BenchRow[]> {
    const samples = RUNNERS.map((): number[] => []);
    const expected = yAt(0) + 1 / xAt(0); // ∂f/∂x₀ = y₀ + 1/x₀
    for (let round = 0; round < 9; round++) {
      RUNNERS.forEach(([name, run], r) => {
        const start = performance.now();
        const gradient = run();
        const ns = ((performance.now() - start) * 1e6) / VERTICES;
        if (Math.abs(gradient - expected) > 1e-12)
          throw new Error(`${name}: ∂f/∂x₀ = ${gradient}, not ${expected}`);
        if (round >= 2) samples[r]!.push(ns);
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const nsPerVertex = samples.map((s) => median(s));
    const peer = nsPerVertex[RUNNERS.length - 1]!;
    const workload = `Σ log xᵢ + xᵢyᵢ − sin yᵢ, 10⁵ terms (${VERTICES} vertices)`;
    return RUNNERS.map(([runner], r) => ({
      suite: "scalar-engine",
      workload,
      runner,
      value: nsPerVertex[r]!,
      unit: "ns/vertex",
      ...(r === RUNNERS.length - 1
        ? { note: "build + backward, closures per vertex (micrograd's design)" }
        : { ratio: { peer: "closure micrograd", value: nsPerVertex[r]! / peer } }),
    }));
  },
};
