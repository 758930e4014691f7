// Ctrl-C during training: the first SIGINT (or SIGTERM) asks the loop to stop after its step and save.
const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { SIGINT: 2, SIGTERM: 15 };

/** A stop request for fit (its AbortSignal); `exitCode` is 128 + the signal's number. */
export interface Interrupt {
  readonly requested: boolean;
  /** Aborted by the first SIGINT or SIGTERM: fit finishes its step, saves and returns. */
  readonly signal: AbortSignal;
  readonly exitCode: number;
  /** Removes the handlers (signals act as by default again). */
  dispose(): void;
}

/**
 * Catches SIGINT and SIGTERM until disposed. The first asks for a stop; a second while the checkpoint is
 * written is only noted (saves are atomic, but nothing needs a second one); a third quits at once,
 * which still leaves the last complete checkpoint on disk.
 * @example const interrupt = catchInterrupts(); try { await optim.fit(model, { ...options, signal: interrupt.signal }); } finally { interrupt.dispose(); }
 */
export function catchInterrupts(): Interrupt {
  let received = 0;
  let exitCode = 0;
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    received++;
    if (received === 1) {
      exitCode = 128 + (SIGNAL_NUMBERS[signal] ?? 2);
      controller.abort();
      process.stderr.write(`\ngradus: ${signal}: stopping after this step to save a checkpoint\n`);
    } else if (received === 2) {
      process.stderr.write("gradus: still saving the checkpoint (again to quit without it)\n");
    } else {
      process.exit(exitCode);
    }
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    get requested() {
      return received > 0;
    },
    get exitCode() {
      return exitCode;
    },
    signal: controller.signal,
    dispose() {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}
