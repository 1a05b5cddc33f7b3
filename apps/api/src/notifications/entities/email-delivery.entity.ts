import { NotificationEventEntity } from './notification-event.entity.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';

export type EmailDeliveryStatus = 'pending' | 'sent' | 'digest' | 'skipped' | 'dead';

/**
 * One email owed to one address for one event. The unique (event, address) pair is the
 * idempotency key: a fan-out run twice, or a job retried, can never owe or send the mail twice.
 */
@Entity('email_deliveries')
@Unique('uq_email_deliveries_event_address', ['eventId', 'toAddress'])
@Index('ix_email_deliveries_status', ['status', 'createdAt'])
export class EmailDeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  eventId!: string;

  @Column('uuid', { nullable: true })
  userId!: string | null;

  @Column('varchar', { length: 254 })
  toAddress!: string;

  @Column('varchar', { length: 40 })
  kind!: string;

  @Column('varchar', { length: 16 })
  status!: EmailDeliveryStatus;

  @Column('int', { default: 0 })
  attempts!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  /** The mail that carried it (a digest carries many deliveries). */
  @Column('uuid', { nullable: true })
  mailId!: string | null;

  @ManyToOne(() => NotificationEventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: NotificationEventEntity;
}
