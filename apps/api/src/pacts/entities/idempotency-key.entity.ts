import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../../users/user.entity.js';

/**
 * A state-changing request's stored outcome by (user, Idempotency-Key). Claimed by INSERT inside
 * the command's own transaction: a concurrent duplicate blocks on the primary key until the first
 * commits, then replays its response — so the command executes once.
 */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid')
  userId!: string;

  @PrimaryColumn('varchar', { length: 200 })
  key!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** SHA-256 of method, path and canonical body: the same key with another request is refused. */
  @Column('char', { length: 64 })
  requestHash!: string;

  @Column('int', { nullable: true })
  statusCode!: number | null;

  @Column('jsonb', { nullable: true })
  response!: unknown;

  @Column('timestamptz')
  createdAt!: Date;
}
