/**
 * The candidate-list layouts `parseCandidates` reads, told apart by their header row. Column names
 * are compared trimmed and in lower case, so a header retyped in a spreadsheet still matches.
 *
 * - `democracy-club`: Democracy Club's candidates CSV. Two generations exist, both read:
 *   the current export (candidates.democracyclub.org.uk/data/, columns `person_id, person_name,
 *   election_id, ballot_paper_id, election_date, election_current, party_name, party_id,
 *   post_label, cancelled_poll, seats_contested` plus optional ones such as `gss` and `post_id`;
 *   ynr/apps/data_exports/csv_fields.py) and the legacy one (`id, name, election,
 *   ballot_paper_id, …, party_id` as `party:53`, `party_ec_id` as `PP53`, `post_id`, `gss_code`;
 *   ynr/settings/constants/csv_fields.py), both in github.com/DemocracyClub/yournextrepresentative.
 * - `pactroom`: our shipped `geYYYY_candidates.csv` (`election, ons_code, constituency, party,
 *   source_party_name, source_party_abbrev, candidate, …`; libs/election-data/SOURCES.md).
 * - `minimal`: just `ons_code, party, candidate` (any order, extra columns ignored).
 */
export type CandidateLayout = 'democracy-club' | 'pactroom' | 'minimal';

/** Where each value of a row is, as column indexes (-1: the column is absent). */
export interface ColumnMap {
  readonly layout: CandidateLayout;
  readonly name: number;
  readonly onsCode: readonly number[];
  readonly partyId: readonly number[];
  readonly partyName: number;
  readonly ballotPaperId: number;
  readonly postId: number;
  readonly postLabel: number;
  readonly election: number;
  readonly electionDate: number;
  /** The header's own spelling of each column, to name it in problems. */
  readonly header: readonly string[];
}

/** The columns a person can add to make a header recognisable, for the "unknown layout" message. */
export const LAYOUT_HINT =
  "Democracy Club's candidates CSV (person_name, party_id, party_name, ballot_paper_id, gss, …) " +
  'or ours (ons_code, party, candidate)';

/** Recognises the layout of a header row, or undefined when it is none of ours. */
export function detectLayout(header: readonly string[]): ColumnMap | undefined {
  const names = header.map((h) => h.trim().toLowerCase());
  const at = (...candidates: string[]): number => {
    for (const candidate of candidates) {
      const i = names.indexOf(candidate);
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  };
  const present = (...indexes: number[]) => indexes.filter((i) => i >= 0);

  const ballot = at('ballot_paper_id');
  const personName = at('person_name', 'name');
  const dcPartyId = present(at('party_ec_id'), at('party_id'));
  const dcPartyName = at('party_name');
  if (ballot >= 0 && personName >= 0 && (dcPartyId.length > 0 || dcPartyName >= 0)) {
    return {
      layout: 'democracy-club',
      name: personName,
      onsCode: present(at('gss'), at('gss_code')),
      // The legacy layout's `party_id` is a slug (`party:53`, `joint-party:53-119`); its
      // `party_ec_id` holds the current id, so it is tried first.
      partyId: dcPartyId,
      partyName: dcPartyName,
      ballotPaperId: ballot,
      postId: at('post_id'),
      postLabel: at('post_label'),
      election: at('election_id', 'election'),
      electionDate: at('election_date'),
      header,
    };
  }

  const onsCode = at('ons_code');
  const party = at('party');
  const candidate = at('candidate');
  if (onsCode >= 0 && party >= 0 && candidate >= 0) {
    const election = at('election');
    const full = election >= 0 && at('constituency') >= 0;
    return {
      layout: full ? 'pactroom' : 'minimal',
      name: candidate,
      onsCode: [onsCode],
      partyId: [party],
      partyName: at('source_party_name'),
      ballotPaperId: -1,
      postId: -1,
      // Our layouts must carry the ONS code; a name is not looked up (see parseCandidates).
      postLabel: -1,
      election,
      electionDate: -1,
      header,
    };
  }
  return undefined;
}
