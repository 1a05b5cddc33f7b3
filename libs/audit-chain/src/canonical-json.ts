import { createHash } from 'node:crypto';

/**
 * Thrown when a value cannot be written as canonical JSON (a programming error: the caller tried
 * to hash something that is not plain JSON data).
 */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

/**
 * Writes `value` as canonical JSON, compatible with RFC 8785 (JCS) for the data we hash:
 *
 * - object keys sorted by UTF-16 code units (JavaScript's default string order, as JCS requires);
 * - no insignificant whitespace;
 * - strings and numbers written exactly as ECMAScript's `JSON.stringify` writes them (JCS adopts
 *   that serialisation: shortest round-trip numbers, `-0` as `0`, minimal string escapes);
 * - object members whose value is `undefined` are omitted (as `JSON.stringify` does), so an
 *   optional field that is absent and one that is `undefined` hash the same.
 *
 * Refused with {@link CanonicalJsonError}, because each would make the hash ambiguous or
 * un-recomputable by hand: non-finite numbers, `undefined` at the top level or inside an array
 * (and array holes), bigint, functions, symbols, strings with lone surrogates (not encodable as
 * UTF-8), cycles, and objects that are not plain (`Date`, `Map`, class instances, `Buffer`) —
 * convert dates to ISO strings before hashing.
 *
 * Hash the UTF-8 encoding of the returned string.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set<object>());
}

/** SHA-256 of a string's UTF-8 bytes (or of raw bytes), as 64 lowercase hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  const hash = createHash('sha256');
  if (typeof data === 'string') {
    hash.update(data, 'utf8');
  } else {
    hash.update(data);
  }
  return hash.digest('hex');
}

/** SHA-256 (hex) of the canonical JSON of `value`: the one way Pactroom hashes data. */
export function hashCanonical(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

// A lone surrogate would be written as a \uXXXX escape by JSON.stringify, but it is not a Unicode
// scalar value, so JCS (I-JSON) forbids it; someone re-encoding the text as UTF-8 would lose it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function writeString(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) {
    throw new CanonicalJsonError(`${path}: string contains a lone surrogate`);
  }
  return JSON.stringify(text);
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return writeString(value, path);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError(`${path}: number ${String(value)} is not finite`);
      }
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) {
        return 'null';
      }
      return writeContainer(value, path, ancestors);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new CanonicalJsonError(`${path}: ${typeof value} is not JSON`);
  }
}

function writeContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) {
    throw new CanonicalJsonError(`${path}: cyclic structure`);
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      // An index loop (not map) so holes are visited and refused like undefined.
      for (let i = 0; i < value.length; i++) {
        items.push(write(value[i] as unknown, `${path}[${i}]`, ancestors));
      }
      return `[${items.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new CanonicalJsonError(`${path}: only plain objects can be hashed`);
    }
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    // Default sort compares UTF-16 code units, which is exactly the JCS key order.
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) {
        continue;
      }
      const memberPath = `${path}.${key}`;
      members.push(`${writeString(key, memberPath)}:${write(member, memberPath, ancestors)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
