// Nasty structures for the fuzzer's bodies: nesting up to 20,000 deep, arrays past every limit,
// prototype poisoning, keys a client should not be able to send, and mixes of the nasty scalars.
import fc from 'fast-check';
import { Entries, Raw, type Json } from './fuzz-json.js';
import { nastyScalar } from './fuzz-scalars.js';

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
