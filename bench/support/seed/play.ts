// Pacts played through the negotiation lib, so a seeded pact's state and events are exactly what
// the app would have stored: createDraft, then decide for each step to the chosen final status.
// Seeded randomness (mulberry32) makes every run seed the same data.
import {
  createDraft,
  decide,
  type Actor,
  type Pact,
  type PactCommand,
  type PactEvent,
} from '@pactroom/negotiation';
import { CONTEST, ELECTION, type Pairing, type World } from './world.js';

export const DAY = 86_400_000;

export type Outcome =
  | 'draft'
  | 'proposed'
  | 'signed'
  | 'ratified'
  | 'withdrawn'
  | 'declined'
  | 'expired'
  | 'terminated';

/** Share of each final status among the pacts outside the sign pool. */
export const OUTCOMES: readonly [Outcome, number][] = [
  ['draft', 0.08],
  ['proposed', 0.22],
  ['signed', 0.15],
  ['ratified', 0.3],
  ['withdrawn', 0.05],
  ['declined', 0.05],
  ['expired', 0.05],
  ['terminated', 0.1],
];

/** mulberry32: a small seeded PRNG, so every run seeds the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One pact played through the lib: its final state and its events, oldest first. */
export function playPact(
  world: World,
  pairing: Pairing,
  outcome: Outcome,
  index: number,
  createdMs: number,
  nowMs: number,
  random: () => number,
): { pact: Pact; events: PactEvent[] } {
  let at = createdMs;
  const next = () => new Date((at += 60_000 + Math.floor(random() * 6 * 3_600_000)));
  // At most 90 days after creation (MAX_RESPOND_BY_DAYS); pacts that can still expire (drafts,
  // proposals) are created recently enough for theirs to lie ahead.
  const respondBy =
    outcome === 'expired'
      ? new Date(createdMs + 14 * DAY)
      : new Date(createdMs + (80 + Math.floor(random() * 10)) * DAY);
  const terms = {
    standAsides: pairing.termChoices[index % pairing.termChoices.length] ?? [],
    commitments:
      index % 4 === 0
        ? [{ party: pairing.participants[0]?.party ?? '', text: `Joint leaflet no. ${index}` }]
        : [],
  };
  const title = `${pairing.titles[index % pairing.titles.length] ?? 'Pact'} #${index}`;
  const drafted = createDraft(
    {
      id: uuidFrom(random),
      title,
      election: ELECTION,
      contest: CONTEST,
      participants: pairing.participants,
      terms,
      respondBy,
      constituencyRegions: world.regions,
    },
    pairing.author,
    new Date(at),
  );
  if (!drafted.ok) {
    throw new Error(`seed: draft refused: ${drafted.code} ${drafted.message}`);
  }
  let pact = drafted.pact;
  const events: PactEvent[] = [...drafted.events];
  const apply = (command: PactCommand, actor: Actor, when: Date) => {
    const decision = decide(pact, command, actor, when);
    if (!decision.ok || !decision.changed) {
      throw new Error(
        `seed: ${command.type} refused: ${decision.ok ? 'no change' : decision.code}`,
      );
    }
    pact = decision.pact;
    events.push(...decision.events);
  };
  const revision = () => ({ revision: pact.revision.number, hash: pact.revision.hash });
  if (outcome === 'draft') {
    return { pact, events };
  }
  apply(
    { type: 'propose', context: { constituencyRegions: world.regions, otherPacts: [] } },
    pairing.author,
    next(),
  );
  switch (outcome) {
    case 'proposed':
      break;
    case 'withdrawn':
      apply({ type: 'withdraw', reason: 'Our executive changed its mind' }, pairing.author, next());
      break;
    case 'declined':
      apply({ type: 'decline', reason: 'Members voted against' }, pairing.counterpart, next());
      break;
    case 'expired':
      apply({ type: 'expire' }, pairing.author, new Date(respondBy.getTime() + 60_000));
      break;
    case 'signed':
    case 'ratified':
    case 'terminated':
      apply(
        {
          type: 'sign',
          ...revision(),
          context: { constituencyRegions: world.regions, otherPacts: [] },
        },
        pairing.counterpart,
        next(),
      );
      if (outcome !== 'signed') {
        for (const coordinator of pairing.coordinators) {
          apply({ type: 'approve', ...revision() }, coordinator, next());
        }
      }
      if (outcome === 'terminated') {
        apply({ type: 'terminate', reason: 'Candidates withdrew' }, pairing.author, next());
      }
      break;
  }
  return { pact, events };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
