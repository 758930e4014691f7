// Model directories of `gradus tag` and `gradus embed`: config.json, vocabulary.json and
// model.safetensors, written atomically; read back as untrusted input (every problem is one line).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { io, type Tensor } from "../../node.js";

export const MODEL_FILE = "model.safetensors";
export const CONFIG_FILE = "config.json";
export const VOCABULARY_FILE = "vocabulary.json";

/** What a model directory holds, before it is written or after it is read. */
export interface ModelDirectory {
  readonly tensors: Readonly<Record<string, Tensor>>;
  readonly config: unknown;
  readonly vocabulary: unknown;
}

/**
 * Writes the three files of a model directory (each atomically) and returns their paths.
 * @example await writeModelDirectory("out", { tensors: model.stateDict(), config, vocabulary });
 */
export async function writeModelDirectory(
  directory: string,
  contents: ModelDirectory,
): Promise<string[]> {
  const files = [MODEL_FILE, CONFIG_FILE, VOCABULARY_FILE].map((name) => join(directory, name));
  await io.saveSafetensors(files[0]!, contents.tensors);
  const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value)}\n`);
  await io.writeFileAtomic(files[1]!, json(contents.config));
  await io.writeFileAtomic(files[2]!, json(contents.vocabulary));
  return files;
}

/** A JSON file's value, or one line naming the file: cannot be read, or is not JSON. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read "${file}": ${io.describeFsError(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
}

/** A JSON object's fields, or an error naming the file. */
export function objectIn(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** `value` when it is an integer in [min, max], else an error naming the field. */
export function integerField(value: unknown, field: string, min = 1, max = 2 ** 31 - 1): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max)
    throw new Error(
      `${field} must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`,
    );
  return value;
}

/**
 * Throws unless `tensors` (read from `file`) are exactly the parameters `expected` names, each float32
 * with the declared shape — checked before any model is built from the config.
 */
export function checkTensorShapes(
  file: string,
  expected: Readonly<Record<string, readonly number[]>>,
  tensors: Readonly<Record<string, Tensor>>,
): void {
  for (const [name, shape] of Object.entries(expected)) {
    const held = Object.hasOwn(tensors, name) ? tensors[name] : undefined;
    if (held === undefined)
      throw new Error(
        `${file} has no tensor "${name}" [${shape.join(", ")}] (config.json expects it)`,
      );
    if (held.shape.join() !== shape.join() || held.dtype !== "float32")
      throw new Error(
        `${file}: "${name}" is ${held.dtype} [${held.shape.join(", ")}], but config.json gives float32 [${shape.join(", ")}]`,
      );
  }
  const extra = Object.keys(tensors).filter((name) => !Object.hasOwn(expected, name));
  if (extra.length > 0)
    throw new Error(
      `${file} has tensors config.json does not describe: ${extra.slice(0, 3).join(", ")}`,
    );
}

/**
 * Reads a model directory: config and vocabulary as JSON, and the safetensors weights (checked by
 * the caller against the config before a model is built).
 */
export async function readModelDirectory(
  directory: string,
): Promise<ModelDirectory & { files: string[] }> {
  const files = [MODEL_FILE, CONFIG_FILE, VOCABULARY_FILE].map((name) => join(directory, name));
  const config = await readJsonFile(files[1]!);
  const vocabulary = await readJsonFile(files[2]!);
  const { tensors } = await io.loadSafetensors(files[0]!);
  return { tensors, config, vocabulary, files };
}
