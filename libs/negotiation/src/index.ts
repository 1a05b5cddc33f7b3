export {
  CERTIFIED_STATUSES,
  EXPIRABLE_STATUSES,
  LIVE_STATUSES,
  PACT_COMMAND_TYPES,
  PACT_STATUSES,
  SEAT_HOLDING_STATUSES,
  TERMINAL_STATUSES,
  TRANSITIONS,
  canTransition,
  holdsSeats,
  isCertified,
  isLive,
  isTerminal,
  nextStatuses,
  type PactCommandType,
  type PactStatus,
} from './states.js';
export {
  type ActingFor,
  type Actor,
  type Approval,
  type ApprovalSlot,
  type Commitment,
  type Grant,
  type Pact,
  type Participant,
  type Revision,
  type Role,
  type Signature,
  type StandAside,
  type Terms,
} from './model.js';
export {
  type CounteredPayload,
  type ComplianceCheckedPayload,
  type ConsultationClosedPayload,
  type ConsultationOpenedPayload,
  type ConsultationOutcome,
  type ConsultationOverriddenPayload,
  type ConsultationVoidedPayload,
  type DraftedPayload,
  type EventActor,
  type ExpiredPayload,
  type PactEvent,
  type PactEventAction,
  type PactEventPayloads,
  type ReasonPayload,
  type RevisionPayload,
  type StatusChange,
} from './events.js';
export {
  normalizeTerms,
  requiredApprovalSlots,
  termsHash,
  validateTerms,
  type TermsContext,
  type TermsProblem,
  type TermsProblemCode,
} from './terms.js';
export {
  conflictNotices,
  findConflicts,
  type ConflictNotice,
  type OtherPactStandAsides,
  type PactConflict,
  type PactConflictKind,
} from './conflicts.js';
export { diffTerms, type StandAsideChange, type TermsDiff } from './diff.js';
export {
  nationalCovers,
  officerIdentities,
  pactRegions,
  type ActorRejectionCode,
  type Identity,
  type IdentityResolution,
} from './actors.js';
export {
  SYSTEM_ACTOR,
  type Accepted,
  type CounterCommand,
  type Decision,
  type EndCommand,
  type ExpireCommand,
  type NegotiationContext,
  type PactCommand,
  type ProposeCommand,
  type Rejection,
  type RejectionCode,
  type RevisionCommand,
  type Unchanged,
} from './decision.js';
export { decide, expireIfDue, isPastRespondBy } from './decide.js';
export { completesSigning } from './accept.js';
export { resolveSigners, type SignersResolution } from './signers.js';
export { createDraft, type DraftInput } from './create.js';
export { MAX_RESPOND_BY_DAYS, checkRespondBy, type RespondByLimit } from './respond-by.js';
export { allowedCommands, canView, commandIdentities } from './access.js';
export {
  filterKeys,
  listKeysFor,
  listKeysOf,
  matchesListFilter,
  type ListFilter,
} from './list-keys.js';
export {
  ANSWERING_COMMANDS,
  arrangeDesk,
  askedOf,
  timeLeft,
  type Desk,
  type DeskPact,
} from './desk.js';
export {
  COMMENT_ANCHOR_KINDS,
  MAX_COMMENT_LENGTH,
  checkComment,
  checkCommentAnchor,
  checkCommentText,
  commenterCapacity,
  type CommentAnchor,
  type CommentCheck,
  type CommentProblem,
  type CommenterCapacity,
} from './comment-anchors.js';
