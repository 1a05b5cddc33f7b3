import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DeliveryMode = 'immediately' | 'digest' | 'off';

/** How a person wants email of one kind; no row means `immediately` (the default). */
@Entity('notification_preferences')
export class NotificationPreferenceEntity {
  @PrimaryColumn('uuid')
  userId!: string;

  @PrimaryColumn('varchar', { length: 40 })
  kind!: string;

  @Column('varchar', { length: 12 })
  mode!: DeliveryMode;
}
