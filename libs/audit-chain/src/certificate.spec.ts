import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  CERTIFICATE_FORMAT,
  CanonicalJsonError,
  CertificateError,
  buildCertificatePayload,
  canonicalJson,
  certificateHash,
  hashCanonical,
  sha256Hex,
  signCertificate,
  verifyCertificate,
  type CertificateInput,
  type SignedCertificate,
} from './index.js';

const platform = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

const terms = {
  standAsides: [
    { party: 'ld', constituency: 'E14000735', beneficiary: 'lab' },
    { party: 'lab', constituency: 'E14000786', beneficiary: 'ld' },
  ],
  commitments: [{ party: 'lab', text: 'Campaign for voting reform — together' }],
};

const input: CertificateInput = {
  pactId: 'pact-hastings-lewes',
  title: 'Hastings for Lewes',
  election: 'ge2017',
  revision: { number: 2, hash: hashCanonical(terms), terms },
  participants: [
    { localPartyId: 'lp-lab-hastings', party: 'lab', name: 'Hastings & Rye Labour' },
    { localPartyId: 'lp-ld-lewes', party: 'ld', name: 'Lewes Liberal Democrats' },
  ],
  signatures: [
    { localPartyId: 'lp-lab-hastings', revision: 2, signedAt: '2025-03-01T10:00:00.000Z' },
    { localPartyId: 'lp-ld-lewes', revision: 2, signedAt: '2025-03-02T10:00:00.000Z' },
  ],
  approvals: [
    { party: 'lab', region: 'south-east', revision: 2 },
    { party: 'ld', region: 'south-east', revision: 2 },
  ],
  projection: { seats: { lab: { before: 0, after: 1 }, ld: { before: 0, after: 1 } } },
  chainHead: { seq: 7, hash: 'a'.repeat(64) },
  event: 'ratified',
  ratifiedAt: '2025-03-03T10:00:00.000Z',
  terminatedAt: null,
  issuedAt: '2025-03-04T10:00:00.000Z',
};

const signed = signCertificate(buildCertificatePayload(input), platform.privateKey);

describe('agreement certificates', () => {
  it('carry a format tag, the canonical hash and a signature that verifies', () => {
    expect(signed.payload.format).toBe(CERTIFICATE_FORMAT);
    expect(signed.hash).toBe(sha256Hex(canonicalJson(signed.payload)));
    expect(certificateHash(signed.payload)).toBe(signed.hash);
    expect(verifyCertificate(signed, platform.publicKey)).toEqual({ valid: true, problem: null });
  });

  it('survive a JSON round trip with keys in another order', () => {
    const copy = JSON.parse(JSON.stringify(signed)) as SignedCertificate;
    const reordered = {
      ...copy,
      payload: Object.fromEntries(Object.entries(copy.payload).reverse()),
    };
    expect(verifyCertificate(reordered as SignedCertificate, platform.publicKey).valid).toBe(true);
  });

  it('refuse to be built with a revision hash that does not match the terms', () => {
    const bad = { ...input, revision: { ...input.revision, hash: 'b'.repeat(64) } };
    expect(() => buildCertificatePayload(bad)).toThrow(CertificateError);
    expect(() => buildCertificatePayload({ ...input, projection: { x: Number.NaN } })).toThrow(
      CanonicalJsonError,
    );
  });

  it.each([
    ['another key', signed, other.publicKey, 'BAD_SIGNATURE'],
    [
      'an edited payload',
      { ...signed, payload: { ...signed.payload, title: 'Hastings for nothing' } },
      platform.publicKey,
      'HASH_MISMATCH',
    ],
    [
      'edited terms with a matching hash everywhere but the signature',
      (() => {
        const t = { ...terms, commitments: [] };
        const payload = {
          ...signed.payload,
          revision: { number: 2, hash: hashCanonical(t), terms: t },
        };
        return { ...signed, payload, hash: certificateHash(payload) };
      })(),
      platform.publicKey,
      'BAD_SIGNATURE',
    ],
    [
      'terms that do not match the revision hash',
      (() => {
        const payload = { ...signed.payload, revision: { ...signed.payload.revision, terms: {} } };
        return signCertificate(payload, platform.privateKey);
      })(),
      platform.publicKey,
      'REVISION_HASH_MISMATCH',
    ],
    ['an unknown format', { ...signed, algorithm: 'RSA' }, platform.publicKey, 'UNKNOWN_FORMAT'],
  ])('fail with %s', (_name, certificate, key, problem) => {
    expect(verifyCertificate(certificate as SignedCertificate, key)).toEqual({
      valid: false,
      problem,
    });
  });

  const text = Buffer.from(JSON.stringify(signed), 'utf8');

  /** Flips bits of one byte of the served JSON; undefined when the result is not JSON any more. */
  function flipped(position: number, mask: number): SignedCertificate | undefined {
    const bytes = Buffer.from(text);
    bytes[position] = (bytes[position] ?? 0) ^ mask;
    try {
      return JSON.parse(bytes.toString('utf8')) as SignedCertificate;
    } catch {
      return undefined;
    }
  }

  it('fail when any single byte of the served JSON is flipped', () => {
    let parsed = 0;
    for (let position = 0; position < text.length; position++) {
      const certificate = flipped(position, 0x01);
      if (certificate !== undefined) {
        parsed++;
        expect(verifyCertificate(certificate, platform.publicKey).valid).toBe(false);
      }
    }
    // Most flips land inside strings or numbers and still parse: the loop really tested them.
    expect(parsed).toBeGreaterThan(text.length / 2);
  });

  it('fail for any flipped bit anywhere (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), fc.integer({ min: 0, max: 7 }), (p, bit) => {
        const certificate = flipped(p, 1 << bit);
        if (certificate !== undefined) {
          expect(verifyCertificate(certificate, platform.publicKey).valid).toBe(false);
        }
      }),
    );
  });
});
