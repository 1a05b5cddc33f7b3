import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { PartyEntity } from '../reference/party.entity.js';
import { RegionEntity } from '../reference/region.entity.js';

/** A party's branch covering one or more constituencies of one boundary set, all in one region. */
@Entity('local_parties')
@Unique(['partyCode', 'name'])
export class LocalPartyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('varchar', { length: 16 })
  partyCode!: string;

  @ManyToOne(() => PartyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_code' })
  party?: PartyEntity;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('varchar', { length: 32 })
  regionSlug!: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_slug' })
  region?: RegionEntity;

  @Column('varchar', { length: 4 })
  boundarySet!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
