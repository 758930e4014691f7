// clamp(x, min, max): one primitive with PyTorch's gradient, not maximum∘minimum (which would split g
// between x and a bound where they tie, and pass g/4 when min = max).
import type { Tensor } from "../tensor/tensor.js";
import { between, broadcastableTo, gridValues, shapeOf } from "./cases/random-inputs.js";
import { ge, gt, le, lt } from "./binary.js";
import { defineOp } from "./define-op.js";
import { binaryKernel } from "./kernels.js";
import type { DifferentiableRow } from "./op-row.js";
import { toTensors, type Operand } from "./operands.js";
import { where } from "./where.js";

interface Bounds {
  readonly hasMin: boolean;
  readonly hasMax: boolean;
}

const passWhere = (mask: Tensor, g: Tensor): Tensor => where(mask, g, 0);

const clampOp = /* @__PURE__ */ defineOp<Tensor[], Bounds>({
  name: "clamp",
  forward: (inputs, { hasMin, hasMax }) => {
    const [x, first, second] = inputs as [Tensor, Tensor, Tensor];
    const lower = hasMin ? binaryKernel("maximum", "clamp", x, first) : x;
    return hasMax ? binaryKernel("minimum", "clamp", lower, hasMin ? second : first) : lower;
  },
  // x: [min ≤ x ≤ max]; min: [x < min ∧ min < max]; max: [x > max ∨ max < min] (PyTorch's rule)
  backward: (g, { inputs, params: { hasMin, hasMax } }) => {
    const x = inputs[0]!;
    const min = hasMin ? inputs[1]! : null;
    const max = hasMax ? inputs[hasMin ? 2 : 1]! : null;
    if (min !== null && max !== null) {
      return [
        passWhere(ge(x, min).mul(le(x, max)), g),
        min.requiresGrad ? passWhere(lt(x, min).mul(lt(min, max)), g) : null,
        max.requiresGrad ? passWhere(gt(x, max).add(lt(max, min)).gt(0), g) : null,
      ];
    }
    if (min !== null)
      return [passWhere(ge(x, min), g), min.requiresGrad ? passWhere(lt(x, min), g) : null];
    return [passWhere(le(x, max!), g), max!.requiresGrad ? passWhere(gt(x, max!), g) : null];
  },
});

/**
 * Limits every element to [min, max]; either bound may be omitted (not both), and may be a tensor
 * (broadcast). The gradient follows PyTorch: x gets g where min ≤ x ≤ max, bounds included.
 * @example clamp(tensor([-2, 0.5, 3]), 0, 1).toArray(); // [0, 0.5, 1]
 */
export function clamp(x: Tensor, min?: Operand, max?: Operand): Tensor {
  if (min === undefined && max === undefined)
    throw new TypeError("clamp: at least one of min and max must be given");
  const inputs: Tensor[] = [x];
  let input = x;
  for (const bound of [min, max]) {
    if (bound === undefined) continue;
    const [promoted, tensorBound] = toTensors(input, bound);
    input = promoted;
    inputs[0] = promoted;
    inputs.push(tensorBound);
  }
  const dtype = inputs[0]!.dtype;
  const same = inputs.map((t) => t.astype(dtype));
  return clampOp(same, { hasMin: min !== undefined, hasMax: max !== undefined });
}

export const clampRow: DifferentiableRow<typeof clamp> = {
  fn: clamp,
  rule: "∂clamp/∂x = [min ≤ x ≤ max]; ∂/∂min = [x < min < max]; ∂/∂max = [x > max or max < min]",
  cases: [
    (g) => {
      const low = 0.2 * between(g, -5, 0);
      const high = low + 0.2 * between(g, 1, 5);
      const roll = g.uniform();
      const [min, max] = [roll < 0.7 ? low : undefined, roll > 0.3 ? high : undefined];
      return { inputs: [gridValues(g, shapeOf(g), 0.1)], f: (x) => clamp(x, min, max) };
    },
    // tensor bounds, differentiated too: grids at offsets 0.1 (x), 0 (min) and 0.05 (max)
    (g) => {
      const full = shapeOf(g);
      const [x, min] = [gridValues(g, full, 0.1), gridValues(g, broadcastableTo(g, full), 0)];
      return { inputs: [x, min, gridValues(g, broadcastableTo(g, full), 0.05)], f: clamp };
    },
  ],
  torch: "torch.clamp(a, b, c)",
};
