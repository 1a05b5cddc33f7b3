// Paths and query strings for the fuzzer: parameters from the pools of real ids, numbers as text,
// nasty strings percent-encoded, broken escapes and invalid UTF-8 already encoded, and unknown,
// repeated or bracketed query parameters.
import fc from 'fast-check';
import type { Operation } from './openapi.js';
import type { FuzzTarget } from './fuzz-schema.js';
import { nastyString } from './fuzz-scalars.js';
import { oddKey } from './fuzz-structures.js';

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes the UTF-8 bytes of a string (lone surrogates become U+FFFD's bytes). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += UNRESERVED.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Already-encoded junk for paths and query strings: broken escapes, invalid UTF-8, dot segments. */
export const RAW_URL_PIECES: readonly string[] = [
  '%',
  '%zz',
  '%2',
  '%ED%A0%80',
  '%C0%80',
  '%FF',
  '%00',
  '%2F',
  '%5C',
  '..',
  '.',
  '%2e%2e',
  '%252e',
  '%20',
  '+',
  ';x=1',
  'a%2Fb',
  '%E2%80%AE',
  '%F0%9F%98%80',
];

/** A path or query value: from the pool, random or nasty strings, numbers as text, raw junk. */
export function urlValue(pool: readonly string[], uuidLike: boolean): fc.Arbitrary<string> {
  const fromPool = pool.length > 0 ? fc.constantFrom(...pool).map(percentEncode) : fc.constant('x');
  return fc.oneof(
    { weight: 8, arbitrary: fromPool },
    { weight: uuidLike ? 2 : 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          '0',
          '-1',
          '1e3',
          '1.5',
          '99999999',
          '00000001',
          '0x1',
          '1e308',
          'NaN',
          'Infinity',
          '-0',
          ' 1',
          '١',
          'true',
          '[]',
          '{}',
          '201',
          '1000001',
          '2147483648',
        )
        .map(percentEncode),
    },
    { weight: 2, arbitrary: nastyString.filter((s) => s.length < 2_000).map(percentEncode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_URL_PIECES) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 6_000 }).map((n) => 'a'.repeat(n)) },
  );
}

const poolOf = <T>(pools: Readonly<Record<string, readonly T[]>>, op: Operation, name: string) =>
  pools[`${op.key}:${name}`] ?? pools[name] ?? [];

export function pathArb(target: FuzzTarget, op: Operation): fc.Arbitrary<string> {
  const params = op.pathParams.map((p) =>
    urlValue(poolOf(target.pathPools, op, p.name), p.name === 'id').map(
      (value) => [p.name, value] as const,
    ),
  );
  return fc.tuple(...params).map((values) => {
    let path = op.path;
    for (const [name, value] of values) {
      path = path.replace(`{${name}}`, value);
    }
    return path;
  });
}

/** A path with every parameter taken from its pool (for wrong-method requests). */
export function validPathArb(target: FuzzTarget, op: Operation): fc.Arbitrary<string> {
  const params = op.pathParams.map((p) => {
    const pool = poolOf(target.pathPools, op, p.name);
    return (pool.length > 0 ? fc.constantFrom(...pool) : fc.constant('x')).map(
      (value) => [p.name, percentEncode(value)] as const,
    );
  });
  return fc.tuple(...params).map((values) => {
    let path = op.path;
    for (const [name, value] of values) {
      path = path.replace(`{${name}}`, value);
    }
    return path;
  });
}

/** Only documented parameters with values from their pools (so the request gets past validation). */
function validQueryArb(target: FuzzTarget, op: Operation): fc.Arbitrary<string> {
  const params = op.queryParams.map((p) => {
    const pool = poolOf(target.queryPools, op, p.name);
    return fc
      .tuple(
        fc.double({ min: 0, max: 1, noNaN: true }),
        pool.length > 0 ? fc.constantFrom(...pool) : fc.constant(''),
      )
      .map(([roll, value]) =>
        pool.length === 0 || roll > (p.required === true ? 1 : 0.5)
          ? []
          : [`${p.name}=${percentEncode(value)}`],
      );
  });
  return fc.tuple(...params).map((parts) => {
    const all = parts.flat();
    return all.length > 0 ? `?${all.join('&')}` : '';
  });
}

/** Documented parameters with any values (wrong types, out of range, repeated), unknown ones. */
function fuzzedQueryArb(target: FuzzTarget, op: Operation): fc.Arbitrary<string> {
  const params = op.queryParams.map((p) => {
    const pool = [
      ...poolOf(target.queryPools, op, p.name),
      ...poolOf(target.queryOddities, op, p.name),
    ];
    const value = urlValue(pool, false);
    return fc
      .tuple(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(value, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('plain', 'plain', 'plain', 'plain', 'plain', 'plain', 'repeat', 'bracket'),
      )
      .map(([roll, values, style]) => {
        if (roll > (p.required === true ? 0.9 : 0.55)) {
          return [];
        }
        const key = style === 'bracket' ? `${p.name}%5B%5D` : p.name;
        const used = style === 'repeat' ? values : values.slice(0, 1);
        return used.map((v) => `${key}=${v}`);
      });
  });
  const extra = fc.oneof(
    { weight: 9, arbitrary: fc.constant<string[]>([]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(oddKey.map(percentEncode), urlValue([], false))
        .map(([k, v]) => [`${k}=${v}`]),
    },
    { weight: 1, arbitrary: fc.constantFrom(['a[b]=c'], ['&&&'], ['=x'], ['limit'], ['%']) },
  );
  return fc.tuple(fc.tuple(...params), extra).map(([parts, more]) => {
    const all = [...parts.flat(), ...more];
    return all.length > 0 ? `?${all.join('&')}` : '';
  });
}

export function queryArb(target: FuzzTarget, op: Operation): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: validQueryArb(target, op) },
    { weight: 3, arbitrary: fuzzedQueryArb(target, op) },
  );
}
