// Activation functions: the registry's rows (PyTorch's definitions, defaults and derivatives at the
// kinks), then the public functions. Parameterised ones wrap a kernel or compose primitives.
import type { Tensor } from "../tensor/tensor.js";
import type { OpFamily } from "./op-row.js";
import { awayFromZero, unaryCase } from "./cases/elementwise-cases.js";
import { pick } from "./cases/random-inputs.js";
import { primitive, unary, unaryWithParameter } from "./elementwise-op.js";
import { reluBackward } from "./relu-backward.js";
import { gt } from "./binary.js";
import { erfc, exp, tanh } from "./unary.js";
import { where } from "./where.js";

const SQRT_HALF = Math.SQRT1_2;
const ONE_OVER_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);
const TANH_SCALE = Math.sqrt(2 / Math.PI);
const TANH_CUBIC = 0.044715;

// d/dx x·Φ(x) = Φ(x) + x·φ(x), with Φ(x) = ½·erfc(−x/√2) and φ(x) = e^(−x²/2)/√(2π)
const geluErf = primitive("gelu", (g, { inputs: [x] }) => {
  const cdf = erfc(x.mul(-SQRT_HALF)).mul(0.5);
  const density = x.square().mul(-0.5).exp().mul(ONE_OVER_SQRT_TWO_PI);
  return [g.mul(cdf.add(x.mul(density)))];
});

// d/dx ½x(1 + tanh u) = ½(1 + tanh u) + ½x(1 − tanh² u)·u′ with u = √(2/π)(x + 0.044715x³)
const geluTanh = primitive("geluTanh", (g, { inputs: [x] }) => {
  const t = tanh(x.square().mul(TANH_CUBIC).add(1).mul(x).mul(TANH_SCALE));
  const slope = x
    .square()
    .mul(3 * TANH_CUBIC)
    .add(1)
    .mul(TANH_SCALE);
  const outer = t.square().neg().add(1).mul(x).mul(slope);
  return [g.mul(t.add(1).add(outer).mul(0.5))];
});

// d/dz log(1 + eᶻ) = σ(z): the kernel inside softplus
const softplusOfScaled = primitive("softplus", (g, { inputs: [z] }) => [g.mul(sigmoid(z))]);

/** The approximation of gelu: "none" (exact, with erf) or "tanh" (PyTorch's names). */
export interface GeluOptions {
  readonly approximate?: "none" | "tanh";
}

/** softplus's β (sharpness) and the threshold above which βx counts as linear (PyTorch's). */
export interface SoftplusOptions {
  readonly beta?: number;
  readonly threshold?: number;
}

export const activationOps = {
  sigmoid: unary({
    kernel: "sigmoid",
    ints: "to float32",
    rule: "d/dx σ(x) = σ(x)·(1 − σ(x))",
    backward: (g, { output }) => [g.mul(output).mul(output.neg().add(1))],
    cases: [unaryCase((x) => sigmoid(x), { low: -5, high: 5 })],
    torch: "torch.sigmoid(a)",
  }),
  relu: unary({
    kernel: "relu",
    ints: "keep int32",
    rule: "d/dx max(x, 0) = [x > 0] (0 at the kink, 1 at NaN, as PyTorch)",
    backward: (g, { inputs: [x] }) => [reluBackward(g, x)],
    cases: [unaryCase((x) => relu(x), awayFromZero())],
    torch: "torch.relu(a)",
  }),
  gelu: {
    fn: (x: Tensor, options: GeluOptions = {}): Tensor => {
      const approximate = options.approximate ?? "none";
      if (approximate === "none") return geluErf(x);
      if (approximate === "tanh") return geluTanh(x);
      throw new RangeError(
        `gelu: approximate must be "none" or "tanh", got ${String(approximate)}`,
      );
    },
    rule: "d/dx x·Φ(x) = Φ(x) + x·φ(x) (tanh form: its own derivative)",
    cases: [
      unaryCase((x) => gelu(x), { low: -4, high: 4 }),
      unaryCase((x) => gelu(x, { approximate: "tanh" }), { low: -4, high: 4 }),
    ],
    torch: "torch.nn.functional.gelu(a)",
  },
  silu: unary({
    kernel: "silu",
    ints: "to float32",
    rule: "d/dx x·σ(x) = σ(x)·(1 + x·(1 − σ(x)))",
    backward: (g, { inputs: [x] }) => {
      const s = sigmoid(x);
      return [g.mul(s.mul(x.mul(s.neg().add(1)).add(1)))];
    },
    cases: [unaryCase((x) => silu(x), { low: -5, high: 5 })],
    torch: "torch.nn.functional.silu(a)",
  }),
  softplus: {
    fn: (x: Tensor, options: SoftplusOptions = {}): Tensor => {
      const { beta = 1, threshold = 20 } = options;
      const input = x.dtype === "int32" ? x.astype("float32") : x;
      const scaled = beta === 1 ? input : input.mul(beta);
      const smooth = softplusOfScaled(scaled);
      return where(gt(scaled, threshold), input, beta === 1 ? smooth : smooth.div(beta));
    },
    rule: "d/dx log(1 + e^(βx))/β = σ(βx); 1 where βx > threshold",
    cases: [
      (g) => {
        const [beta, threshold] = [pick(g, [0.5, 1, 2]), pick(g, [20, 1, 2.5])];
        return unaryCase((x) => softplus(x, { beta, threshold }), { low: -4, high: 4 })(g);
      },
    ],
    torch: "torch.nn.functional.softplus(a)",
  },
  logSigmoid: unary({
    kernel: "logSigmoid",
    ints: "to float32",
    rule: "d/dx log σ(x) = 1 − σ(x) = σ(−x)",
    backward: (g, { inputs: [x] }) => [g.mul(sigmoid(x.neg()))],
    cases: [unaryCase((x) => logSigmoid(x), { low: -6, high: 6 })],
    torch: "torch.nn.functional.logsigmoid(a)",
  }),
  elu: unaryWithParameter({
    kernel: "elu",
    ints: "to float32",
    defaultAlpha: 1,
    rule: "d/dx elu(x) = 1 for x > 0, α·eˣ for x ≤ 0 (α at 0, NaN at NaN, as PyTorch)",
    // NOTE: α·eˣ, not output + α, which cancels for very negative x
    backward: (g, { inputs: [x], params: alpha }) => [where(gt(x, 0), g, g.mul(exp(x).mul(alpha)))],
    cases: [
      (g) => {
        const alpha = pick(g, [1, 0.5, 2]);
        return unaryCase((x) => elu(x, alpha), awayFromZero())(g);
      },
    ],
    torch: "torch.nn.functional.elu(a)",
  }),
  leakyRelu: unaryWithParameter({
    kernel: "leakyRelu",
    ints: "to float32",
    defaultAlpha: 0.01,
    rule: "d/dx leakyRelu(x) = 1 for x > 0, else the negative slope (also at 0, as PyTorch)",
    backward: (g, { inputs: [x], params: slope }) => [where(gt(x, 0), g, g.mul(slope))],
    cases: [
      (g) => {
        const slope = pick(g, [0.01, 0.2, -0.5]);
        return unaryCase((x) => leakyRelu(x, slope), awayFromZero())(g);
      },
    ],
    torch: "torch.nn.functional.leaky_relu(a)",
  }),
} satisfies OpFamily;

/** The logistic function σ(x) = 1/(1 + e⁻ˣ), stable for large |x|. @example sigmoid(tensor([0])) // [0.5] */
export const sigmoid: (x: Tensor) => Tensor = activationOps.sigmoid.fn;
/** max(x, 0) elementwise (int32 stays int32; NaN passes through). @example relu(tensor([-1, 2])) // [0, 2] */
export const relu: (x: Tensor) => Tensor = activationOps.relu.fn;
/**
 * x·Φ(x) with Φ the standard normal CDF (erf form, exact to float64 rounding), or PyTorch's tanh
 * approximation with `{ approximate: "tanh" }`. @example gelu(tensor([1])) // [0.8413…]
 */
export const gelu: (x: Tensor, options?: GeluOptions) => Tensor = activationOps.gelu.fn;
/** x·σ(x) (also called swish). @example silu(tensor([1])) // [0.7311…] */
export const silu: (x: Tensor) => Tensor = activationOps.silu.fn;
/**
 * log(1 + e^(βx))/β, and x itself where βx > threshold (β = 1, threshold = 20 by default, as PyTorch).
 * @example softplus(tensor([0])) // [0.6931…]
 */
export const softplus: (x: Tensor, options?: SoftplusOptions) => Tensor = activationOps.softplus.fn;
/** log σ(x), stable for large |x|. @example logSigmoid(tensor([0])) // [-0.6931…] */
export const logSigmoid: (x: Tensor) => Tensor = activationOps.logSigmoid.fn;
/** x for x > 0, α(eˣ − 1) otherwise (α = 1 by default). @example elu(tensor([-1])) // [-0.632…] */
export const elu: (x: Tensor, alpha?: number) => Tensor = activationOps.elu.fn;
/** x for x > 0, negativeSlope·x otherwise (0.01 by default). @example leakyRelu(tensor([-2])) // [-0.02] */
export const leakyRelu: (x: Tensor, negativeSlope?: number) => Tensor = activationOps.leakyRelu.fn;
