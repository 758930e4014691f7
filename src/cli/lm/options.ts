// The flags of `gradus lm train`, checked one by one (one line naming the flag), with each model
// kind's defaults filled in.
import { parseInteger } from "../point-option.js";
import { LM_KINDS, type LmKind } from "./config.js";

/** The flags as commander hands them over (strings; undefined when not given). */
export interface LmTrainFlags {
  readonly corpus: string;
  readonly model: string;
  readonly tokenizer: string;
  readonly context?: string;
  readonly batchSize?: string;
  readonly epochs?: string;
  readonly lr?: string;
  readonly dModel?: string;
  readonly layers?: string;
  readonly heads?: string;
  readonly dropout?: string;
  readonly clip?: string;
  readonly seed: string;
  readonly out: string;
  readonly limit?: string;
  readonly resume?: boolean;
  readonly json?: boolean;
  readonly plot?: string;
}

/** `bpe` with its vocabulary size, or `char`. */
export type TokenizerSpec =
  { readonly kind: "bpe"; readonly vocabSize: number } | { readonly kind: "char" };

/** Everything a run is made of (a checkpoint stores it, so a resume can check it is the same run). */
export interface LmSettings {
  readonly corpus: string;
  /** Brown: the first N training files (and ⌈N/8⌉ validation files); a text file: its first N lines. */
  readonly limit: number | null;
  readonly model: LmKind;
  readonly tokenizer: TokenizerSpec;
  readonly context: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly lr: number;
  readonly dModel: number;
  readonly layers: number;
  /** Attention heads (transformer; null for the LSTM). */
  readonly heads: number | null;
  readonly dropout: number;
  /** The global gradient norm is clipped to this before every step. */
  readonly clip: number;
  readonly seed: number;
}

/** The defaults that differ between the two models (chosen so that `lm train` ends in ≤ 10 minutes on 2 cores). */
export const MODEL_DEFAULTS: Readonly<
  Record<LmKind, { dModel: number; lr: number; heads: number | null }>
> = {
  transformer: { dModel: 128, lr: 1e-3, heads: 4 },
  lstm: { dModel: 256, lr: 2e-3, heads: null },
};
export const SHARED_DEFAULTS = {
  context: 128,
  batchSize: 16,
  epochs: 1,
  layers: 2,
  dropout: 0,
  clip: 1,
} as const;

/** `bpe:N` (byte-level BPE trained to N ids, 256 ≤ N ≤ 65536; `bpe` alone: 4000) or `char`. */
export function parseTokenizerSpec(text: string): TokenizerSpec {
  if (text === "char") return { kind: "char" };
  const match = /^bpe(?::(\d+))?$/.exec(text);
  const vocabSize = match === null ? NaN : Number(match[1] ?? 4000);
  if (!(vocabSize >= 256 && vocabSize <= 65536))
    throw new Error(
      `--tokenizer expects bpe:N (N from 256 to 65536 ids: the 256 bytes, then merges) or char, got "${text}"`,
    );
  return { kind: "bpe", vocabSize };
}

function positive(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = parseInteger(flag, text);
  if (value < 1) throw new Error(`${flag} must be ≥ 1, got ${value}`);
  return value;
}

function number(
  flag: string,
  text: string | undefined,
  fallback: number,
  ok: (x: number) => boolean,
  range: string,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !ok(value)) throw new Error(`${flag} expects ${range}, got "${text}"`);
  return value;
}

/** `--model`: transformer or lstm, else one line naming the flag. */
export function parseLmKind(text: string): LmKind {
  if (!(LM_KINDS as readonly string[]).includes(text))
    throw new Error(`--model expects ${LM_KINDS.join(" or ")}, got "${text}"`);
  return text as LmKind;
}

/**
 * The run's settings from the flags: every value checked, defaults by model kind.
 * @example parseLmSettings({ corpus: "brown", model: "lstm", tokenizer: "char", seed: "0", out: "dir" }).dModel; // 256
 */
export function parseLmSettings(flags: LmTrainFlags): LmSettings {
  const model = parseLmKind(flags.model);
  const defaults = MODEL_DEFAULTS[model];
  if (model === "lstm" && flags.heads !== undefined)
    throw new Error(`--heads applies to --model transformer only (an LSTM has no attention heads)`);
  const limit = flags.limit === undefined ? null : parseInteger("--limit", flags.limit);
  if (limit !== null && limit < 1)
    throw new Error(`--limit must be ≥ 1 (files of Brown, or lines of a text file), got ${limit}`);
  const dModel = positive("--d-model", flags.dModel, defaults.dModel);
  const heads = model === "lstm" ? null : positive("--heads", flags.heads, defaults.heads ?? 4);
  if (heads !== null && dModel % heads !== 0)
    throw new Error(`--d-model ${dModel} must be a multiple of --heads ${heads}`);
  const positiveNumber = (x: number) => Number.isFinite(x) && x > 0;
  return {
    corpus: flags.corpus,
    limit,
    model,
    tokenizer: parseTokenizerSpec(flags.tokenizer),
    context: positive("--context", flags.context, SHARED_DEFAULTS.context),
    batchSize: positive("--batch-size", flags.batchSize, SHARED_DEFAULTS.batchSize),
    epochs: positive("--epochs", flags.epochs, SHARED_DEFAULTS.epochs),
    lr: number("--lr", flags.lr, defaults.lr, positiveNumber, "a positive number"),
    dModel,
    layers: positive("--layers", flags.layers, SHARED_DEFAULTS.layers),
    heads,
    dropout: number(
      "--dropout",
      flags.dropout,
      SHARED_DEFAULTS.dropout,
      (x) => x >= 0 && x < 1,
      "a number in [0, 1)",
    ),
    clip: number("--clip", flags.clip, SHARED_DEFAULTS.clip, positiveNumber, "a positive number"),
    seed: parseInteger("--seed", flags.seed),
  };
}
