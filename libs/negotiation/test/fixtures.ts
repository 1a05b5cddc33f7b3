// Shared test fixtures: the Hastings-for-Lewes swap of DESIGN.md, on GE2017 boundaries.
import {
  createDraft,
  decide,
  type Actor,
  type Decision,
  type RevisionCommand,
  type NegotiationContext,
  type Pact,
  type PactCommand,
  type PactStatus,
  type Participant,
  type Terms,
} from '../src/index.js';

export const HASTINGS = 'E14000735';
export const LEWES = 'E14000786';
export const EASTBOURNE = 'E14000684';
export const BRIGHTON_PAVILION = 'E14000598';
export const CEREDIGION = 'W07000064';

export const REGIONS_OF = new Map([
  [HASTINGS, 'south-east'],
  [LEWES, 'south-east'],
  [EASTBOURNE, 'south-east'],
  [BRIGHTON_PAVILION, 'south-east'],
  [CEREDIGION, 'wales'],
]);

export const LD_SUSSEX: Participant = {
  localPartyId: 'lp-ld-east-sussex',
  party: 'ld',
  region: 'south-east',
  constituencies: [HASTINGS, LEWES, EASTBOURNE],
};
export const LAB_LEWES: Participant = {
  localPartyId: 'lp-lab-lewes',
  party: 'lab',
  region: 'south-east',
  constituencies: [LEWES, EASTBOURNE],
};
export const LAB_CEREDIGION: Participant = {
  localPartyId: 'lp-lab-ceredigion',
  party: 'lab',
  region: 'wales',
  constituencies: [CEREDIGION],
};

/** LD stands aside in Hastings for Labour; Labour stands aside in Lewes for the LDs. */
export const SWAP: Terms = {
  standAsides: [
    { party: 'ld', constituency: HASTINGS, beneficiary: 'lab' },
    { party: 'lab', constituency: LEWES, beneficiary: 'ld' },
  ],
  commitments: [],
};
/** The swap plus a commitment: a valid counter. */
export const SWAP_PLUS: Terms = {
  ...SWAP,
  commitments: [{ party: 'lab', text: 'Campaign for proportional representation' }],
};
/** Labour stands aside in Eastbourne, where the other pact makes Labour the beneficiary. */
export const CONFLICTING: Terms = {
  standAsides: [
    { party: 'ld', constituency: HASTINGS, beneficiary: 'lab' },
    { party: 'lab', constituency: EASTBOURNE, beneficiary: 'ld' },
  ],
  commitments: [],
};
/** The swap plus Labour standing aside in Ceredigion: adds Wales slots (needs LAB_CEREDIGION). */
export const SWAP_WALES: Terms = {
  ...SWAP,
  standAsides: [...SWAP.standAsides, { party: 'lab', constituency: CEREDIGION, beneficiary: 'ld' }],
};
export const INVALID: Terms = {
  standAsides: [{ party: 'ld', constituency: HASTINGS, beneficiary: 'ld' }],
  commitments: [],
};

/** A signed pact elsewhere: the Greens stand aside in Eastbourne for Labour (it holds the seat). */
export const OTHER_LIVE_PACT = {
  pactId: 'pact-green-eastbourne',
  status: 'signed' as const,
  standAsides: [{ party: 'green', constituency: EASTBOURNE, beneficiary: 'lab' }],
};

export const CONTEXT: NegotiationContext = {
  constituencyRegions: REGIONS_OF,
  otherPacts: [OTHER_LIVE_PACT],
};

const officer = (userId: string, ...lps: Participant[]): Actor => ({
  userId,
  grants: lps.map((p) => ({ role: 'officer', party: p.party, localPartyId: p.localPartyId })),
});
const coordinator = (userId: string, ...slots: [string, string][]): Actor => ({
  userId,
  grants: slots.map(([party, region]) => ({ role: 'coordinator', party, region })),
});

export const OUTSIDE_LP: Participant = {
  localPartyId: 'lp-green-brighton',
  party: 'green',
  region: 'south-east',
  constituencies: [BRIGHTON_PAVILION],
};

export const ACTORS = {
  ldOfficer: officer('u-ld-officer', LD_SUSSEX),
  labOfficer: officer('u-lab-officer', LAB_LEWES),
  walesOfficer: officer('u-wales-officer', LAB_CEREDIGION),
  twoHats: officer('u-two-hats', LD_SUSSEX, LAB_LEWES),
  outsider: officer('u-green-officer', OUTSIDE_LP),
  ldCoordinator: coordinator('u-ld-coord', ['ld', 'south-east']),
  labCoordinator: coordinator('u-lab-coord', ['lab', 'south-east']),
  labWalesCoordinator: coordinator('u-lab-wales', ['lab', 'wales']),
  ldWalesCoordinator: coordinator('u-ld-wales', ['ld', 'wales']),
  labBothCoordinator: coordinator('u-lab-both', ['lab', 'south-east'], ['lab', 'wales']),
  greenCoordinator: coordinator('u-green-coord', ['green', 'south-east']),
  /** The Liberal Democrats' HQ: acts for every LD local party. */
  ldNational: { userId: 'u-ld-hq', grants: [{ role: 'national', party: 'ld', region: null }] },
  /** Welsh Labour: acts for Labour's local parties in Wales only. */
  labWalesNational: {
    userId: 'u-welsh-labour',
    grants: [{ role: 'national', party: 'lab', region: 'wales' }],
  },
  greenNational: { userId: 'u-green-hq', grants: [{ role: 'national', party: 'green' }] },
  labMember: { userId: 'u-lab-member', grants: [{ role: 'member', party: 'lab' }] },
  greenMember: { userId: 'u-green-member', grants: [{ role: 'member', party: 'green' }] },
  admin: { userId: 'u-admin', grants: [{ role: 'admin' }] },
} satisfies Record<string, Actor>;

export const T0 = new Date('2025-03-01T09:00:00.000Z');
export const RESPOND_BY = new Date('2025-03-15T17:00:00.000Z');
export const AFTER_DEADLINE = new Date('2025-03-16T09:00:00.000Z');
/** `T0` plus `hours`. */
export const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

/** The pact of an accepted decision; fails the test otherwise. */
export function must(decision: Decision): Pact {
  if (!decision.ok) {
    throw new Error(`expected acceptance, got ${decision.code}: ${decision.message}`);
  }
  return decision.pact;
}

/** A draft by the LD officer (or another author), between LD East Sussex and Lewes Labour. */
export function draftPact(
  terms: Terms = SWAP,
  participants: readonly Participant[] = [LD_SUSSEX, LAB_LEWES],
  author: Actor = ACTORS.ldOfficer,
): Pact {
  return must(
    createDraft(
      {
        id: 'pact-1',
        title: 'Hastings for Lewes',
        election: 'ge2017',
        contest: 'ge2019',
        participants,
        terms,
        respondBy: RESPOND_BY,
        constituencyRegions: REGIONS_OF,
      },
      author,
      T0,
    ),
  );
}

/** Applies commands in turn, each an hour after the last; all must be accepted. */
export function run(pact: Pact, steps: readonly [Actor, PactCommand][]): Pact {
  return steps.reduce(
    (p, [actor, command], i) => must(decide(p, command, actor, later(i + 1))),
    pact,
  );
}

export const revisionOf = (pact: Pact) => ({
  revision: pact.revision.number,
  hash: pact.revision.hash,
});

export const proposedPact = () =>
  run(draftPact(), [[ACTORS.ldOfficer, { type: 'propose', context: CONTEXT }]]);
export const signedPact = () => {
  const p = proposedPact();
  return run(p, [[ACTORS.labOfficer, { type: 'sign', ...revisionOf(p), context: CONTEXT }]]);
};
export const ratifiedPact = () => {
  const p = signedPact();
  return run(p, [
    [ACTORS.ldCoordinator, { type: 'approve', ...revisionOf(p) }],
    [ACTORS.labCoordinator, { type: 'approve', ...revisionOf(p) }],
  ]);
};

/** A pact in each status, reached from `draft` through `decide` only. */
export const PACT_IN: Record<PactStatus, () => Pact> = {
  draft: () => draftPact(),
  proposed: proposedPact,
  signed: signedPact,
  ratified: ratifiedPact,
  declined: () => run(proposedPact(), [[ACTORS.labOfficer, { type: 'decline', reason: 'no' }]]),
  withdrawn: () => run(proposedPact(), [[ACTORS.ldOfficer, { type: 'withdraw', reason: null }]]),
  expired: () => must(decide(proposedPact(), { type: 'expire' }, ACTORS.admin, AFTER_DEADLINE)),
  rejected: () => run(signedPact(), [[ACTORS.labCoordinator, { type: 'reject', reason: 'no' }]]),
  terminated: () =>
    run(ratifiedPact(), [[ACTORS.labOfficer, { type: 'terminate', reason: 'candidate selected' }]]),
};

/** A decision in one word: `changed`, `unchanged`, or the rejection code. */
export const outcome = (d: Decision) => (d.ok ? (d.changed ? 'changed' : 'unchanged') : d.code);
/** Sign or approve the pact's current revision. */
export const signOf = (p: Pact): RevisionCommand => ({
  type: 'sign',
  ...revisionOf(p),
  context: CONTEXT,
});
export const approveOf = (p: Pact): RevisionCommand => ({ type: 'approve', ...revisionOf(p) });
/** Counter the current revision with `terms`. */
export const counterOf = (p: Pact, terms: Terms = SWAP_PLUS): PactCommand => ({
  type: 'counter',
  baseRevision: p.revision.number,
  terms,
  context: CONTEXT,
});
