import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity.js';

/** What a one-time account link is for. */
export type AccountTokenPurpose = 'invitation' | 'password-reset';

/**
 * A one-time link sent by mail: an invitation to set a first password, or a password reset. Only
 * the SHA-256 of the token is stored. A token is good once (`used_at`), until `expires_at`, and
 * while not voided — a newer token of the same purpose, or any password being set, voids the older
 * unused ones. Rows are marked, never deleted: they are the record of what was sent and used.
 */
@Entity('account_tokens')
@Index('ix_account_tokens_user_purpose', ['userId', 'purpose', 'createdAt'])
@Check('ck_account_tokens_purpose', `"purpose" IN ('invitation', 'password-reset')`)
export class AccountTokenEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column('varchar', { length: 16 })
  purpose!: AccountTokenPurpose;

  @Column('char', { length: 64, unique: true })
  tokenHash!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  voidedAt!: Date | null;

  /** Who asked for it: the inviting manager; null for a reset the account holder asked for. */
  @Column('uuid', { nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity;
}
