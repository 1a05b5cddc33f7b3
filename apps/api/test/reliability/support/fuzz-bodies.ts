// Request bodies for the fuzzer: valid ones from the schema, mutated ones, nasty values, bytes that
// are not JSON, wrong content types, empty and oversized bodies, weighted towards the mutated.
import fc from 'fast-check';
import type { Operation } from './openapi.js';
import { toJsonBytes, type Json } from './fuzz-json.js';
import { mutated, validValue, type FuzzTarget } from './fuzz-schema.js';
import { nastyValue } from './fuzz-structures.js';

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

interface BodyPlan {
  readonly mode: string;
  readonly contentType?: string;
  readonly body?: Buffer;
}

export function bodyArb(target: FuzzTarget, op: Operation): fc.Arbitrary<BodyPlan> {
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
