import { NotificationEventEntity } from '../notifications/entities/notification-event.entity.js';
import {
  ConsultationElectorEntity,
  ConsultationEntity,
  ConsultationStanceEntity,
} from '../consultations/consultation.entity.js';
import { PactCommentEntity } from '../comments/pact-comment.entity.js';
import { ScenarioEntity } from '../scenarios/scenario.entity.js';
import { InboxItemEntity } from '../notifications/entities/inbox-item.entity.js';
import { EmailDeliveryEntity } from '../notifications/entities/email-delivery.entity.js';
import { OutgoingMailEntity } from '../notifications/entities/outgoing-mail.entity.js';
import { NotificationPreferenceEntity } from '../notifications/entities/notification-preference.entity.js';
import { WebhookAttemptEntity } from '../webhooks/entities/webhook-attempt.entity.js';
import { WebhookDeliveryEntity } from '../webhooks/entities/webhook-delivery.entity.js';
import { WebhookEndpointEntity } from '../webhooks/entities/webhook-endpoint.entity.js';
import { MaintenanceRunEntity } from '../maintenance/maintenance-run.entity.js';
import { AccountAuditEventEntity } from '../audit/account-audit-event.entity.js';
import { AuditCheckpointEntity } from '../audit/audit-checkpoint.entity.js';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { AuditLogLeafEntity } from '../audit/audit-log-leaf.entity.js';
import { AuditTreeHeadEntity } from '../audit/audit-tree-head.entity.js';
import { AuditTreeNodeEntity } from '../audit/audit-tree-node.entity.js';
import { LoginAttemptBucketEntity } from '../auth/login-attempt-bucket.entity.js';
import { RefreshTokenEntity } from '../auth/refresh-token.entity.js';
import { IdempotencyKeyEntity } from '../pacts/entities/idempotency-key.entity.js';
import { PactApprovalEntity } from '../pacts/entities/pact-approval.entity.js';
import { PactCertificateEntity } from '../pacts/entities/pact-certificate.entity.js';
import { PactListKeyEntity } from '../pacts/entities/pact-list-key.entity.js';
import { PactParticipantEntity } from '../pacts/entities/pact-participant.entity.js';
import { PactRevisionEntity } from '../pacts/entities/pact-revision.entity.js';
import { PactSignatureEntity } from '../pacts/entities/pact-signature.entity.js';
import { PactStandAsideEntity } from '../pacts/entities/pact-stand-aside.entity.js';
import { PactEntity } from '../pacts/entities/pact.entity.js';
import { LocalPartyConstituencyEntity } from '../local-parties/local-party-constituency.entity.js';
import { LocalPartyEntity } from '../local-parties/local-party.entity.js';
import { LocalPartyEventEntity } from '../local-parties/local-party-event.entity.js';
import { CandidateEntity } from '../reference/candidate.entity.js';
import { ConstituencyResultEntity } from '../reference/constituency-result.entity.js';
import { ConstituencyVoteEntity } from '../reference/constituency-vote.entity.js';
import { ConstituencyEntity } from '../reference/constituency.entity.js';
import { ElectionEntity } from '../reference/election.entity.js';
import { PartyEntity } from '../reference/party.entity.js';
import { RegionEntity } from '../reference/region.entity.js';
import { GrantEntity } from '../users/grant.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { AccountTokenEntity } from '../users/account-token.entity.js';
import { CandidateImportEntity } from '../compliance/candidate-import.entity.js';
import { NominationEntity } from '../compliance/nomination.entity.js';
import { ContestChangeEntity } from '../contests/contest-change.entity.js';
import { ContestEntity } from '../contests/contest.entity.js';

/** Every TypeORM entity; listed explicitly because ESM builds cannot rely on glob loading. */
export const ENTITIES = [
  PartyEntity,
  RegionEntity,
  ElectionEntity,
  ContestEntity,
  ContestChangeEntity,
  CandidateImportEntity,
  NominationEntity,
  ConstituencyEntity,
  ConstituencyResultEntity,
  ConstituencyVoteEntity,
  CandidateEntity,
  LocalPartyEntity,
  LocalPartyConstituencyEntity,
  LocalPartyEventEntity,
  UserEntity,
  GrantEntity,
  AccountTokenEntity,
  RefreshTokenEntity,
  LoginAttemptBucketEntity,
  PactEntity,
  PactParticipantEntity,
  PactRevisionEntity,
  PactStandAsideEntity,
  PactSignatureEntity,
  PactApprovalEntity,
  PactListKeyEntity,
  IdempotencyKeyEntity,
  AuditEventEntity,
  AuditCheckpointEntity,
  AuditLogLeafEntity,
  AuditTreeNodeEntity,
  AuditTreeHeadEntity,
  PactCertificateEntity,
  AccountAuditEventEntity,
  MaintenanceRunEntity,
  NotificationEventEntity,
  InboxItemEntity,
  EmailDeliveryEntity,
  OutgoingMailEntity,
  NotificationPreferenceEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
  ConsultationEntity,
  ConsultationElectorEntity,
  ConsultationStanceEntity,
  PactCommentEntity,
  ScenarioEntity,
];
