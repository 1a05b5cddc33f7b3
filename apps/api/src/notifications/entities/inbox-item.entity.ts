import { UserEntity } from '../../users/user.entity.js';
import { NotificationEventEntity } from './notification-event.entity.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';

/** One notification in one person's browser inbox; unique per person and event. */
@Entity('inbox_items')
@Unique('uq_inbox_items_user_event', ['userId', 'eventId'])
@Index('ix_inbox_items_user_created', ['userId', 'createdAt'])
// The header badge counts a person's unread items (InboxCounts).
@Index('ix_inbox_items_user_unread', ['userId'], { where: '"read_at" IS NULL' })
export class InboxItemEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @Column('uuid')
  eventId!: string;

  /** The kind as this person sees it (`pact.approval-needed` for a coordinator, …). */
  @Column('varchar', { length: 40 })
  kind!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  readAt!: Date | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => NotificationEventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: NotificationEventEntity;
}
