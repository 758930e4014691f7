// safetensors on bytes: encode tensors and string metadata, decode them back (no files, runs anywhere).
import { allocate, type DType, type TypedArray } from "../backend/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import {
  ITEM_BYTES,
  MAX_HEADER_BYTES,
  SAFETENSORS_DTYPES,
  SafetensorsError,
} from "./safetensors-error.js";
import { headerLength, parseHeader } from "./safetensors-header.js";

/** What a safetensors file holds: tensors by name and the `__metadata__` string map. */
export interface SafetensorsContents {
  readonly tensors: Record<string, Tensor>;
  readonly metadata: Record<string, string>;
}

const DTYPE_OF: Readonly<Record<string, DType>> = {
  F32: "float32",
  F64: "float64",
  I32: "int32",
  I64: "int32",
};
const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The bytes of a safetensors file: 8-byte little-endian header length, the JSON header (metadata
 * first, then tensors by offset, padded with spaces to 8 bytes), then raw little-endian data.
 * Tensors are laid out as the reference implementation does: F64 before F32 before I32, then by name.
 * @example const bytes = io.encodeSafetensors({ weight: tensor([1, 2]) }, { config: "{}" });
 */
export function encodeSafetensors(
  tensors: Readonly<Record<string, Tensor>>,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const rank = { F64: 0, F32: 1, I32: 2 };
  const names = Object.keys(tensors).sort((a, b) => {
    const order =
      rank[SAFETENSORS_DTYPES[tensors[a]!.dtype]] - rank[SAFETENSORS_DTYPES[tensors[b]!.dtype]];
    return order !== 0 ? order : a < b ? -1 : a > b ? 1 : 0;
  });
  const header: Record<string, unknown> = {};
  const metadataKeys = Object.keys(metadata).sort();
  if (metadataKeys.length > 0) {
    const sorted: Record<string, string> = {};
    for (const key of metadataKeys) {
      const value = metadata[key];
      if (typeof value !== "string")
        throw new SafetensorsError(`encodeSafetensors: metadata "${key}" must be a string`);
      Object.defineProperty(sorted, key, { value, enumerable: true });
    }
    header.__metadata__ = sorted;
  }
  let offset = 0;
  const payload: Uint8Array[] = [];
  for (const name of names) {
    if (name === "__metadata__" || name === "")
      throw new SafetensorsError(`encodeSafetensors: "${name}" cannot name a tensor`);
    const value = tensors[name]!;
    const dtype = SAFETENSORS_DTYPES[value.dtype];
    const bytes = littleEndianBytes(value.dataSync());
    Object.defineProperty(header, name, {
      value: { dtype, shape: [...value.shape], data_offsets: [offset, offset + bytes.length] },
      enumerable: true,
    });
    payload.push(bytes);
    offset += bytes.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerBytes = Math.ceil(json.length / 8) * 8;
  if (headerBytes > MAX_HEADER_BYTES)
    throw new SafetensorsError(`encodeSafetensors: header of ${headerBytes} bytes is too large`);
  const out = new Uint8Array(8 + headerBytes + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerBytes);
  let position = 8 + headerBytes;
  for (const bytes of payload) {
    out.set(bytes, position);
    position += bytes.length;
  }
  return out;
}

/**
 * Tensors and metadata from the bytes of a safetensors file (F32, F64, I32, and I64 as int32, as
 * PyTorch's int64 buffers such as num_batches_tracked need). Throws SafetensorsError for anything
 * malformed or an I64 value outside int32's range, before allocating more than the input's size.
 * @example const { tensors, metadata } = io.decodeSafetensors(bytes);
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContents {
  const length = headerLength(bytes.subarray(0, 8), bytes.length);
  const header = parseHeader(bytes.subarray(8, 8 + length), bytes.length - 8 - length);
  const entries = header.entries.map(({ name, dtype, shape, begin, end }): [string, Tensor] => {
    const source = bytes.subarray(header.dataStart + begin, header.dataStart + end);
    const data = allocate(DTYPE_OF[dtype]!, (end - begin) / ITEM_BYTES[dtype]!);
    if (dtype === "I64") copyInt64AsInt32(name, source, data as Int32Array);
    else copyLittleEndian(source, data);
    return [name, new Tensor(data, shape)];
  });
  return { tensors: Object.fromEntries(entries), metadata: header.metadata };
}

function littleEndianBytes(data: TypedArray): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (isLittleEndian) return bytes;
  const out = new Uint8Array(bytes.length);
  const view = new DataView(out.buffer);
  data.forEach((value, i) => {
    if (data instanceof Float64Array) view.setFloat64(i * 8, value, true);
    else if (data instanceof Float32Array) view.setFloat32(i * 4, value, true);
    else view.setInt32(i * 4, value, true);
  });
  return out;
}

function copyLittleEndian(source: Uint8Array, target: TypedArray): void {
  if (isLittleEndian) {
    new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(source);
    return;
  }
  const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
  for (let i = 0; i < target.length; i++) {
    if (target instanceof Float64Array) target[i] = view.getFloat64(i * 8, true);
    else if (target instanceof Float32Array) target[i] = view.getFloat32(i * 4, true);
    else target[i] = view.getInt32(i * 4, true);
  }
}

/** Little-endian int64 values into int32, refusing (naming the tensor) any that does not fit. */
function copyInt64AsInt32(name: string, source: Uint8Array, target: Int32Array): void {
  const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
  for (let i = 0; i < target.length; i++) {
    const value = view.getBigInt64(i * 8, true);
    if (value < -2147483648n || value > 2147483647n) {
      throw new SafetensorsError(
        `safetensors: tensor "${name}" (I64) holds ${value} at element ${i}, outside int32's range (gradus reads I64 into int32)`,
      );
    }
    target[i] = Number(value);
  }
}
