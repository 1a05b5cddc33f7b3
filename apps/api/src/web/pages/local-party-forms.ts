import type { ApiError } from '../../common/api-error.js';
import { formErrorsOf, type FormErrors } from './admin-forms.js';

/** How the local party forms name their fields. */
export const LOCAL_PARTY_LABELS = {
  party: 'Party',
  name: 'Name',
  constituencies: 'Constituencies',
  boundarySet: 'Boundary set',
  reason: 'Reason',
};
const HINTS = { constituencies: 'must each be a constituency code such as E14000735' };

/** The field a refusal of the local parties use case is about (the service's own message). */
const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  LOCAL_PARTY_EXISTS: 'name',
  LOCAL_PARTY_SEAT_TAKEN: 'constituencies',
  MIXED_REGIONS: 'constituencies',
  UNKNOWN_CONSTITUENCY: 'constituencies',
  AMBIGUOUS_BOUNDARY_SET: 'boundarySet',
  UNKNOWN_PARTY: 'party',
};

/**
 * A refused local party form's errors: the DTO's field problems in words, or the service's message
 * shown at the field it is about (so the error summary links there), unknown codes listed.
 */
export function localPartyFormErrors(error: ApiError): FormErrors {
  const errors = formErrorsOf(error, { labels: LOCAL_PARTY_LABELS, hints: HINTS });
  const field = FIELD_OF_CODE[error.code];
  if (field === undefined || Object.keys(errors.fields).length > 0) {
    return errors;
  }
  const unknown = (error.details as { constituencies?: unknown } | undefined)?.constituencies;
  const message =
    error.code === 'UNKNOWN_CONSTITUENCY' && Array.isArray(unknown)
      ? `${error.message} Not known: ${unknown.map(String).join(', ')}.`
      : error.message;
  return { summary: 'There is a problem with what you entered.', fields: { [field]: message } };
}

/** Codes as people paste them: one a line, or separated by commas or spaces. */
export const codesOf = (text: string): string[] => text.split(/[\s,]+/).filter((c) => c !== '');

interface SeatWords {
  constituency: string;
  boundarySet: string;
}

const seatList = (seats: unknown): string =>
  Array.isArray(seats)
    ? (seats as SeatWords[]).map((s) => `${s.constituency} (${s.boundarySet})`).join(', ')
    : '';

/** A local party's history event in words ("Renamed from … to …; seats added: …"). */
export function eventWords(event: { action: string; payload: Record<string, unknown> }): string {
  const p = event.payload;
  if (event.action === 'local_party.created') {
    const seats = seatList(p.seats);
    return `Created as ${String(p.name)}${seats ? ` with ${seats}` : ''}`;
  }
  if (event.action === 'local_party.retired') {
    return `Retired: ${String(p.reason)}`;
  }
  const parts: string[] = [];
  const name = p.name as { from?: string; to?: string } | undefined;
  if (name) {
    parts.push(`Renamed from ${String(name.from)} to ${String(name.to)}`);
  }
  const added = seatList(p.added);
  const removed = seatList(p.removed);
  if (added) {
    parts.push(`seats added: ${added}`);
  }
  if (removed) {
    parts.push(`seats removed: ${removed}`);
  }
  const text = parts.join('; ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Edited';
}
