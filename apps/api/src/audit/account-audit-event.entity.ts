import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/**
 * One append-only, hash-chained event of an account's management trail (`libs/audit-chain`
 * account-chain). A trigger refuses UPDATE, DELETE and TRUNCATE; the primary key (account, seq)
 * makes two appends at one seq impossible.
 */
@Entity('account_audit_events')
export class AccountAuditEventEntity {
  @PrimaryColumn('uuid')
  accountId!: string;

  @PrimaryColumn('int')
  seq!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: UserEntity;

  @Column('char', { length: 64 })
  prevHash!: string;

  @Column('char', { length: 64 })
  hash!: string;

  @Column('varchar', { length: 40 })
  action!: string;

  @Column('uuid', { nullable: true })
  actorUserId!: string | null;

  @Column('varchar', { length: 16 })
  actorRole!: string;

  @Column('uuid', { nullable: true })
  actorLocalPartyId!: string | null;

  @Column('varchar', { length: 16, nullable: true })
  actorParty!: string | null;

  @Column('varchar', { length: 32, nullable: true })
  actorRegion!: string | null;

  @Column('varchar', { length: 200, nullable: true })
  actorName!: string | null;

  @Column('jsonb')
  payload!: unknown;

  @Column('timestamptz')
  occurredAt!: Date;
}
