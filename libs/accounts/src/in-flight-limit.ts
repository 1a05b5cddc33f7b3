/**
 * A cap on work in flight. `tryEnter` admits while fewer than `limit` holders are in and refuses at
 * once otherwise: there is no queue here, so a caller over the cap can answer "busy" straight away
 * instead of piling up requests that would each cost a password hash. The release it returns may
 * be called any number of times; only the first counts.
 */
export class InFlightLimit {
  private inFlight = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`an in-flight limit must be a positive integer, got ${limit}`);
    }
  }

  /** How many holders are in now. */
  get current(): number {
    return this.inFlight;
  }

  /** A release function when admitted; undefined when `limit` holders are already in. */
  tryEnter(): (() => void) | undefined {
    if (this.inFlight >= this.limit) {
      return undefined;
    }
    this.inFlight++;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.inFlight--;
      }
    };
  }
}
