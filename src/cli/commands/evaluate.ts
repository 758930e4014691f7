// `gradus eval` and `gradus predict`: a saved model on labelled data (a report), or on new records (classes).
import type { Command } from "commander";
import { optim } from "../../node.js";
import { applyFeatures, type DataRecord, type FeatureSpec } from "../features.js";
import { predictRows } from "../model-config.js";
import { labelsOf } from "../prepared-data.js";
import { locatedRecord, parseRecords, readRecords } from "../records.js";
import { loadModel } from "../saved-model.js";
import { printJson } from "../table.js";

interface EvalFlags {
  readonly model: string;
  readonly data: string;
  readonly labelColumn: string;
  readonly json?: boolean;
}

interface PredictFlags {
  readonly model: string;
  readonly json?: boolean;
}

/** Adds `eval` and `predict` to the program. */
export function registerEvaluate(program: Command): void {
  program
    .command("eval")
    .description("accuracy, precision, recall and F1 of a saved model on labelled CSV/JSONL data")
    .requiredOption(
      "--model <dir>",
      "directory (or .safetensors file) written by gradus train or demo",
    )
    .requiredOption(
      "--data <file>",
      "CSV or JSONL with the model's input columns and a label column",
    )
    .option("--label-column <name>", "the column holding the class", "label")
    .option("--json", "print the report as JSON")
    .action((flags: EvalFlags) => runEval(flags));
  program
    .command("predict")
    .description("classify the records of FILE, or of stdin (JSONL, CSV, or one text per line)")
    .argument("[file]", "CSV or JSONL file; stdin when absent")
    .requiredOption(
      "--model <dir>",
      "directory (or .safetensors file) written by gradus train or demo",
    )
    .option("--json", "print predictions as JSON")
    .action((file: string | undefined, flags: PredictFlags) => runPredict(file, flags));
}

async function runEval(flags: EvalFlags): Promise<void> {
  const saved = await loadModel(flags.model);
  const { columns, records } = await readRecords(flags.data);
  if (!columns.includes(flags.labelColumn)) {
    throw new Error(
      `${flags.data} has no column "${flags.labelColumn}" (--label-column); its columns are: ${columns.join(", ")}`,
    );
  }
  const rows = applyFeatures(
    checkColumns(saved.features as FeatureSpec, columns, flags.data),
    records,
  );
  const labels = labelsOf(records, flags.labelColumn, saved.config.classes);
  const { classes } = predictRows(saved.model, saved.config, rows);
  const report = optim.classificationReport(classes, labels, saved.config.classes.length);
  if (flags.json === true) printJson(report);
  else console.log(optim.formatReport(report));
}

async function runPredict(file: string | undefined, flags: PredictFlags): Promise<void> {
  const saved = await loadModel(flags.model);
  const spec = saved.features as FeatureSpec;
  const { columns, records } =
    file === undefined ? parseStdin(await readStdin(), spec) : await readRecords(file);
  const rows = applyFeatures(checkColumns(spec, columns, file ?? "stdin"), records);
  const { classes, probabilities } = predictRows(saved.model, saved.config, rows);
  const results = Array.from(classes, (c, i) => ({
    class: saved.config.classes[c]!,
    probability: probabilities[i]!,
  }));
  if (flags.json === true) printJson(results);
  else
    for (const result of results) console.log(`${result.class}\t${result.probability.toFixed(4)}`);
}

/** Stdin as JSONL (first character "{"), else CSV for numeric models, else one text per line. */
function parseStdin(
  text: string,
  spec: FeatureSpec,
): { columns: readonly string[]; records: readonly DataRecord[] } {
  if (text.trimStart().startsWith("{")) return parseRecords(text, "jsonl", "stdin");
  if (spec.kind === "numeric") return parseRecords(text, "csv", "stdin");
  const lines = text
    .split("\n")
    .map((line, i) => [line, i + 1] as const)
    .filter(([line]) => line.trim() !== "");
  if (lines.length === 0) throw new Error("stdin: no text to classify");
  const records = lines.map(([line, number]) =>
    locatedRecord({ [spec.column]: line }, `stdin:${number}`),
  );
  return { columns: [spec.column], records };
}

function checkColumns(spec: FeatureSpec, columns: readonly string[], source: string): FeatureSpec {
  const needed = spec.kind === "text" ? [spec.column] : spec.columns;
  const missing = needed.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new Error(
      `${source} lacks the model's input column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
    );
  }
  return spec;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY === true)
    throw new Error("predict: give a FILE or pipe records into stdin");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
