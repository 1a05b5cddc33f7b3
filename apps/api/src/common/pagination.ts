import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiError } from './api-error.js';
import { UUID } from './validation.decorators.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** `?limit=&cursor=` of every list (API.md). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/** A page of a list: `{items, nextCursor}`; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque keyset cursor: the sort key of the last item, base64url-encoded JSON. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a list's sort key is, so a cursor from another list is refused, not queried. */
export type CursorPart = 'string' | 'uuid' | 'timestamp';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const NUL = String.fromCharCode(0);

function fits(value: unknown, part: CursorPart): boolean {
  if (typeof value !== 'string' || value.includes(NUL) || value.length > 300) {
    return false;
  }
  return (
    part === 'string' ||
    (part === 'uuid' ? UUID.test(value) : TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)))
  );
}

/** Decodes a cursor made by `encodeCursor` for a list keyed by `parts`, or answers 400 INVALID_CURSOR. */
export function decodeCursor(
  cursor: string | undefined,
  parts: readonly CursorPart[],
): string[] | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === parts.length &&
      key.every((k, i) => fits(k, parts[i] ?? 'string'))
    ) {
      return key as string[];
    }
  } catch {
    // fall through to the 400
  }
  throw new ApiError(400, 'INVALID_CURSOR', 'The cursor is not one this list gave out.');
}

/** Cuts `limit + 1` fetched rows into a page, with the cursor of the last item kept. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  key: (row: R) => string[],
  map: (row: R) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(map),
    nextCursor: hasMore && last !== undefined ? encodeCursor(key(last)) : null,
  };
}

/**
 * The position a page of a numbered list (revisions, audit events, tree heads) starts after: 0
 * without a cursor, else the number the previous page ended on; another list's cursor is 400.
 */
export function decodeNumberCursor(cursor: string | undefined): number {
  const [after] = decodeCursor(cursor, ['string']) ?? ['0'];
  if (after === undefined || !/^\d{1,10}$/.test(after)) {
    throw new ApiError(400, 'INVALID_CURSOR', 'The cursor is not one this list gave out.');
  }
  return Number(after);
}
