import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InFlightLimit } from './index.js';

describe('InFlightLimit', () => {
  it('admits up to its limit, refuses beyond it, and admits again after a release', () => {
    const limit = new InFlightLimit(2);
    const first = limit.tryEnter();
    const second = limit.tryEnter();
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(limit.tryEnter()).toBeUndefined();
    first?.();
    expect(limit.current).toBe(1);
    expect(limit.tryEnter()).toBeDefined();
    expect(limit.tryEnter()).toBeUndefined();
  });

  it('counts a release once, however often it is called', () => {
    const limit = new InFlightLimit(1);
    const release = limit.tryEnter();
    release?.();
    release?.();
    expect(limit.current).toBe(0);
    expect(limit.tryEnter()).toBeDefined();
    expect(limit.tryEnter()).toBeUndefined();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %p', (value) => {
    expect(() => new InFlightLimit(value)).toThrow(RangeError);
  });

  it('matches a counting model over any sequence of entries and (repeated) releases', () => {
    type Op = { kind: 'enter' } | { kind: 'release'; pick: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.constant({ kind: 'enter' as const }),
      fc.nat(40).map((pick) => ({ kind: 'release' as const, pick })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 80 }), (max, ops) => {
        const limit = new InFlightLimit(max);
        // Every release handed out so far, and whether it was already called.
        const handed: { release: () => void; used: boolean }[] = [];
        let model = 0;
        for (const o of ops) {
          if (o.kind === 'enter') {
            const release = limit.tryEnter();
            expect(release !== undefined).toBe(model < max);
            if (release) {
              handed.push({ release, used: false });
              model++;
            }
          } else if (handed.length > 0) {
            const h = handed[o.pick % handed.length];
            if (h) {
              h.release();
              if (!h.used) {
                h.used = true;
                model--;
              }
            }
          }
          expect(limit.current).toBe(model);
          expect(limit.current).toBeLessThanOrEqual(max);
        }
      }),
    );
  });
});
