// What `gradus tag train` prints (text or --json) and plots after training: the tagger's test accuracy
// beside the most-frequent-tag baseline, overall and on unknown words, and the times.
import type { data, optim } from "../../node.js";
import { writePlot } from "../plot-file.js";
import { printJson } from "../table.js";
import type { TagAccuracy } from "./tag-evaluate.js";

/** The test scores (null without test sentences) and the seconds spent. */
export interface TagResults {
  readonly sentences: { train: number; validation: number; test: number };
  readonly test: { tagger: TagAccuracy; baseline: data.TagBaseline } | null;
  readonly seconds: { training: number; testing: number };
}

const percent = (value: number) => `${(100 * value).toFixed(2)} %`;

/** The comparison as lines of text. */
export function formatTagResults(results: TagResults): string[] {
  const { test, seconds, sentences } = results;
  const lines = [
    `trained on ${sentences.train} sentences in ${seconds.training.toFixed(1)} s`,
  ];
  if (test === null) return [...lines, "no test sentences (give --test FILE to score the tagger)"];
  const { tagger, baseline } = test;
  return [
    ...lines,
    `test (${sentences.test} sentences, ${tagger.total} words, ${tagger.unknownTokens} unknown):`,
    `  BiLSTM tagger        accuracy ${percent(tagger.accuracy)}   unknown words ${percent(tagger.unknownAccuracy)}`,
    `  most frequent tag    accuracy ${percent(baseline.accuracy)}   unknown words ${percent(baseline.unknownAccuracy)}`,
  ];
}

/** Plots the curves, then prints the results (text, or JSON with --json). */
export async function reportTagTraining(report: {
  flags: { json?: boolean; plot?: string };
  history: optim.FitResult;
  results: TagResults;
  files: string[];
  checkpointFile: string;
  plotFile: string;
}): Promise<void> {
  const { history, results, files, checkpointFile, plotFile } = report;
  const epochs = history.loss.map((_, i) => i + 1);
  const series = [
    { name: "training loss", values: history.loss },
    { name: "validation loss", values: history.validationLoss },
    { name: "validation accuracy", values: history.metrics["validation.accuracy"] ?? [] },
  ].filter(({ values }) => values.length === epochs.length);
  const plot = await writePlot(
    plotFile,
    {
      title: "part-of-speech tagger (BiLSTM)",
      x: { title: "epoch" },
      y: { title: "value" },
      series: series.map(({ name, values }) => ({
        name,
        points: epochs.map((epoch, i) => [epoch, values[i]!] as [number, number]),
      })),
    },
    report.flags.plot !== undefined,
  );
  if (plot.note !== null) console.error(`gradus: ${plot.note}`);
  const written = [...files, checkpointFile, ...(plot.written ? [plotFile] : [])];
  if (report.flags.json === true) {
    printJson({
      epochs: history.loss.length,
      history: {
        loss: history.loss,
        validationLoss: history.validationLoss,
        accuracy: history.metrics["accuracy"] ?? [],
        validationAccuracy: history.metrics["validation.accuracy"] ?? [],
      },
      ...results,
      files: written,
    });
    return;
  }
  for (const line of formatTagResults(results)) console.log(line);
  console.log(`wrote ${written.join(", ")}`);
}
