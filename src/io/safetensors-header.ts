// Reads and checks a safetensors header: sizes, dtypes, shapes and a gap-free tiling of the data bytes.
import {
  ITEM_BYTES,
  MAX_HEADER_BYTES,
  OTHER_DTYPES,
  SafetensorsError,
} from "./safetensors-error.js";

/** One tensor's entry in the header, checked. */
export interface HeaderEntry {
  readonly name: string;
  readonly dtype: "F32" | "F64" | "I32" | "I64";
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

/** A checked header: where the data bytes start, the tensors in offset order and the metadata. */
export interface SafetensorsHeader {
  readonly dataStart: number;
  readonly entries: readonly HeaderEntry[];
  readonly metadata: Record<string, string>;
}

/**
 * The header length from the first 8 bytes, checked against the 100 MB limit and the file size
 * before anything is allocated for it.
 */
export function headerLength(prefix: Uint8Array, fileBytes: number): number {
  if (fileBytes < 8 || prefix.length < 8) {
    throw new SafetensorsError(
      `safetensors: file is ${fileBytes} bytes, too short for the 8-byte header length`,
    );
  }
  const length = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (length > BigInt(MAX_HEADER_BYTES)) {
    throw new SafetensorsError(
      `safetensors: header length ${length} bytes is over the ${MAX_HEADER_BYTES}-byte limit`,
    );
  }
  if (length > BigInt(fileBytes - 8)) {
    throw new SafetensorsError(
      `safetensors: header length ${length} bytes goes beyond the end of the file (${fileBytes} bytes)`,
    );
  }
  return Number(length);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

/** Parses the JSON header bytes and checks every entry against `dataBytes`, the size of the data section. */
export function parseHeader(json: Uint8Array, dataBytes: number): SafetensorsHeader {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SafetensorsError(`safetensors: header is not valid UTF-8 JSON (${reason})`);
  }
  if (!isRecord(parsed)) throw new SafetensorsError("safetensors: header must be a JSON object");
  const metadata: Record<string, string> = {};
  const entries: HeaderEntry[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (name === "__metadata__") {
      if (!isRecord(value))
        throw new SafetensorsError("safetensors: __metadata__ must be an object");
      for (const [key, text] of Object.entries(value)) {
        if (typeof text !== "string")
          throw new SafetensorsError(`safetensors: __metadata__ "${key}" must be a string`);
        Object.defineProperty(metadata, key, { value: text, enumerable: true, writable: true });
      }
    } else entries.push(parseEntry(name, value));
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let position = 0;
  for (const entry of entries) {
    if (entry.end > dataBytes) {
      throw new SafetensorsError(
        `safetensors: tensor "${entry.name}" ends at byte ${entry.end}, beyond the ${dataBytes} data bytes`,
      );
    }
    if (entry.begin !== position) {
      const problem = entry.begin < position ? "overlaps the previous tensor" : "leaves a gap";
      throw new SafetensorsError(
        `safetensors: tensor "${entry.name}" starts at byte ${entry.begin} and ${problem} (expected ${position})`,
      );
    }
    position = entry.end;
  }
  if (position !== dataBytes) {
    throw new SafetensorsError(
      `safetensors: tensors cover ${position} of the ${dataBytes} data bytes (trailing bytes)`,
    );
  }
  return { dataStart: 8 + json.length, entries, metadata };
}

function parseEntry(name: string, value: unknown): HeaderEntry {
  const where = `safetensors: tensor "${name}"`;
  if (!isRecord(value)) throw new SafetensorsError(`${where} must be an object`);
  const { dtype, shape, data_offsets: offsets } = value;
  if (typeof dtype !== "string" || ITEM_BYTES[dtype] === undefined) {
    const known = typeof dtype === "string" && OTHER_DTYPES.has(dtype);
    throw new SafetensorsError(
      `${where} has ${known ? "unsupported" : "unknown"} dtype ${JSON.stringify(dtype)} (gradus reads F32, F64, I32, I64)`,
    );
  }
  if (!Array.isArray(shape) || !shape.every(isCount))
    throw new SafetensorsError(`${where}: shape must be an array of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    throw new SafetensorsError(`${where}: data_offsets must be [begin, end] byte offsets`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin)
    throw new SafetensorsError(`${where}: data_offsets [${begin}, ${end}] end before they begin`);
  // Multiplied in order and checked at each step, as the reference implementation does: a product
  // that overflows on the way is refused even if a later dimension is 0.
  let bytes = ITEM_BYTES[dtype]!;
  let overflows = false;
  for (const dimension of shape) {
    bytes *= dimension;
    overflows ||= !Number.isSafeInteger(bytes);
  }
  if (overflows || bytes !== end - begin) {
    const needs = overflows ? "over 2^53 bytes" : `${bytes} bytes`;
    throw new SafetensorsError(
      `${where}: shape [${shape.join(", ")}] of ${dtype} needs ${needs} but data_offsets give ${end - begin}`,
    );
  }
  return { name, dtype: dtype as HeaderEntry["dtype"], shape, begin, end };
}
