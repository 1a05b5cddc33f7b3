import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** An Ed25519 key as a `KeyObject` or a PEM string (PKCS#8 private, SPKI public). */
export type KeyInput = KeyObject | string;

/** Thrown for a key that is not an Ed25519 key of the expected kind (a configuration error). */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

/** The Ed25519 private key in `key`; throws {@link SigningKeyError} for anything else. */
export function toPrivateKey(key: KeyInput): KeyObject {
  const object = typeof key === 'string' ? createPrivateKey(key) : key;
  if (object.type !== 'private' || object.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError('expected an Ed25519 private key');
  }
  return object;
}

/**
 * The Ed25519 public key in `key`. A private key is accepted too (its public half is derived), so
 * a verifier can be handed the same configuration as the signer.
 */
export function toPublicKey(key: KeyInput): KeyObject {
  let object: KeyObject;
  if (typeof key === 'string') {
    object = createPublicKey(key);
  } else if (key.type === 'private') {
    object = createPublicKey(key);
  } else {
    object = key;
  }
  if (object.type !== 'public' || object.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError('expected an Ed25519 public key');
  }
  return object;
}

/** The public key as an SPKI PEM string, for `GET /api/audit/checkpoints`. */
export function publicKeyPem(key: KeyInput): string {
  return toPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

/**
 * Ed25519 signature (base64) over the ASCII bytes of a 64-hex-digit hash. Signing the hash rather
 * than the whole document keeps hand verification simple (`openssl pkeyutl -verify -rawin` on the
 * hash text) and is as strong as the hash.
 */
export function signHash(hash: string, privateKey: KeyInput): string {
  return sign(null, Buffer.from(hash, 'utf8'), toPrivateKey(privateKey)).toString('base64');
}

/** True when `signature` (base64) is a valid Ed25519 signature of `hash` under `publicKey`. */
export function verifyHashSignature(hash: string, signature: string, publicKey: KeyInput): boolean {
  const key = toPublicKey(publicKey);
  // Verifiers run on data read back from storage or a client: never trust its shape.
  if (typeof hash !== 'string' || typeof signature !== 'string') {
    return false;
  }
  const bytes = Buffer.from(signature, 'base64');
  // Buffer.from silently drops invalid base64; a re-encoding mismatch means the text was altered.
  if (bytes.toString('base64') !== signature) {
    return false;
  }
  try {
    return verify(null, Buffer.from(hash, 'utf8'), key, bytes);
  } catch {
    return false;
  }
}
