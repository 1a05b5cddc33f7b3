import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConstituencyEntity } from '../reference/constituency.entity.js';
import { LocalPartyEntity } from './local-party.entity.js';

/**
 * A seat a local party covers. Removing a seat marks the row (`removed_at`) rather than deleting
 * it; adding it back clears the mark. A trigger (migration 1764800100000) refuses a seat that an
 * active local party of the same party already covers.
 */
@Entity('local_party_constituencies')
export class LocalPartyConstituencyEntity {
  @PrimaryColumn('uuid')
  localPartyId!: string;

  @PrimaryColumn('int')
  constituencyId!: number;

  @ManyToOne(() => LocalPartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_party_id' })
  localParty?: LocalPartyEntity;

  @ManyToOne(() => ConstituencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'constituency_id' })
  constituency?: ConstituencyEntity;

  @Column('timestamptz', { nullable: true })
  removedAt!: Date | null;
}
