import { ApiError } from '../../common/api-error.js';
import type { FieldProblem } from '../../common/validation.js';
import { format } from '../format.js';
import type { FieldError, PactFormState, ResolvedRows } from './pact-form.js';

// The API's errors in the words of the form: which field, which row, what to do. DTO paths
// (`terms.standAsides.2.constituency`) and service paths (`standAsides[2].party`) both point into
// the terms as sent, which leave out blank rows, so each index is mapped back to the form's row.

interface Positions {
  /** Index in the terms sent → row number in the form (0-based). */
  readonly standAside: readonly number[];
  readonly commitment: readonly number[];
}

export function positionsOf(state: PactFormState, resolved: ResolvedRows): Positions {
  return {
    standAside: resolved.rows.map((r) => r.index),
    commitment: state.commitments.flatMap((c, i) =>
      c.party !== '' || c.text.trim() !== '' ? [i] : [],
    ),
  };
}

const party = (code: string) => (code ? format.party(code) : 'no party');

/** One stand-aside field's problem, as a person would say it. */
function standAsideMessage(
  state: PactFormState,
  row: number,
  field: string,
  code: string,
  fallback: string,
): string {
  const typed = state.standAsides[row];
  const where = `Stand-aside ${row + 1}`;
  if (field === 'constituency') {
    const text = typed?.constituency ?? '';
    if (code === 'UNKNOWN_CONSTITUENCY') {
      return `${where}: ${text} is not a constituency of this election`;
    }
    return text === ''
      ? `${where}: enter a constituency name or code`
      : `${where}: ${text} is not a constituency code`;
  }
  if (field === 'party') {
    if (code === 'PARTY_NOT_REPRESENTED') {
      return `${where}: none of the chosen local parties of ${party(typed?.party ?? '')} covers ${typed?.constituency ?? 'this constituency'} — add that local party, or choose another party`;
    }
    return `${where}: choose the party that stands aside`;
  }
  if (field === 'beneficiary') {
    switch (code) {
      case 'SELF_BENEFICIARY':
        return `${where}: a party cannot stand aside for itself`;
      case 'BENEFICIARY_NOT_PARTICIPANT':
        return `${where}: ${party(typed?.beneficiary ?? '')} has no local party in this pact`;
      case 'BENEFICIARY_STANDS_ASIDE':
        return `${where}: ${party(typed?.beneficiary ?? '')} also stands aside there`;
      default:
        return `${where}: choose the party that benefits`;
    }
  }
  if (code === 'DUPLICATE_STAND_ASIDE') {
    return `${where}: this party already stands aside in this constituency`;
  }
  return `${where}: ${fallback}`;
}

function commitmentMessage(row: number, field: string, code: string, fallback: string): string {
  const where = `Commitment ${row + 1}`;
  if (field === 'party') {
    return code === 'COMMITMENT_PARTY_NOT_PARTICIPANT'
      ? `${where}: that party has no local party in this pact`
      : `${where}: choose the party that owes it`;
  }
  if (field === 'text') {
    return `${where}: write the commitment (up to 2,000 characters)`;
  }
  return code === 'DUPLICATE_COMMITMENT'
    ? `${where}: the same commitment appears twice`
    : `${where}: ${fallback}`;
}

const TOP_LEVEL: Readonly<Record<string, [string, string]>> = {
  title: ['title', 'Title: enter a title of up to 200 characters'],
  election: ['contest', 'Election: choose the election the pact is for'],
  contest: ['contest', 'Election: choose the election the pact is for'],
  localParties: ['localParties-0', 'Local parties: choose at least one partner local party'],
  participants: ['localParties-0', 'Local parties: choose local parties of at least two parties'],
  respondBy: ['respondBy', 'Respond by: enter a date and time'],
  actingFor: ['actingFor', 'Your local party: choose which local party you act for'],
  baseRevision: ['title', 'The revision you countered is missing: reload the page'],
  standAsides: ['sa-0-constituency', 'Stand-asides: a pact needs at least one stand-aside'],
  'terms.standAsides': ['sa-0-constituency', 'Stand-asides: a pact needs at least one stand-aside'],
  'terms.commitments': ['cm-0-text', 'Commitments: too many commitments'],
};

/** One problem at a path into the submitted body or terms, mapped to a form field and words. */
function fieldError(
  state: PactFormState,
  positions: Positions,
  path: string,
  code: string,
  fallback: string,
): FieldError {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  const [head, index, field = ''] = parts[0] === 'terms' ? parts.slice(1) : parts;
  const at = Number(index);
  if (head === 'standAsides' && Number.isInteger(at)) {
    const row = positions.standAside[at] ?? at;
    const id = `sa-${row}-${field === '' ? 'constituency' : field}`;
    return { field: id, message: standAsideMessage(state, row, field, code, fallback) };
  }
  if (head === 'commitments' && Number.isInteger(at)) {
    const row = positions.commitment[at] ?? at;
    const id = `cm-${row}-${field === 'party' ? 'party' : 'text'}`;
    return { field: id, message: commitmentMessage(row, field, code, fallback) };
  }
  const known = TOP_LEVEL[parts.join('.')] ?? TOP_LEVEL[head ?? ''];
  return known ? { field: known[0], message: known[1] } : { field: '', message: fallback };
}

const RESPOND_BY_CODES = new Set(['INVALID_RESPOND_BY', 'RESPOND_BY_AFTER_DEADLINE']);
const CONTEST_CODES = new Set([
  'UNKNOWN_ELECTION',
  'UNKNOWN_CONTEST',
  'BASELINE_BOUNDARY_MISMATCH',
]);
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z/g;

/** A service message with its ISO instants in UK time, as the rest of the page shows times. */
const ukTimes = (message: string) => message.replace(INSTANT, (iso) => format.dateTime(iso));

/**
 * An error from the DTO pipe or the pact service as the form's field errors. Problems with a path
 * go next to their field; the rest (a conflicting pact, a stale revision) head the summary.
 */
export function formErrorsOf(
  error: ApiError,
  state: PactFormState,
  positions: Positions,
): FieldError[] {
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)) {
    return (error.details as FieldProblem[]).map((p) =>
      fieldError(state, positions, p.field, '', 'check this field'),
    );
  }
  if (error.code === 'INVALID_TERMS' && Array.isArray(error.details)) {
    return (error.details as { code: string; path: string; message: string }[]).map((p) =>
      fieldError(state, positions, p.path, p.code, p.message),
    );
  }
  if (RESPOND_BY_CODES.has(error.code)) {
    return [{ field: 'respondBy', message: `Respond by: ${ukTimes(error.message)}` }];
  }
  if (error.code === 'INVALID_PARTICIPANTS' || error.code === 'UNKNOWN_LOCAL_PARTY') {
    return [{ field: 'localParties-0', message: `Local parties: ${error.message}` }];
  }
  if (CONTEST_CODES.has(error.code)) {
    return [{ field: 'contest', message: 'Election: choose the election the pact is for' }];
  }
  if (error.code === 'CONFLICTING_PACT') {
    return [
      {
        field: '',
        message:
          'Another pact already commits your party in one of these constituencies. Change that stand-aside, or save this as a draft.',
      },
    ];
  }
  return [{ field: '', message: sentence(error.message) }];
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Is this an error the form can show (the person can fix it), rather than an error page? */
export function isFormError(error: unknown): error is ApiError {
  return (
    error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 404
  );
}
