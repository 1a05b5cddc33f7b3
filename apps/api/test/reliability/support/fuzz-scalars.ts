// Nasty scalars for the fuzzer's bodies: strings with NUL, lone surrogates, bidi overrides,
// injection probes or 100 kB of text; numbers at the edges of int32, int53 and double; number
// literals JSON.stringify cannot write; strings whose bytes are not UTF-8.
import fc from 'fast-check';
import { Raw, type Json } from './fuzz-json.js';

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

export const nastyScalar: fc.Arbitrary<Json> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 2, arbitrary: rawNumber },
  { weight: 6, arbitrary: nastyString },
  { weight: 1, arbitrary: invalidUtf8String },
);
