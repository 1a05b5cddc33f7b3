import { PactEntity } from '../../pacts/entities/pact.entity.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * The outbox: one row per thing that happened and that people should hear about, written in the
 * same transaction as the change (and its audit event). Who hears of it, and how, is decided later
 * by the fan-out job, so a change never waits on recipients, mail or webhooks.
 */
@Entity('notification_events')
export class NotificationEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** What happened: a pact audit action (`pact.signed`), `pact.expiring`, `account.invited`, … */
  @Column('varchar', { length: 40 })
  kind!: string;

  @Index('ix_notification_events_pact')
  @Column('uuid', { nullable: true })
  pactId!: string | null;

  /** Who did it (`null` for the clock). */
  @Column('uuid', { nullable: true })
  actorUserId!: string | null;

  /** Whose account an account event is about. */
  @Column('uuid', { nullable: true })
  subjectUserId!: string | null;

  /** What the message needs that the pact row does not keep (status change, revision, reason). */
  @Column('jsonb')
  data!: Record<string, unknown>;

  /** Set for events a sweep may find twice (`expiring:<pact>:72h:<respond-by>`): the first wins. */
  @Column('varchar', { length: 160, nullable: true, unique: true })
  dedupeKey!: string | null;

  @Column('timestamptz')
  occurredAt!: Date;

  /** When the fan-out decided the recipients (then never again). */
  @Column('timestamptz', { nullable: true })
  fannedOutAt!: Date | null;

  @ManyToOne(() => PactEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pact_id' })
  pact?: PactEntity;
}
