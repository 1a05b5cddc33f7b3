import { CsvFormatError, parseCsv, searchKey } from '@pactroom/election-data';
import { type ConstituencyRef, constituencyLookup, resolveOnsCode } from './constituency-codes.js';
import { type CandidateLayout, type ColumnMap, LAYOUT_HINT, detectLayout } from './layouts.js';
import {
  isPartyCode,
  mapDemocracyClubParty,
  normalisePartyId,
  partyCodeForName,
} from './party-ids.js';
import { type ImportProblem, ProblemLog, RepeatedProblems } from './problems.js';

/**
 * The largest candidate CSV read, in UTF-8 bytes (8 MiB). A general election has about 4,500
 * candidates: Democracy Club's export of GE2024 with every optional column is well under this.
 * The text's length is what the parser can see (a string of N UTF-8 bytes is at most N UTF-16
 * units long), so the app must also cap the request body at this many bytes.
 */
export const MAX_CANDIDATE_CSV_BYTES = 8 * 1024 * 1024;

/** The most rows read, header excluded: four times a general election's candidates. */
export const MAX_CANDIDATE_ROWS = 20_000;

/** One person on a statement of persons nominated. */
export interface NominatedCandidate {
  /** ONS/GSS code of the constituency (`E14000735`). */
  readonly onsCode: string;
  /** Our party code (`lab`, `ld`, …, `ind`, `other`). */
  readonly party: string;
  readonly name: string;
  /** Democracy Club's ballot id (`parl.hastings-and-rye.2019-12-12`), when the file has one. */
  readonly ballotPaperId?: string;
}

export interface ParseCandidatesOptions {
  /**
   * The constituencies the candidates may stand in (the contest's boundary set). When given, a
   * code outside it is a problem (a 2019 file imported for a 2024 contest), and a Democracy Club
   * row without a GSS code is placed by its post label or ballot id.
   */
  readonly constituencies?: readonly ConstituencyRef[];
  /**
   * The contest's polling day (YYYY-MM-DD). When given, rows for another election are left out
   * (one problem per other polling day): Democracy Club rows by `election_date` or the date
   * ending the ballot id, rows of our full layout by the year in `election`. The minimal layout
   * names no election, so it is not checked.
   */
  readonly pollingDay?: string;
}

/** What a candidate file held: the candidates read, and what a person should look at. */
export interface ParsedCandidates {
  /** Undefined when the header matches no layout (then nothing was read). */
  readonly layout: CandidateLayout | undefined;
  readonly candidates: readonly NominatedCandidate[];
  /** At most MAX_REPORTED_PROBLEMS, in file order; `problemCount` counts them all. */
  readonly problems: readonly ImportProblem[];
  readonly problemCount: number;
  /** Data rows in the file (blank lines not counted). */
  readonly rowsRead: number;
  /** The elections the rows name (`parl.2019-12-12`, or `2019` in our layout), sorted. */
  readonly elections: readonly string[];
}

/**
 * Reads a candidate list (statement of persons nominated) in Democracy Club's CSV layout or ours,
 * told apart by the header (see `CandidateLayout`). Handles quoted fields, a byte-order mark and
 * CRLF. Never throws on bad input: every row that cannot be read is a problem naming its line and
 * column, and the rest are read.
 */
export function parseCandidates(
  csv: string,
  options: ParseCandidatesOptions = {},
): ParsedCandidates {
  if (csv.length > MAX_CANDIDATE_CSV_BYTES) {
    return refuse(
      `The file is larger than ${MAX_CANDIDATE_CSV_BYTES / 1024 / 1024} MiB, the most that can ` +
        'be imported. Export only the election you need (one general election is about 1 MiB).',
    );
  }
  const text = csv.startsWith('\uFEFF') ? csv.slice(1) : csv;
  // Counted before parsing, so a file of a million empty lines is refused without building rows.
  if (lineBreaks(text) > MAX_CANDIDATE_ROWS + 1) {
    return refuse(
      `The file has more than ${MAX_CANDIDATE_ROWS.toLocaleString('en-GB')} rows, the most that ` +
        'can be imported. Export only the election you need.',
    );
  }
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvFormatError) {
      return refuse(
        'A quoted field is never closed: a " opens a value that no " ends. ' +
          'Check names containing quotation marks, then export the file again.',
      );
    }
    throw error;
  }
  const [header, ...data] = rows;
  if (!header || header.every((h) => h.trim() === '')) {
    return refuse(`The file is empty. Its first row must name the columns of ${LAYOUT_HINT}.`);
  }
  const columns = detectLayout(header);
  if (!columns) {
    const found = header.slice(0, 12).join(', ') + (header.length > 12 ? ', …' : '');
    return refuse(`The first row must name the columns of ${LAYOUT_HINT}; it names: ${found}.`, 1);
  }
  return readRows(columns, data, options);
}

function readRows(
  columns: ColumnMap,
  data: readonly string[][],
  options: ParseCandidatesOptions,
): ParsedCandidates {
  const log = new ProblemLog();
  const unknownParties = new RepeatedProblems();
  const partiesByName = new RepeatedProblems();
  const otherElections = new RepeatedProblems();
  const lookup = options.constituencies ? constituencyLookup(options.constituencies) : undefined;
  const candidates: NominatedCandidate[] = [];
  const elections = new Set<string>();
  const firstLineOf = new Map<string, number>();
  const col = (i: number) => columns.header[i]?.trim() ?? '';
  let rowsRead = 0;

  data.forEach((fields, index) => {
    const line = index + 2;
    if (fields.every((f) => f.trim() === '')) {
      return;
    }
    rowsRead++;
    const skip = (field: number, message: string) =>
      log.add({ line, field: col(field), message, rowSkipped: true });
    if (fields.length > columns.header.length) {
      skip(
        -1,
        `This row has ${fields.length} values but the header names ${columns.header.length} ` +
          'columns; a value containing a comma must be in double quotes.',
      );
      return;
    }
    const value = (i: number) => (i >= 0 ? (fields[i] ?? '').trim() : '');
    const firstOf = (indexes: readonly number[]) => indexes.map(value).find((v) => v !== '') ?? '';

    const election = value(columns.election);
    if (election !== '') {
      elections.add(election);
    }
    const heldOn = rowPollingDay(columns, value);
    if (
      options.pollingDay !== undefined &&
      heldOn !== '' &&
      !sameElection(heldOn, options.pollingDay)
    ) {
      otherElections.note(
        heldOn,
        line,
        col(columns.electionDate >= 0 ? columns.electionDate : columns.election),
      );
      return;
    }
    const ballotPaperId = value(columns.ballotPaperId);
    if (
      columns.layout === 'democracy-club' &&
      ballotPaperId !== '' &&
      !ballotPaperId.startsWith('parl.')
    ) {
      skip(
        columns.ballotPaperId,
        `Ballot ${ballotPaperId} is not a UK Parliament ballot (those start with "parl."); ` +
          'export only the general election.',
      );
      return;
    }
    const name = value(columns.name).replace(/\s+/g, ' ');
    if (name === '') {
      skip(columns.name, 'The candidate’s name is empty.');
      return;
    }

    const place = resolveOnsCode(columns, value, firstOf, lookup);
    if ('problem' in place) {
      skip(place.field, place.problem);
      return;
    }
    const onsCode = place.onsCode;
    if (lookup && !lookup.codes.has(onsCode)) {
      skip(
        place.field,
        `${onsCode} is not a constituency of this contest’s boundaries; ` +
          'check that the file is for the right election.',
      );
      return;
    }

    const party = resolveParty(columns, value, firstOf);
    const partyField = col(columns.partyId[0] ?? columns.partyName);
    if (!party.known) {
      unknownParties.note(party.label, line, partyField);
    } else if (party.byName) {
      partiesByName.note(`${party.label}\u0000${party.code}`, line, partyField);
    }

    const key = `${onsCode}\u0000${party.code}\u0000${searchKey(name)}`;
    const earlier = firstLineOf.get(key);
    if (earlier !== undefined) {
      skip(
        -1,
        `${name} is already listed for ${onsCode} on line ${earlier}; this repeat was left out.`,
      );
      return;
    }
    firstLineOf.set(key, line);
    candidates.push(
      ballotPaperId !== ''
        ? { onsCode, party: party.code, name, ballotPaperId }
        : { onsCode, party: party.code, name },
    );
  });

  const summaries = [
    ...otherElections.problems(
      (day, rows) =>
        `${plural(rows, 'row')} ${rows === 1 ? 'is' : 'are'} for the election of ${day}, not ` +
        `this contest’s (${options.pollingDay ?? ''}); left out.`,
      true,
    ),
    ...unknownParties.problems((label, rows) =>
      label === ''
        ? `No party is given for ${plural(rows, 'candidate')}; counted as “other”.`
        : `${label} is not one of Pactroom’s parties, so its ${plural(rows, 'candidate')} ` +
          'count as “other”. If a party of a pact stands under this name, report it: its ' +
          'stand-asides cannot be checked until it is mapped.',
    ),
    ...partiesByName.problems((key, rows) => {
      const [label, code] = key.split('\u0000');
      const notFound =
        columns.layout === 'democracy-club'
          ? 'has a party id Pactroom does not list'
          : 'is not a party code such as lab or ld';
      return `${label} ${notFound}; it was matched by its name to “${code}” (${plural(rows, 'candidate')}).`;
    }),
  ];
  return {
    layout: columns.layout,
    candidates,
    ...log.result(summaries),
    rowsRead,
    elections: [...elections].sort(),
  };
}

interface PartyResult {
  readonly code: string;
  readonly known: boolean;
  readonly byName: boolean;
  /** How the file names the party, for messages ('' when it names none). */
  readonly label: string;
}

function resolveParty(
  columns: ColumnMap,
  value: (i: number) => string,
  firstOf: (indexes: readonly number[]) => string,
): PartyResult {
  const raw = firstOf(columns.partyId);
  const dc = columns.layout === 'democracy-club';
  const id = dc ? normalisePartyId(raw) : raw;
  const name = value(columns.partyName);
  // How the file names the party: `party PP2055 “Yorkshire Party”` (Democracy Club), `“Labour”`.
  const label = dc
    ? [id && `party ${id}`, name && `“${name}”`].filter(Boolean).join(' ')
    : id && `“${id}”`;
  if (dc) {
    return { ...mapDemocracyClubParty(id, name, rowPollingDay(columns, value)), label };
  }
  const code = id.toLowerCase();
  if (isPartyCode(code)) {
    return { code, known: true, byName: false, label };
  }
  const named = partyCodeForName(id) ?? partyCodeForName(name);
  return named !== undefined
    ? { code: named, known: true, byName: true, label }
    : { code: 'other', known: false, byName: false, label };
}

/**
 * The row's polling day as the file gives it: Democracy Club's `election_date`, else the date that
 * ends its ballot id; our full layout's `election` (a year); '' when the row names none.
 */
function rowPollingDay(columns: ColumnMap, value: (i: number) => string): string {
  if (columns.layout !== 'democracy-club') {
    return value(columns.election);
  }
  const date = value(columns.electionDate);
  if (date !== '') {
    return date;
  }
  return /(\d{4}-\d{2}-\d{2})$/.exec(value(columns.ballotPaperId))?.[1] ?? '';
}

/** A full date must match; a bare year (our layout) matches any day of that year. */
function sameElection(heldOn: string, pollingDay: string): boolean {
  return /^\d{4}$/.test(heldOn) ? pollingDay.startsWith(`${heldOn}-`) : heldOn === pollingDay;
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      count++;
    }
  }
  return count;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function refuse(message: string, line = 0): ParsedCandidates {
  return {
    layout: undefined,
    candidates: [],
    problems: [{ line, field: '', message, rowSkipped: true }],
    problemCount: 1,
    rowsRead: 0,
    elections: [],
  };
}
