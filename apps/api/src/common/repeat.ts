/** A repeating background job; `stop()` ends it. */
export interface Repeating {
  stop(): void;
}

/**
 * Runs `work` every `seconds` (never when 0) without keeping the process alive; a failed run is
 * reported to `failed` and the next one runs as planned — periodic work must not die of one error.
 */
export function repeatEvery(
  seconds: number,
  work: () => Promise<unknown>,
  failed: (error: unknown) => void,
): Repeating {
  if (seconds <= 0) {
    return { stop: () => undefined };
  }
  const timer = setInterval(() => {
    work().catch(failed);
  }, seconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
