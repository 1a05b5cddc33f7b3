import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The global checkpoint chain: each row folds the heads of every pact chain, hashed and signed with
 * the platform's Ed25519 key, so a deleted pact or a consistently rewritten chain tail is caught.
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
