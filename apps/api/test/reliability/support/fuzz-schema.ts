// Values from the served OpenAPI document: what the schema (and the target's pools of real ids)
// accepts, and those values mutated a little, so most requests get past the first check they meet.
import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Schema } from './openapi.js';
import { Entries, isPlainObject, type Json } from './fuzz-json.js';
import { nastyValue, oddKey } from './fuzz-structures.js';

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

/** What the fuzzer aims at: the served document and pools of values that name real things. */
export interface FuzzTarget {
  readonly doc: OpenApiDocument;
  /** Values that name real things, by name; `<op key>:<name>` overrides `<name>`. */
  readonly pathPools: Readonly<Record<string, readonly string[]>>;
  readonly queryPools: Readonly<Record<string, readonly string[]>>;
  /** Plausible but wrong query values by name (forged cursors), for the fuzzed queries only. */
  readonly queryOddities: Readonly<Record<string, readonly string[]>>;
  readonly bodyPools: Pools;
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
