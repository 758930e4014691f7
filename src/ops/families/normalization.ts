// The normalisation ops (batchNorm in training and eval mode, layerNorm, groupNorm): gradient cases
// in the input and in the affine weight and bias, present or not.
import { ones, zeros } from "../../tensor/creation.js";
import type { Generator } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";
import { between, shapeOf, values, type OpCase } from "../cases/random-inputs.js";
import { batchNorm } from "../normalization/batch-norm.js";
import { groupNorm } from "../normalization/group-norm.js";
import { layerNorm } from "../normalization/layer-norm.js";
import type { AffineOptions } from "../normalization/norm-operands.js";
import type { OpFamily } from "../op-row.js";

/** x and, each with probability 0.7, a weight and a bias of `affineShape`, all differentiated. */
function affineCase(
  g: Generator,
  x: Tensor,
  affineShape: readonly number[],
  norm: (x: Tensor, affine: AffineOptions) => Tensor,
): OpCase {
  const [hasWeight, hasBias] = [g.uniform() < 0.7, g.uniform() < 0.7];
  const weight = hasWeight ? [values(g, affineShape, { low: 0.5, high: 2, signed: true })] : [];
  const bias = hasBias ? [values(g, affineShape)] : [];
  const eps = g.uniform() < 0.5 ? 1e-5 : 0.1;
  return {
    inputs: [x, ...weight, ...bias],
    f: (input, ...affine) =>
      norm(input, {
        weight: hasWeight ? affine[0]! : null,
        bias: hasBias ? affine[hasWeight ? 1 : 0]! : null,
        eps,
      }),
  };
}

/** [N, C, *spatial] with N·spatial ≥ 2, so that every channel has a batch variance. */
function batchShape(g: Generator): number[] {
  const shape = [between(g, 1, 3), between(g, 1, 3), ...shapeOf(g, 0, 2)];
  if (shape[0]! * shape.slice(2).reduce((a, b) => a * b, 1) < 2) shape[0] = 2;
  return shape;
}

/** Running statistics as constants: means in [−1, 1], variances in [0.5, 2]. */
const running = (g: Generator, channels: number): [Tensor, Tensor] => [
  values(g, [channels], { low: -1, high: 1 }),
  values(g, [channels], { low: 0.5, high: 2 }),
];

export const normalizationOps = {
  batchNorm: {
    fn: batchNorm,
    rule: "training: ∂L/∂x = r·(gy − mean(gy) − x̂·mean(gy·x̂)), gy = g·w; eval: ∂L/∂x = r·gy",
    cases: [
      // training: batch statistics differentiated; running tensors (fresh per call) or none
      (g) => {
        const x = values(g, batchShape(g));
        const channels = x.shape[1]!;
        const tracked = g.uniform() < 0.5;
        return affineCase(g, x, [channels], (input, affine) => {
          const [mean, variance] = tracked
            ? [zeros([channels], { dtype: "float64" }), ones([channels], { dtype: "float64" })]
            : [null, null];
          return batchNorm(input, mean, variance, { ...affine, training: true, momentum: 0.3 });
        });
      },
      // evaluation: the running statistics are constants
      (g) => {
        const x = values(g, [between(g, 1, 3), between(g, 1, 3), ...shapeOf(g, 0, 2)]);
        const [mean, variance] = running(g, x.shape[1]!);
        return affineCase(g, x, [x.shape[1]!], (input, affine) =>
          batchNorm(input, mean, variance, { ...affine, training: false }),
        );
      },
    ],
    torch: "torch.nn.functional.batch_norm(a, rm, rv, b, c, training)",
  },
  layerNorm: {
    fn: layerNorm,
    rule: "∂L/∂x = r·(gy − mean(gy) − x̂·mean(gy·x̂)) over the normalized axes, gy = g·w",
    cases: [
      (g) => {
        const normalized = shapeOf(g, 1, 2, 4);
        if (normalized.reduce((a, b) => a * b, 1) < 2) normalized[0] = 2;
        const x = values(g, [...shapeOf(g, 0, 2), ...normalized]);
        return affineCase(g, x, normalized, (input, affine) =>
          layerNorm(input, normalized, affine),
        );
      },
    ],
    torch: "torch.nn.functional.layer_norm(a, shape, b, c)",
  },
  groupNorm: {
    fn: groupNorm,
    rule: "∂L/∂x = r·(gy − mean(gy) − x̂·mean(gy·x̂)) over each group, gy = g·w",
    cases: [
      (g) => {
        const [groups, perGroup] = [between(g, 1, 3), between(g, 1, 2)];
        const spatial = shapeOf(g, 0, 2);
        if (perGroup * spatial.reduce((a, b) => a * b, 1) < 2) spatial.push(2);
        const x = values(g, [between(g, 1, 2), groups * perGroup, ...spatial]);
        return affineCase(g, x, [groups * perGroup], (input, affine) =>
          groupNorm(input, groups, affine),
        );
      },
    ],
    torch: "torch.nn.functional.group_norm(a, groups, b, c)",
  },
} satisfies OpFamily;
