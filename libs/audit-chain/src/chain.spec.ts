import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  GENESIS_HASH,
  appendEvent,
  canonicalJson,
  hashEvent,
  verifyChain,
  type AuditEvent,
  type AuditEventContent,
} from './index.js';

const officer = {
  userId: 'u-officer',
  role: 'officer',
  localPartyId: 'lp-1',
  party: 'ld',
  region: null,
};

function content(i: number, pactId = 'pact-1'): AuditEventContent {
  return {
    pactId,
    action: i === 0 ? 'pact.drafted' : 'pact.signed',
    actor: officer,
    payload: { revision: 1, note: `event ${i}`, nested: { list: [i, 'é'] } },
    occurredAt: new Date(Date.UTC(2025, 0, 1, 12, i)).toISOString(),
  };
}

function buildChain(contents: readonly AuditEventContent[]): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const c of contents) {
    events.push(appendEvent(events.at(-1) ?? null, c));
  }
  return events;
}

const chainOf = (n: number) => buildChain(Array.from({ length: n }, (_, i) => content(i)));

describe('appendEvent', () => {
  it('starts at seq 1 with the genesis prevHash and links each event to the last', () => {
    const [first, second] = chainOf(2);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first?.hash });
    expect(first?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the canonical JSON of the body: seq, prevHash and every content field', () => {
    const event = appendEvent(null, content(0));
    const { hash: _hash, ...body } = event;
    expect(event.hash).toBe(hashEvent(body));
    expect(canonicalJson(body)).toContain('"seq":1');
    for (const field of ['seq', 'prevHash', 'pactId', 'action', 'actor', 'payload', 'occurredAt']) {
      expect(canonicalJson(body)).toContain(`"${field}":`);
    }
  });

  it('ignores extra properties a database row carries', () => {
    const event = appendEvent(null, content(0));
    const row = { ...event, id: 'row-17', recordedAt: 'whenever' };
    expect(hashEvent(row)).toBe(event.hash);
  });
});

describe('verifyChain', () => {
  it('accepts an empty chain', () => {
    expect(verifyChain([])).toEqual({
      valid: true,
      events: 0,
      head: null,
      firstBrokenSeq: null,
      problem: null,
    });
  });

  it('accepts an intact chain and reports its head', () => {
    const events = chainOf(5);
    expect(verifyChain(events)).toEqual({
      valid: true,
      events: 5,
      head: { seq: 5, hash: events[4]?.hash },
      firstBrokenSeq: null,
      problem: null,
    });
  });

  const tampered: [string, (events: AuditEvent[]) => AuditEvent[], number, string][] = [
    [
      'a modified payload names its seq',
      (e) => e.map((x) => (x.seq === 3 ? { ...x, payload: { revision: 2 } } : x)),
      3,
      'HASH_MISMATCH',
    ],
    [
      'a modified actor names its seq',
      (e) => e.map((x) => (x.seq === 2 ? { ...x, actor: { ...x.actor, userId: 'mallory' } } : x)),
      2,
      'HASH_MISMATCH',
    ],
    [
      'a modified event whose hash was recomputed breaks the next link',
      (e) =>
        e.map((x) => {
          if (x.seq !== 2) {
            return x;
          }
          const { hash: _h, ...body } = { ...x, occurredAt: '2030-01-01T00:00:00.000Z' };
          return { ...body, hash: hashEvent(body) };
        }),
      3,
      'PREV_HASH_MISMATCH',
    ],
    [
      'a deleted event leaves a gap at its seq',
      (e) => e.filter((x) => x.seq !== 3),
      3,
      'SEQ_MISMATCH',
    ],
    ['a deleted first event', (e) => e.slice(1), 1, 'SEQ_MISMATCH'],
    [
      'reordered events',
      (e) => [e[0], e[2], e[1], e[3], e[4]].filter((x) => x !== undefined),
      2,
      'SEQ_MISMATCH',
    ],
    [
      'renumbered events after a deletion',
      (e) => e.filter((x) => x.seq !== 2).map((x) => (x.seq > 2 ? { ...x, seq: x.seq - 1 } : x)),
      2,
      'PREV_HASH_MISMATCH',
    ],
    [
      'an event of another pact',
      (e) => e.map((x) => (x.seq === 4 ? { ...x, pactId: 'pact-2' } : x)),
      4,
      'PACT_MISMATCH',
    ],
    [
      'an unhashable payload',
      (e) => e.map((x) => (x.seq === 5 ? { ...x, payload: { n: Number.NaN } } : x)),
      5,
      'MALFORMED',
    ],
  ];

  it.each(tampered)('detects %s', (_name, tamper, brokenSeq, problem) => {
    const events = chainOf(5);
    const result = verifyChain(tamper(events));
    expect(result).toMatchObject({ valid: false, firstBrokenSeq: brokenSeq, problem });
    expect(result.head?.seq ?? 0).toBe(brokenSeq - 1);
  });

  it('checks events against the expected pact', () => {
    expect(verifyChain(chainOf(2), { pactId: 'other' })).toMatchObject({
      valid: false,
      firstBrokenSeq: 1,
      problem: 'PACT_MISMATCH',
    });
  });

  it('cannot see a deleted tail on its own (a checkpoint must)', () => {
    expect(verifyChain(chainOf(5).slice(0, 4)).valid).toBe(true);
  });
});

const actorArb = fc.record({
  userId: fc.option(fc.string(), { nil: null }),
  role: fc.constantFrom('officer', 'coordinator', 'system'),
  localPartyId: fc.option(fc.uuid(), { nil: null }),
  party: fc.option(fc.constantFrom('lab', 'ld', 'green'), { nil: null }),
  region: fc.option(fc.constantFrom('south-east', 'wales'), { nil: null }),
});

const contentArb: fc.Arbitrary<AuditEventContent> = fc.record({
  pactId: fc.constant('pact-x'),
  action: fc.constantFrom('pact.drafted', 'pact.proposed', 'pact.signed', 'pact.approved'),
  actor: actorArb,
  payload: fc.jsonValue(),
  occurredAt: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
});

type Mutation = (events: AuditEvent[], i: number) => AuditEvent[];

const replaceAt = (events: AuditEvent[], i: number, f: (e: AuditEvent) => AuditEvent) =>
  events.map((e, j) => (j === i ? f(e) : e));

const mutations: Record<string, Mutation> = {
  payload: (e, i) => replaceAt(e, i, (x) => ({ ...x, payload: { tampered: x.payload ?? null } })),
  action: (e, i) => replaceAt(e, i, (x) => ({ ...x, action: `${x.action}!` })),
  actor: (e, i) => replaceAt(e, i, (x) => ({ ...x, actor: { ...x.actor, role: 'admin!' } })),
  occurredAt: (e, i) => replaceAt(e, i, (x) => ({ ...x, occurredAt: `${x.occurredAt} ` })),
  hash: (e, i) => replaceAt(e, i, (x) => ({ ...x, hash: flipHex(x.hash) })),
  prevHash: (e, i) => replaceAt(e, i, (x) => ({ ...x, prevHash: flipHex(x.prevHash) })),
  seq: (e, i) => replaceAt(e, i, (x) => ({ ...x, seq: x.seq + 1 })),
  delete: (e, i) => e.filter((_x, j) => j !== i),
  duplicate: (e, i) => [...e.slice(0, i + 1), ...e.slice(i)],
  swap: (e, i) => {
    const copy = [...e];
    const [a, b] = [copy[i], copy[i + 1]];
    if (a !== undefined && b !== undefined) {
      copy[i] = b;
      copy[i + 1] = a;
    }
    return copy;
  },
};

function flipHex(hex: string): string {
  return (hex[0] === '0' ? '1' : '0') + hex.slice(1);
}

describe('verifyChain properties', () => {
  it('any chain built with appendEvent verifies', () => {
    fc.assert(
      fc.property(fc.array(contentArb, { maxLength: 12 }), (contents) => {
        const events = buildChain(contents);
        const result = verifyChain(events);
        expect(result.valid).toBe(true);
        expect(result.head?.seq ?? 0).toBe(contents.length);
      }),
    );
  });

  it('any single mutation is detected, at or before the mutated position', () => {
    fc.assert(
      fc.property(
        fc.array(contentArb, { minLength: 2, maxLength: 10 }),
        fc.nat(),
        fc.constantFrom(...Object.keys(mutations)),
        (contents, n, kind) => {
          const events = buildChain(contents);
          // Deleting the last event is the one mutation a lone chain cannot show (see checkpoints);
          // swap needs a successor.
          const i = n % (kind === 'delete' || kind === 'swap' ? events.length - 1 : events.length);
          const mutate = mutations[kind];
          if (mutate === undefined) {
            throw new Error(kind);
          }
          const result = verifyChain(mutate(events, i));
          expect(result.valid).toBe(false);
          expect(result.firstBrokenSeq).toBeLessThanOrEqual(i + 2);
          if (['payload', 'action', 'actor', 'occurredAt', 'hash'].includes(kind)) {
            expect(result.firstBrokenSeq).toBe(i + 1);
          }
        },
      ),
    );
  });
});
