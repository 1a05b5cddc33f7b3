import { officerIdentities, overseeingCoordinators } from './actors.js';
import { type Actor, type Pact, type Terms } from './model.js';

/**
 * What a comment on a revision is about: one stand-aside (a set keyed by the seat and the party
 * standing aside there, so the key survives the terms' normal ordering), one commitment (its
 * position in the revision's list, from 0: their order is part of the text), or the terms as a whole.
 */
export type CommentAnchor =
  | {
      readonly kind: 'stand-aside';
      readonly constituency: string;
      readonly party: string;
    }
  | { readonly kind: 'commitment'; readonly index: number }
  | { readonly kind: 'general' };

export const COMMENT_ANCHOR_KINDS = ['stand-aside', 'commitment', 'general'] as const;

/** Longest comment, in characters after trimming. */
export const MAX_COMMENT_LENGTH = 2000;

/** Why a comment is refused, naming the field and the item in plain words. */
export interface CommentProblem {
  readonly code: 'UNKNOWN_ANCHOR' | 'INVALID_COMMENT_TEXT';
  readonly field: string;
  readonly message: string;
}

export type CommentCheck =
  | { readonly ok: true; readonly anchor: CommentAnchor; readonly text: string }
  | ({ readonly ok: false } & CommentProblem);

const NUL = String.fromCharCode(0);

/**
 * The anchor as stored (only its own fields), if it names an item of `terms` — the terms of the
 * revision commented on, not the current ones: a comment stays with what it was written about.
 */
export function checkCommentAnchor(
  terms: Terms,
  anchor: CommentAnchor,
): { ok: true; anchor: CommentAnchor } | ({ ok: false } & CommentProblem) {
  switch (anchor.kind) {
    case 'general':
      return { ok: true, anchor: { kind: 'general' } };
    case 'stand-aside': {
      const { constituency, party } = anchor;
      const found = terms.standAsides.some(
        (s) => s.constituency === constituency && s.party === party,
      );
      return found
        ? { ok: true, anchor: { kind: 'stand-aside', constituency, party } }
        : {
            ok: false,
            code: 'UNKNOWN_ANCHOR',
            field: 'anchor.constituency',
            message: `Stand-aside ${party} in ${constituency}: this revision has no such stand-aside`,
          };
    }
    case 'commitment': {
      const { index } = anchor;
      const count = terms.commitments.length;
      if (Number.isInteger(index) && index >= 0 && index < count) {
        return { ok: true, anchor: { kind: 'commitment', index } };
      }
      return {
        ok: false,
        code: 'UNKNOWN_ANCHOR',
        field: 'anchor.index',
        message:
          count === 0
            ? `Commitment ${String(index)}: this revision has no commitments`
            : `Commitment ${String(index)}: this revision has commitments 0 to ${count - 1}`,
      };
    }
  }
}

/** The text as stored: trimmed, 1 to 2,000 characters, without NUL (PostgreSQL refuses it). */
export function checkCommentText(
  text: string,
): { ok: true; text: string } | ({ ok: false } & CommentProblem) {
  const refuse = (message: string) =>
    ({ ok: false, code: 'INVALID_COMMENT_TEXT', field: 'text', message }) as const;
  if (text.includes(NUL)) {
    return refuse('text must not contain NUL characters');
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    return refuse('text must not be blank');
  }
  if (trimmed.length > MAX_COMMENT_LENGTH) {
    return refuse(
      `text must be at most ${MAX_COMMENT_LENGTH} characters (it has ${trimmed.length})`,
    );
  }
  return { ok: true, text: trimmed };
}

/** Both checks; the text first (a blank comment is refused whatever it is about). */
export function checkComment(terms: Terms, anchor: CommentAnchor, text: string): CommentCheck {
  const checkedText = checkCommentText(text);
  if (!checkedText.ok) {
    return checkedText;
  }
  const checkedAnchor = checkCommentAnchor(terms, anchor);
  return checkedAnchor.ok
    ? { ok: true, anchor: checkedAnchor.anchor, text: checkedText.text }
    : checkedAnchor;
}

/** The capacity a participant comments in, recorded with the comment. */
export type CommenterCapacity =
  | { readonly role: 'officer'; readonly localPartyId: string; readonly party: string }
  | { readonly role: 'national'; readonly party: string; readonly region: string | null }
  | { readonly role: 'coordinator'; readonly party: string; readonly region: string };

/**
 * Whether `user` takes part in `pact` as an officer of a participant (a national grant covering
 * one counts, as HQ) or a coordinator overseeing it, and in which capacity: an officer grant first
 * (the narrowest), then a national one, then a coordinator slot. Undefined for anyone else —
 * admins and members included (members comment only through a consultation). Callers check
 * `canView` first: the partner's officers do not see a draft.
 */
export function commenterCapacity(pact: Pact, user: Actor): CommenterCapacity | undefined {
  const officers = officerIdentities(pact, user);
  const officer = officers.find((o) => o.role === 'officer' && o.national === undefined);
  if (officer?.role === 'officer') {
    return { role: 'officer', localPartyId: officer.localPartyId, party: officer.party };
  }
  const national = officers.find((o) => o.role === 'officer' && o.national !== undefined);
  if (national?.role === 'officer' && national.national) {
    return { role: 'national', party: national.party, region: national.national.region };
  }
  const [coordinator] = overseeingCoordinators(pact, user);
  return coordinator?.role === 'coordinator'
    ? { role: 'coordinator', party: coordinator.party, region: coordinator.region }
    : undefined;
}
