import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';

/** One HTTP attempt of a delivery: the delivery log people read on the endpoint's page. */
@Entity('webhook_attempts')
export class WebhookAttemptEntity {
  @PrimaryColumn('uuid')
  deliveryId!: string;

  @PrimaryColumn('int')
  attempt!: number;

  @Column('timestamptz')
  at!: Date;

  @Column('int', { nullable: true })
  statusCode!: number | null;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('int')
  durationMs!: number;

  @ManyToOne(() => WebhookDeliveryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: WebhookDeliveryEntity;
}
