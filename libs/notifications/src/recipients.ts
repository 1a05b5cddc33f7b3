import type { PactKind } from './kinds.js';

/** A local party of the pact as the fan-out sees it. */
export interface ParticipantFacts {
  readonly localPartyId: string;
  readonly party: string;
  readonly region: string;
  /** Whether it has signed the current revision. */
  readonly signed: boolean;
}

/** A (party, region) whose coordinator must ratify, and whether they have. */
export interface ApprovalFacts {
  readonly party: string;
  readonly region: string;
  readonly approved: boolean;
}

/** The recorded event: its audit action and the status change it made. */
export interface EventFacts {
  /** `pact.signed`, …, or `pact.expiring`. */
  readonly action: string;
  readonly to: string | null;
  readonly actorUserId: string | null;
  /** The actor's capacity (`officer`, `national`, `coordinator`, `system`), when known. */
  readonly actorRole?: string | null;
  readonly actorLocalPartyId: string | null;
  /** For a coordinator's act: their (party, region). */
  readonly actorParty: string | null;
  readonly actorRegion: string | null;
}

export interface PeopleOf {
  /**
   * Officers of a local party (user ids): its officer grants and the national grants of its party
   * that cover it (the HQ acts for it, so hears what its officers hear).
   */
  officers(localPartyId: string): readonly string[];
  /** Coordinators of a party in a region (user ids). */
  coordinators(party: string, region: string): readonly string[];
}

export interface Recipient {
  readonly userId: string;
  readonly kind: PactKind;
}

/**
 * Who hears of a pact event, and as what. The rule: the people who must act next hear it as the
 * thing they must act on; everyone else involved hears what happened; the person who acted hears
 * nothing. Officers are everyone with an officer grant on a participating local party; coordinators
 * are those of the approval slots (their party and region), from the moment signing completes.
 * A person who qualifies twice (an officer who also coordinates) gets the first kind found, once.
 */
export function recipientsOf(
  event: EventFacts,
  participants: readonly ParticipantFacts[],
  approvals: readonly ApprovalFacts[],
  people: PeopleOf,
): Recipient[] {
  const out = new Map<string, PactKind>();
  const add = (userIds: readonly string[], kind: PactKind) => {
    for (const userId of userIds) {
      if (userId !== event.actorUserId && !out.has(userId)) {
        out.set(userId, kind);
      }
    }
  };
  const officersOf = (list: readonly ParticipantFacts[], kind: PactKind) => {
    for (const p of list) {
      add(people.officers(p.localPartyId), kind);
    }
  };
  const coordinatorsOf = (list: readonly ApprovalFacts[], kind: PactKind) => {
    for (const slot of list) {
      add(people.coordinators(slot.party, slot.region), kind);
    }
  };
  // A local party's officers already know what they did themselves; what its HQ did on its behalf
  // (a national grant acting for it) is news to them.
  const others =
    event.actorRole === 'national'
      ? participants
      : participants.filter((p) => p.localPartyId !== event.actorLocalPartyId);
  const otherSlots = approvals.filter(
    (a) => !(a.party === event.actorParty && a.region === event.actorRegion),
  );
  switch (event.action) {
    case 'pact.proposed':
      officersOf(others, 'pact.proposed');
      break;
    case 'pact.countered':
      officersOf(others, 'pact.countered');
      break;
    case 'pact.signed':
      if (event.to === 'signed') {
        coordinatorsOf(approvals, 'pact.approval-needed');
        officersOf(participants, 'pact.fully-signed');
      } else {
        officersOf(others, 'pact.signed');
      }
      break;
    case 'pact.approved':
      if (event.to === 'ratified') {
        officersOf(participants, 'pact.ratified');
        coordinatorsOf(approvals, 'pact.ratified');
      } else {
        officersOf(participants, 'pact.approved');
        coordinatorsOf(otherSlots, 'pact.approved');
      }
      break;
    case 'pact.rejected':
      officersOf(participants, 'pact.rejected');
      coordinatorsOf(otherSlots, 'pact.rejected');
      break;
    case 'pact.declined':
    case 'pact.withdrawn':
      officersOf(participants, event.action);
      break;
    case 'pact.expiring':
      officersOf(
        participants.filter((p) => !p.signed),
        'pact.expiring',
      );
      break;
    case 'pact.expired':
      officersOf(participants, 'pact.expired');
      break;
    case 'pact.terminated':
      officersOf(participants, 'pact.terminated');
      coordinatorsOf(approvals, 'pact.terminated');
      break;
    case 'pact.compliance_checked':
      officersOf(participants, 'pact.compliance');
      coordinatorsOf(approvals, 'pact.compliance');
      break;
    default:
      break;
  }
  return [...out].map(([userId, kind]) => ({ userId, kind }));
}
