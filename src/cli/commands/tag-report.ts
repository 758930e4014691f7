// What `gradus tag train` prints (text or --json) and plots after training: the tagger's test accuracy
// beside the most-frequent-tag baseline, overall and on unknown words, and the times.
import type { data, optim } from "../../node.js";
import { writePlot } from "../plot-file.js";
import { printJson } from "../table.js";
import type { TagAccuracy } from "./tag-evaluate.js";

/** A tagger's scores on some tagged sentences, beside the baseline when it could be measured. */
export interface TagScores {
  readonly source: string;
  readonly sentences: number;
  readonly tagger: TagAccuracy;
  readonly baseline: data.TagBaseline | null;
}

/** The test scores (null without test sentences) and the seconds spent. */
export interface TagResults {
  readonly sentences: { train: number; validation: number; test: number };
  readonly test: TagScores | null;
  readonly seconds: { training: number; testing: number };
}

const percent = (value: number) => `${(100 * value).toFixed(2)} %`;

/** The scores as lines of text: the tagger, then the baseline. */
export function formatScores(scores: TagScores): string[] {
  const { tagger, baseline } = scores;
  const row = (name: string, score: { accuracy: number; unknownAccuracy: number }) =>
    `  ${name.padEnd(20)} accuracy ${percent(score.accuracy)}   unknown words ${percent(score.unknownAccuracy)}`;
  return [
    `${scores.source}: ${scores.sentences} sentences, ${tagger.total} words, ${tagger.unknownTokens} unknown`,
    row("BiLSTM tagger", tagger),
    ...(baseline === null ? [] : [row("most frequent tag", baseline)]),
  ];
}

/** The comparison as lines of text. */
export function formatTagResults(results: TagResults): string[] {
  const { test, seconds, sentences } = results;
  const trained = `trained on ${sentences.train} sentences in ${seconds.training.toFixed(1)} s`;
  if (test === null) return [trained, "no test sentences (give --test FILE to score the tagger)"];
  return [trained, ...formatScores(test)];
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
