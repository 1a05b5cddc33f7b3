import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { NotificationEventEntity } from '../../notifications/entities/notification-event.entity.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead';

/**
 * One event owed to one endpoint. The unique (endpoint, event) pair is the idempotency key: a
 * fan-out run twice can never owe the event twice, and the event id is the `webhook-id` of every
 * attempt, so a receiver can drop a duplicate.
 */
@Entity('webhook_deliveries')
@Unique('uq_webhook_deliveries_endpoint_event', ['endpointId', 'eventId'])
@Index('ix_webhook_deliveries_status', ['status', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  endpointId!: string;

  @Column('uuid')
  eventId!: string;

  @Column('varchar', { length: 16 })
  status!: WebhookDeliveryStatus;

  @Column('int', { default: 0 })
  attempts!: number;

  @Column('int', { nullable: true })
  lastStatusCode!: number | null;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { nullable: true })
  lastAttemptAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt!: Date | null;

  @Column('timestamptz')
  createdAt!: Date;

  /** Who last asked for it to be sent again (resend/replay), and when. */
  @Column('uuid', { nullable: true })
  resentBy!: string | null;

  @Column('timestamptz', { nullable: true })
  resentAt!: Date | null;

  @ManyToOne(() => WebhookEndpointEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: WebhookEndpointEntity;

  @ManyToOne(() => NotificationEventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: NotificationEventEntity;
}
