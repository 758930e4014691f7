// A cli-progress bar for training on stderr, shown only on a TTY (pipes, CI and tests stay silent).
import { SingleBar, Presets } from "cli-progress";
import type { optim } from "../node.js";

/** A reporter for fit's `progress` option, and a stop that clears the bar. */
export interface TrainingProgress {
  readonly reporter: optim.ProgressReporter | false;
  stop(): void;
}

/**
 * One bar over all batches of all epochs, with the epoch and running loss.
 * @example const progress = trainingBar(); fit(model, loader, { ...options, progress: progress.reporter }); progress.stop();
 */
export function trainingBar(stream: NodeJS.WriteStream = process.stderr): TrainingProgress {
  if (stream.isTTY !== true) return { reporter: false, stop: () => undefined };
  const bar = new SingleBar(
    {
      stream,
      format:
        "training [{bar}] {percentage}% | epoch {epoch}/{epochs} | loss {loss} | {eta_formatted} left",
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  let perEpoch = 0;
  return {
    reporter: (progress) => {
      const batches = Math.max(progress.batches, 1);
      const payload = {
        epoch: progress.epoch,
        epochs: progress.epochs,
        loss: progress.loss.toFixed(4),
      };
      if (!started) {
        perEpoch = batches;
        bar.start(progress.epochs * perEpoch, 0, payload);
        started = true;
      }
      bar.update((progress.epoch - 1) * perEpoch + Math.min(progress.batch, perEpoch), payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
