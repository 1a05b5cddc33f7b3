export {
  generateSecret,
  signMessage,
  signature,
  verify,
  WebhookVerificationError,
  type WebhookHeaders,
} from './signing.js';
export {
  ROTATION_OVERLAP_HOURS,
  rotateSecrets,
  validSecrets,
  type StoredSecret,
} from './secrets.js';
export { isForbiddenAddress } from './address-rule.js';
export { webhookPayload, type WebhookPayload, type WebhookPayloadInput } from './payload.js';
