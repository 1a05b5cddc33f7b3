import { commandIdentities, type ActingFor, type Pact, type Terms } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import type { ContestsService } from '../contests/contests.service.js';
import type { ElectionGeography } from '../pacts/election-geography.js';
import { actorOf } from '../pacts/pact-command-locks.js';
import { PactErrors } from '../pacts/pacts.errors.js';
import { localPartiesTouched } from './consultation-store.js';
import { ConsultationErrors } from './consultations.errors.js';

// What opening a consultation checks and works out: whose slot, until when, and whose members.

/** A consultation must stay open at least this long: members need time to read and answer. */
const MIN_OPEN_MS = 3_600_000;

/** The coordinator slots through which the principal may give `command` on the pact. */
export function coordinatorSlots(pact: Pact, principal: Principal, command: 'reject' | 'approve') {
  return commandIdentities(pact, command, actorOf(principal)).flatMap((i) =>
    i.role === 'coordinator' ? [{ party: i.party, region: i.region }] : [],
  );
}

/**
 * The required slot the coordinator consults for: the one `actingFor` names, or their only one;
 * none is 403, several without `actingFor` 400 `AMBIGUOUS_ACTOR`.
 */
export function chooseSlot(
  pact: Pact,
  principal: Principal,
  wanted: Extract<ActingFor, { party: string }> | undefined,
): { party: string; region: string } {
  const slots = coordinatorSlots(pact, principal, 'reject');
  const chosen = wanted
    ? slots.filter((s) => s.party === wanted.party && s.region === wanted.region)
    : slots;
  const [only] = chosen;
  if (only === undefined) {
    throw ConsultationErrors.notCoordinator();
  }
  if (chosen.length > 1) {
    throw PactErrors.rejected({
      ok: false,
      code: 'AMBIGUOUS_ACTOR',
      message: 'you coordinate several slots of this pact: name one with actingFor',
      events: [],
    });
  }
  return only;
}

/** The closing time asked for, if at least an hour away and before the pact's deadlines. */
export async function closingTime(
  contests: ContestsService,
  manager: EntityManager,
  pact: Pact,
  asked: string,
  now: Date,
): Promise<Date> {
  const closesAt = new Date(asked);
  if (closesAt.getTime() < now.getTime() + MIN_OPEN_MS) {
    throw ConsultationErrors.closingTime('closesAt must be at least an hour from now');
  }
  if (closesAt.getTime() > Date.parse(pact.respondBy)) {
    throw ConsultationErrors.closingTime(
      `closesAt must be by the pact’s respond-by, ${pact.respondBy}`,
    );
  }
  const limit = contests.respondByLimit(await contests.viewOf(pact.contest, now, manager));
  if (limit && closesAt.getTime() > Date.parse(limit.latest)) {
    throw ConsultationErrors.closingTime(`closesAt must be by ${limit.latest}: ${limit.why}`);
  }
  return closesAt;
}

/** The slot's party's local parties in the region whose seats the terms touch. */
export async function localPartiesOf(
  geography: ElectionGeography,
  manager: EntityManager,
  pact: Pact,
  slot: { party: string; region: string },
) {
  const set = (await geography.forElection(pact.election))?.boundarySet ?? '';
  return localPartiesTouched(manager, slot.party, slot.region, set, seatsOf(pact.revision.terms));
}

/** Every seat of the terms. */
function seatsOf(terms: Terms): string[] {
  return [...new Set(terms.standAsides.map((s) => s.constituency))];
}
