import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * History only: the full-snapshot checkpoints written before the audit log (each row named every
 * pact's chain head, and was served to anyone signed in). Kept, since nothing is deleted; no longer
 * written or served — checkpoints are the log's signed tree heads (audit-tree-head.entity.ts).
 */
@Entity('audit_checkpoints')
export class AuditCheckpointEntity {
  @PrimaryColumn('int')
  seq!: number;

  @Column('char', { length: 64 })
  prevHash!: string;

  @Column('char', { length: 64 })
  hash!: string;

  /** Base64 Ed25519 signature over `hash`. */
  @Column('text')
  signature!: string;

  /** SHA-256 of the signing public key (DER), so a key rotation is visible. */
  @Column('char', { length: 64 })
  keyId!: string;

  /** `{pactId: {seq, hash}}` for every chain at that moment. */
  @Column('jsonb')
  heads!: Record<string, { seq: number; hash: string }>;

  @Column('timestamptz')
  createdAt!: Date;
}
