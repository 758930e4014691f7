// Where `gradus train` gets its data: a CSV/JSONL file (--data) or a built-in dataset (--dataset), with
// the defaults each implies (the file flow's SGD with --lr auto; MNIST's Adam 1e-3, batches of 64).
import { parseDataset, prepareDataset } from "./dataset-data.js";
import { parseInteger } from "./point-option.js";
import { prepareData, type PreparedData } from "./prepared-data.js";

export interface DataFlags {
  readonly data?: string;
  readonly dataset?: string;
  readonly limit?: string;
  readonly labelColumn: string;
  readonly textColumn?: string;
}

/** The flags whose defaults depend on the data, as strings (as commander gives them). */
export interface DefaultedFlags {
  readonly optimizer: string;
  readonly lr: string;
  readonly batchSize: string;
  readonly epochs: string;
  readonly hidden: string;
}

const FILE_DEFAULTS: DefaultedFlags = {
  optimizer: "sgd",
  lr: "auto",
  batchSize: "32",
  epochs: "10",
  hidden: "32",
};
const DATASET_DEFAULTS: DefaultedFlags = {
  optimizer: "adam",
  lr: "0.001",
  batchSize: "64",
  epochs: "8",
  hidden: "128",
};

/** Exactly one of --data and --dataset, else a one-line error; --limit only with --dataset. */
export function checkDataFlags(flags: DataFlags): void {
  if ((flags.data === undefined) === (flags.dataset === undefined))
    throw new Error("train needs exactly one of --data FILE and --dataset mnist");
  if (flags.limit !== undefined && flags.dataset === undefined)
    throw new Error("--limit applies to --dataset (a file is used whole)");
}

/** The flags the user gave, the rest from the data's defaults. */
export function withDataDefaults<T extends Partial<DefaultedFlags> & DataFlags>(
  flags: T,
): T & DefaultedFlags {
  const defaults = flags.dataset === undefined ? FILE_DEFAULTS : DATASET_DEFAULTS;
  const given = Object.fromEntries(
    Object.entries(flags).filter(([, value]) => value !== undefined),
  );
  return { ...defaults, ...given } as T & DefaultedFlags;
}

/**
 * The split data and a JSON description of its source (stored in checkpoints, so that --resume
 * refuses other data).
 * @example const { prepared, source } = await loadTrainingData(flags, { testFraction: 0.2, seed: 0 });
 */
export async function loadTrainingData(
  flags: DataFlags,
  options: { testFraction: number; seed: number; note: (line: string) => void },
): Promise<{ prepared: PreparedData; source: unknown }> {
  if (flags.dataset !== undefined) {
    const name = parseDataset(flags.dataset);
    const limit = flags.limit === undefined ? null : parseInteger("--limit", flags.limit);
    if (limit !== null && limit < 1) throw new Error(`--limit must be ≥ 1, got ${limit}`);
    const prepared = await prepareDataset(name, { ...options, limit });
    return { prepared, source: { dataset: name, limit, testFraction: options.testFraction } };
  }
  const prepared = await prepareData(flags.data!, {
    labelColumn: flags.labelColumn,
    ...(flags.textColumn === undefined ? {} : { textColumn: flags.textColumn }),
    testFraction: options.testFraction,
    seed: options.seed,
    note: options.note,
  });
  return { prepared, source: flags.data };
}
