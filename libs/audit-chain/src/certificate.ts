import { canonicalJson, hashCanonical } from './canonical-json.js';
import { type ChainHead } from './chain.js';
import { signHash, verifyHashSignature, type KeyInput } from './keys.js';

/** Names the certificate layout, so a future layout can be told apart by a hand verifier. */
export const CERTIFICATE_FORMAT = 'pactroom.agreement-certificate/2';

/**
 * What the app fills in for a ratified pact. Nested values are plain JSON the app chooses
 * (participants with names, signatures with signer and time, approvals, a projection snapshot);
 * the certificate fixes only the fields a verifier needs.
 */
export interface CertificateInput {
  readonly pactId: string;
  readonly title: string;
  readonly election: string;
  /**
   * The contest (election) the pact is for: `{id, name, pollingDay}` (polling day null while no
   * election is called). Absent on certificates issued before contests existed.
   */
  readonly contest?: unknown;
  /**
   * On a termination certificate: the last compliance check after nominations (which
   * stand-asides were kept), if one was recorded before the termination.
   */
  readonly compliance?: unknown;
  /**
   * The members' consultations on the ratified revision, per party and region: the outcome
   * (counts, quorum, threshold, passed, blocked; never names) and, when a coordinator approved
   * against it, their recorded reason. Absent when none was held.
   */
  readonly consultations?: unknown;
  /** The ratified revision; `hash` must be SHA-256 of the canonical JSON of `terms`. */
  readonly revision: { readonly number: number; readonly hash: string; readonly terms: unknown };
  readonly participants: readonly unknown[];
  readonly signatures: readonly unknown[];
  readonly approvals: readonly unknown[];
  readonly projection: unknown;
  /**
   * What the certificate attests: the ratification, or (a second certificate) the termination of
   * a ratified pact.
   */
  readonly event: 'ratified' | 'terminated';
  /** The pact's audit chain head as logged in the tree head served with the certificate. */
  readonly chainHead: ChainHead;
  /** ISO 8601 instants; `terminatedAt` is null on a ratification certificate. */
  readonly ratifiedAt: string;
  readonly terminatedAt: string | null;
  readonly issuedAt: string;
}

/** The signed part of a certificate: the input plus its format tag. */
export interface CertificatePayload extends CertificateInput {
  readonly format: typeof CERTIFICATE_FORMAT;
}

/** A certificate as served: payload, its hash, and the platform's Ed25519 signature over the hash. */
export interface SignedCertificate {
  readonly payload: CertificatePayload;
  /** SHA-256 hex of the canonical JSON of `payload`. */
  readonly hash: string;
  readonly algorithm: 'Ed25519';
  /** Base64 signature of the ASCII `hash` (see `signHash`). */
  readonly signature: string;
}

/** Thrown when a certificate is built from inconsistent data (a bug in the caller). */
export class CertificateError extends Error {
  override readonly name = 'CertificateError';
}

/**
 * The canonical certificate payload. Throws {@link CertificateError} if the revision hash does not
 * match its terms, and `CanonicalJsonError` if anything is not plain JSON — both would make a
 * certificate nobody can recompute.
 */
export function buildCertificatePayload(input: CertificateInput): CertificatePayload {
  const payload: CertificatePayload = { ...input, format: CERTIFICATE_FORMAT };
  canonicalJson(payload);
  if (hashCanonical(input.revision.terms) !== input.revision.hash) {
    throw new CertificateError('revision hash does not match its terms');
  }
  return payload;
}

/** SHA-256 hex of the canonical JSON of a certificate payload. */
export function certificateHash(payload: CertificatePayload): string {
  return hashCanonical(payload);
}

/** Hashes and signs a payload with the platform's Ed25519 private key. */
export function signCertificate(
  payload: CertificatePayload,
  privateKey: KeyInput,
): SignedCertificate {
  const hash = certificateHash(payload);
  return { payload, hash, algorithm: 'Ed25519', signature: signHash(hash, privateKey) };
}

/** Why a certificate failed to verify. */
export type CertificateProblem =
  'MALFORMED' | 'UNKNOWN_FORMAT' | 'HASH_MISMATCH' | 'REVISION_HASH_MISMATCH' | 'BAD_SIGNATURE';

/** The outcome of {@link verifyCertificate}. */
export interface CertificateVerification {
  readonly valid: boolean;
  readonly problem: CertificateProblem | null;
}

/**
 * Recomputes a certificate's hash from its payload, checks the revision hash against the terms,
 * and verifies the signature under `publicKey`. Any altered byte of payload, hash or signature
 * fails.
 */
export function verifyCertificate(
  certificate: SignedCertificate,
  publicKey: KeyInput,
): CertificateVerification {
  const fail = (problem: CertificateProblem) => ({ valid: false, problem });
  let hash: string;
  let termsHash: string;
  try {
    hash = certificateHash(certificate.payload);
    termsHash = hashCanonical(certificate.payload.revision.terms);
  } catch {
    return fail('MALFORMED');
  }
  if (certificate.payload.format !== CERTIFICATE_FORMAT || certificate.algorithm !== 'Ed25519') {
    return fail('UNKNOWN_FORMAT');
  }
  if (hash !== certificate.hash) {
    return fail('HASH_MISMATCH');
  }
  if (termsHash !== certificate.payload.revision.hash) {
    return fail('REVISION_HASH_MISMATCH');
  }
  if (!verifyHashSignature(certificate.hash, certificate.signature, publicKey)) {
    return fail('BAD_SIGNATURE');
  }
  return { valid: true, problem: null };
}
