#!/usr/bin/env node
// The `gradus` command line: argument parsing only; all work goes through the public API.
import "../node.js";
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { registerNumgrad } from "./commands/numgrad.js";
import { registerSwell } from "./commands/swell.js";
import { registerGradcheck } from "./commands/gradcheck.js";
import { registerTrain } from "./commands/train.js";
import { registerEvaluate } from "./commands/evaluate.js";
import { registerBench } from "./commands/bench.js";
import { registerDemo } from "./commands/demo.js";
import { registerLecture } from "./commands/lecture.js";
import { registerOps } from "./commands/ops.js";
import { registerLm } from "./commands/lm.js";
import { registerTag } from "./commands/tag.js";
import { registerEmbed } from "./commands/embed.js";

// src/cli and dist/cli both sit two levels below the package root.
const manifest = new URL("../../package.json", import.meta.url);
const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };

const program = new Command("gradus")
  .description("backpropagation and stochastic gradient descent, from the lecture to training")
  .version(version, "-V, --version", "print the gradus version")
  .exitOverride()
  .showSuggestionAfterError(false);
registerNumgrad(program);
registerSwell(program);
registerGradcheck(program);
registerTrain(program);
registerEvaluate(program);
registerBench(program);
registerDemo(program);
registerLecture(program);
registerOps(program);
registerLm(program);
registerTag(program);
registerEmbed(program);

// A closed pipe (`gradus … | head`) ends the command quietly instead of with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  console.error(`gradus: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
