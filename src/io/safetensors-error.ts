// The error every safetensors and checkpoint reader throws for a malformed or unreadable file.

/**
 * A malformed safetensors file or checkpoint: the message says what is wrong and where.
 * @example try { io.decodeSafetensors(bytes); } catch (error) { if (error instanceof io.SafetensorsError) console.error(error.message); }
 */
export class SafetensorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SafetensorsError";
  }
}

/** The safetensors dtype names gradus reads and writes, by tensor dtype. */
export const SAFETENSORS_DTYPES = { float32: "F32", float64: "F64", int32: "I32" } as const;

/** Bytes per element of each safetensors dtype gradus reads (I64 is read into int32). */
export const ITEM_BYTES: Readonly<Record<string, number>> = { F32: 4, F64: 8, I32: 4, I64: 8 };

/** Dtypes the format defines that gradus does not load (named in the error instead of "unknown"). */
export const OTHER_DTYPES: ReadonlySet<string> = new Set([
  "BOOL",
  "U8",
  "I8",
  "F8_E5M2",
  "F8_E4M3",
  "I16",
  "U16",
  "F16",
  "BF16",
  "U32",
  "U64",
]);

/** The largest header gradus accepts (the reference implementation's limit). */
export const MAX_HEADER_BYTES = 100_000_000;
