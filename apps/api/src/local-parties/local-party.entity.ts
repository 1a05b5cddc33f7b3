import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { PartyEntity } from '../reference/party.entity.js';
import { RegionEntity } from '../reference/region.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * A party's branch covering one or more constituencies, all in one region, on any boundary sets
 * (a branch is the same branch after a boundary review: its seats on 2010 and on 2024 boundaries).
 * The boundary sets it covers are derived from its seats. A retired local party is kept (pacts and
 * grants still name it) but takes part in no new pact.
 *
 * Names are unique per party and region among active local parties, whatever their case: a
 * partial unique index on `(party_code, region_slug, lower(name))` (migration 1764800100000;
 * TypeORM cannot state an expression index, hence `synchronize: false`).
 */
@Entity('local_parties')
@Index('uq_local_parties_active_name', { synchronize: false })
@Check('ck_local_parties_name_not_blank', `btrim("name") <> ''`)
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

  /**
   * Deprecated and no longer read or written: the boundary sets come from the seats. Kept
   * (nullable) only so that rows and code from before the change stay valid.
   */
  @Column('varchar', { length: 4, nullable: true })
  boundarySet!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  retiredAt!: Date | null;

  @Column('uuid', { nullable: true })
  retiredBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'retired_by' })
  retiredByUser?: UserEntity;

  @Column('varchar', { length: 500, nullable: true })
  retirementReason!: string | null;
}
