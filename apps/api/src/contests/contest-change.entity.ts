import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';
import { ContestEntity } from './contest.entity.js';

/** Append-only record of every change an admin made to a contest (who, when, from what to what). */
@Entity('contest_changes')
@Index('ix_contest_changes_contest', ['contestId', 'id'])
export class ContestChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('varchar', { length: 32 })
  contestId!: string;

  @ManyToOne(() => ContestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: ContestEntity;

  @Column('varchar', { length: 32 })
  action!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('uuid')
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;
}
