import type { StoredSecret } from '@pactroom/webhooks';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PartyEntity } from '../../reference/party.entity.js';
import { RegionEntity } from '../../reference/region.entity.js';
import { UserEntity } from '../../users/user.entity.js';

/**
 * An HTTPS endpoint of a party's own systems in one region: it receives the events of the pacts
 * a coordinator of that party and region may see. Never deleted: disabling stops deliveries and
 * keeps the record and its delivery log.
 */
@Entity('webhook_endpoints')
@Index('ix_webhook_endpoints_scope', ['partyCode', 'regionSlug'])
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: 16 })
  partyCode!: string;

  @ManyToOne(() => PartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_code' })
  party?: PartyEntity;

  @Column('varchar', { length: 32 })
  regionSlug!: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_slug' })
  region?: RegionEntity;

  @Column('varchar', { length: 2000 })
  url!: string;

  @Column('varchar', { length: 200 })
  description!: string;

  /** Signing secrets, newest first; a rotated-out one carries its expiry (docs/webhooks.md). */
  @Column('jsonb')
  secrets!: StoredSecret[];

  @Column('uuid')
  createdBy!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  disabledAt!: Date | null;

  @Column('uuid', { nullable: true })
  disabledBy!: string | null;

  @Column('timestamptz', { nullable: true })
  secretRotatedAt!: Date | null;

  @Column('uuid', { nullable: true })
  secretRotatedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity;
}
