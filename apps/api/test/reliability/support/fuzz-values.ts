import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Operation, type Schema } from './openapi.js';

// ── JSON with the parts JSON.stringify cannot write ─────────────────────────────────────────────

/** A fragment written to the body byte for byte: `-0`, `1e309`, invalid UTF-8, deep nesting. */
export class Raw {
  constructor(readonly bytes: Buffer) {}

  static text(text: string): Raw {
    return new Raw(Buffer.from(text, 'utf8'));
  }
}

/** An object written as these pairs in order: duplicate keys, `__proto__` as a plain key. */
export class Entries {
  constructor(readonly pairs: readonly (readonly [string, Json])[]) {}
}

export type Json =
  | null
  | boolean
  | number
  | string
  | Raw
  | Entries
  | readonly Json[]
  | { readonly [key: string]: Json };

const isPlainObject = (v: Json): v is { readonly [key: string]: Json } =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Raw) &&
  !(v instanceof Entries);

/** The JSON text of a value, as bytes. */
export function toJsonBytes(value: Json): Buffer {
  const out: Buffer[] = [];
  const text = (s: string) => out.push(Buffer.from(s, 'utf8'));
  const write = (v: Json): void => {
    if (v instanceof Raw) {
      out.push(v.bytes);
    } else if (v instanceof Entries) {
      text('{');
      v.pairs.forEach(([key, item], i) => {
        text(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
        write(item);
      });
      text('}');
    } else if (Array.isArray(v)) {
      text('[');
      (v as readonly Json[]).forEach((item, i) => {
        if (i > 0) {
          text(',');
        }
        write(item);
      });
      text(']');
    } else if (isPlainObject(v)) {
      write(new Entries(Object.entries(v)));
    } else {
      text(JSON.stringify(v));
    }
  };
  write(value);
  return Buffer.concat(out);
}

/** A short, printable description of a body for failure reports. */
export function describeBytes(bytes: Buffer | undefined, max = 400): string {
  if (bytes === undefined) {
    return '(no body)';
  }
  const text = bytes.toString('utf8');
  const shown = text.length > max ? `${text.slice(0, max)}… (${bytes.length} bytes)` : text;
  return JSON.stringify(shown);
}

// ── Nasty values ─────────────────────────────────────────────────────────────────────────────────

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\udfff\ud800',
  'x\ud83d',
  '\ufeff',
  '\u202eevil',
  '\u200b',
  'e\u0301\u0301\u0301',
  '🏳️‍🌈👨‍👩‍👧‍👦',
  '\r\n\t\v\f\b',
  '\u2028\u2029',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'true',
  'undefined',
  '[object Object]',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '%s%n%x',
  '${7*7}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  'admin@pactroom.test',
  'ADMIN@PACTROOM.TEST',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '2027-02-30T25:61:61Z',
  '+275760-09-13T00:00:00.000Z',
  '0000-00-00T00:00:00Z',
  '1970-01-01T00:00:00Z',
  'E14000735\u0000',
  'ge2017 ',
  'LAB',
  'lab,ld,'.repeat(20),
  'a'.repeat(255),
];

/** Strings up to 100 kB: ASCII, multi-byte, NUL and lone surrogates repeated. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('x', 'é', '𝄞', '\u0000', 'ab\ud800', '\u202e', 'lab,'),
    fc.integer({ min: 1_000, max: 100_000 }),
  )
  .map(([unit, n]) => unit.repeat(Math.max(1, Math.floor(n / unit.length))));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), loneSurrogate, fc.string({ maxLength: 10 }))
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: hugeString },
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      0,
      -1,
      1.5,
      0.1,
      2 ** 31 - 1,
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 32,
      2 ** 53,
      2 ** 53 + 2,
      -(2 ** 63),
      1e21,
      1e308,
      -1e308,
      Number.MIN_VALUE,
      1_000_001,
      20_001,
      201,
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** Number literals JSON.stringify cannot write; some are not JSON at all (→ 400 INVALID_JSON). */
export const rawNumber: fc.Arbitrary<Raw> = fc
  .constantFrom(
    '-0',
    '-0.0',
    '1e309',
    '-1e309',
    '1e-400',
    `1${'0'.repeat(400)}`,
    `0.${'0'.repeat(500)}1`,
    '1E2',
    '1.0',
    '01',
    '+1',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '.5',
    '1.',
    '1e',
  )
  .map(Raw.text);

/** Strings sent as raw bytes that are not valid UTF-8 (overlong NUL, CESU surrogate, 0xFF…). */
export const invalidUtf8String: fc.Arbitrary<Raw> = fc
  .constantFrom(
    [0xc0, 0x80],
    [0xed, 0xa0, 0x80],
    [0xed, 0xbf, 0xbf],
    [0xff],
    [0xfe, 0xff],
    [0xe2, 0x82],
    [0xf4, 0x90, 0x80, 0x80],
    [0x61, 0x00, 0x62],
  )
  .map((bytes) => new Raw(Buffer.concat([Buffer.from('"'), Buffer.from(bytes), Buffer.from('"')])));

/** Nesting 50 to 20,000 levels deep, as arrays, objects or both. */
export const deepNesting: fc.Arbitrary<Raw> = fc
  .tuple(fc.constantFrom(50, 64, 129, 1_000, 5_000, 20_000), fc.constantFrom('[', '{', 'mixed'))
  .map(([depth, kind]) => {
    const open: string[] = [];
    const close: string[] = [];
    for (let i = 0; i < depth; i++) {
      const array = kind === '[' || (kind === 'mixed' && i % 2 === 0);
      open.push(array ? '[' : '{"a":');
      close.push(array ? ']' : '}');
    }
    return Raw.text(`${open.join('')}1${close.reverse().join('')}`);
  });

export const bigArray: fc.Arbitrary<Raw> = fc
  .integer({ min: 700, max: 30_000 })
  .map((n) => Raw.text(`[${new Array<string>(n).fill('0').join(',')}]`));

export const protoPoison: fc.Arbitrary<Raw> = fc
  .constantFrom(
    '{"__proto__":{"isAdmin":true,"role":"admin"}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '{"__proto__":null}',
    '{"prototype":{"x":1}}',
  )
  .map(Raw.text);

/** Keys a client should not be able to send: mass assignment, prototype keys, odd names. */
export const oddKey: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      'status',
      'id',
      'role',
      'version',
      'createdAt',
      'updatedAt',
      'userId',
      'createdBy',
      'isAdmin',
      'disabledAt',
      'passwordHash',
      'currentRevision',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      '',
      ' ',
      '\u0000',
      '\ud800',
      'email ',
      'EMAIL',
      'a'.repeat(1_000),
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

export const nastyScalar: fc.Arbitrary<Json> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 2, arbitrary: rawNumber },
  { weight: 6, arbitrary: nastyString },
  { weight: 1, arbitrary: invalidUtf8String },
);

export const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 12, arbitrary: nastyScalar },
  { weight: 2, arbitrary: fc.array(nastyScalar, { maxLength: 5 }) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(oddKey, nastyScalar), { maxLength: 4 })
      .map((pairs) => new Entries(pairs)),
  },
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: bigArray },
  { weight: 1, arbitrary: protoPoison },
);

// ── Values from the documented schema ───────────────────────────────────────────────────────────

/** Known-good values by property or parameter name (ids of real fixtures, codes, hashes). */
export type Pools = Readonly<Record<string, readonly Json[]>>;

/** A value the schema (and, through the pools, the data) accepts, more or less. */
export function validValue(
  doc: OpenApiDocument,
  schema: Schema | undefined,
  name: string,
  pools: Pools,
  depth = 0,
): fc.Arbitrary<Json> {
  const pool = pools[name];
  if (pool !== undefined && pool.length > 0) {
    return fc.constantFrom(...pool);
  }
  const s = resolve(doc, schema);
  if (s.enum !== undefined && s.enum.length > 0) {
    return fc.constantFrom(...(s.enum as Json[]));
  }
  if (s.oneOf !== undefined && s.oneOf.length > 0) {
    return fc.oneof(...s.oneOf.map((o) => validValue(doc, o, name, pools, depth + 1)));
  }
  if (depth > 6) {
    return fc.constant(null);
  }
  if (s.type === 'array') {
    return fc.array(validValue(doc, s.items, `${name}[]`, pools, depth + 1), {
      minLength: 1,
      maxLength: 3,
    });
  }
  if (s.type === 'object' || s.properties !== undefined) {
    const props = s.properties ?? {};
    const model: Record<string, fc.Arbitrary<Json>> = {};
    for (const [key, prop] of Object.entries(props)) {
      model[key] = validValue(doc, prop, key, pools, depth + 1);
    }
    const record = fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    if (typeof s.additionalProperties === 'object' && Object.keys(props).length === 0) {
      return fc.dictionary(
        fc.constantFrom('lab', 'ld', 'green', 'con'),
        validValue(doc, s.additionalProperties, `${name}{}`, pools, depth + 1),
        { maxKeys: 3 },
      );
    }
    return record;
  }
  if (s.type === 'string') {
    if (s.format === 'uuid') {
      return fc.uuid();
    }
    if (typeof s.example === 'string') {
      return fc.constant(s.example);
    }
    return fc.string({ minLength: s.minLength ?? 1, maxLength: Math.max(s.minLength ?? 1, 24) });
  }
  if (s.type === 'number' || s.type === 'integer') {
    const min = s.minimum ?? 0;
    const max = Math.min(s.maximum ?? 1_000, min + 1_000);
    return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  }
  if (s.type === 'boolean') {
    return fc.boolean();
  }
  return fc.oneof(fc.constant({}), fc.constant('x'), fc.constant(1));
}

// ── Mutations ────────────────────────────────────────────────────────────────────────────────────

type Path = readonly (string | number)[];

function nodes(value: Json, path: Path = [], out: [Path, Json][] = []): [Path, Json][] {
  out.push([path, value]);
  if (Array.isArray(value)) {
    (value as readonly Json[]).forEach((item, i) => nodes(item, [...path, i], out));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      nodes(item, [...path, key], out);
    }
  }
  return out;
}

function setAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) {
    return value;
  }
  const [head, ...rest] = path;
  if (Array.isArray(root) && typeof head === 'number') {
    const copy = [...(root as readonly Json[])];
    copy[head] = setAt(copy[head] ?? null, rest, value);
    return copy;
  }
  if (isPlainObject(root) && typeof head === 'string') {
    return { ...root, [head]: setAt(root[head] ?? null, rest, value) };
  }
  return root;
}

type Mutation =
  | { kind: 'drop'; at: number; key: number }
  | { kind: 'add'; at: number; key: string; value: Json }
  | { kind: 'duplicate'; at: number; key: number; value: Json }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'retype'; at: number }
  | { kind: 'wrap'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('drop'), at: fc.nat(), key: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('add'),
      at: fc.nat(),
      key: oddKey,
      value: nastyValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('duplicate'),
      at: fc.nat(),
      key: fc.nat(),
      value: nastyValue,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('replace'), at: fc.nat(), value: nastyValue }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('retype'), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap'), at: fc.nat() }) },
);

/** The same value in another JSON type: "1" for 1, 1 for "1", {} for [], "true" for true… */
function retyped(value: Json): Json {
  if (typeof value === 'string') {
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value === '' ? 0 : [value];
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (typeof value === 'boolean') {
    return String(value);
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return { ...(value as readonly Json[]) };
  }
  if (isPlainObject(value)) {
    return Object.values(value);
  }
  return null;
}

function applyMutation(root: Json, m: Mutation): Json {
  const all = nodes(root);
  const objects = all.filter(([, v]) => isPlainObject(v));
  switch (m.kind) {
    case 'drop':
    case 'duplicate':
    case 'add': {
      const picked = objects[m.at % Math.max(1, objects.length)];
      if (picked === undefined) {
        return m.kind === 'add' ? new Entries([[m.key, m.value]]) : root;
      }
      const [path, node] = picked as [Path, { readonly [key: string]: Json }];
      const entries = Object.entries(node);
      if (m.kind === 'add') {
        return setAt(root, path, new Entries([...entries, [m.key, m.value]]));
      }
      const victim = entries[m.key % Math.max(1, entries.length)];
      if (victim === undefined) {
        return root;
      }
      if (m.kind === 'drop') {
        return setAt(root, path, Object.fromEntries(entries.filter(([k]) => k !== victim[0])));
      }
      return setAt(root, path, new Entries([...entries, [victim[0], m.value]]));
    }
    case 'replace':
    case 'retype':
    case 'wrap': {
      const [path, node] = all[m.at % all.length] ?? [[], root];
      const value = m.kind === 'replace' ? m.value : m.kind === 'retype' ? retyped(node) : [node];
      return setAt(root, path, value);
    }
  }
}

/** A valid value with one to three mutations: dropped, added, duplicated, replaced, retyped fields. */
export function mutated(valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc
    .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([value, mutations]) => mutations.reduce(applyMutation, value));
}

// ── Bodies, paths and query strings ─────────────────────────────────────────────────────────────

export const INVALID_JSON_TEXTS: readonly string[] = [
  '{',
  '}',
  '{"a":',
  '{"a":1,}',
  '[1,]',
  "{'a':1}",
  '{"a":undefined}',
  'undefined',
  'NaN',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":-}',
  'nul',
  'tru',
  '"unterminated',
  '{"a":"\\x41"}',
  '{"a":"\\u00"}',
  '{"a":"\\ud800"}',
  '{"a":"\\udc00\\ud800"}',
  '\ufeff{}',
  '{}garbage',
  '{} {}',
  '// comment\n{}',
  '{"a":1}\u0000',
  '\u0000',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '[]',
  '"string"',
  '123',
  'null',
  'true',
  ' ',
  '\n\n',
  '{"email":"a@b.c","email":"d@e.f"}',
];

const invalidJsonBytes: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...INVALID_JSON_TEXTS).map((s) => Buffer.from(s)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
      Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
      Buffer.concat([
        Buffer.from('{"email":"'),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('"}'),
      ]),
      Buffer.concat([Buffer.from('{"'), Buffer.from([0xc0, 0x80]), Buffer.from('":1}')]),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((a) => Buffer.from(a)),
  },
);

export const WRONG_CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json;charset=UTF-8',
  'APPLICATION/JSON',
  'application/merge-patch+json',
  'application/vnd.api+json',
  'application/jsonx',
  'application/json, text/plain',
  '*/*',
  'application/octet-stream',
  'json',
  'application/json; boundary=x',
  'text/html; charset=utf-8',
  ';',
];

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

/** Header values must be latin-1 without controls (except tab), or node refuses to send them. */
export const headerSafe = (value: string): string => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

export interface FuzzRequest {
  readonly pair: number;
  readonly sample: number;
  readonly op: string;
  readonly caller: string;
  readonly mode: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

export interface FuzzTarget {
  readonly doc: OpenApiDocument;
  /** Values that name real things, by name; `<op key>:<name>` overrides `<name>`. */
  readonly pathPools: Readonly<Record<string, readonly string[]>>;
  readonly queryPools: Readonly<Record<string, readonly string[]>>;
  /** Plausible but wrong query values by name (forged cursors), for the fuzzed queries only. */
  readonly queryOddities: Readonly<Record<string, readonly string[]>>;
  readonly bodyPools: Pools;
}

const poolOf = <T>(pools: Readonly<Record<string, readonly T[]>>, op: Operation, name: string) =>
  pools[`${op.key}:${name}`] ?? pools[name] ?? [];

function pathArb(target: FuzzTarget, op: Operation): fc.Arbitrary<string> {
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
function validPathArb(target: FuzzTarget, op: Operation): fc.Arbitrary<string> {
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

function queryArb(target: FuzzTarget, op: Operation): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: validQueryArb(target, op) },
    { weight: 3, arbitrary: fuzzedQueryArb(target, op) },
  );
}

interface BodyPlan {
  readonly mode: string;
  readonly contentType?: string;
  readonly body?: Buffer;
}

function bodyArb(target: FuzzTarget, op: Operation): fc.Arbitrary<BodyPlan> {
  const json = (mode: string) => (value: Json) => ({
    mode,
    contentType: 'application/json',
    body: toJsonBytes(value),
  });
  const oversized = fc.constant({
    mode: 'oversized',
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify({ name: 'x'.repeat(1_100_000) })),
  });
  const raw = invalidJsonBytes.map((body) => ({
    mode: 'invalid-json',
    contentType: 'application/json',
    body,
  }));
  const wrongType = fc
    .tuple(
      fc.constantFrom(...WRONG_CONTENT_TYPES),
      fc.constantFrom('{"a":1}', 'a=1&b=2', '<x/>', 'hello', ''),
    )
    .map(([contentType, text]) => ({
      mode: 'content-type',
      contentType,
      body: Buffer.from(text),
    }));
  const empty = fc.constantFrom<BodyPlan>(
    { mode: 'empty', contentType: 'application/json', body: Buffer.alloc(0) },
    { mode: 'empty' },
    { mode: 'empty', contentType: 'application/json' },
  );
  if (op.body === undefined) {
    return fc.oneof(
      { weight: 18, arbitrary: fc.constant<BodyPlan>({ mode: 'none' }) },
      { weight: 1, arbitrary: nastyValue.map(json('unexpected-body')) },
      { weight: 1, arbitrary: raw },
    );
  }
  const valid = validValue(target.doc, op.body, 'body', target.bodyPools);
  return fc.oneof(
    { weight: 30, arbitrary: valid.map(json('valid')) },
    { weight: 90, arbitrary: mutated(valid).map(json('mutated')) },
    { weight: 20, arbitrary: nastyValue.map(json('nasty')) },
    { weight: 20, arbitrary: raw },
    { weight: 10, arbitrary: wrongType },
    { weight: 10, arbitrary: empty },
    { weight: 1, arbitrary: oversized },
  );
}

const idempotencyKey: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', 'a b', 'é', 'k'.repeat(201), 'k'.repeat(5_000), '\t'),
  },
);

const requestId: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('trace-123', 'a b', 'x'.repeat(65), 'é', '../x', '%00'),
  },
);

/** One request to `op` as this caller, with the Authorization header the caller arbitrary gives. */
export function requestArb(
  target: FuzzTarget,
  op: Operation,
  caller: { name: string; authorization: fc.Arbitrary<string | undefined> },
): fc.Arbitrary<Omit<FuzzRequest, 'pair' | 'sample'>> {
  const takesIdempotency = op.headerParams.some((h) => h.name.toLowerCase() === 'idempotency-key');
  return fc
    .record({
      path: pathArb(target, op),
      query: queryArb(target, op),
      body: bodyArb(target, op),
      authorization: caller.authorization,
      idempotencyKey: takesIdempotency ? idempotencyKey : fc.constant(undefined),
      requestId,
    })
    .map(({ path, query, body, authorization, idempotencyKey: key, requestId: rid }) => {
      const headers: Record<string, string> = {};
      if (authorization !== undefined) {
        headers.authorization = headerSafe(authorization);
      }
      if (body.contentType !== undefined) {
        headers['content-type'] = body.contentType;
      }
      if (key !== undefined) {
        headers['idempotency-key'] = headerSafe(key);
      }
      if (rid !== undefined) {
        headers['x-request-id'] = headerSafe(rid);
      }
      return {
        op: op.key,
        caller: caller.name,
        mode: body.mode,
        method: op.method,
        path: `${path}${query}`,
        headers,
        body: body.body,
      };
    });
}

const STRAY_PATHS: readonly string[] = [
  '/',
  '/api',
  '/api/',
  '/api/nowhere',
  '/API/ME',
  '/api/me/',
  '//api//me',
  '/api/../api/me',
  '/api/%2e%2e/api/me',
  '/api/pacts/%2e%2e/users',
  '/api/pacts/00000000-0000-4000-8000-000000000000/nope',
  '/api/users/%00',
  '/api/pacts/%ED%A0%80',
  '/api/elections/%FF/constituencies',
  '/api/me%00',
  '/favicon.ico',
  '/api/docs-json/x',
  `/api/${'a/'.repeat(500)}`,
];

/** Documented paths with undocumented methods, and paths nobody documented. */
export function strayArb(
  target: FuzzTarget,
  ops: readonly Operation[],
  caller: { name: string; authorization: fc.Arbitrary<string | undefined> },
): fc.Arbitrary<Omit<FuzzRequest, 'pair' | 'sample'>> {
  const documented = new Set(ops.map((o) => o.key));
  const wrongMethod = fc
    .tuple(
      fc.constantFrom(...ops),
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    )
    .filter(([op, method]) => !documented.has(`${method} ${op.path}`))
    .chain(([op, method]) => validPathArb(target, op).map((path) => ({ method, path })));
  const unknownPath = fc
    .tuple(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      fc.oneof(
        fc.constantFrom(...STRAY_PATHS),
        fc
          .array(urlValue([], false), { minLength: 1, maxLength: 4 })
          .map((segments) => `/api/${segments.join('/')}`),
      ),
    )
    .map(([method, path]) => ({ method, path }));
  return fc
    .record({
      target: fc.oneof(wrongMethod, unknownPath),
      authorization: caller.authorization,
      body: fc.option(nastyValue, { nil: undefined }),
    })
    .map(({ target: where, authorization, body }) => {
      const headers: Record<string, string> = {};
      if (authorization !== undefined) {
        headers.authorization = headerSafe(authorization);
      }
      const withBody = body !== undefined && where.method !== 'GET';
      if (withBody) {
        headers['content-type'] = 'application/json';
      }
      return {
        op: 'stray',
        caller: caller.name,
        mode: 'stray',
        method: where.method,
        path: where.path,
        headers,
        body: withBody ? toJsonBytes(body) : undefined,
      };
    });
}

/** Malformed Authorization headers. */
export const badAuthorization: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Bearer not.a.jwt',
    'Bearer a.b.c',
    'Bearer ....',
    'Basic YWRtaW46cGFjdHJvb20tZGVtbw==',
    'bearer',
    'Token abc',
    'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    `Bearer ${'a'.repeat(4_000)}`,
    'Bearer \t',
  ),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => `Bearer ${s}`),
);
