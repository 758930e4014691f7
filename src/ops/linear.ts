// linear(x, W, b) = x·Wᵀ + b as one primitive (PyTorch's F.linear): the bias is added by the product
// as it stores each row, leading axes are flattened into one matrix product, no intermediate tensor.
import type { Backend } from "../backend/backend.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { outputTensor } from "./kernels.js";
import { toTensors } from "./operands.js";

/** x as rows [count, in] (a view when x's layout allows it). */
const rowsOf = (x: Tensor): Tensor => x.reshape([-1, x.shape[x.rank - 1]!]);

/** x·Wᵀ + b (then relu when asked) in one product: the bias and relu applied as each row is stored. */
export function linearForward(
  [x, weight, bias]: readonly Tensor[],
  hasBias: boolean,
  relu: boolean,
  backend: Backend,
): Tensor {
  const rows = rowsOf(x!);
  const [count, inFeatures] = rows.shape as [number, number];
  const outFeatures = weight!.shape[0]!;
  const output = outputTensor([...x!.shape.slice(0, -1), outFeatures], x!.dtype);
  const w = weight!;
  backend.matmul({
    a: new Tensor(rows.data, [1, count, inFeatures], [0, ...rows.strides], rows.offset),
    b: new Tensor(
      w.data,
      [1, inFeatures, outFeatures],
      [0, w.strides[1]!, w.strides[0]!],
      w.offset,
    ),
    out: output.data,
    bias: hasBias ? bias! : undefined,
    relu,
  });
  return output;
}

/** y = x·Wᵀ + b: ∂x = g·W, ∂W = gᵀ·x (rows flattened), ∂b = Σ_rows g (null where not needed). */
export function linearGradients(
  outputGrad: Tensor,
  [x, weight, bias]: readonly Tensor[],
): (Tensor | null)[] {
  const g = rowsOf(outputGrad);
  return [
    x!.requiresGrad ? g.matmul(weight!).reshape(x!.shape) : null,
    weight!.requiresGrad ? g.transpose().matmul(rowsOf(x!)) : null,
    bias?.requiresGrad ? g.sum(0) : null,
  ];
}

const linearOp = /* @__PURE__ */ defineOp<Tensor[], { readonly hasBias: boolean }>({
  name: "linear",
  forward: (inputs, { hasBias }, backend) => linearForward(inputs, hasBias, false, backend),
  // y = x·Wᵀ + b: ∂x = g·W, ∂W = gᵀ·x, ∂b = Σ_rows g
  backward: (outputGrad, { inputs }) => linearGradients(outputGrad, inputs),
});

/**
 * x·Wᵀ + b for x [..., in], weight [out, in] and an optional bias [out] (PyTorch's F.linear).
 * @example linear(randn([8, 3]), randn([2, 3]), zeros([2])).shape; // [8, 2]
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return linearOp(linearOperands("linear", x, weight, bias), { hasBias: bias !== null });
}

/** x, weight and bias (if any) checked to fit x [..., in], weight [out, in], bias [out], as tensors. */
export function linearOperands(
  op: string,
  x: Tensor,
  weight: Tensor,
  bias: Tensor | null,
): Tensor[] {
  const inFeatures = x.shape[x.rank - 1];
  if (x.rank === 0 || weight.rank !== 2 || weight.shape[1] !== inFeatures)
    throw new ShapeError(
      `${op}: input ${formatShape(x.shape)} and weight ${formatShape(weight.shape)} do not fit (weight must be [out, ${inFeatures ?? "in"}])`,
    );
  if (bias !== null && (bias.rank !== 1 || bias.shape[0] !== weight.shape[0]))
    throw new ShapeError(
      `${op}: bias ${formatShape(bias.shape)} must be [${weight.shape[0]}] for weight ${formatShape(weight.shape)}`,
    );
  const [input, w] = toTensors(x, weight);
  return bias === null ? [input, w] : [input, w, toTensors(bias, w)[0]];
}
