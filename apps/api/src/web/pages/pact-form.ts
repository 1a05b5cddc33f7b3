import { searchKey } from '@pactroom/election-data';
import type { Terms } from '@pactroom/negotiation';
import { MAX_PACT_STAND_ASIDES } from '../../pacts/dto/pact-limits.js';
import type { ReferenceService } from '../../reference/reference.service.js';

// The pact form as people fill it in: rows of stand-asides and commitments in repeated fields,
// constituencies typed as a name, "Name (CODE)" or an ONS code, respond-by in UK local time.
// Parsing here only reshapes the form; every rule is the DTO's or the pact service's.

/** One stand-aside row as typed. */
export interface StandAsideRow {
  readonly party: string;
  /** What the person typed or picked: a name, "Name (E14000735)" or a code. */
  readonly constituency: string;
  readonly beneficiary: string;
}

export interface CommitmentRow {
  readonly party: string;
  readonly text: string;
}

/** The form's values, kept as typed so a re-rendered form loses nothing. */
export interface PactFormState {
  readonly title: string;
  /** The contest the pact is for (a new pact's choice; a counter's pact's). */
  readonly contest: string;
  /** The result set constituencies are searched in and projections start from (the contest's). */
  readonly election: string;
  readonly localParties: readonly string[];
  readonly standAsides: readonly StandAsideRow[];
  readonly commitments: readonly CommitmentRow[];
  /** `datetime-local` value, UK time: `2027-01-31T23:59`. */
  readonly respondBy: string;
  readonly actingFor: string;
  readonly baseRevision: string;
}

/** A problem shown next to a field (`field` is the input's id) and in the summary. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export const EMPTY_ROW: StandAsideRow = { party: '', constituency: '', beneficiary: '' };
const EMPTY_COMMITMENT: CommitmentRow = { party: '', text: '' };
// As many rows as the terms may have (a national pact's stand-asides can be entered here too).
const MAX_ROWS = MAX_PACT_STAND_ASIDES;

type FormBody = Record<string, unknown>;

function list(body: FormBody, key: string): string[] {
  const value = body[key];
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === 'string' ? v : ''));
  }
  return typeof value === 'string' ? [value] : [];
}

function one(body: FormBody, key: string): string {
  return list(body, key)[0] ?? '';
}

/** Reads the posted form; rows line up by position (every row posts all its fields). */
export function readPactForm(body: unknown): PactFormState {
  const form = (typeof body === 'object' && body !== null ? body : {}) as FormBody;
  const parties = list(form, 'saParty');
  const places = list(form, 'saConstituency');
  const beneficiaries = list(form, 'saBeneficiary');
  const standAsides = parties.slice(0, MAX_ROWS).map((party, i) => ({
    party,
    constituency: (places[i] ?? '').trim(),
    beneficiary: beneficiaries[i] ?? '',
  }));
  const texts = list(form, 'cmText');
  const commitments = list(form, 'cmParty')
    .slice(0, MAX_ROWS)
    .map((party, i) => ({ party, text: texts[i] ?? '' }));
  return {
    title: one(form, 'title'),
    contest: one(form, 'contest'),
    election: one(form, 'election'),
    localParties: list(form, 'localParties').filter(Boolean),
    standAsides,
    commitments,
    respondBy: one(form, 'respondBy'),
    actingFor: one(form, 'actingFor'),
    baseRevision: one(form, 'baseRevision'),
  };
}

/** The form with an empty stand-aside (or commitment) row added, for "Add a …" without JS. */
export function withExtraRow(state: PactFormState, kind: 'stand-aside' | 'commitment') {
  return kind === 'stand-aside'
    ? { ...state, standAsides: [...state.standAsides, EMPTY_ROW].slice(0, MAX_ROWS) }
    : { ...state, commitments: [...state.commitments, EMPTY_COMMITMENT].slice(0, MAX_ROWS) };
}

/** At least `n` stand-aside rows and one commitment row, so an empty form has places to type. */
export function padded(state: PactFormState, n = 2): PactFormState {
  const standAsides = [...state.standAsides];
  while (standAsides.length < n) {
    standAsides.push(EMPTY_ROW);
  }
  const commitments = state.commitments.length > 0 ? state.commitments : [EMPTY_COMMITMENT];
  return { ...state, standAsides, commitments };
}

const isBlankRow = (row: StandAsideRow) => !row.party && !row.constituency && !row.beneficiary;
const CODE_IN_LABEL = /\(([ENSWensw]\d{8})\)\s*$/;
/** Looks like someone meant a code (a letter then digits), so it goes to the DTO as typed. */
const CODE_LIKE = /^[A-Za-z]\d{3,}$/;
const ONS = /^[ENSW]\d{8}$/;

/** A constituency's label in the form: "Hastings and Rye (E14000735)". */
export const constituencyLabel = (name: string, code: string) => `${name} (${code})`;

/** Stand-aside rows with their constituencies resolved to codes, and the rows that could not be. */
export interface ResolvedRows {
  /** Non-blank rows, in order, with `index` the row's position in the form. */
  readonly rows: readonly {
    index: number;
    party: string;
    constituency: string;
    beneficiary: string;
  }[];
  readonly errors: readonly FieldError[];
  /** The rows as re-shown: names typed resolved to "Name (CODE)". */
  readonly shown: readonly StandAsideRow[];
}

/**
 * Turns each row's constituency text into an ONS code: a code (or "Name (CODE)") as given, a
 * name through the same accent-, case- and punctuation-blind search as the API's
 * `?q=` — an exact name wins, a single match is taken, none or several is the row's error.
 */
export async function resolveRows(
  reference: ReferenceService,
  election: string,
  rows: readonly StandAsideRow[],
): Promise<ResolvedRows> {
  const resolved: { index: number; party: string; constituency: string; beneficiary: string }[] =
    [];
  const errors: FieldError[] = [];
  const shown: StandAsideRow[] = [];
  for (const [index, row] of rows.entries()) {
    shown.push(row);
    if (isBlankRow(row)) {
      continue;
    }
    const text = row.constituency;
    const inLabel = CODE_IN_LABEL.exec(text)?.[1];
    if (inLabel || CODE_LIKE.test(text) || text === '') {
      resolved.push({ index, ...row, constituency: (inLabel ?? text).toUpperCase() });
      continue;
    }
    const matches = await searchConstituencies(reference, election, text, 10);
    const exact = matches.filter((m) => searchKey(m.name) === searchKey(text));
    const pick = exact.length === 1 ? exact[0] : matches.length === 1 ? matches[0] : undefined;
    if (pick) {
      resolved.push({ index, ...row, constituency: pick.onsCode });
      shown[index] = { ...row, constituency: constituencyLabel(pick.name, pick.onsCode) };
    } else {
      const field = `sa-${index}-constituency`;
      const where = `Stand-aside ${index + 1}`;
      errors.push(
        matches.length === 0
          ? { field, message: `${where}: no constituency of this election is called “${text}”` }
          : {
              field,
              message: `${where}: “${text}” matches several constituencies — choose one of ${matches
                .map((m) => constituencyLabel(m.name, m.onsCode))
                .join(', ')}`,
            },
      );
    }
  }
  // Codes typed are shown back with their names, as a picked match would be.
  const names = await reference.constituencyNames(
    election,
    resolved.map((r) => r.constituency).filter((code) => ONS.test(code)),
  );
  for (const r of resolved) {
    const name = names.get(r.constituency);
    const row = shown[r.index];
    if (name && row) {
      shown[r.index] = { ...row, constituency: constituencyLabel(name, r.constituency) };
    }
  }
  return { rows: resolved, errors, shown };
}

/** Constituencies whose name holds `q` (the API's search), none if the election is unknown. */
export async function searchConstituencies(
  reference: ReferenceService,
  election: string,
  q: string,
  limit: number,
): Promise<{ onsCode: string; name: string }[]> {
  if (!q.trim()) {
    return [];
  }
  try {
    return (await reference.listConstituencies(election, { q, limit })).items;
  } catch {
    return [];
  }
}

/** Terms as the DTOs take them, from resolved rows; blank commitment rows are left out. */
export function termsOf(state: PactFormState, resolved: ResolvedRows): Terms {
  return {
    standAsides: resolved.rows.map(({ party, constituency, beneficiary }) => ({
      party,
      constituency,
      beneficiary,
    })),
    commitments: state.commitments
      .filter((c) => c.party !== '' || c.text.trim() !== '')
      .map(({ party, text }) => ({ party, text })),
  };
}

/** Form rows of stored terms, with each constituency shown by name. */
export async function rowsOfTerms(
  reference: ReferenceService,
  election: string,
  terms: Terms,
): Promise<Pick<PactFormState, 'standAsides' | 'commitments'>> {
  const names = await reference.constituencyNames(
    election,
    terms.standAsides.map((s) => s.constituency),
  );
  return {
    standAsides: terms.standAsides.map((s) => ({
      party: s.party,
      beneficiary: s.beneficiary,
      constituency: constituencyLabel(names.get(s.constituency) ?? s.constituency, s.constituency),
    })),
    commitments: terms.commitments.map((c) => ({ party: c.party, text: c.text })),
  };
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A UTC instant as a `datetime-local` value in UK time. */
export function ukLocal(instant: Date): string {
  const part = (type: string) =>
    LONDON.formatToParts(instant).find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/**
 * A `datetime-local` value read as UK time, as an ISO instant; anything else is passed on as
 * typed, for the DTO to refuse in its words.
 */
export function instantOfUkLocal(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) {
    return value;
  }
  const asUtc = new Date(`${value}:00Z`);
  if (Number.isNaN(asUtc.getTime())) {
    return value;
  }
  // The UK offset at that moment is what UK time shows minus UTC; one correction is exact
  // except within the hour the clocks change.
  const shown = new Date(`${ukLocal(asUtc)}:00Z`);
  return new Date(asUtc.getTime() - (shown.getTime() - asUtc.getTime())).toISOString();
}
