import { describe, expect, it } from '@jest/globals';
import { appendEvent, verifyChain, type AuditEvent } from '@pactroom/audit-chain';
import fc from 'fast-check';
import {
  ACTORS,
  CONFLICTING,
  CONTEXT,
  INVALID,
  LAB_CEREDIGION,
  LAB_LEWES,
  LD_SUSSEX,
  SWAP,
  SWAP_PLUS,
  SWAP_WALES,
  T0,
  draftPact,
} from '../test/fixtures.js';
import {
  PACT_COMMAND_TYPES,
  PACT_STATUSES,
  canView,
  commandIdentities,
  decide,
  listKeysFor,
  listKeysOf,
  filterKeys,
  matchesListFilter,
  nextStatuses,
  pactRegions,
  termsHash,
  type Actor,
  type ListFilter,
  type Pact,
  type PactCommand,
  type PactCommandType,
  type PactEventAction,
  type PactStatus,
  type Terms,
} from './index.js';

const TERMS_POOL: readonly Terms[] = [
  SWAP,
  SWAP_PLUS,
  SWAP_WALES,
  CONFLICTING,
  INVALID,
  { ...SWAP, commitments: [{ party: 'ld', text: 'Share canvassing data' }] },
];

const ACTOR_POOL: readonly Actor[] = [
  ...Object.values(ACTORS),
  { ...ACTORS.twoHats, actingFor: LAB_LEWES.localPartyId },
  { ...ACTORS.twoHats, actingFor: LD_SUSSEX.localPartyId },
  { ...ACTORS.labBothCoordinator, actingFor: { party: 'lab', region: 'wales' } },
];

const ACTION_OF: Record<PactCommandType, PactEventAction> = {
  propose: 'pact.proposed',
  counter: 'pact.countered',
  sign: 'pact.signed',
  decline: 'pact.declined',
  withdraw: 'pact.withdrawn',
  approve: 'pact.approved',
  reject: 'pact.rejected',
  terminate: 'pact.terminated',
  expire: 'pact.expired',
};

interface Step {
  readonly kind: PactCommandType;
  /** Pick an actor entitled to the command (most steps), or any actor from the pool. */
  readonly entitled: boolean;
  readonly actorIndex: number;
  readonly termsIndex: number;
  /** Name an old revision or a wrong hash. */
  readonly stale: 'no' | 'number' | 'hash';
  readonly reason: string | null;
  readonly hours: number;
}

// Weighted towards the commands that move a pact forward, so runs get past the first ending.
const WEIGHTED_KINDS: readonly PactCommandType[] = [
  ...PACT_COMMAND_TYPES,
  ...(['propose', 'propose', 'counter', 'sign', 'sign', 'sign', 'approve', 'approve'] as const),
  ...(['approve', 'approve', 'terminate'] as const),
];

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(...WEIGHTED_KINDS),
  entitled: fc.constantFrom(true, true, true, false),
  actorIndex: fc.nat({ max: 1000 }),
  termsIndex: fc.nat({ max: TERMS_POOL.length - 1 }),
  stale: fc.constantFrom('no', 'no', 'no', 'number', 'hash'),
  reason: fc.constantFrom('a reason', 'a reason', null, ''),
  // Mostly hours apart, now and then a fortnight's silence that lets the deadline pass.
  hours: fc.oneof(
    { weight: 19, arbitrary: fc.integer({ min: 0, max: 12 }) },
    { weight: 1, arbitrary: fc.constant(400) },
  ),
});

function actorFor(pact: Pact, step: Step): Actor {
  const entitled = ACTOR_POOL.filter((a) => commandIdentities(pact, step.kind, a).length > 0);
  const pool = step.entitled && entitled.length > 0 ? entitled : ACTOR_POOL;
  return pool[step.actorIndex % pool.length] ?? ACTORS.admin;
}

function commandFor(pact: Pact, step: Step): PactCommand {
  const { number, hash } = pact.revision;
  const revision = step.stale === 'number' ? number - 1 : number;
  const named = { revision, hash: step.stale === 'hash' ? 'e'.repeat(64) : hash };
  const terms = TERMS_POOL[step.termsIndex] ?? SWAP;
  switch (step.kind) {
    case 'propose':
      return { type: 'propose', context: CONTEXT };
    case 'counter':
      return { type: 'counter', baseRevision: revision, terms, context: CONTEXT };
    case 'sign':
      return { type: 'sign', ...named, context: CONTEXT };
    case 'approve':
      return { type: 'approve', ...named };
    case 'decline':
    case 'withdraw':
    case 'reject':
    case 'terminate':
      return { type: step.kind, reason: step.reason };
    case 'expire':
      return { type: 'expire' };
  }
}

/** Checks everything that must hold of any pact, whatever happened to it. */
function checkPact(pact: Pact, revisions: Map<number, { hash: string; terms: Terms }>): void {
  const seen = revisions.get(pact.revision.number);
  if (seen === undefined) {
    revisions.set(pact.revision.number, { hash: pact.revision.hash, terms: pact.revision.terms });
  } else {
    // A revision, once written, never changes.
    expect(pact.revision.hash).toBe(seen.hash);
    expect(pact.revision.terms).toEqual(seen.terms);
  }
  expect(pact.revision.hash).toBe(termsHash(pact.revision.terms));
  const ids = new Set(pact.participants.map((p) => p.localPartyId));
  const signatureKeys = pact.signatures.map((s) => `${s.localPartyId}@${s.revision}`);
  expect(new Set(signatureKeys).size).toBe(signatureKeys.length);
  for (const s of pact.signatures) {
    expect(ids.has(s.localPartyId)).toBe(true);
    expect(s.hash).toBe(revisions.get(s.revision)?.hash);
  }
  const approvalKeys = pact.approvals.map((a) => `${a.party}/${a.region}@${a.revision}`);
  expect(new Set(approvalKeys).size).toBe(approvalKeys.length);
  const current = pact.revision.number;
  const allSigned = pact.participants.every((p) =>
    pact.signatures.some((s) => s.localPartyId === p.localPartyId && s.revision === current),
  );
  const allApproved = pact.requiredApprovals.every((slot) =>
    pact.approvals.some(
      (a) => a.party === slot.party && a.region === slot.region && a.revision === current,
    ),
  );
  if (pact.status === 'proposed') {
    expect(allSigned).toBe(false);
  }
  if (pact.status === 'signed' || pact.status === 'ratified') {
    expect(allSigned).toBe(true);
  }
  if (pact.status === 'ratified') {
    expect(allApproved).toBe(true);
  }
  // The list index files the pact exactly where its viewers look (list-keys.ts).
  const filed = new Set(listKeysOf(pact));
  // Once per pact state: a refused command leaves the same object, already checked.
  const filters = (filterChecked.has(pact) ? [] : filtersFor(pact)).map((filter) => ({
    filter,
    matches: matchesListFilter(pact, filter),
  }));
  const wrong: object[] = [];
  for (const actor of Object.values(ACTORS)) {
    const looks = listKeysFor(actor);
    const visible = canView(pact, actor);
    expect({
      actor: actor.userId,
      listed: looks.all || looks.keys.some((k) => filed.has(k)),
    }).toEqual({
      actor: actor.userId,
      listed: visible,
    });
    // Filtered, it looks under its keys qualified by the walked term and keeps what is also filed
    // under every filter key: exactly the visible pacts that match the filter, one dimension or
    // several. Collected, then compared once: an expect per pair would dominate the run.
    for (const { filter, matches } of filters) {
      const qualified = listKeysFor(actor, filter);
      const meet =
        !qualified.all &&
        qualified.keys.some((k) => filed.has(k)) &&
        filterKeys(filter).every((k) => filed.has(k));
      if (meet !== (visible && matches)) {
        wrong.push({ actor: actor.userId, filter, meet, visible, matches });
      }
    }
  }
  expect(wrong).toEqual([]);
  filterChecked.add(pact);
}

const filterChecked = new WeakSet<Pact>();

/** Filters a pact does and does not match: each value of each dimension, and two combined. */
function filtersFor(pact: Pact): ListFilter[] {
  const seats = [
    ...pact.revision.terms.standAsides.map((s) => s.constituency),
    'E14000530', // in no fixture's terms
  ];
  const single: ListFilter[] = [
    ...PACT_STATUSES.map((status) => ({ status })),
    ...['ld', 'lab', 'green'].map((party) => ({ party })),
    ...[...pactRegions(pact), 'london'].map((region) => ({ region })),
    ...seats.map((constituency) => ({ constituency })),
  ];
  const combined: ListFilter[] = [
    { status: pact.status, party: 'lab' },
    { constituency: seats[0], status: 'proposed' },
    { region: 'south-east', party: 'green' },
  ];
  return [...single, ...combined];
}

/**
 * Runs random steps from a fresh draft, checking every invariant after each; returns the statuses
 * the pact passed through.
 */
function runModel(wales: boolean, steps: readonly Step[]): Set<PactStatus> {
  const visited = new Set<PactStatus>();
  const participants = wales ? [LD_SUSSEX, LAB_LEWES, LAB_CEREDIGION] : [LD_SUSSEX, LAB_LEWES];
  let pact = draftPact(SWAP, participants);
  const revisions = new Map<number, { hash: string; terms: Terms }>();
  checkPact(pact, revisions);
  let chain: AuditEvent[] = [];
  let accepted = 0;
  let signedRevision: string | null = null;
  let now = T0.getTime();
  for (const step of steps) {
    now += step.hours * 3_600_000;
    const before = pact;
    const snapshot = structuredClone(before);
    const decision = decide(
      before,
      commandFor(before, step),
      actorFor(before, step),
      new Date(now),
    );
    expect(before).toEqual(snapshot);
    if (!decision.ok || !decision.changed) {
      // A rejection or a repeat writes nothing and changes nothing.
      expect(decision.events).toEqual([]);
      if (decision.ok) {
        expect(decision.pact).toEqual(before);
      }
      continue;
    }
    accepted++;
    pact = decision.pact;
    const [event] = decision.events;
    expect(decision.events).toHaveLength(1);
    expect(event.action).toBe(ACTION_OF[step.kind]);
    expect(event.pactId).toBe(before.id);
    expect(event.occurredAt).toBe(new Date(now).toISOString());
    expect(event.payload).toMatchObject({ from: before.status, to: pact.status });
    expect(event.actor.role === 'system').toBe(step.kind === 'expire');
    // Status only follows the table's edges.
    expect(nextStatuses(before.status, step.kind)).toContain(pact.status);
    // Revision numbers only grow, by one, and only through a counter.
    if (pact.revision.number !== before.revision.number) {
      expect(step.kind).toBe('counter');
      expect(pact.revision.number).toBe(before.revision.number + 1);
      expect(revisions.has(pact.revision.number)).toBe(false);
    }
    // Once ratified, the revision is frozen for good; a fully signed one changes only by a
    // counter, which reopens it for every participant's signature.
    if (signedRevision !== null && step.kind !== 'counter') {
      expect(`${pact.revision.number}:${pact.revision.hash}`).toBe(signedRevision);
    }
    if (before.status === 'signed' && pact.status !== before.status) {
      expect(['ratified', 'rejected', 'proposed']).toContain(pact.status);
    }
    signedRevision = ['signed', 'ratified', 'terminated', 'rejected'].includes(pact.status)
      ? `${pact.revision.number}:${pact.revision.hash}`
      : null;
    checkPact(pact, revisions);
    chain = [...chain, appendEvent(chain.at(-1) ?? null, event)];
    visited.add(pact.status);
  }
  // Exactly one chained audit event per accepted change.
  expect(chain).toHaveLength(accepted);
  expect(verifyChain(chain).valid).toBe(true);
  return visited;
}

const runArb = fc.tuple(
  fc.boolean(),
  fc.array(stepArb, { minLength: 10, maxLength: 60, size: 'max' }),
);

describe('random negotiations (model test)', () => {
  it('keep every invariant of the lifecycle', () => {
    fc.assert(
      fc.property(runArb, ([wales, steps]) => {
        runModel(wales, steps);
      }),
      { numRuns: 150 },
    );
  });

  it('explore the whole lifecycle (fixed seed, so coverage is reproducible)', () => {
    const visited = new Set<PactStatus>();
    for (const [wales, steps] of fc.sample(runArb, { seed: 20250301, numRuns: 300 })) {
      runModel(wales, steps).forEach((s) => visited.add(s));
    }
    expect([...visited].sort()).toEqual(PACT_STATUSES.filter((s) => s !== 'draft').sort());
  });
});
