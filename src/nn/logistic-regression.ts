// The lecture's models: logistic regression (logits [S]) and softmax regression (logits [S, C]), on
// dense rows or sparse CSR rows (TF-IDF), which are multiplied without densifying.
import type { DType } from "../backend/dtype.js";
import { sparseMatmul } from "../ops/sparse/sparse-matmul.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import { CsrMatrix } from "../tensor/sparse/csr-matrix.js";
import type { Tensor } from "../tensor/tensor.js";
import { zerosParameter } from "./init.js";
import { checkFeatures } from "./linear.js";
import { Module } from "./module.js";

export interface RegressionOptions {
  readonly dtype?: DType;
  /** Learn an intercept (default true). */
  readonly bias?: boolean;
}

function checkInput(model: string, x: Tensor | CsrMatrix, features: number): void {
  if (x.shape.length !== 2 || x.shape[1] !== features) {
    throw new ShapeError(
      `${model}: expected input [samples, ${features}], got ${formatShape(x.shape)}`,
    );
  }
}

/** X·W for dense X, or the sparse product for CSR rows (differentiable in W). */
const product = (x: Tensor | CsrMatrix, weight: Tensor): Tensor =>
  x instanceof CsrMatrix ? sparseMatmul(x, weight) : x.matmul(weight);

/**
 * Pr_θ[y = 1 | x] = σ(w·x + b); forward(X) returns the logits X·w + b of shape [S], for dense rows
 * [S, d] or sparse CSR rows. Starts at θ = 0.
 * @example const model = new nn.LogisticRegression(2, { dtype: "float64" }); nn.binaryCrossEntropyWithLogits(model.forward(X), y);
 */
export class LogisticRegression extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(
    readonly nFeatures: number,
    options: RegressionOptions = {},
  ) {
    super();
    checkFeatures("LogisticRegression", nFeatures);
    const dtype = options.dtype ?? "float32";
    this.weight = zerosParameter([nFeatures], { dtype });
    this.bias = (options.bias ?? true) ? zerosParameter([], { dtype }) : null;
  }

  forward(x: Tensor | CsrMatrix): Tensor {
    checkInput("LogisticRegression", x, this.nFeatures);
    const logits = product(x, this.weight);
    return this.bias === null ? logits : logits.add(this.bias);
  }
}

/**
 * Multinomial logistic regression: forward(X) = X·Wᵀ + b of shape [S, nClasses] (W is [C, d]), for
 * dense rows or sparse CSR rows. Starts at 0.
 * @example const model = new nn.SoftmaxRegression(4, 3); nn.crossEntropy(model.forward(X), labels);
 */
export class SoftmaxRegression extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(
    readonly nFeatures: number,
    readonly nClasses: number,
    options: RegressionOptions = {},
  ) {
    super();
    checkFeatures("SoftmaxRegression", nFeatures, nClasses);
    const dtype = options.dtype ?? "float32";
    this.weight = zerosParameter([nClasses, nFeatures], { dtype });
    this.bias = (options.bias ?? true) ? zerosParameter([nClasses], { dtype }) : null;
  }

  forward(x: Tensor | CsrMatrix): Tensor {
    checkInput("SoftmaxRegression", x, this.nFeatures);
    const logits = product(x, this.weight.transpose());
    return this.bias === null ? logits : logits.add(this.bias);
  }
}
