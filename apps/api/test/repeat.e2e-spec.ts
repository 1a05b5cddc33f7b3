// repeatEvery: the timer behind the checkpoint, expiry-sweep and retention jobs.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { repeatEvery } from '../src/common/repeat.js';

afterEach(() => {
  jest.useRealTimers();
});

describe('repeatEvery', () => {
  it('runs every interval, survives a failed run, and stops', async () => {
    jest.useFakeTimers();
    let runs = 0;
    const failures: unknown[] = [];
    const job = repeatEvery(
      2,
      () => {
        runs++;
        return runs === 1 ? Promise.reject(new Error('first run fails')) : Promise.resolve();
      },
      (error) => failures.push(error),
    );
    await jest.advanceTimersByTimeAsync(6_000);
    expect(runs).toBe(3);
    expect(failures).toHaveLength(1);
    job.stop();
    await jest.advanceTimersByTimeAsync(6_000);
    expect(runs).toBe(3);
  });

  it('never runs at 0 seconds', async () => {
    jest.useFakeTimers();
    let runs = 0;
    repeatEvery(
      0,
      () => Promise.resolve(runs++),
      () => undefined,
    ).stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(0);
  });
});
