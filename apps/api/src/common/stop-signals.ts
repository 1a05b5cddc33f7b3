/** Exit status of a process stopped by a signal, as a shell reports it (128 + signal number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

export type StopSignal = keyof typeof SIGNAL_EXIT;

/**
 * Runs `stop` once, on the first SIGINT or SIGTERM, then exits: 0 when `stop` resolves (a requested
 * shutdown is a success, as process managers expect), 1 when it fails. Later signals while stopping
 * are ignored — Ctrl-C reaches every process of the terminal's group, and a process manager may
 * repeat SIGTERM — so a second one cannot cut the clean shutdown short and orphan PostgreSQL.
 *
 * `npm start` execs node (package.json), so a signal sent to npm reaches this process too.
 */
export function onStopSignal(
  stop: (signal: StopSignal) => Promise<void>,
  report: (message: string) => void,
  exitCode: (signal: StopSignal) => number = () => 0,
): void {
  let stopping = false;
  const handle = (signal: StopSignal) => {
    if (stopping) {
      return;
    }
    stopping = true;
    stop(signal).then(
      () => process.exit(exitCode(signal)),
      (error: unknown) => {
        report(`error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of Object.keys(SIGNAL_EXIT) as StopSignal[]) {
    process.on(signal, () => handle(signal));
  }
}

/** For one-shot commands (migrate, drift check): interrupted work exits as the shell would. */
export const interruptedExitCode = (signal: StopSignal): number => SIGNAL_EXIT[signal];
