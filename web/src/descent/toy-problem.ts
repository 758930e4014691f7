// Page 2's problem: seeded 2-D toy data (standardised), a model, the mean logistic loss and its curvature L.
import { data, Generator, nn, noGrad, optim, tensor, type Tensor } from "gradus";

export type DatasetName = "blobs" | "moons";
export type ModelName = "logistic" | "mlp";

export interface ToyProblem {
  /** Standardised features [S, 2] and 0/1 labels [S], float64. */
  readonly x: Tensor;
  readonly y: Tensor;
  readonly labels: Int32Array;
  readonly model: nn.Module;
  readonly parameters: readonly Tensor[];
  /** The mean binary cross-entropy f_batch(θ) of the model on a batch. */
  loss(x: Tensor, y: Tensor): Tensor;
  /** f(θ) over the whole data set. */
  fullLoss(): Tensor;
  /** Pr_θ[y = 1 | point] for points [P, 2] (no gradients recorded). */
  probabilities(points: Tensor): Float64Array;
  /** L ≈ ‖∇²f(θ₀)‖ by power iteration on Hessian-vector products, at the starting point. */
  readonly lipschitz: number;
}

const SAMPLES = 200;

function makeData(name: DatasetName, generator: Generator) {
  return name === "blobs"
    ? data.makeBlobs({
        nSamples: SAMPLES,
        centers: [
          [-1, -0.6],
          [1, 0.6],
        ],
        std: 0.85,
        generator,
        dtype: "float64",
      })
    : data.makeMoons({ nSamples: SAMPLES, noise: 0.15, generator, dtype: "float64" });
}

/**
 * The data set, a fresh model (logistic regression at θ = 0, or a 2-16-16-1 tanh MLP with seeded
 * initial weights) and the estimate of L, all determined by `seed`.
 */
export function makeToyProblem(
  dataset: DatasetName,
  modelName: ModelName,
  seed: number,
): ToyProblem {
  const generator = new Generator(seed);
  const raw = makeData(dataset, generator);
  const x = data.standardize(raw.X).train;
  const labels = Int32Array.from(raw.y.dataSync());
  const y = tensor(Array.from(labels), { dtype: "float64" });
  const model =
    modelName === "logistic"
      ? new nn.LogisticRegression(2, { dtype: "float64" })
      : new nn.MLP([2, 16, 16, 1], { activation: "tanh", dtype: "float64", generator });
  const logits = (points: Tensor) => model.forward(points).reshape([points.shape[0]!]);
  const loss = (batch: Tensor, targets: Tensor) =>
    nn.binaryCrossEntropyWithLogits(logits(batch), targets);
  const parameters = model.parameters();
  const fullLoss = () => loss(x, y);
  const lipschitz = optim.convergence.lipschitzEstimate(fullLoss, parameters, {
    iterations: 60,
    tolerance: 1e-4,
    generator: new Generator(seed + 1),
  }).value;
  return {
    x,
    y,
    labels,
    model,
    parameters,
    loss,
    fullLoss,
    probabilities: (points) => Float64Array.from(noGrad(() => logits(points).sigmoid()).dataSync()),
    lipschitz,
  };
}
