import {
  isActingForList,
  officerIdentities,
  type ActorRejectionCode,
  type Identity,
} from './actors.js';
import { hasSigned, officerOf } from './decision.js';
import { type Actor, type Pact } from './model.js';

/** The local parties one `sign` signs for, or why it cannot sign. */
export type SignersResolution =
  | { readonly ok: true; readonly identities: readonly Identity[] }
  | {
      readonly ok: false;
      readonly code: ActorRejectionCode;
      readonly message: string;
      /** The list item at fault, when `actingFor` was a list (`actingFor[1]`). */
      readonly item?: { readonly field: string; readonly localPartyId: string };
    };

/**
 * The participant local parties a `sign` by `actor` is for — including any that already signed the
 * current revision (`sign` skips those, so a repeat is a no-op):
 *
 * - `actingFor` a list of local party ids: each of them, in the order given, repeats dropped; every
 *   one must be a participant the actor is an officer of, else `NOT_PARTICIPANT` naming the item;
 * - `actingFor` one id (or slot): that one, as for every other command;
 * - no `actingFor`: the actor's only participant local party; or, as an officer of several, the
 *   only one that has not signed the current revision (all of them when none is left to sign, a
 *   repeat); two or more unsigned is `AMBIGUOUS_ACTOR` — signing for several is asked for by name.
 */
export function resolveSigners(pact: Pact, actor: Actor): SignersResolution {
  const officers = officerIdentities(pact, actor);
  const target = actor.actingFor;
  if (isActingForList(target)) {
    return listedSigners(pact, officers, target);
  }
  if (target !== undefined) {
    const chosen = officers.find(
      (o) => typeof target === 'string' && o.role === 'officer' && o.localPartyId === target,
    );
    return chosen === undefined ? notParticipant() : { ok: true, identities: [chosen] };
  }
  if (officers.length === 0) {
    return notParticipant();
  }
  const unsigned = officers.filter((o) => !hasSigned(pact, officerOf(o)));
  if (officers.length === 1 || unsigned.length === 0) {
    return { ok: true, identities: officers };
  }
  if (unsigned.length === 1) {
    return { ok: true, identities: unsigned };
  }
  return {
    ok: false,
    code: 'AMBIGUOUS_ACTOR',
    message:
      'you are an officer of several local parties that have not signed this revision: name one with actingFor, or list them to sign for all at once',
  };
}

function listedSigners(
  pact: Pact,
  officers: readonly Identity[],
  ids: readonly string[],
): SignersResolution {
  if (ids.length === 0) {
    return {
      ok: false,
      code: 'NOT_PARTICIPANT',
      message: 'actingFor lists no local party',
    };
  }
  const identities: Identity[] = [];
  for (const [index, id] of ids.entries()) {
    const officer = officers.find((o) => officerOf(o) === id);
    if (officer === undefined) {
      const field = `actingFor[${index}]`;
      const participant = pact.participants.some((p) => p.localPartyId === id);
      return {
        ok: false,
        code: 'NOT_PARTICIPANT',
        message: participant
          ? `${field}: you are not an officer of local party ${id}`
          : `${field}: local party ${id} does not take part in this pact`,
        item: { field, localPartyId: id },
      };
    }
    if (!identities.includes(officer)) {
      identities.push(officer);
    }
  }
  return { ok: true, identities };
}

function notParticipant(): SignersResolution {
  return {
    ok: false,
    code: 'NOT_PARTICIPANT',
    message: 'you are not an officer of a participant',
  };
}
