import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Fixed-window counters for login throttling (`account:<email>` for failures, `ip:<addr>` for all
 * attempts). They live in PostgreSQL, not process memory, so every API instance shares them.
 */
@Entity('login_attempt_buckets')
@Index(['windowStart'])
export class LoginAttemptBucketEntity {
  @PrimaryColumn('varchar', { length: 300 })
  key!: string;

  @PrimaryColumn('timestamptz')
  windowStart!: Date;

  @Column('int')
  attempts!: number;
}
