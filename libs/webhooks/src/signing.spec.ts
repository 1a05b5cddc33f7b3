import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  generateSecret,
  signMessage,
  signature,
  verify,
  WebhookVerificationError,
} from './signing.js';
import { rotateSecrets, validSecrets } from './secrets.js';

// The test vector of the Standard Webhooks reference libraries (standard-webhooks/standard-webhooks).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT_VECTOR = new Date(VECTOR.timestamp * 1000);

describe('Standard Webhooks signing', () => {
  it('reproduces the reference libraries’ known signature', () => {
    expect(signature(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(
      VECTOR.signature,
    );
    const headers = signMessage([VECTOR.secret], VECTOR.id, VECTOR.timestamp, VECTOR.body);
    expect(headers).toEqual({
      'webhook-id': VECTOR.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': VECTOR.signature,
    });
    expect(verify(VECTOR.secret, headers, VECTOR.body, AT_VECTOR)).toEqual({
      id: VECTOR.id,
      timestamp: VECTOR.timestamp,
    });
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const a = generateSecret(randomBytes(32));
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret(randomBytes(32))).not.toBe(a);
  });

  it('sends one signature per valid secret, space separated, and either verifies', () => {
    const older = generateSecret(randomBytes(32));
    const newer = generateSecret(randomBytes(32));
    const headers = signMessage([newer, older], 'evt_1', VECTOR.timestamp, '{}');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => verify(older, headers, '{}', AT_VECTOR)).not.toThrow();
    expect(() => verify(newer, headers, '{}', AT_VECTOR)).not.toThrow();
    expect(() => verify(generateSecret(randomBytes(32)), headers, '{}', AT_VECTOR)).toThrow(
      WebhookVerificationError,
    );
  });

  it('refuses a changed body, id or timestamp, a stale or future timestamp, missing headers', () => {
    const headers = signMessage([VECTOR.secret], VECTOR.id, VECTOR.timestamp, VECTOR.body);
    expect(() => verify(VECTOR.secret, headers, VECTOR.body + ' ', AT_VECTOR)).toThrow(
      'no matching signature',
    );
    expect(() =>
      verify(VECTOR.secret, { ...headers, 'webhook-id': 'msg_other' }, VECTOR.body, AT_VECTOR),
    ).toThrow('no matching signature');
    expect(() =>
      verify(
        VECTOR.secret,
        { ...headers, 'webhook-timestamp': '1614265331' },
        VECTOR.body,
        AT_VECTOR,
      ),
    ).toThrow('no matching signature');
    const late = new Date((VECTOR.timestamp + 301) * 1000);
    const early = new Date((VECTOR.timestamp - 301) * 1000);
    expect(() => verify(VECTOR.secret, headers, VECTOR.body, late)).toThrow('tolerance');
    expect(() => verify(VECTOR.secret, headers, VECTOR.body, early)).toThrow('tolerance');
    expect(() =>
      verify(VECTOR.secret, headers, VECTOR.body, new Date((VECTOR.timestamp + 300) * 1000)),
    ).not.toThrow();
    expect(() =>
      verify(VECTOR.secret, { 'webhook-id': VECTOR.id }, VECTOR.body, AT_VECTOR),
    ).toThrow('missing header webhook-timestamp');
    expect(() =>
      verify(VECTOR.secret, { ...headers, 'webhook-signature': 'v2,abc' }, VECTOR.body, AT_VECTOR),
    ).toThrow('no matching signature');
  });
});

describe('secret rotation', () => {
  const t0 = new Date('2026-12-01T10:00:00Z');
  const hours = (n: number) => new Date(t0.getTime() + n * 3_600_000);

  it('keeps the previous secret valid for 24 hours, then only the new one', () => {
    const first = [{ secret: 'whsec_AAAA', createdAt: hours(-48).toISOString(), expiresAt: null }];
    const rotated = rotateSecrets(first, 'whsec_BBBB', t0);
    expect(validSecrets(rotated, hours(1))).toEqual(['whsec_BBBB', 'whsec_AAAA']);
    expect(validSecrets(rotated, hours(23.9))).toEqual(['whsec_BBBB', 'whsec_AAAA']);
    expect(validSecrets(rotated, hours(24))).toEqual(['whsec_BBBB']);
  });

  it('never extends an expiry and drops expired secrets on the next rotation', () => {
    const first = [{ secret: 'whsec_AAAA', createdAt: hours(-48).toISOString(), expiresAt: null }];
    const once = rotateSecrets(first, 'whsec_BBBB', t0);
    const twice = rotateSecrets(once, 'whsec_CCCC', hours(2));
    expect(twice.find((s) => s.secret === 'whsec_AAAA')?.expiresAt).toBe(hours(24).toISOString());
    const later = rotateSecrets(twice, 'whsec_DDDD', hours(30));
    expect(later.map((s) => s.secret)).toEqual(['whsec_DDDD', 'whsec_CCCC']);
  });
});
