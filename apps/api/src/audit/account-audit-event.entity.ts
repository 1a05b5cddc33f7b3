import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ChainEventColumns } from './chain-event-columns.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * One append-only, hash-chained event of an account's management trail (`libs/audit-chain`
 * account-chain). A trigger refuses UPDATE, DELETE and TRUNCATE; the primary key (account, seq)
 * makes two appends at one seq impossible.
 */
@Entity('account_audit_events')
export class AccountAuditEventEntity extends ChainEventColumns {
  @PrimaryColumn('uuid')
  accountId!: string;

  @PrimaryColumn('int')
  seq!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: UserEntity;
}
