import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConstituencyEntity } from '../reference/constituency.entity.js';
import { LocalPartyEntity } from './local-party.entity.js';

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
}
