export {
  DELIVERY_MODES,
  KIND_LABELS,
  PACT_KINDS,
  SECURITY_KINDS,
  isPactKind,
  isSecurityKind,
  type DeliveryMode,
  type NotificationKind,
  type PactKind,
  type SecurityKind,
} from './kinds.js';
export {
  recipientsOf,
  type ApprovalFacts,
  type EventFacts,
  type ParticipantFacts,
  type PeopleOf,
  type Recipient,
} from './recipients.js';
export { composeMessage, ukDateTime, type Message, type MessageFacts } from './messages.js';
export { digestHtml, digestText, mailHtml, mailText, type MailFooter } from './mail-body.js';
export { linkifyOwnUrls, type TextPiece } from './linkify.js';
export { multipartFields } from './one-click-form.js';
