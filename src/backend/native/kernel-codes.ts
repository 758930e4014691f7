// Maps the TypeScript kernel names to the addon's kernel codes BY NAME, refusing any difference: a
// kernel missing on either side fails loudly at load instead of running as another kernel.
import {
  BINARY_KERNEL_NAMES,
  REDUCE_KERNEL_NAMES,
  UNARY_KERNEL_NAMES,
  type BinaryKernel,
  type ReduceKernel,
  type UnaryKernel,
} from "../elementwise-kernels.js";

/** The kernel names the addon reports (native/src: each family's names in code order). */
export interface ReportedKernelNames {
  readonly unary: readonly string[];
  readonly binary: readonly string[];
  readonly reduce: readonly string[];
}

/** The addon's code of every kernel, and of its strided copy (a unary kernel named "copy"). */
export interface KernelCodes {
  readonly unary: Readonly<Record<UnaryKernel, number>>;
  readonly binary: Readonly<Record<BinaryKernel, number>>;
  readonly reduce: Readonly<Record<ReduceKernel, number>>;
  readonly copy: number;
}

/** Thrown when the addon's kernels and this version's kernel list differ (an addon built from other sources). */
export class KernelMismatchError extends Error {
  constructor(readonly differences: readonly string[]) {
    super(
      `the native addon's kernels differ from gradus's kernel list (${differences.join("; ")}): rebuild it with npm run build:native`,
    );
    this.name = "KernelMismatchError";
  }
}

function codesByName<Name extends string>(
  family: string,
  expected: readonly Name[],
  reported: readonly string[],
  extra: readonly string[],
  differences: string[],
): Record<Name, number> {
  const missing = expected.filter((name) => !reported.includes(name));
  const unknown = reported.filter(
    (name) => !expected.includes(name as Name) && !extra.includes(name),
  );
  if (missing.length > 0)
    differences.push(`${family} kernels missing in the addon: ${missing.join(", ")}`);
  if (unknown.length > 0)
    differences.push(`${family} kernels unknown to gradus: ${unknown.join(", ")}`);
  return Object.fromEntries(expected.map((name) => [name, reported.indexOf(name)])) as Record<
    Name,
    number
  >;
}

/** Every kernel's code in the addon; throws KernelMismatchError naming each difference. */
export function kernelCodes(reported: ReportedKernelNames): KernelCodes {
  const differences: string[] = [];
  const unary = codesByName("unary", UNARY_KERNEL_NAMES, reported.unary, ["copy"], differences);
  const binary = codesByName("binary", BINARY_KERNEL_NAMES, reported.binary, [], differences);
  const reduce = codesByName("reduce", REDUCE_KERNEL_NAMES, reported.reduce, [], differences);
  const copy = reported.unary.indexOf("copy");
  if (copy < 0) differences.push("the addon has no strided copy kernel");
  if (differences.length > 0) throw new KernelMismatchError(differences);
  return { unary, binary, reduce, copy };
}
