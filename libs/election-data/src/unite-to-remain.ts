import { parseCsvRecords } from './csv.js';

/** One seat of the 2019 Unite to Remain arrangement (`unite_to_remain_2019.csv`). */
export interface UniteToRemainSeat {
  readonly onsCode: string;
  readonly constituency: string;
  readonly arrangement: 'unite_to_remain' | 'ld_standdown_for_remain_candidate';
  /** The pact candidate's party code (empty for a named non-party candidate). */
  readonly beneficiary: string;
  readonly partiesStandingAside: readonly string[];
  readonly winner2017: string;
  readonly winner2019: string;
}

const COLUMNS = [
  'ons_code',
  'constituency',
  'arrangement',
  'pact_candidate_party',
  'parties_standing_aside',
  'winner_2017',
  'winner_2019',
] as const;

/** Parses `unite_to_remain_2019.csv`. */
export function parseUniteToRemain(csv: string): UniteToRemainSeat[] {
  return parseCsvRecords(csv, COLUMNS).map((row) => ({
    onsCode: row.ons_code,
    constituency: row.constituency,
    arrangement:
      row.arrangement === 'unite_to_remain'
        ? 'unite_to_remain'
        : 'ld_standdown_for_remain_candidate',
    beneficiary: row.pact_candidate_party,
    partiesStandingAside: row.parties_standing_aside.split(';').filter(Boolean),
    winner2017: row.winner_2017,
    winner2019: row.winner_2019,
  }));
}
