// Element types and the typed arrays that store them.

/** The element types of tensors: float32 is the default, float64 is first-class, int32 holds indices. */
export type DType = "float32" | "float64" | "int32";

export type TypedArray = Float32Array | Float64Array | Int32Array;

/** A new zero-filled typed array of `dtype` with `length` elements. */
export function allocate(dtype: DType, length: number): TypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(length);
    case "float64":
      return new Float64Array(length);
    case "int32":
      return new Int32Array(length);
  }
}

/** The dtype a typed array stores. */
export function dtypeOf(array: TypedArray): DType {
  if (array instanceof Float32Array) return "float32";
  if (array instanceof Float64Array) return "float64";
  return "int32";
}

export function isFloating(dtype: DType): boolean {
  return dtype !== "int32";
}

/** The dtype of a result combining `a` and `b`: float64 > float32 > int32. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === "float64" || b === "float64") return "float64";
  if (a === "float32" || b === "float32") return "float32";
  return "int32";
}

export const DTYPES: readonly DType[] = ["float32", "float64", "int32"];
