import { describe, expect, it } from '@jest/globals';
import {
  ACTORS,
  AFTER_DEADLINE,
  CONTEXT,
  PACT_IN,
  SWAP_PLUS,
  later,
  revisionOf,
} from '../test/fixtures.js';
import {
  PACT_COMMAND_TYPES,
  PACT_STATUSES,
  TERMINAL_STATUSES,
  TRANSITIONS,
  decide,
  isTerminal,
  nextStatuses,
  type Actor,
  type Pact,
  type PactCommand,
  type PactCommandType,
  type PactStatus,
} from './index.js';

/** For each command, an actor entitled to it in the fixture pact and a well-formed request. */
const REQUESTS: Record<PactCommandType, (pact: Pact) => [Actor, PactCommand]> = {
  propose: () => [ACTORS.ldOfficer, { type: 'propose', context: CONTEXT }],
  counter: (p) => [
    ACTORS.labOfficer,
    { type: 'counter', baseRevision: p.revision.number, terms: SWAP_PLUS, context: CONTEXT },
  ],
  sign: (p) => [ACTORS.labOfficer, { type: 'sign', ...revisionOf(p), context: CONTEXT }],
  decline: () => [ACTORS.labOfficer, { type: 'decline', reason: 'not now' }],
  withdraw: () => [ACTORS.ldOfficer, { type: 'withdraw', reason: 'changed our mind' }],
  approve: (p) => [ACTORS.ldCoordinator, { type: 'approve', ...revisionOf(p) }],
  reject: () => [ACTORS.ldCoordinator, { type: 'reject', reason: 'bad deal' }],
  terminate: () => [ACTORS.ldOfficer, { type: 'terminate', reason: 'by-election' }],
  expire: () => [ACTORS.admin, { type: 'expire' }],
};

/** Where each edge of the table leads with the fixture's two-participant pact. */
const EXPECTED: Partial<Record<`${PactStatus}×${PactCommandType}`, PactStatus>> = {
  'draft×propose': 'proposed',
  'draft×withdraw': 'withdrawn',
  'draft×expire': 'expired',
  'proposed×counter': 'proposed',
  'signed×counter': 'proposed',
  'proposed×sign': 'signed',
  'proposed×decline': 'declined',
  'proposed×withdraw': 'withdrawn',
  'proposed×expire': 'expired',
  'signed×approve': 'signed',
  'signed×reject': 'rejected',
  'ratified×terminate': 'terminated',
};

/** Off-table pairs answered as idempotent repeats: the fixture's signer or approver already did it. */
const REPEATS = new Set(['signed×sign', 'ratified×sign', 'ratified×approve']);

const pairs = PACT_STATUSES.flatMap((status) =>
  PACT_COMMAND_TYPES.map((command) => [status, command] as const),
);

describe('the transition table', () => {
  it.each(pairs)('%s × %s', (status, command) => {
    const pact = PACT_IN[status]();
    expect(pact.status).toBe(status);
    const [actor, request] = REQUESTS[command](pact);
    const now = command === 'expire' ? AFTER_DEADLINE : later(100);
    const decision = decide(pact, request, actor, now);
    const key = `${status}×${command}` as const;
    const expected = EXPECTED[key];
    if (expected !== undefined) {
      expect(nextStatuses(status, command)).toContain(expected);
      expect(decision).toMatchObject({ ok: true, changed: true, pact: { status: expected } });
      expect(decision.events).toHaveLength(1);
      expect(decision.events[0]?.payload).toMatchObject({ from: status, to: expected });
    } else if (REPEATS.has(key)) {
      expect(decision).toMatchObject({ ok: true, changed: false, pact, events: [] });
    } else {
      expect(nextStatuses(status, command)).toEqual([]);
      expect(decision).toMatchObject({ ok: false, code: 'WRONG_STATE' });
    }
  });

  it('has an expected outcome for every edge it lists', () => {
    const edges = pairs
      .filter(([s, c]) => nextStatuses(s, c).length > 0)
      .map(([s, c]) => `${s}×${c}`);
    expect(edges.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('reaches every status from draft (graph search)', () => {
    const seen = new Set<PactStatus>(['draft']);
    const queue: PactStatus[] = ['draft'];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const next of Object.values(TRANSITIONS[s]).flat()) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...PACT_STATUSES].sort());
  });

  it.each(PACT_STATUSES)('reaches %s from draft through decide', (status) => {
    expect(PACT_IN[status]().status).toBe(status);
  });

  it.each(TERMINAL_STATUSES)('%s is terminal: no edges, and no actor changes it', (status) => {
    expect(isTerminal(status)).toBe(true);
    expect(TRANSITIONS[status]).toEqual({});
    const pact = PACT_IN[status]();
    for (const command of PACT_COMMAND_TYPES) {
      const [, request] = REQUESTS[command](pact);
      for (const actor of Object.values(ACTORS)) {
        for (const now of [later(100), AFTER_DEADLINE]) {
          const decision = decide(pact, request, actor, now);
          expect(decision.ok && decision.changed).toBe(false);
          expect(decision.events).toHaveLength(0);
        }
      }
    }
  });

  it('only the terminal statuses have no exits', () => {
    const dead = PACT_STATUSES.filter((s) => Object.keys(TRANSITIONS[s]).length === 0);
    expect(dead).toEqual([...TERMINAL_STATUSES]);
  });
});
