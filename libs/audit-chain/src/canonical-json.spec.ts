import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CanonicalJsonError, canonicalJson, hashCanonical, sha256Hex } from './index.js';

describe('canonicalJson', () => {
  it.each([
    ['sorts keys', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    [
      'sorts nested keys',
      { z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null },
      '{"a":null,"z":{"x":[{"c":2,"d":1}],"y":1}}',
    ],
    ['keeps array order', [3, 1, 2], '[3,1,2]'],
    ['no whitespace', { a: [1, { b: 'c d' }] }, '{"a":[1,{"b":"c d"}]}'],
    ['empty containers', { a: {}, b: [] }, '{"a":{},"b":[]}'],
    ['literals', [true, false, null], '[true,false,null]'],
    ['omits undefined members', { a: undefined, b: 1 }, '{"b":1}'],
    ['integers', [0, -1, 42, 9007199254740991], '[0,-1,42,9007199254740991]'],
    ['negative zero as zero', -0, '0'],
    ['shortest round-trip floats', [4.5, 0.002, 1e30, 1e-27, 0.1], '[4.5,0.002,1e+30,1e-27,0.1]'],
    ['JCS float sample', JSON.parse('333333333.33333329') as number, '333333333.3333333'],
    [
      'escapes quotes, backslash and controls',
      '"\\\n\t\u0001\u001f',
      '"\\"\\\\\\n\\t\\u0001\\u001f"',
    ],
    ['keeps non-ASCII unescaped', 'Sinn Féin € 😀', '"Sinn Féin € 😀"'],
    ['does not escape slash', 'a/b', '"a/b"'],
    [
      'keys by UTF-16 code units, not code points',
      { '\ufb33': 1, '\ud83d\ude00': 2 },
      '{"\ud83d\ude00":2,"\ufb33":1}',
    ],
    ['keys: upper case before lower case', { b: 1, B: 2, a: 3 }, '{"B":2,"a":3,"b":1}'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('matches the RFC 8785 key-sorting example', () => {
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh",' +
        '"1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    ) as unknown;
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const record = input as Record<string, string>;
    const expected = order.map((k) => `${JSON.stringify(k)}:${JSON.stringify(record[k])}`);
    expect(canonicalJson(input)).toBe(`{${expected.join(',')}}`);
  });

  it('matches the RFC 8785 sample document', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', { a: Number.POSITIVE_INFINITY }],
    ['undefined at top level', undefined],
    ['undefined in an array', [1, undefined]],
    ['array hole', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['bigint', { a: 1n }],
    ['function', { a: () => 1 }],
    ['symbol', [Symbol('x')]],
    ['Date', { at: new Date(0) }],
    ['Map', new Map([['a', 1]])],
    ['lone high surrogate', '\ud83d'],
    ['lone low surrogate key', { '\ude00': 1 }],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
  });

  it('refuses cycles but allows shared (acyclic) references', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(CanonicalJsonError);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: 2 });
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });

  it('is stable under key order and round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        const reversed = JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
          v !== null && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        ) as unknown;
        expect(canonicalJson(reversed)).toBe(text);
      }),
    );
  });
});

describe('hashing', () => {
  it('hashes UTF-8 bytes with SHA-256', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('é')).toBe(sha256Hex(new Uint8Array([0xc3, 0xa9])));
  });

  it('hashes the canonical form, so key order does not matter', () => {
    expect(hashCanonical({ a: 1, b: [1, 2] })).toBe(hashCanonical({ b: [1, 2], a: 1 }));
    expect(hashCanonical({ a: 1 })).toBe(sha256Hex('{"a":1}'));
    expect(hashCanonical([1, 2])).not.toBe(hashCanonical([2, 1]));
  });
});
