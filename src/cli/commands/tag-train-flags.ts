// The flags of `gradus tag train` and their checked values (what a checkpoint records for --resume).
import { integerFlag, limitFlag, MAX_WIDTH, positiveFlag } from "./tag-options.js";

/** The flags as commander gives them (strings). */
export interface TagTrainFlags {
  readonly epochs: string;
  readonly batchSize: string;
  readonly lr: string;
  readonly dim: string;
  readonly suffixDim: string;
  readonly hidden: string;
  readonly minCount: string;
  readonly seed: string;
  readonly out: string;
  readonly data?: string;
  readonly test?: string;
  readonly limitSentences?: string;
  readonly resume?: boolean;
  readonly json?: boolean;
  readonly plot?: string;
}

/** The checked training settings. */
export interface TagTrainSettings {
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly dim: number;
  readonly suffixDim: number;
  readonly shapeDim: number;
  readonly suffixLength: number;
  readonly hidden: number;
  readonly minCount: number;
  readonly seed: number;
  readonly limitSentences?: number;
}

/** Each flag checked, with a one-line error naming the first bad one. */
export function parseTagTrainFlags(flags: TagTrainFlags): TagTrainSettings {
  const limitSentences = limitFlag(flags.limitSentences);
  return {
    epochs: integerFlag("--epochs", flags.epochs),
    batchSize: integerFlag("--batch-size", flags.batchSize),
    lr: positiveFlag("--lr", flags.lr),
    dim: integerFlag("--dim", flags.dim, 1, MAX_WIDTH),
    suffixDim: integerFlag("--suffix-dim", flags.suffixDim, 1, MAX_WIDTH),
    shapeDim: 8,
    suffixLength: 3,
    hidden: integerFlag("--hidden", flags.hidden, 1, MAX_WIDTH),
    minCount: integerFlag("--min-count", flags.minCount),
    seed: integerFlag("--seed", flags.seed, 0),
    ...(limitSentences === undefined ? {} : { limitSentences }),
  };
}
