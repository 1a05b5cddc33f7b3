import type { ApiError } from '../../common/api-error.js';
import type { FieldProblem } from '../../common/validation.js';
import { fieldText } from '../page-input.js';

/** A form's errors: one message per field (by the form's field name), and a summary. */
export interface FormErrors {
  readonly summary: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** How the page names a form's fields and items. */
export interface FormWording {
  /** Field label by the API's name; `<list>.item` names one item of a list ("Role"). */
  readonly labels: Readonly<Record<string, string>>;
  /** What a field must look like, said instead of a pattern the value failed. */
  readonly hints?: Readonly<Record<string, string>>;
  /** The form's row number of the list item at an index of the body sent (rows left empty are not sent). */
  readonly rowOf?: (index: number) => number;
}

/** What the API's field paths are called on the page's forms ("grants.0.role" → "Role 1: role"). */
function labelOf(path: string, wording: FormWording): string {
  const { labels } = wording;
  const [head = '', index, ...rest] = path.split('.');
  if (index === undefined || !/^\d+$/.test(index)) {
    return labels[head] ?? head;
  }
  const item = itemName(head, Number(index), wording);
  const field = rest.at(-1);
  return field === undefined ? item : `${item}: ${field}`;
}

function itemName(list: string, index: number, wording: FormWording): string {
  const row = wording.rowOf ? wording.rowOf(index) : index + 1;
  return `${wording.labels[`${list}.item`] ?? 'Item'} ${row}`;
}

/** A grant the service found malformed, as `normaliseGrants` reports it. */
interface IndexedProblem {
  readonly index: number;
  readonly problem: string;
}

/**
 * Turns a service's `ApiError` into form errors: the DTO pipe's field problems (the API's own
 * messages, with the field named as the form names it), or the error's message for the whole form.
 */
export function formErrorsOf(error: ApiError, wording: FormWording): FormErrors {
  const hints = wording.hints ?? {};
  const problems = Array.isArray(error.details) ? (error.details as unknown[]) : [];
  const fields: Record<string, string> = {};
  // A new password's own refusals (breached, or not allowed for this manager) name their field.
  if (
    error.code === 'VALIDATION_FAILED' ||
    error.code === 'PASSWORD_BREACHED' ||
    error.code === 'PASSWORD_NOT_ALLOWED' ||
    error.code === 'CURRENT_PASSWORD_WRONG'
  ) {
    for (const problem of problems as FieldProblem[]) {
      const field = problem.field.split('.')[0] ?? problem.field;
      const own = problem.field.split('.').at(-1) ?? problem.field;
      const first = problem.problems[0] ?? 'is not valid';
      // Never a regular expression on a page: a pattern failure is said in words.
      const text = /must match .* regular expression/.test(first)
        ? (hints[problem.field.split('.')[0] ?? ''] ?? 'is not in the expected form')
        : first.replace(new RegExp(`^(each value in )?${own}\\s`), '');
      fields[field] ??= `${labelOf(problem.field, wording)} ${text}`;
    }
  }
  if (error.code === 'INVALID_GRANT') {
    // The service's own words for each malformed grant, under the roles fieldset.
    fields.grants = (problems as IndexedProblem[])
      .map((p) => `${itemName('grants', p.index, wording)}: ${p.problem}.`)
      .join(' ');
  }
  return {
    summary:
      Object.keys(fields).length > 0 ? 'There is a problem with what you entered.' : error.message,
    fields,
  };
}

export interface GrantRow {
  readonly role: string;
  readonly party: string;
  readonly region: string;
  readonly localPartyId: string;
}

/** How many grant rows the account forms offer at least. */
export const GRANT_ROWS = 3;
/** At most as many rows as the API takes grants (`ArrayMaxSize` of the users DTOs). */
export const MAX_GRANT_ROWS = 20;

const EMPTY_ROW: GrantRow = { role: '', party: '', region: '', localPartyId: '' };

/**
 * The grant rows of a form (`grant0-role`, …), as many as were posted (up to the cap), padded like
 * {@link rowsOf}: an account may have more grants than the form first offers, and every one must
 * come back, or saving would drop the extra ones.
 */
export function grantRows(form: Record<string, unknown>): GrantRow[] {
  const posted = Object.keys(form).flatMap((name) => {
    const match = /^grant(\d+)-(?:role|party|region|localPartyId)$/.exec(name);
    return match ? [Number(match[1])] : [];
  });
  const count = Math.min(MAX_GRANT_ROWS, Math.max(0, ...posted.map((i) => i + 1)));
  const rows: GrantRow[] = [];
  for (let i = 0; i < count; i++) {
    rows.push({
      role: fieldText(form, `grant${i}-role`),
      party: fieldText(form, `grant${i}-party`),
      region: fieldText(form, `grant${i}-region`),
      localPartyId: fieldText(form, `grant${i}-localPartyId`),
    });
  }
  return padded(rows);
}

/** Rows with one empty row more than are filled in (at least GRANT_ROWS, at most the cap). */
function padded(rows: GrantRow[]): GrantRow[] {
  const lastFilled = rows.findLastIndex((row) => Object.values(row).some((v) => v !== ''));
  const wanted = Math.min(MAX_GRANT_ROWS, Math.max(GRANT_ROWS, lastFilled + 2, rows.length));
  while (rows.length < wanted) {
    rows.push({ ...EMPTY_ROW });
  }
  return rows;
}

/** Grant rows as the API's grants body: empty choices are absent, rows without a role dropped. */
export function grantsBody(rows: readonly GrantRow[]): Array<Record<string, string>> {
  return rows
    .filter((row) => row.role !== '')
    .map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== '')));
}

/** Form rows for existing grants, and one empty row more (at least GRANT_ROWS in all). */
export function rowsOf(
  grants: ReadonlyArray<{
    role: string;
    party: string | null;
    region: string | null;
    localPartyId: string | null;
  }>,
): GrantRow[] {
  return padded(
    grants.map((g) => ({
      role: g.role,
      party: g.party ?? '',
      region: g.region ?? '',
      localPartyId: g.localPartyId ?? '',
    })),
  );
}
