// A one-line progress bar for fit on an interactive terminal, found through globalThis (no Node imports).

/** Where fit is: epoch e of E, batch b of B, and the running mean loss. */
export interface Progress {
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  /** True on the epoch's last batch. */
  readonly done: boolean;
}

export type ProgressReporter = (progress: Progress) => void;

interface TextStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** "epoch 2/10 [########------] 36/64 loss 0.4123" */
export function formatProgress(progress: Progress, width = 24): string {
  const filled =
    progress.batches > 0 ? Math.round((width * progress.batch) / progress.batches) : width;
  const bar = "#".repeat(filled) + "-".repeat(width - filled);
  const epochs = String(progress.epochs);
  return `epoch ${String(progress.epoch).padStart(epochs.length)}/${epochs} [${bar}] ${progress.batch}/${progress.batches} loss ${progress.loss.toFixed(4)}`;
}

/**
 * A reporter that redraws one line on stdout when it is a TTY, or undefined (silent) elsewhere:
 * pipes, CI logs, browsers.
 * @example await fit(model, loader, { ...options, progress: optim.terminalProgress() ?? false });
 */
export function terminalProgress(): ProgressReporter | undefined {
  const host = globalThis as { process?: { stdout?: TextStream } };
  const stream = host.process?.stdout;
  if (stream?.isTTY !== true || typeof stream.write !== "function") return undefined;
  return (progress) => {
    const line = formatProgress(progress).slice(0, Math.max(20, (stream.columns ?? 80) - 1));
    stream.write(`\r${line}\u001b[K${progress.done ? "\n" : ""}`);
  };
}
