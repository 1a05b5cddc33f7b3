export { CanonicalJsonError, canonicalJson, hashCanonical, sha256Hex } from './canonical-json.js';
export {
  GENESIS_HASH,
  appendEvent,
  hashEvent,
  verifyChain,
  type AuditActor,
  type AuditEvent,
  type AuditEventBody,
  type AuditEventContent,
  type ChainHead,
  type ChainProblem,
  type ChainVerification,
  type VerifyChainOptions,
} from './chain.js';
export {
  SigningKeyError,
  publicKeyPem,
  signHash,
  toPrivateKey,
  toPublicKey,
  verifyHashSignature,
  type KeyInput,
} from './keys.js';
export {
  CheckpointError,
  createCheckpoint,
  hashCheckpoint,
  headRegressions,
  verifyChainAgainstCheckpoint,
  verifyCheckpoints,
  type ChainCheckpointVerification,
  type ChainHeads,
  type Checkpoint,
  type CheckpointBody,
  type CheckpointProblem,
  type CheckpointVerification,
  type HeadRegression,
} from './checkpoint.js';
export {
  verifyAuditTrail,
  type AuditTrailVerification,
  type PactTrailVerification,
} from './audit-trail.js';
export {
  CERTIFICATE_FORMAT,
  CertificateError,
  buildCertificatePayload,
  certificateHash,
  signCertificate,
  verifyCertificate,
  type CertificateInput,
  type CertificatePayload,
  type CertificateProblem,
  type CertificateVerification,
  type SignedCertificate,
} from './certificate.js';
