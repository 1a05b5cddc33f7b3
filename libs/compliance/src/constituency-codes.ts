import { searchKey } from '@pactroom/election-data';
import { type ColumnMap } from './layouts.js';

/** An ONS/GSS Westminster constituency code (E14…, W07…, S14…, N06… / N05…). */
const ONS_CODE = /^[ENSW]\d{8}$/;

/** A constituency of the contest's boundary set, to resolve rows that carry no GSS code. */
export interface ConstituencyRef {
  readonly onsCode: string;
  readonly name: string;
}

export type Place = { onsCode: string; field: number } | { problem: string; field: number };

/** The row's ONS code: its GSS column, else `post_id` (`gss:E14…`), else its name if allowed. */
export function resolveOnsCode(
  columns: ColumnMap,
  value: (i: number) => string,
  firstOf: (indexes: readonly number[]) => string,
  lookup: ConstituencyLookup | undefined,
): Place {
  const field = columns.onsCode.find((i) => value(i) !== '') ?? columns.onsCode[0] ?? -1;
  let code = firstOf(columns.onsCode).toUpperCase();
  const postId = value(columns.postId);
  if (code === '' && /^gss:/i.test(postId)) {
    code = postId.slice(4).toUpperCase();
    return ONS_CODE.test(code)
      ? { onsCode: code, field: columns.postId }
      : {
          problem: `post_id ${postId} does not end in a constituency code.`,
          field: columns.postId,
        };
  }
  if (code !== '') {
    return ONS_CODE.test(code)
      ? { onsCode: code, field }
      : { problem: `“${code}” is not a constituency code such as E14000735.`, field };
  }
  if (columns.layout === 'democracy-club' && lookup) {
    const byName =
      lookup.byKey.get(postLabelKey(value(columns.postLabel))) ??
      lookup.byKey.get(ballotSlugKey(value(columns.ballotPaperId)));
    if (byName !== undefined) {
      return { onsCode: byName, field: columns.postLabel };
    }
  }
  if (columns.layout === 'democracy-club') {
    const where = value(columns.postLabel) || value(columns.ballotPaperId);
    return {
      problem:
        `No GSS code for ${where || 'this row'}: add the “GSS code” column (gss) when ` +
        'exporting from Democracy Club.',
      field,
    };
  }
  return { problem: 'The ONS code is empty; every candidate needs the code of the seat.', field };
}

export interface ConstituencyLookup {
  readonly codes: ReadonlySet<string>;
  readonly byKey: ReadonlyMap<string, string>;
}

/** Names → codes; a name two constituencies share (none do today) is not used. */
export function constituencyLookup(constituencies: readonly ConstituencyRef[]): ConstituencyLookup {
  const byKey = new Map<string, string>();
  const shared = new Set<string>();
  for (const { onsCode, name } of constituencies) {
    const key = searchKey(name);
    if (byKey.has(key) && byKey.get(key) !== onsCode) {
      shared.add(key);
    }
    byKey.set(key, onsCode);
  }
  for (const key of shared) {
    byKey.delete(key);
  }
  return { codes: new Set(constituencies.map((c) => c.onsCode)), byKey };
}

/** "Member of Parliament for Hastings and Rye" or "Hastings and Rye" → "hastings and rye". */
function postLabelKey(label: string): string {
  return searchKey(label.replace(/^member of parliament for\s+/i, ''));
}

/** "parl.hastings-and-rye.2019-12-12" → "hastings and rye". */
function ballotSlugKey(ballotPaperId: string): string {
  return searchKey(ballotPaperId.split('.')[1] ?? '');
}
