import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isForbiddenAddress } from './address-rule.js';

describe('isForbiddenAddress', () => {
  it.each([
    '0.0.0.0',
    '0.1.2.3',
    '10.0.0.1',
    '10.255.255.255',
    '100.64.0.1',
    '100.127.255.254',
    '127.0.0.1',
    '127.1.2.3',
    '169.254.169.254',
    '172.16.0.1',
    '172.31.255.255',
    '192.0.0.8',
    '192.0.2.10',
    '192.168.1.1',
    '198.18.0.1',
    '198.51.100.7',
    '203.0.113.9',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '[::1]',
    '::ffff:10.0.0.1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '::10.0.0.1',
    '::8.8.8.8',
    '64:ff9b::10.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b:1::1',
    '2002:0a00:0001::1',
    'fe80::1',
    'fe80::1%eth0',
    'febf::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '2001:db8::1',
    '2001::1',
    '3fff::1',
    '100::1',
    'not-an-address',
    '',
    '1.2.3',
    '256.1.1.1',
  ])('forbids %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '169.253.0.1',
    '192.167.1.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4009:81f::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2002:0808:0808::1',
  ])('allows public unicast %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
  });

  const octet = fc.integer({ min: 0, max: 255 });
  const v4 = (a: number, b: number, c: number, d: number) => `${a}.${b}.${c}.${d}`;

  it('judges every mapped and NAT64 IPv6 form as the IPv4 address it reaches', () => {
    fc.assert(
      fc.property(octet, octet, octet, octet, (a, b, c, d) => {
        const ip = v4(a, b, c, d);
        const hex = (x: number, y: number) => ((x << 8) | y).toString(16);
        const expected = isForbiddenAddress(ip);
        expect(isForbiddenAddress(`::ffff:${ip}`)).toBe(expected);
        expect(isForbiddenAddress(`::ffff:${hex(a, b)}:${hex(c, d)}`)).toBe(expected);
        expect(isForbiddenAddress(`64:ff9b::${ip}`)).toBe(expected);
        expect(isForbiddenAddress(`2002:${hex(a, b)}:${hex(c, d)}::1`)).toBe(expected);
      }),
    );
  });

  it('forbids every address of the private, loopback, link-local and CGNAT ranges', () => {
    fc.assert(
      fc.property(octet, octet, octet, (b, c, d) => {
        expect(isForbiddenAddress(v4(10, b, c, d))).toBe(true);
        expect(isForbiddenAddress(v4(127, b, c, d))).toBe(true);
        expect(isForbiddenAddress(v4(169, 254, c, d))).toBe(true);
        expect(isForbiddenAddress(v4(172, 16 + (b % 16), c, d))).toBe(true);
        expect(isForbiddenAddress(v4(192, 168, c, d))).toBe(true);
        expect(isForbiddenAddress(v4(100, 64 + (b % 64), c, d))).toBe(true);
        expect(isForbiddenAddress(v4(224 + (b % 32), b, c, d))).toBe(true);
      }),
    );
  });

  it('forbids all unique-local, link-local and multicast IPv6', () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(group, group, group, (x, y, z) => {
        const h = (n: number) => n.toString(16);
        expect(isForbiddenAddress(`${h(0xfc00 | (x & 0x1ff))}:${h(y)}::${h(z)}`)).toBe(true);
        expect(isForbiddenAddress(`${h(0xfe80 | (x & 0x3f))}::${h(y)}:${h(z)}`)).toBe(true);
        expect(isForbiddenAddress(`${h(0xff00 | (x & 0xff))}::${h(y)}:${h(z)}`)).toBe(true);
      }),
    );
  });
});

describe('isForbiddenAddress on malformed IPv6', () => {
  it.each(['1::2::3', '12345::1', 'g::1', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '::1.2.3.256'])(
    'forbids %s (fails closed)',
    (ip) => {
      expect(isForbiddenAddress(ip)).toBe(true);
    },
  );
});
