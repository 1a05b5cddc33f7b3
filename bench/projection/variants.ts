// Timing in alternating blocks (A, B, A, B …) rather than one variant after the other, so drift
// (thermal, noisy neighbours, GC) hits every variant alike and their medians stay comparable.
import { fmt, median, timeMs } from '../support/stats.js';
import { log } from './settings.js';

export interface Variant {
  readonly label: string;
  readonly run: () => void;
  readonly samples: number[];
}

export function variant(label: string, run: () => void): Variant {
  return { label, run, samples: [] };
}

/** Runs `rounds` rounds; each runs every variant's block of `block` calls in turn (A, B, A, B …). */
export function interleave(
  variants: readonly Variant[],
  block: number,
  rounds: number,
  more?: (round: number) => boolean,
): number {
  let round = 0;
  while (round < rounds || (more?.(round) ?? false)) {
    for (const v of variants) {
      for (let i = 0; i < block; i++) {
        v.samples.push(timeMs(v.run));
      }
    }
    round++;
    const tail = variants
      .map((v) => `${v.label} ${fmt(median(v.samples.slice(-block)))} ms`)
      .join(', ');
    log(`  round ${round}: ${block > 1 ? 'block medians ' : ''}${tail}`);
  }
  return round;
}
