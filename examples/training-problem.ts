// Shared by the training experiments: a seeded logistic-regression problem, SVG output, and a CLI flag reader.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  data,
  Generator,
  linePlotSvg,
  nn,
  type LinePlotOptions,
  type Tensor,
} from "../src/index.js";

export interface Problem {
  readonly X: Tensor;
  readonly y: Tensor;
  readonly dataset: data.TensorDataset;
  /** The mean cross-entropy of a logistic-regression model on all of X. */
  readonly loss: (model: nn.LogisticRegression) => number;
}

/** Two overlapping Gaussian blobs in `features` dimensions (float64), standardised. */
export function logisticProblem(samples: number, features: number, seed = 0): Problem {
  const generator = new Generator(seed);
  const centre = Array.from({ length: features }, (_, j) => (j % 2 === 0 ? 0.6 : -0.3));
  const blobs = data.makeBlobs({
    nSamples: samples,
    centers: [centre.map((c) => -c), centre],
    std: 1.5,
    generator,
    dtype: "float64",
  });
  const X = data.standardize(blobs.X).train;
  const y = blobs.y.astype("float64");
  const loss = (model: nn.LogisticRegression): number =>
    nn.binaryCrossEntropyWithLogits(model.forward(X), y).item();
  return { X, y, dataset: new data.TensorDataset(X, y), loss };
}

/** The value of `--name value` on the command line, or the fallback. */
export function flag(name: string, fallback: number): number {
  const position = process.argv.indexOf(`--${name}`);
  const value = position >= 0 ? Number(process.argv[position + 1]) : fallback;
  return Number.isFinite(value) ? value : fallback;
}

/** Renders a line plot into test-output/examples/<file> and returns the path. */
export async function writePlot(file: string, options: LinePlotOptions): Promise<string> {
  const folder = join("test-output", "examples");
  mkdirSync(folder, { recursive: true });
  const path = join(folder, file);
  writeFileSync(path, await linePlotSvg(options));
  return path;
}
