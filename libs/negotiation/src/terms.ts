import { hashCanonical } from '@pactroom/audit-chain';
import { type ApprovalSlot, type Participant, type StandAside, type Terms } from './model.js';

/** What terms are checked against: the pact's participants and its election's constituencies. */
export interface TermsContext {
  readonly participants: readonly Participant[];
  /** ONS code → region slug, for every constituency of the pact's election. */
  readonly constituencyRegions: ReadonlyMap<string, string>;
}

/** Why terms are invalid. */
export type TermsProblemCode =
  | 'MALFORMED'
  | 'NO_STAND_ASIDES'
  | 'TOO_FEW_PARTIES'
  | 'UNKNOWN_CONSTITUENCY'
  | 'SELF_BENEFICIARY'
  | 'BENEFICIARY_NOT_PARTICIPANT'
  | 'PARTY_NOT_REPRESENTED'
  | 'DUPLICATE_STAND_ASIDE'
  | 'BENEFICIARY_STANDS_ASIDE'
  | 'COMMITMENT_PARTY_NOT_PARTICIPANT'
  | 'EMPTY_COMMITMENT'
  | 'DUPLICATE_COMMITMENT'
  | 'UNCHANGED';

/** One problem with a set of terms; `path` points into the terms as submitted. */
export interface TermsProblem {
  readonly code: TermsProblemCode;
  readonly path: string;
  readonly message: string;
}

/** Code-unit order, not locale order: the same on every machine, like canonical JSON. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The stored form of terms: only the known fields, stand-asides sorted by constituency then party
 * (they are a set keyed by party × constituency, so the same deal always gets the same hash),
 * commitments in the order given (their order is part of the text people read).
 */
export function normalizeTerms(terms: Terms): Terms {
  return {
    standAsides: terms.standAsides
      .map(({ party, constituency, beneficiary }) => ({ party, constituency, beneficiary }))
      .sort(
        (a, b) =>
          compareText(a.constituency, b.constituency) ||
          compareText(a.party, b.party) ||
          compareText(a.beneficiary, b.beneficiary),
      ),
    commitments: terms.commitments.map(({ party, text }) => ({ party, text })),
  };
}

/** A revision's hash: SHA-256 hex of the canonical JSON of the normalised terms. */
export function termsHash(terms: Terms): string {
  return hashCanonical(normalizeTerms(terms));
}

// Terms arrive from clients. A plain Array.isArray guard would narrow the typed fields to any[].
const isArray = (value: unknown): boolean => Array.isArray(value);

const seatKey = (s: { party: string; constituency: string }) => `${s.party}\u0000${s.constituency}`;

/**
 * Checks terms against the pact (DESIGN.md, "Pact lifecycle") and returns every problem found,
 * empty when valid. Rules: at least one stand-aside; participants from at least two parties; each
 * stand-aside names a constituency of the election, a beneficiary other than the party standing
 * aside and among the participating parties (a pact is between its participants), and the party
 * standing aside is represented by a participant covering that constituency; no party stands
 * aside twice in one seat, nor is a beneficiary in a seat where it stands aside; commitments are
 * owed by a participating party, non-blank and not repeated.
 */
export function validateTerms(terms: Terms, context: TermsContext): TermsProblem[] {
  const problems: TermsProblem[] = [];
  const problem = (code: TermsProblemCode, path: string, message: string) =>
    problems.push({ code, path, message });
  if (!isArray(terms.standAsides) || !isArray(terms.commitments)) {
    problem('MALFORMED', '', 'terms need standAsides and commitments arrays');
    return problems;
  }
  const parties = new Set(context.participants.map((p) => p.party));
  if (parties.size < 2) {
    problem(
      'TOO_FEW_PARTIES',
      'participants',
      'a pact needs local parties of at least two parties',
    );
  }
  if (terms.standAsides.length === 0) {
    problem('NO_STAND_ASIDES', 'standAsides', 'a pact needs at least one stand-aside');
  }
  const seen = new Set<string>();
  terms.standAsides.forEach((s, i) => {
    const path = `standAsides[${i}]`;
    if (!context.constituencyRegions.has(s.constituency)) {
      problem(
        'UNKNOWN_CONSTITUENCY',
        `${path}.constituency`,
        `${s.constituency} is not in this election`,
      );
    } else if (
      !context.participants.some(
        (p) => p.party === s.party && p.constituencies.includes(s.constituency),
      )
    ) {
      problem(
        'PARTY_NOT_REPRESENTED',
        `${path}.party`,
        `no participating ${s.party} local party covers ${s.constituency}`,
      );
    }
    if (s.beneficiary === s.party) {
      problem('SELF_BENEFICIARY', `${path}.beneficiary`, 'a party cannot stand aside for itself');
    } else if (!parties.has(s.beneficiary)) {
      problem(
        'BENEFICIARY_NOT_PARTICIPANT',
        `${path}.beneficiary`,
        `${s.beneficiary} takes no part`,
      );
    }
    if (seen.has(seatKey(s))) {
      problem(
        'DUPLICATE_STAND_ASIDE',
        path,
        `${s.party} already stands aside in ${s.constituency}`,
      );
    }
    seen.add(seatKey(s));
  });
  terms.standAsides.forEach((s, i) => {
    if (
      s.beneficiary !== s.party &&
      seen.has(seatKey({ party: s.beneficiary, constituency: s.constituency }))
    ) {
      problem(
        'BENEFICIARY_STANDS_ASIDE',
        `standAsides[${i}].beneficiary`,
        `${s.beneficiary} stands aside in ${s.constituency} yet benefits there`,
      );
    }
  });
  const commitments = new Set<string>();
  terms.commitments.forEach((c, i) => {
    const path = `commitments[${i}]`;
    if (!parties.has(c.party)) {
      problem('COMMITMENT_PARTY_NOT_PARTICIPANT', `${path}.party`, `${c.party} takes no part`);
    }
    if (c.text.trim() === '') {
      problem('EMPTY_COMMITMENT', `${path}.text`, 'a commitment needs text');
    }
    const key = `${c.party}\u0000${c.text}`;
    if (commitments.has(key)) {
      problem('DUPLICATE_COMMITMENT', path, 'the same commitment appears twice');
    }
    commitments.add(key);
  });
  return problems;
}

/** The distinct regions the stand-asides touch, sorted (unknown constituencies are skipped). */
function standAsideRegions(
  standAsides: readonly StandAside[],
  constituencyRegions: ReadonlyMap<string, string>,
): string[] {
  const regions = new Set<string>();
  for (const s of standAsides) {
    const region = constituencyRegions.get(s.constituency);
    if (region !== undefined) {
      regions.add(region);
    }
  }
  return [...regions].sort(compareText);
}

/**
 * Required approvals (DESIGN.md): for each participating party, the coordinator of that party for
 * each region the stand-asides touch — party × region, sorted. A slot with no coordinator account
 * simply stays pending; the pact is ratified only when every slot has approved.
 */
export function requiredApprovalSlots(terms: Terms, context: TermsContext): ApprovalSlot[] {
  const parties = [...new Set(context.participants.map((p) => p.party))].sort(compareText);
  const regions = standAsideRegions(terms.standAsides, context.constituencyRegions);
  return parties.flatMap((party) => regions.map((region) => ({ party, region })));
}
