import { type NominatedCandidate } from './parse-candidates.js';

/** One promise of a pact: `party` fields no candidate in `constituency`, for `beneficiary`. */
export interface StandAsideToCheck {
  /** Party code of the party standing aside (`ld`). */
  readonly party: string;
  /** ONS code of the constituency (`E14000735`). */
  readonly constituency: string;
  /** Party code of the party that benefits (`lab`). */
  readonly beneficiary: string;
}

/**
 * - `kept`: the party standing aside has no candidate in the constituency;
 * - `breached`: it has at least one;
 * - `unknown`: no candidate at all is known there (its nominations were not imported), so nothing
 *   can be said.
 */
export type ComplianceStatus = 'kept' | 'breached' | 'unknown';

export interface StandAsideCompliance extends StandAsideToCheck {
  readonly status: ComplianceStatus;
  /** Whether the beneficiary has a candidate there; null when the status is `unknown`. */
  readonly beneficiaryStood: boolean | null;
  /** Names of the standing-aside party's candidates there (empty unless `breached`). */
  readonly breachingCandidates: readonly string[];
  /** Names of the beneficiary's candidates there. */
  readonly beneficiaryCandidates: readonly string[];
}

export interface ComplianceSummary {
  readonly total: number;
  readonly kept: number;
  readonly breached: number;
  readonly unknown: number;
  /** Stand-asides whose constituency is known but where the beneficiary fielded no candidate. */
  readonly beneficiaryDidNotStand: number;
}

export interface ComplianceReport {
  /** One entry per stand-aside, in the order given. */
  readonly standAsides: readonly StandAsideCompliance[];
  readonly summary: ComplianceSummary;
}

export interface ComplianceOptions {
  /**
   * Constituencies whose statement of persons nominated was imported. Default: every
   * constituency with at least one candidate (a nomination always has one, so this only matters
   * if the caller filtered the list).
   */
  readonly coveredConstituencies?: Iterable<string>;
}

/**
 * The party a candidate's code counts as when checking a promise. Our codes already group a
 * party's wings (`lab` includes Labour and Co-operative candidates; `green` the Green Party of
 * England and Wales, the Scottish Greens and the Green Party in Northern Ireland; see the party-id
 * table). `brexit` and `reform` are one registration renamed on 6 January 2021 (Electoral
 * Commission PP7931), so a Brexit Party promise binds Reform UK and the reverse.
 */
export function partyFamily(code: string): string {
  const lower = code.trim().toLowerCase();
  return lower === 'brexit' || lower === 'reform' ? 'brexit-reform' : lower;
}

/**
 * Checks every stand-aside against the nominated candidates: kept, breached or unknown, and
 * whether the beneficiary stood.
 */
export function checkCompliance(
  standAsides: readonly StandAsideToCheck[],
  candidates: readonly NominatedCandidate[],
  options: ComplianceOptions = {},
): ComplianceReport {
  // constituency → party family → candidate names
  const field = new Map<string, Map<string, string[]>>();
  for (const candidate of candidates) {
    const seat = candidate.onsCode.trim().toUpperCase();
    const family = partyFamily(candidate.party);
    let parties = field.get(seat);
    if (!parties) {
      parties = new Map();
      field.set(seat, parties);
    }
    const names = parties.get(family);
    if (names) {
      names.push(candidate.name);
    } else {
      parties.set(family, [candidate.name]);
    }
  }
  const covered = new Set(field.keys());
  for (const code of options.coveredConstituencies ?? []) {
    covered.add(code.trim().toUpperCase());
  }

  const results = standAsides.map((standAside): StandAsideCompliance => {
    const seat = standAside.constituency.trim().toUpperCase();
    if (!covered.has(seat)) {
      return {
        ...standAside,
        status: 'unknown',
        beneficiaryStood: null,
        breachingCandidates: [],
        beneficiaryCandidates: [],
      };
    }
    const parties = field.get(seat);
    const breaching = parties?.get(partyFamily(standAside.party)) ?? [];
    const beneficiary = parties?.get(partyFamily(standAside.beneficiary)) ?? [];
    return {
      ...standAside,
      status: breaching.length > 0 ? 'breached' : 'kept',
      beneficiaryStood: beneficiary.length > 0,
      breachingCandidates: breaching,
      beneficiaryCandidates: beneficiary,
    };
  });

  const count = (predicate: (r: StandAsideCompliance) => boolean) =>
    results.filter(predicate).length;
  return {
    standAsides: results,
    summary: {
      total: results.length,
      kept: count((r) => r.status === 'kept'),
      breached: count((r) => r.status === 'breached'),
      unknown: count((r) => r.status === 'unknown'),
      beneficiaryDidNotStand: count((r) => r.beneficiaryStood === false),
    },
  };
}
